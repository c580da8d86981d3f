package dev.rca.git;

import dev.rca.RcaException;
import dev.rca.io.AtomicFile;
import dev.rca.io.LockFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * A private checkout of any commit under {@code <git dir>/rca/<name>/}, with its own index, that
 * never touches the user's work tree, index, {@code HEAD} or refs. Moving between commits writes
 * only the files that differ. The commit it holds is recorded in {@code <name>.head} only after a
 * checkout completes; a checkout interrupted at any point (even by SIGKILL) is detected on the
 * next move, and the directory is then rebuilt from scratch.
 *
 * <p>So that git commands run inside it (a build stamping {@code git describe}, a test calling
 * {@code git diff}) see the checked-out commit and a clean status, the directory is a worktree of
 * its own: its {@code .git} file points at {@code <name>.git/}, which holds a detached {@code HEAD},
 * the index, and a {@code commondir} pointing at the repository's objects and refs. It is not
 * registered in {@code .git/worktrees}, so {@code git worktree list} does not show it.
 *
 * <p>{@link #park} ends a checkout but keeps its files aside in {@code <name>.spare/}: creating every file of a
 * tree costs far more than rewriting the few that differ (on a busy ext4 disk, 762 files took 1.2-1.8 s to create
 * and 0.5 s to delete), so the next checkout from nothing takes the spare back, removes what is not tracked in it,
 * and moves it as it moves between commits: the directory then holds what a checkout from nothing would.
 *
 * <p>Between checkouts it keeps its object reader open, and with it the reader's cache of delta bases: the trees of
 * a bisection's candidates share most of their blobs' bases, which a reader per checkout inflated again at every
 * step. {@link #close} releases it.
 *
 * <p>Every change of the directory, its index or its spare happens under a lock on {@code <name>.checkout.lock}, a
 * second process waiting for the first's to end: two moves at once would each delete what the other writes. The
 * index's own lock, which a checkout killed in the middle leaves behind, is deleted only when no process has it
 * open (a git command a test started in the checkout may still be writing the index).
 *
 * <p>Used by bisection and by {@code rca verify}.
 */
public final class ScratchCheckout implements AutoCloseable {
    private final GitWorkspace workspace;
    private final Path directory;
    private final Path worktreeGitDir;
    private final Path indexFile;
    private final Path headFile;
    private final Path spare;
    private final Path lockFile;
    private final Consumer<String> warned;
    /** Opened by the first move, kept until {@link #close}. */
    private Repository scratch;
    private ObjectReader objects;

    private ScratchCheckout(GitWorkspace workspace, String name, Consumer<String> warned) {
        this.workspace = workspace;
        this.warned = warned;
        Path rca = workspace.rcaDir();
        this.directory = rca.resolve(name);
        this.worktreeGitDir = rca.resolve(name + ".git");
        this.indexFile = worktreeGitDir.resolve("index");
        this.headFile = rca.resolve(name + ".head");
        this.spare = rca.resolve(name + ".spare");
        this.lockFile = rca.resolve(name + ".checkout.lock");
    }

    /**
     * The scratch checkout called {@code name} (a plain file name such as {@code bisect}); nothing
     * is created until {@link #checkout} runs. {@code warned} hears what a checkout warns of (a smudge filter that is
     * not {@code required} failed, so that its file was written unfiltered, as git does), one line per file, and
     * that it waits for another process's change of the checkout, once after a second of waiting.
     */
    public static ScratchCheckout of(GitWorkspace workspace, String name, Consumer<String> warned) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("bad scratch checkout name: " + name);
        }
        return new ScratchCheckout(workspace, name, warned);
    }

    /** The scratch checkout called {@code name}, to {@link #park} or {@link #remove}: it warns of nothing. */
    public static ScratchCheckout of(GitWorkspace workspace, String name) {
        return of(workspace, name, warning -> {
        });
    }

    /**
     * The git directory of the repository whose scratch checkout {@code gitDir} belongs to, when {@code gitDir} is a
     * scratch checkout's private one ({@code <owner>/rca/<name>.git} beside {@code <owner>/rca/<name>/}); empty for
     * any other. rca run inside a scratch checkout (the by-hand bisection loop: {@code cd "$(rca bisect-helper
     * next)"}, test, {@code rca bisect-helper good}) works on that repository.
     */
    public static java.util.Optional<Path> owner(Path gitDir) {
        Path dir = gitDir.toAbsolutePath().normalize();
        Path rca = dir.getParent();
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (rca == null || rca.getParent() == null || !rca.getFileName().toString().equals("rca")
            || !name.matches("[a-z][a-z0-9-]*\\.git") || !Files.isRegularFile(dir.resolve("commondir"))
            || !Files.isDirectory(rca.resolve(name.substring(0, name.length() - ".git".length())))
            || !Files.isRegularFile(rca.getParent().resolve("HEAD"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(rca.getParent());
    }

    /** The directory the files are checked out in. */
    public Path directory() {
        return directory;
    }

    /** The commit fully checked out now, or null. */
    public String current() {
        return fullyCheckedOut(headFile);
    }

    /**
     * The commit fully checked out in the scratch checkout whose private git directory is {@code gitDir}
     * ({@code <git dir>/rca/<name>.git}, as {@link #owner} recognises it), or null.
     */
    public static String checkedOut(Path gitDir) {
        Path dir = gitDir.toAbsolutePath().normalize();
        String name = dir.getFileName().toString();
        return fullyCheckedOut(dir.resolveSibling(name.substring(0, name.length() - ".git".length()) + ".head"));
    }

    private static String fullyCheckedOut(Path headFile) {
        try {
            String text = Files.readString(headFile, StandardCharsets.US_ASCII).trim();
            return text.matches("[0-9a-f]{40}") ? text : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + headFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the scratch directory hold {@code commit}'s tree, and returns the directory. Files that
     * are the same in the previous commit and this one are left alone (build outputs survive); a
     * tracked file edited since is put back.
     */
    public Path checkout(String commit) {
        return checkout(commit, false);
    }

    /**
     * Makes the scratch directory hold {@code commit}'s tree and nothing else, as a checkout from nothing would: what
     * the index does not track (build outputs, ignored files too) is deleted first, then the move writes only the
     * tracked files that differ.
     */
    public Path cleanCheckout(String commit) {
        return checkout(commit, true);
    }

    private Path checkout(String commit, boolean clean) {
        // The same commit again still takes the move (one lstat per file): a test run there may have edited
        // tracked files, and the next run (verify runs the repro n times at one commit) must see the commit.
        try (LockFile held = exclusive()) {
            String previous = current();
            if (previous != null && !(Files.isDirectory(directory) && Files.isRegularFile(indexFile))) {
                previous = null;
            }
            // before anything changes: a git command with the index open refuses the move, leaving the checkout as is
            deleteIndexLockLeftBehind();
            Files.deleteIfExists(headFile);
            boolean fromSpare = false;
            if (previous == null) {
                removeAll();
                previous = unpark();
                fromSpare = previous != null;
            }
            try {
                if (fromSpare || clean && previous != null) {
                    removeUntracked();
                }
                move(previous, commit);
            } catch (IOException | RuntimeException e) {
                // A spare is only an optimisation: one whose files or index no longer match its record (a corrupt
                // index, a tree object gone, a file a test made unreadable) must not fail the step, so it gives
                // way to a checkout from nothing. A tree naming a forbidden path is the commit's fault, not the
                // spare's.
                if (!fromSpare || e instanceof org.eclipse.jgit.dircache.InvalidPathException) {
                    throw e;
                }
                removeAll();
                move(null, commit);
            }
            writeIfChanged(directory.resolve(".git"), "gitdir: " + worktreeGitDir.toAbsolutePath() + "\n");
            // Neither HEAD nor the record is synced: the scratch tree's own files never are, and a record
            // cut short by a crash does not parse, which means "rebuild from scratch".
            Files.writeString(worktreeGitDir.resolve("HEAD"), commit + "\n", StandardCharsets.US_ASCII);
            Files.writeString(headFile, commit + "\n", StandardCharsets.US_ASCII);
            return directory;
        } catch (IOException e) {
            throw RcaException.badInput("cannot check out " + commit + " into " + directory + ": "
                + e.getMessage(), e);
        } catch (org.eclipse.jgit.dircache.InvalidPathException e) {
            // nothing was written: every path is checked before the first file is touched
            throw RcaException.badInput("cannot check out " + commit + ": its tree names a path no checkout may "
                + "write (" + e.getMessage() + ")", e);
        }
    }

    /** Moves the directory and its index from {@code previous} (null: an empty directory) to {@code commit}. */
    private void move(String previous, String commit) throws IOException {
        deleteIndexLockLeftBehind();
        Files.createDirectories(directory);
        Files.createDirectories(worktreeGitDir);
        if (scratch == null) {
            scratch = new FileRepositoryBuilder()
                .setGitDir(workspace.gitDir().toFile())
                .setWorkTree(directory.toFile())
                .setIndexFile(indexFile.toFile())
                .setMustExist(true)
                .build();
            MappedPackIndexes.install(scratch);
            objects = workspace.repository().newObjectReader();
        }
        new TreeMove(scratch, objects, previous == null ? null : ObjectId.fromString(previous),
            ObjectId.fromString(commit), warned).run();
        writeIfChanged(worktreeGitDir.resolve("commondir"),
            scratch.getCommonDirectory().toPath().toAbsolutePath().normalize() + "\n");
    }

    /**
     * Held while this process changes the directory, its index or its spare; waits for another process's change as
     * long as it takes, saying after a second through {@code warned} whom it waits for.
     */
    private LockFile exclusive() {
        return LockFile.acquire(workspace.stateDirectory().resolve(lockFile.getFileName()), "rca moving it", null,
            "the scratch checkout " + directory, holder -> { }, warned);
    }

    /**
     * Deletes the index's lock, when there is one, which only a process gone can have left: this process's changes
     * hold {@link #exclusive}, so another rca is not in the middle of one; a git command run in the checkout (by a
     * test, or by hand in {@code bisect-helper next}'s directory) that still has it open refuses the change (a move,
     * {@link #park}, {@link #remove}), as git refuses it.
     */
    private void deleteIndexLockLeftBehind() throws IOException {
        Path lock = indexFile.resolveSibling(indexFile.getFileName() + ".lock");
        if (!Files.exists(lock, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        java.util.Optional<ProcessHandle> holder = openedBy(lock);
        if (holder.isPresent()) {
            String what = holder.get().info().commandLine().or(() -> holder.get().info().command()).orElse("?");
            throw RcaException.badInput("process " + holder.get().pid() + " (" + what + ") has " + lock + " open: "
                + "another git command is writing the scratch checkout's index")
                .withHint("let it end, or stop it, then rerun; rca deletes the lock once no process has it open");
        }
        Files.deleteIfExists(lock);
    }

    /**
     * A live process with {@code file} open, found through {@code /proc/<pid>/fd}; empty where there is no
     * {@code /proc} (not Linux), where a lock left behind is deleted as before.
     */
    private static java.util.Optional<ProcessHandle> openedBy(Path file) throws IOException {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc.resolve("self/fd"))) {
            return java.util.Optional.empty();
        }
        Path real = file.toRealPath();
        return ProcessHandle.allProcesses().filter(p -> hasOpen(proc.resolve(Long.toString(p.pid())).resolve("fd"),
            real)).findFirst();
    }

    private static boolean hasOpen(Path fds, Path file) {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(fds)) {
            for (Path fd : all) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor is gone: not this one
                }
            }
        } catch (IOException | SecurityException endedOrAnotherUsers) {
            // a process that ended meanwhile, or another user's, whose descriptors cannot be read
        }
        return false;
    }

    /**
     * Releases the reader and repository {@link #checkout} keeps between moves; {@link #park} and {@link #remove}
     * need none.
     */
    @Override
    public void close() {
        if (objects != null) {
            objects.close();
            objects = null;
        }
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }

    /** The worktree's fixed files, rewritten (atomically) only when they say something else. */
    private static void writeIfChanged(Path file, String text) throws IOException {
        try {
            if (Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return;
            }
        } catch (NoSuchFileException e) {
            // written below
        }
        AtomicFile.writeWithoutSync(file, text);
    }

    /**
     * Ends the checkout as {@link #remove} does, but keeps its files aside for the next {@link #checkout} from
     * nothing (replacing an earlier spare). Safe to interrupt at any point: a spare without its record is
     * deleted instead of used.
     */
    public void park() {
        if (!Files.isDirectory(workspace.rcaDir())) {
            return;
        }
        try (LockFile lock = exclusive()) {
            deleteIndexLockLeftBehind();
            String held = current();
            if (held == null || !Files.isDirectory(directory) || !Files.isRegularFile(indexFile)) {
                Files.deleteIfExists(headFile);
                removeAll();
                return;
            }
            Files.delete(headFile);
            deleteTree(spare);
            // moving a directory to another parent rewrites its ".." entry, which needs write permission on it
            makeWritable(directory.toFile());
            Files.createDirectories(spare);
            Files.move(directory, spare.resolve("tree"));
            Files.move(worktreeGitDir, spare.resolve("git"));
            Files.writeString(spare.resolve("head"), held + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw RcaException.badInput("cannot set " + directory + " aside: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the spare back into place and returns the commit its tracked files held; null when there is no whole
     * spare (then none is left either). What its index does not track is still there.
     */
    private String unpark() throws IOException {
        String held;
        try {
            held = Files.readString(spare.resolve("head"), StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            held = null;
        }
        Path tree = spare.resolve("tree");
        Path git = spare.resolve("git");
        if (held == null || !held.matches("[0-9a-f]{40}") || !Files.isDirectory(tree)
            || !Files.isRegularFile(git.resolve("index")) || !isCommit(held)) {
            deleteTree(spare);
            return null;
        }
        Files.move(tree, directory);
        Files.move(git, worktreeGitDir);
        deleteTree(spare);
        return held;
    }

    /**
     * Whether {@code id} names a commit in the object database: a spare can outlive its commit (gc after a
     * history rewrite, a {@code .git} copied without it), and a move from a missing commit cannot start.
     */
    private boolean isCommit(String id) throws IOException {
        try (ObjectReader objects = workspace.repository().newObjectReader()) {
            return objects.open(ObjectId.fromString(id)).getType() == Constants.OBJ_COMMIT;
        } catch (MissingObjectException e) {
            return false;
        }
    }

    /** Deletes whatever a checkout from nothing would not have: files and directories the index does not track. */
    private void removeUntracked() throws IOException {
        DirCache index = DirCache.read(indexFile.toFile(), FS.DETECTED);
        Set<String> files = new HashSet<>();
        Set<String> directories = new HashSet<>();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            String path = e.getPathString();
            // a submodule's directory is kept but emptied, as a checkout from nothing creates it
            (e.getFileMode() == FileMode.GITLINK ? directories : files).add(path);
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                directories.add(path.substring(0, slash));
            }
        }
        files.add(".git");
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(directory) || directories.contains(relative(dir))) {
                    // kept, but as a checkout from nothing creates it: writable, so its untracked files can go
                    makeWritable(dir.toFile());
                    return FileVisitResult.CONTINUE;
                }
                deleteTree(dir);
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!files.contains(relative(file))) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private String relative(Path path) {
        return directory.relativize(path).toString().replace(File.separatorChar, '/');
    }

    /** Removes the directory, its index and its record. */
    public void remove() {
        if (!Files.isDirectory(workspace.rcaDir())) {
            return;
        }
        try (LockFile lock = exclusive()) {
            deleteIndexLockLeftBehind();
            Files.deleteIfExists(headFile);
            removeAll();
        } catch (IOException e) {
            throw RcaException.badInput("cannot remove " + directory + ": " + e.getMessage(), e);
        }
    }

    private void removeAll() throws IOException {
        deleteTree(worktreeGitDir);
        deleteTree(directory);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // before its entries go: unlinking them needs write permission on the directory, which a test
                // may have taken away (chmod -R a-w, Go's read-only module cache)
                makeWritable(dir.toFile());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void makeWritable(File dir) {
        if (!dir.canWrite()) {
            dir.setWritable(true);
        }
    }
}
