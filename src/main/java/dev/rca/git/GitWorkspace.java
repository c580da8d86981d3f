package dev.rca.git;

import dev.rca.RcaException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * An open git repository as rca uses it: found from any directory inside a work tree, a bare
 * repository or a linked worktree, with rca's private state directory under the git directory.
 * One instance is opened per command and shared by every walk it runs.
 */
public final class GitWorkspace implements AutoCloseable {
    private final Repository repository;
    private final Path startDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When opened from inside one of rca's scratch checkouts: the commit checked out there; else null. */
    private String scratchHead;
    private static volatile RepositoryPool pool;

    private GitWorkspace(Repository repository, Path startDirectory) {
        this.repository = repository;
        this.startDirectory = startDirectory;
    }

    /**
     * One line when rca runs inside one of its scratch checkouts, to print before a history walk ({@code null}
     * elsewhere): the walk starts from the owning repository's HEAD, where git in the checkout starts from the
     * commit checked out there.
     */
    public String scratchNote() {
        if (scratchHead == null) {
            return null;
        }
        String short12 = scratchHead.substring(0, 12);
        return "this is rca's scratch checkout of " + short12 + "; HEAD here is " + workTree()
            + "'s HEAD, not " + short12 + ": name it to start there (rca log " + short12 + ")";
    }

    /**
     * Opens the repository that contains {@code directory}, searching upwards like git does and
     * honouring {@code GIT_DIR} and {@code GIT_WORK_TREE}. Inside one of rca's scratch checkouts it is the repository
     * the checkout belongs to ({@link ScratchCheckout#owner}), and the start directory the same place in its work
     * tree.
     *
     * @throws RcaException exit 3 when {@code directory} is not inside a git repository
     */
    public static GitWorkspace open(Path directory) {
        GitSystemConfig.install();
        Path start = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            throw RcaException.badInput("cannot change to '" + directory + "': no such directory");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        builder.readEnvironment();
        fromStart(builder, start);
        boolean explicit = builder.getGitDir() != null;
        if (explicit && builder.getWorkTree() == null && workTreeIsCurrentDirectory(builder.getGitDir())) {
            builder.setWorkTree(start.toFile());
        }
        boolean bare = false;
        if (builder.getGitDir() == null) {
            builder.findGitDir(start.toFile());
        }
        if (builder.getGitDir() == null) {
            File asBare = start.toFile();
            if (isBareGitDir(asBare)) {
                builder.setGitDir(asBare);
                bare = true;
            }
        }
        if (builder.getGitDir() == null) {
            throw RcaException.badInput("not a git repository (or any of the parent directories): " + start)
                .withHint("run rca inside a git repository, or name one with -C <dir>");
        }
        if (!explicit) {
            // on the physical paths, as git (getcwd) sees them: a symbolic link of another user on the way is no
            // other user's repository
            checkOwnership(physical(start), physical(builder.getGitDir().toPath().toAbsolutePath().normalize()), bare);
        }
        java.util.Optional<Path> owner = ScratchCheckout.owner(builder.getGitDir().toPath());
        Path scratchGitDir = owner.isPresent() ? builder.getGitDir().toPath() : null;
        if (owner.isPresent()) {
            Path scratch = stripGitSuffix(builder.getGitDir().toPath().toAbsolutePath().normalize());
            builder = new FileRepositoryBuilder();
            builder.setGitDir(owner.get().toFile());
            start = inOwner(start, scratch, builder);
        }
        try {
            builder.setMustExist(true);
            RepositoryPool keeping = pool;
            Repository repository = keeping != null ? keeping.open(builder) : GraftedRepository.open(builder);
            MappedPackIndexes.install(repository);
            GitWorkspace workspace = new GitWorkspace(repository, start);
            if (scratchGitDir != null) {
                workspace.scratchHead = ScratchCheckout.checkedOut(scratchGitDir);
            }
            return workspace;
        } catch (IOException | IllegalArgumentException e) {
            throw RcaException.badInput("cannot open git repository at " + builder.getGitDir() + ": "
                + e.getMessage(), e);
        }
    }

    /**
     * Whether git takes the current directory for the top of the work tree: {@code GIT_DIR} without
     * {@code GIT_WORK_TREE}, and neither {@code core.worktree} nor {@code core.bare=true} in that git directory (JGit
     * would take the git directory's parent).
     */
    private static boolean workTreeIsCurrentDirectory(File gitDir) {
        FileBasedConfig config = new FileBasedConfig(new File(gitDir, Constants.CONFIG), FS.DETECTED);
        try {
            config.load();
        } catch (IOException | ConfigInvalidException unreadable) {
            // opening the repository says what is wrong with it
            return false;
        }
        return config.getString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_WORKTREE) == null
            && !config.getBoolean(ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_BARE, false);
    }

    /**
     * git's ownership check on a repository found by searching upwards ({@link SafeDirectory}): the {@code .git}
     * directory and the directory holding it, or the {@code .git} file, its directory and the git directory it
     * names, or a bare repository's directory.
     */
    /**
     * Relative {@code GIT_DIR}, {@code GIT_WORK_TREE}, {@code GIT_INDEX_FILE} and {@code GIT_OBJECT_DIRECTORY} name
     * places from the directory rca works in ({@code -C}'s, the client's in the daemon), as git reads them after its
     * {@code chdir}; JGit resolved them from the JVM's own directory.
     */
    private static void fromStart(FileRepositoryBuilder builder, Path start) {
        if (builder.getGitDir() != null && !builder.getGitDir().isAbsolute()) {
            builder.setGitDir(start.resolve(builder.getGitDir().getPath()).normalize().toFile());
        }
        if (builder.getWorkTree() != null && !builder.getWorkTree().isAbsolute()) {
            builder.setWorkTree(start.resolve(builder.getWorkTree().getPath()).normalize().toFile());
        }
        if (builder.getIndexFile() != null && !builder.getIndexFile().isAbsolute()) {
            builder.setIndexFile(start.resolve(builder.getIndexFile().getPath()).normalize().toFile());
        }
        if (builder.getObjectDirectory() != null && !builder.getObjectDirectory().isAbsolute()) {
            builder.setObjectDirectory(start.resolve(builder.getObjectDirectory().getPath()).normalize().toFile());
        }
    }

    private static Path physical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException gone) {
            return path;
        }
    }

    private static void checkOwnership(Path start, Path gitDir, boolean bare) {
        if (bare || start.startsWith(gitDir)) {
            // inside the git directory git knows no work tree and checks the git directory alone
            SafeDirectory.check(null, null, gitDir, start);
            return;
        }
        if (gitDir.getFileName() != null && gitDir.getFileName().toString().equals(Constants.DOT_GIT)
            && Files.isDirectory(gitDir) && start.startsWith(gitDir.getParent())) {
            SafeDirectory.check(null, gitDir.getParent(), gitDir, start);
            return;
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(Constants.DOT_GIT);
            if (Files.isRegularFile(dotGit, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                SafeDirectory.check(dotGit, dir, gitDir, start);
                return;
            }
        }
        SafeDirectory.check(null, null, gitDir, start);
    }

    private static Path stripGitSuffix(Path scratchGitDir) {
        String name = scratchGitDir.getFileName().toString();
        return scratchGitDir.resolveSibling(name.substring(0, name.length() - ".git".length()));
    }

    /**
     * Where {@code start}, inside the scratch checkout {@code scratch}, is in the owning repository's work tree (the
     * same place in the tree, so a path operand names the same file); {@code start} itself in a bare repository.
     */
    private static Path inOwner(Path start, Path scratch, FileRepositoryBuilder owner) {
        if (!start.startsWith(scratch)) {
            return start;
        }
        try {
            owner.setup();
        } catch (IOException | IllegalArgumentException e) {
            throw RcaException.badInput("cannot open git repository at " + owner.getGitDir() + ": " + e.getMessage(), e);
        }
        if (owner.isBare() || owner.getWorkTree() == null) {
            return start;
        }
        return owner.getWorkTree().toPath().toAbsolutePath().normalize().resolve(scratch.relativize(start));
    }

    /**
     * Opens the repository around {@code directory} when there is one: for commands such as {@code lint} and
     * {@code logs diff} that also work outside a repository. Empty when {@code directory} is in none.
     */
    public static java.util.Optional<GitWorkspace> find(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(open(directory));
        } catch (RcaException notARepository) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isBareGitDir(File dir) {
        return new File(dir, "HEAD").isFile() && new File(dir, "objects").isDirectory()
            && new File(dir, "refs").isDirectory();
    }

    /** The JGit repository; for the classes that talk to git. */
    public Repository repository() {
        return repository;
    }

    /** The directory the command was started in (after {@code -C}). */
    public Path startDirectory() {
        return startDirectory;
    }

    /** True for a repository without a work tree. */
    public boolean isBare() {
        return repository.isBare();
    }

    /** The top of the work tree. @throws RcaException exit 3 in a bare repository */
    public Path workTree() {
        if (repository.isBare()) {
            throw RcaException.badInput("this operation needs a work tree, and " + gitDir() + " is bare");
        }
        return repository.getWorkTree().toPath().toAbsolutePath().normalize();
    }

    /**
     * How a file is named where the repository's readers resolve it (a ledger, a post-mortem): relative to the top of
     * the work tree, with {@code /}, when it is inside it, else absolute. A file reached through a symbolic link to
     * the work tree (macOS's {@code /tmp}) is inside it too.
     */
    public String nameFromTop(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (isBare()) {
            return absolute.toString();
        }
        Path top = workTree();
        if (!absolute.startsWith(top)) {
            try {
                Path real = absolute.toRealPath();
                Path realTop = top.toRealPath();
                if (real.startsWith(realTop)) {
                    absolute = real;
                    top = realTop;
                }
            } catch (IOException gone) {
                // a file that is not there keeps the name it was given
            }
        }
        return absolute.startsWith(top) ? top.relativize(absolute).toString().replace(File.separatorChar, '/')
            : absolute.toString();
    }

    /** The git directory of this work tree ({@code .git}, or {@code .git/worktrees/<name>}). */
    public Path gitDir() {
        return repository.getDirectory().toPath().toAbsolutePath().normalize();
    }

    /** rca's private state directory, {@code <git dir>/rca}; not created by this call. */
    public Path rcaDir() {
        return gitDir().resolve("rca");
    }

    /**
     * {@code revisions} and, as {@code git log --all} adds them, every ref that leads to a commit (refs to trees or
     * blobs are left out), by full name, then HEAD, then the HEADs of the other worktrees.
     */
    public List<String> withEveryRef(List<String> revisions) {
        List<String> all = new java.util.ArrayList<>(revisions);
        try {
            // git adds the refs, then HEAD: the order that breaks ties between commits of the same date
            for (org.eclipse.jgit.lib.Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                if (namesCommit(ref.getName())) {
                    all.add(ref.getName());
                }
            }
            if (namesCommit(Constants.HEAD)) {
                all.add(Constants.HEAD);
            }
            for (String head : OtherWorktreeHeads.read(gitDir(), repository.getCommonDirectory().toPath())) {
                if (namesCommit(head)) {
                    all.add(head);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw RcaException.badInput("cannot list the refs: " + e.getMessage(), e);
        }
        return all;
    }

    /**
     * Whether {@code revision} names a commit (a tag is peeled); false for a tree, a blob, an ambiguous abbreviation
     * or text that is no revision at all.
     *
     * @throws IOException when the repository cannot be read
     */
    public boolean namesCommit(String revision) throws IOException {
        try {
            return commitOf(revision) != null;
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException | org.eclipse.jgit.errors.RevisionSyntaxException
                 | org.eclipse.jgit.errors.AmbiguousObjectException notACommit) {
            return false;
        }
    }

    /** Whether {@code revision} names an object: a commit ({@link #namesCommit}), a tree or a blob. */
    public boolean namesObject(String revision) {
        try {
            return namesCommit(revision) || nonCommitType(revision) != null;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the repository: " + e.getMessage(), e);
        }
    }

    /**
     * {@code "blob"} or {@code "tree"} when {@code revision} names one (itself or through tags: {@code HEAD:README},
     * {@code v1^{tree}}), else null: a commit, an unknown or an ambiguous revision.
     */
    public String nonCommitType(String revision) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = new RevisionResolver(repository).resolve(revision);
            if (id == null) {
                return null;
            }
            int type = walk.peel(walk.parseAny(id)).getType();
            return type == Constants.OBJ_BLOB || type == Constants.OBJ_TREE ? Constants.typeString(type) : null;
        } catch (IOException | RevisionSyntaxException e) {
            return null;
        }
    }

    /**
     * The commit {@code revision} names (tags peeled), or null: {@link RevisionResolver}, git's syntax beyond JGit's.
     *
     * @throws IncorrectObjectTypeException when it names a tree or a blob
     */
    private ObjectId commitOf(String revision) throws IOException {
        ObjectId id = new RevisionResolver(repository).resolve(revision);
        if (id == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            org.eclipse.jgit.revwalk.RevObject object = walk.peel(walk.parseAny(id));
            if (!(object instanceof RevCommit)) {
                throw new IncorrectObjectTypeException(id, Constants.OBJ_COMMIT);
            }
            return object.copy();
        }
    }

    /**
     * Resolves a revision in git's syntax to a commit id (tags are peeled), git's message search {@code :/<text>}
     * included.
     *
     * @throws RcaException exit 3 when the revision is unknown, ambiguous or not a commit
     */
    public ObjectId resolveCommit(String revision) {
        if (revision == null || revision.isBlank() || revision.startsWith("-")) {
            throw RcaException.badInput("bad revision '" + revision + "'");
        }
        try {
            ObjectId id = commitOf(revision);
            if (id == null) {
                refuseNonCommit(revision);
                if (!hasCommits()) {
                    throw RcaException.badInput("the repository has no commits yet")
                        .withHint("commit something first; rca reads history");
                }
                String unborn = revision.equals(Constants.HEAD) || revision.equals("@") ? unbornBranch() : null;
                if (unborn != null) {
                    // git: "your current branch 'x' does not have any commits yet" (git checkout --orphan)
                    throw RcaException.badInput("the current branch '" + unborn + "' has no commits yet")
                        .withHint("commit something first, or name a revision that has commits"
                            + " ('rca log --all' reads every branch)");
                }
                List<String> ends = RevisionRange.ends(this, revision);
                if (!ends.isEmpty() && ends.stream().allMatch(this::namesObject)) {
                    // git rev-parse accepts it: the revision is known, but it names several commits
                    throw RcaException.badInput("'" + revision + "' is a range, and one commit is needed here")
                        .withHint("name one commit, such as '" + ends.get(ends.size() - 1) + "'");
                }
                RcaException unknown = RcaException.badInput("unknown revision '" + revision + "'");
                String cut = shallowCut();
                throw cut == null ? unknown : unknown.withHint("this is a shallow clone and history is cut at "
                    + cut + "; " + FETCH_MORE);
            }
            return id;
        } catch (AmbiguousObjectException e) {
            throw RcaException.badInput("ambiguous revision '" + revision + "': give more hex digits", e);
        } catch (IncorrectObjectTypeException e) {
            refuseNonCommit(revision);
            throw RcaException.badInput("revision '" + revision + "' is not a commit", e);
        } catch (RevisionSyntaxException e) {
            throw RcaException.badInput("bad revision '" + revision + "'", e);
        } catch (MissingObjectException e) {
            throw RcaException.badInput("revision '" + revision + "' names a missing object", e);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read revision '" + revision + "': " + e.getMessage(), e);
        }
    }

    /** Says which kind of object a revision that names a blob or a tree names, rather than "unknown". */
    private void refuseNonCommit(String revision) {
        String type = nonCommitType(revision);
        if (type != null) {
            throw RcaException.badInput("revision '" + revision + "' names a " + type + ", not a commit");
        }
    }

    /** The current branch's short name when HEAD names a branch that does not exist yet, else null. */
    private String unbornBranch() throws IOException {
        Ref head = repository.exactRef(Constants.HEAD);
        return head != null && head.isSymbolic() && head.getObjectId() == null
            ? Repository.shortenRefName(head.getTarget().getName()) : null;
    }

    /** True when {@code HEAD} or any ref points at a commit; false in a repository with no commits yet. */
    public boolean hasCommits() {
        try {
            return repository.resolve(Constants.HEAD) != null || !repository.getRefDatabase().getRefs().isEmpty();
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the refs of " + gitDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The commits where a shallow clone's history is cut (their parents are missing), as full SHAs in
     * name order; empty in a complete repository.
     */
    public List<String> shallowBoundary() {
        try {
            return repository.getObjectDatabase().getShallowCommits().stream().map(ObjectId::name).sorted().toList();
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the shallow-clone list of " + gitDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * One line for a shallow clone, to print as a note before a history walk ({@code null} in a complete
     * repository): where the history is cut and how to get the rest.
     */
    public String shallowNote() {
        String cut = shallowCut();
        return cut == null ? null
            : "this is a shallow clone: history is cut at " + cut + "; older commits are not seen (git fetch --unshallow gets them)";
    }

    /** git's {@code MINIMUM_ABBREV}: fewer hex digits name a ref or nothing, and {@code core.abbrev} asks no fewer. */
    public static final int MINIMUM_ABBREV = 4;

    /** How to get the history a shallow clone lacks. */
    public static final String FETCH_MORE = "fetch more with 'git fetch --deepen=<n>' or 'git fetch --unshallow'";

    /**
     * Where a shallow clone's history is cut, as a note names it ({@code 5f0c1e2a9b3d}, or {@code 5f0c1e2a9b3d and
     * 2 more}); {@code null} in a complete repository.
     */
    public String shallowCut() {
        List<String> cut = shallowBoundary();
        if (cut.isEmpty()) {
            return null;
        }
        String first = cut.get(0).substring(0, 12);
        return cut.size() == 1 ? first : first + " and " + (cut.size() - 1) + " more";
    }

    /**
     * One line when git would read some commits through replace refs ({@code git replace}, {@code --graft}) and rca
     * does not: JGit reads commits as they are written. Null without replace refs, or where git would not use them
     * either ({@code GIT_NO_REPLACE_OBJECTS}, {@code core.useReplaceRefs=false}).
     */
    public String replaceNote() {
        String base = System.getenv("GIT_REPLACE_REF_BASE");
        base = base == null || base.isEmpty() ? "refs/replace/" : base.endsWith("/") ? base : base + "/";
        if (System.getenv("GIT_NO_REPLACE_OBJECTS") != null
            || !repository.getConfig().getBoolean("core", null, "useReplaceRefs", true)) {
            return null;
        }
        int refs;
        try {
            refs = repository.getRefDatabase().getRefsByPrefix(base).size();
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the refs of " + gitDir() + ": " + e.getMessage(), e);
        }
        if (refs == 0) {
            return null;
        }
        return "rca reads commits as they are written, ignoring " + refs + " replace ref" + (refs == 1 ? "" : "s")
            + " under " + base + " as 'git --no-replace-objects' does; git log shows the replaced history";
    }

    /**
     * rca's private state directory, {@code <git dir>/rca}, created when missing and checked to be writable
     * (by writing to it: permission bits do not stop root).
     *
     * @throws RcaException exit 3 with one line saying what needs to be writable
     */
    public Path stateDirectory() {
        Path dir = rcaDir();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw RcaException.badInput("rca keeps its state in " + dir + " and cannot write there ("
                + describeFailure(e) + ")", e)
                .withHint("make " + (Files.isDirectory(dir) ? dir : gitDir()) + " writable, or work in a clone you can"
                    + " write to; nothing else in it is changed");
        }
    }

    /** Why writing a file or directory failed, in a few words: "permission denied", "no such directory", ... */
    public static String describeFailure(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it is not a directory";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Reads the indexes of the repository's packs now, if together they take at most {@code budgetBytes}: JGit
     * reads a pack's index whole the first time an object is looked up in it, which a query answered from rca's
     * tables may not do, leaving it to the next (for git.git, 23 MB and 60 to 90 ms). An index rca mapped
     * ({@link MappedPackIndexes}, every version 2 index by default) costs neither, and this only touches a few of
     * its pages. For a process that keeps
     * the repository open ({@link #keepRepositoriesOpen}). Returns their size, or -1 when over budget, unreadable,
     * or the repository borrows objects from elsewhere (alternates, whose indexes would be read too).
     */
    public long readPackIndexes(long budgetBytes) {
        if (!(repository.getObjectDatabase() instanceof ObjectDirectory objects)) {
            return -1;
        }
        Path directory = objects.getDirectory().toPath();
        if (Files.exists(directory.resolve("info").resolve("alternates"))) {
            return -1;
        }
        long size = 0;
        try (DirectoryStream<Path> indexes = Files.newDirectoryStream(directory.resolve("pack"), "*.idx")) {
            for (Path index : indexes) {
                size += Files.size(index);
            }
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
        if (size == 0 || size > budgetBytes) {
            return -1;
        }
        try {
            // an id no object has: the lookup asks every pack, which reads its index
            repository.getObjectDatabase().has(ObjectId.zeroId());
            return size;
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /** Parses a commit that is known to exist, using {@code walk}'s reader. */
    public static RevCommit parseCommit(RevWalk walk, ObjectId id) {
        try {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + id.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * From now on, keeps up to {@code capacity} repositories open between commands instead of closing each
     * one with its workspace: for a process that runs many commands, such as rca's daemon.
     */
    public static void keepRepositoriesOpen(int capacity) {
        pool = new RepositoryPool(capacity);
    }

    /** Where the repositories kept open are (work trees, or git directories of bare ones); empty when none are kept. */
    public static List<Path> keptRepositories() {
        RepositoryPool keeping = pool;
        return keeping == null ? List.of() : keeping.places().stream().map(File::toPath).toList();
    }

    /**
     * Stops keeping the repository at {@code place} (as {@link #keptRepositories} names it) open: the daemon's
     * warm-up repository must not take the place of a user's.
     */
    public static void stopKeeping(Path place) {
        RepositoryPool keeping = pool;
        if (keeping != null) {
            keeping.close(place.toFile());
        }
    }

    /** Closes the repositories kept open and goes back to one repository per workspace. */
    public static void stopKeepingRepositoriesOpen() {
        RepositoryPool keeping = pool;
        pool = null;
        if (keeping != null) {
            keeping.closeAll();
        }
    }

    /**
     * Gives the repository back: closes it, or, when the daemon keeps it, returns this command's use of it. Only
     * the first call does: a second would give back the pool's own use and close a repository it still keeps.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            repository.close();
        }
    }
}
