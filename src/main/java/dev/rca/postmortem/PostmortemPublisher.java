package dev.rca.postmortem;

import dev.rca.logs.LogLineReader;
import dev.rca.RcaException;
import dev.rca.io.AtomicFile;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitDetails;
import dev.rca.ledger.CommitLookup;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerLocator;
import dev.rca.ledger.LedgerStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.AbortedByHookException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.ProcessResult;

/**
 * Writes {@code docs/postmortems/<TICKET>.md} beside its ledger and, on request, commits exactly those two files
 * as one ordinary commit: the repository's own identity ({@code user.name}, {@code user.email}) and hooks
 * ({@code prepare-commit-msg}, {@code pre-commit}, {@code commit-msg}, {@code post-commit}), other staged changes left
 * staged. The ledger's
 * status becomes {@code published} before the commit, so the committed ledger says so. If the commit fails,
 * both files are put back as they were.
 */
public final class PostmortemPublisher {
    private final GitWorkspace workspace;
    private final LedgerFile ledgerFile;

    /** Publishes next to {@code ledgerFile}, a ledger of {@code workspace}'s work tree. */
    public PostmortemPublisher(GitWorkspace workspace, LedgerFile ledgerFile) {
        this.workspace = workspace;
        this.ledgerFile = ledgerFile;
    }

    /** The post-mortem's path relative to the top of the work tree, {@code docs/postmortems/<TICKET>.md}. */
    public String markdownName() {
        return LedgerLocator.DIRECTORY + "/" + ledgerFile.ticket().value() + ".md";
    }

    /** The ledger's path relative to the top of the work tree. */
    public String ledgerName() {
        return LedgerLocator.DIRECTORY + "/" + ledgerFile.ticket().value() + ".yaml";
    }

    /** Whether the post-mortem beside the ledger is {@code markdown}, byte for byte (false when there is none). */
    public boolean holds(String markdown) {
        byte[] written = readIfExists(markdownPath());
        return written != null && Arrays.equals(written, markdown.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the post-mortem is written: beside its ledger. */
    public Path markdownPath() {
        return ledgerFile.path().resolveSibling(ledgerFile.ticket().value() + ".md");
    }

    /**
     * Checks, before anything is written, that a commit can be made: not bare, no merge or rebase under way,
     * an identity configured, no symbolic link on the files' way, and no commit signing asked for (rca cannot sign).
     *
     * @throws RcaException exit 3 naming what stands in the way and how to commit by hand
     */
    public void checkCanCommit() {
        var repository = workspace.repository();
        String ticket = ledgerFile.ticket().value();
        String byHand = "git commit -S -m \"Post-mortem for " + ticket + "\" -- " + markdownName() + " " + ledgerName();
        RepositoryState state = repository.getRepositoryState();
        if (state != RepositoryState.SAFE) {
            throw RcaException.badInput("cannot commit the post-mortem: the repository is in the middle of "
                + state.getDescription().toLowerCase(java.util.Locale.ROOT) + "; nothing was written")
                .withHint("finish or abort it first, then rerun 'rca postmortem -t " + ticket + " --commit'");
        }
        UserConfig user = repository.getConfig().get(UserConfig.KEY);
        if (user.isCommitterNameImplicit() || user.isCommitterEmailImplicit()) {
            throw RcaException.badInput("cannot commit the post-mortem: user.name and user.email are not both "
                + "configured; nothing was written")
                .withHint("git config user.name \"Your Name\" && git config user.email you@example.com");
        }
        Path top = workspace.workTree();
        for (Path dir = Path.of(markdownName()).getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isSymbolicLink(top.resolve(dir))) {
                // git add stops there too ("is beyond a symbolic link"); JGit's add skipped the files without a word
                throw RcaException.badInput("cannot commit the post-mortem: " + dir + " is a symbolic link, and git"
                    + " adds nothing beyond one; nothing was written")
                    .withHint("run 'rca postmortem -t " + ticket + "' and commit the two files where the link leads,"
                        + " or make " + dir + " a directory");
            }
        }
        if (repository.getConfig().getBoolean("commit", "gpgSign", false)) {
            throw RcaException.badInput("cannot commit the post-mortem: commit.gpgSign is set and rca cannot sign "
                + "commits; nothing was written")
                .withHint("run 'rca postmortem -t " + ticket + "', set 'status: published' in " + ledgerName()
                    + ", then: " + byHand);
        }
    }

    /**
     * Writes the post-mortem (atomically: a temporary file renamed over it).
     *
     * @throws RcaException exit 3 when it cannot be written
     */
    public void write(String markdown) {
        writeAtomically(markdownPath(), markdown.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the post-mortem, marks the ledger {@code published} and commits the two files alone. Call
     * {@link #checkCanCommit()} first. On failure both files are restored and nothing is committed.
     *
     * @param hookOutput where the hooks' output goes
     * @return the new commit, or {@code null} when {@code HEAD} already holds both files exactly as they are
     * @throws RcaException exit 3 when a hook refuses or the commit fails
     */
    public CommitInfoLine writeAndCommit(String markdown, Ledger ledger, CommitLookup commits, PrintStream hookOutput) {
        Path md = markdownPath();
        byte[] previousMarkdown = readIfExists(md);
        byte[] previousLedger = readIfExists(ledgerFile.path());
        LedgerStatus previousStatus = ledger.status();
        java.util.Map<String, DirCacheEntry> stagedBefore = stagedEntries();
        boolean done = false;
        try {
            write(markdown);
            if (previousStatus != LedgerStatus.PUBLISHED) {
                ledgerFile.update(edit -> {
                    edit.setStatus(LedgerStatus.PUBLISHED);
                    return null;
                });
            }
            if (committedAsTheyAre()) {
                done = true;
                return null;
            }
            CommitInfoLine committed = commit(message(ledger, commits), hookOutput);
            done = true;
            return committed;
        } finally {
            if (!done) {
                restore(md, previousMarkdown, previousLedger, stagedBefore);
            }
        }
    }

    /** The commit a published post-mortem made: its full SHA and its subject. */
    public record CommitInfoLine(String sha, String subject) {
    }

    /**
     * {@code Post-mortem for <T>: <title>} ({@code Post-mortem for <T>} without a title), then one
     * {@code Fix: <sha12> <subject>} line per fix commit.
     */
    static String message(Ledger ledger, CommitLookup commits) {
        String title = ledger.title() == null ? "" : LogLineReader.cleanLines(ledger.title()).strip()
            .replaceAll("\\s+", " ");
        StringBuilder sb = new StringBuilder("Post-mortem for ").append(ledger.ticket())
            .append(title.isEmpty() ? "" : ": " + title).append("\n\n");
        for (String sha : ledger.fix().commits()) {
            String line = commits.find(sha)
                .map(c -> c.sha().substring(0, PostmortemRenderer.SHORT_SHA) + " " + c.subject())
                .orElse(sha);
            sb.append("Fix: ").append(line).append('\n');
        }
        return sb.toString();
    }

    private CommitInfoLine commit(String message, PrintStream hookOutput) {
        String md = markdownName();
        String yaml = ledgerName();
        try (Git git = new Git(workspace.repository())) {
            // an untracked file cannot be committed with --only, as in git; adding just these two paths leaves
            // every other entry of the index as it was
            DirCache index = git.add().addFilepattern(md).addFilepattern(yaml).call();
            for (String path : List.of(md, yaml)) {
                if (index.getEntry(path) == null) {
                    throw RcaException.badInput("cannot commit " + path + ": git ignores it (see .gitignore); the "
                        + "post-mortem and the ledger are as they were")
                        .withHint("stop ignoring docs/postmortems/, or commit with 'git add -f'");
                }
            }
            RevCommit commit = git.commit().setOnly(md).setOnly(yaml).setMessage(prepareMessage(message, hookOutput))
                .setHookOutputStream(hookOutput).setHookErrorStream(hookOutput).call();
            return new CommitInfoLine(commit.name(), CommitDetails.subject(commit.getFullMessage()));
        } catch (AbortedByHookException e) {
            throw RcaException.badInput("the " + e.getHookName() + " hook refused the commit (exit "
                + e.getReturnCode() + "); the post-mortem and the ledger are as they were", e)
                .withHint("see the hook's output above; fix what it reports and rerun");
        } catch (GitAPIException | JGitInternalException e) {
            if (e.getCause() instanceof java.nio.file.FileSystemException denied) {
                // JGit's own message ("Exception caught during execution of add command") says nothing useful
                throw RcaException.badInput("cannot commit the post-mortem: cannot write " + denied.getFile()
                    + (denied.getReason() == null ? "" : " (" + denied.getReason().toLowerCase(java.util.Locale.ROOT) + ")")
                    + "; the post-mortem and the ledger are as they were", e)
                    .withHint("make " + workspace.gitDir() + " writable, or commit the two files by hand");
            }
            throw RcaException.badInput("cannot commit the post-mortem: " + e.getMessage()
                + "; the post-mortem and the ledger are as they were", e);
        }
    }

    /**
     * The message after the repository's {@code prepare-commit-msg} hook, which JGit does not run: as {@code git
     * commit -m} runs it, with {@code .git/COMMIT_EDITMSG} and the source {@code message}; it may edit the file or
     * refuse the commit. Run before {@code pre-commit}, which JGit runs inside the commit (git runs it after).
     */
    private String prepareMessage(String message, PrintStream hookOutput) {
        var repository = workspace.repository();
        Path file = repository.getDirectory().toPath().resolve("COMMIT_EDITMSG");
        try {
            Files.writeString(file, message, StandardCharsets.UTF_8);
            ProcessResult hook = repository.getFS().runHookIfPresent(repository, "prepare-commit-msg",
                new String[] {file.toString(), "message"}, hookOutput, hookOutput, null);
            if (hook.getStatus() != ProcessResult.Status.OK) {
                return message;
            }
            if (hook.getExitCode() != 0) {
                throw RcaException.badInput("the prepare-commit-msg hook refused the commit (exit " + hook.getExitCode()
                    + "); the post-mortem and the ledger are as they were")
                    .withHint("see the hook's output above; fix what it reports and rerun");
            }
            String prepared = Files.readString(file, StandardCharsets.UTF_8);
            if (prepared.isBlank()) {
                // git aborts ("Aborting commit due to empty commit message."); JGit would commit it
                throw RcaException.badInput("the prepare-commit-msg hook left the commit message empty, and git makes"
                    + " no commit with an empty message; the post-mortem and the ledger are as they were")
                    .withHint("see the hook's output above; fix what it does and rerun");
            }
            return prepared;
        } catch (IOException e) {
            throw RcaException.badInput("cannot write " + file + ": " + e.getMessage()
                + "; the post-mortem and the ledger are as they were", e);
        }
    }

    /**
     * Puts both files back as they were, the ledger byte for byte (the caller holds its lock): set back through an
     * update, the status moved on again to what the ledger establishes (a hand-filled ledger left at {@code open}
     * came back {@code validated}).
     */
    private void restore(Path md, byte[] previousMarkdown, byte[] previousLedger,
                         java.util.Map<String, DirCacheEntry> stagedBefore) {
        try {
            if (previousMarkdown == null) {
                Files.deleteIfExists(md);
            } else {
                writeAtomically(md, previousMarkdown);
            }
        } catch (IOException | RcaException e) {
            // the error that stopped the commit is the one to report
        }
        if (previousLedger != null) {
            try {
                writeAtomically(ledgerFile.path(), previousLedger);
            } catch (RcaException e) {
                // as above
            }
        }
        restoreIndex(stagedBefore);
    }

    /** True when both files in the work tree are byte for byte what {@code HEAD} holds. */
    private boolean committedAsTheyAre() {
        var repository = workspace.repository();
        try (RevWalk walk = new RevWalk(repository); ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return false;
            }
            RevTree tree = walk.parseCommit(head).getTree();
            for (String path : List.of(markdownName(), ledgerName())) {
                try (TreeWalk entry = TreeWalk.forPath(repository, path, tree)) {
                    byte[] bytes = Files.readAllBytes(workspace.workTree().resolve(path));
                    if (entry == null || !entry.getObjectId(0).equals(ids.idFor(Constants.OBJ_BLOB, bytes))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    /** The index entries of the two files, so a failed commit can put the index back as it was. */
    private java.util.Map<String, DirCacheEntry> stagedEntries() {
        java.util.Map<String, DirCacheEntry> entries = new java.util.HashMap<>();
        try {
            DirCache index = workspace.repository().readDirCache();
            for (String path : List.of(markdownName(), ledgerName())) {
                entries.put(path, index.getEntry(path));
            }
            return entries;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the index: " + e.getMessage(), e);
        }
    }

    private void restoreIndex(java.util.Map<String, DirCacheEntry> before) {
        try {
            DirCache index = workspace.repository().lockDirCache();
            try {
                DirCacheEditor editor = index.editor();
                before.forEach((path, entry) -> {
                    if (entry == null) {
                        editor.add(new DirCacheEditor.DeletePath(path));
                    } else {
                        editor.add(new DirCacheEditor.PathEdit(path) {
                            @Override
                            public void apply(DirCacheEntry e) {
                                e.copyMetaData(entry);
                                e.setObjectId(entry.getObjectId());
                            }
                        });
                    }
                });
                editor.commit();
            } finally {
                index.unlock();
            }
        } catch (IOException e) {
            // the error that stopped the commit is the one to report
        }
    }

    private static byte[] readIfExists(Path path) {
        try {
            return Files.exists(path) ? Files.readAllBytes(path) : null;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path path, byte[] bytes) {
        try {
            AtomicFile.write(path, bytes);
        } catch (IOException e) {
            throw RcaException.badInput("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
