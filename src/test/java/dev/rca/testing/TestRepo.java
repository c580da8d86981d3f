package dev.rca.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Builds real repositories for tests with a fixed clock and identity, so SHAs are the same on every
 * machine. Commits are written straight to the object database; {@link #checkout()} brings the work
 * tree and index in line with {@code HEAD} when a test needs them.
 *
 * <pre>{@code
 * TestRepo repo = TestRepo.init(tmp);
 * RevCommit a = repo.commit("add parser").add("src/Parser.java", "class Parser {}").create();
 * repo.branch("topic", a);
 * }</pre>
 */
public final class TestRepo implements AutoCloseable {
    /** 2026-01-01T00:00:00Z: the clock every test repository starts at. */
    public static final long EPOCH_SECONDS = 1_767_225_600L;

    private final Repository repository;
    private final Git git;
    private String branch = "main";
    private long clock = EPOCH_SECONDS;
    private long tickSeconds = 60;
    private PersonIdent author = new PersonIdent("Alice Author", "alice@example.com");
    private PersonIdent committer = new PersonIdent("Carol Committer", "carol@example.com");

    private TestRepo(Git git) {
        this.git = git;
        this.repository = git.getRepository();
    }

    /** Creates a non-bare repository in {@code directory} with {@code main} as its branch. */
    public static TestRepo init(Path directory) {
        return init(directory, false);
    }

    /** Creates a repository in {@code directory}, bare or not, with {@code main} as its branch. */
    public static TestRepo init(Path directory, boolean bare) {
        try {
            Git git = Git.init().setDirectory(directory.toFile()).setBare(bare).setInitialBranch("main").call();
            var config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Test User");
            config.setString("user", null, "email", "test@example.com");
            config.setBoolean("commit", null, "gpgsign", false);
            config.save();
            return new TestRepo(git);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test repository in " + directory, e);
        }
    }

    public Repository repository() {
        return repository;
    }

    /** The work tree (or the git directory of a bare repository). */
    public Path directory() {
        return repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath();
    }

    /** Sets who authors the next commits. */
    public TestRepo author(String name, String email) {
        author = new PersonIdent(name, email);
        return this;
    }

    /** Sets who commits the next commits. */
    public TestRepo committer(String name, String email) {
        committer = new PersonIdent(name, email);
        return this;
    }

    /** Seconds the clock moves before each commit (negative for clock skew). */
    public TestRepo tick(long seconds) {
        tickSeconds = seconds;
        return this;
    }

    /** Sets the clock to an absolute time. */
    public TestRepo clock(long epochSeconds) {
        clock = epochSeconds;
        return this;
    }

    /** The branch the next commits go on (created on first commit if missing). */
    public TestRepo onBranch(String name) {
        branch = name;
        return this;
    }

    /** Points {@code refs/heads/<name>} at {@code commit}. */
    public TestRepo branch(String name, ObjectId commit) {
        updateRef(Constants.R_HEADS + name, commit);
        return this;
    }

    /** Creates a lightweight tag. */
    public TestRepo tag(String name, ObjectId commit) {
        updateRef(Constants.R_TAGS + name, commit);
        return this;
    }

    /** Starts a commit on the current branch, on top of its tip. */
    public CommitSpec commit(String message) {
        return new CommitSpec(message);
    }

    /** The tip of a branch, or null. */
    public RevCommit tip(String branchName) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(Constants.R_HEADS + branchName);
            return id == null ? null : walk.parseCommit(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes HEAD point at the current branch and checks it out into the work tree and index. */
    public TestRepo checkout() {
        try {
            RefUpdate head = repository.updateRef(Constants.HEAD);
            head.link(Constants.R_HEADS + branch);
            RevCommit tip = tip(branch);
            if (tip != null && !repository.isBare()) {
                DirCache dc = repository.lockDirCache();
                DirCacheCheckout checkout = new DirCacheCheckout(repository, dc, tip.getTree());
                checkout.setFailOnConflict(false);
                checkout.checkout();
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of {@code path} at {@code commit}, or null. */
    public String read(ObjectId commit, String path) {
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tw = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
            return tw == null ? null : new String(repository.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void updateRef(String ref, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(ref);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                || result == RefUpdate.Result.REJECTED) {
                throw new IllegalStateException("cannot update " + ref + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

    /** One commit being described: its changes, parents and message. */
    public final class CommitSpec {
        private final String message;
        private final Map<String, byte[]> writes = new LinkedHashMap<>();
        private final Map<String, FileMode> modes = new LinkedHashMap<>();
        private final Map<String, ObjectId> submodules = new LinkedHashMap<>();
        private final List<String> deletes = new ArrayList<>();
        private final List<ObjectId> extraParents = new ArrayList<>();
        private ObjectId firstParent;
        private boolean firstParentSet;
        private byte[] rawMessage;
        private String encoding;
        private PersonIdent authorOverride;

        private CommitSpec(String message) {
            this.message = message;
        }

        /** Writes a file (UTF-8). */
        public CommitSpec add(String path, String content) {
            return add(path, content.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes a file. */
        public CommitSpec add(String path, byte[] content) {
            submodules.remove(path);
            writes.put(path, content);
            modes.put(path, FileMode.REGULAR_FILE);
            deletes.remove(path);
            return this;
        }

        /** Writes an executable file. */
        public CommitSpec addExecutable(String path, String content) {
            add(path, content);
            modes.put(path, FileMode.EXECUTABLE_FILE);
            return this;
        }

        /** Writes a symbolic link to {@code target}. */
        public CommitSpec addSymlink(String path, String target) {
            add(path, target);
            modes.put(path, FileMode.SYMLINK);
            return this;
        }

        /** Points submodule {@code path} at {@code commit}, a commit of another repository (not stored here). */
        public CommitSpec addSubmodule(String path, ObjectId commit) {
            writes.remove(path);
            deletes.remove(path);
            submodules.put(path, commit.copy());
            return this;
        }

        /** Deletes a file or every file under a directory. */
        public CommitSpec delete(String path) {
            deletes.add(path);
            writes.remove(path);
            return this;
        }

        /** Moves a file, keeping its content (plus an optional edit through {@link #add}). */
        public CommitSpec rename(String from, String to) {
            ObjectId base = baseCommit();
            String content = base == null ? null : read(base, from);
            if (content == null) {
                throw new IllegalArgumentException("no file " + from + " to rename");
            }
            delete(from);
            return add(to, content);
        }

        /** Makes this a merge with {@code others} as the second and later parents. */
        public CommitSpec merge(ObjectId... others) {
            extraParents.addAll(List.of(others));
            return this;
        }

        /** Uses {@code parent} as the first parent instead of the branch tip ({@code null}: a root commit). */
        public CommitSpec parent(ObjectId parent) {
            firstParent = parent;
            firstParentSet = true;
            return this;
        }

        /** Stores the message in another encoding, with git's {@code encoding} header. */
        public CommitSpec encoding(String charsetName) {
            encoding = charsetName;
            rawMessage = message.getBytes(java.nio.charset.Charset.forName(charsetName));
            return this;
        }

        /** Authors this commit as someone else. */
        public CommitSpec by(String name, String email) {
            authorOverride = new PersonIdent(name, email);
            return this;
        }

        private ObjectId baseCommit() {
            if (firstParentSet) {
                return firstParent;
            }
            RevCommit tip = tip(branch);
            return tip;
        }

        /** Writes the commit and moves the branch to it. */
        public RevCommit create() {
            clock += tickSeconds;
            Instant when = Instant.ofEpochSecond(clock);
            try (ObjectInserter inserter = repository.newObjectInserter();
                 ObjectReader reader = repository.newObjectReader();
                 RevWalk walk = new RevWalk(reader)) {
                ObjectId base = baseCommit();
                DirCache dc = DirCache.newInCore();
                if (base != null) {
                    DirCacheBuilder builder = dc.builder();
                    builder.addTree(new byte[0], 0, reader, walk.parseCommit(base).getTree());
                    builder.finish();
                }
                DirCacheEditor editor = dc.editor();
                for (String path : deletes) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                    editor.add(new DirCacheEditor.DeleteTree(path));
                }
                for (Map.Entry<String, byte[]> write : writes.entrySet()) {
                    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, write.getValue());
                    FileMode mode = modes.get(write.getKey());
                    editor.add(new DirCacheEditor.PathEdit(write.getKey()) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(mode);
                            entry.setObjectId(blob);
                        }
                    });
                }
                for (Map.Entry<String, ObjectId> link : submodules.entrySet()) {
                    editor.add(new DirCacheEditor.PathEdit(link.getKey()) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.GITLINK);
                            entry.setObjectId(link.getValue());
                        }
                    });
                }
                editor.finish();
                ObjectId tree = dc.writeTree(inserter);

                CommitBuilder cb = new CommitBuilder();
                List<ObjectId> parents = new ArrayList<>();
                if (base != null) {
                    parents.add(base);
                }
                parents.addAll(extraParents);
                cb.setParentIds(parents);
                cb.setTreeId(tree);
                PersonIdent who = authorOverride != null ? authorOverride : author;
                cb.setAuthor(new PersonIdent(who.getName(), who.getEmailAddress(), when, ZoneOffset.UTC));
                cb.setCommitter(new PersonIdent(committer.getName(), committer.getEmailAddress(), when,
                    ZoneOffset.UTC));
                if (encoding != null) {
                    cb.setEncoding(java.nio.charset.Charset.forName(encoding));
                    cb.setMessage(new String(rawMessage, java.nio.charset.Charset.forName(encoding)));
                } else {
                    cb.setMessage(message);
                }
                ObjectId id = inserter.insert(cb);
                inserter.flush();
                updateRef(Constants.R_HEADS + branch, id);
                return walk.parseCommit(id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
