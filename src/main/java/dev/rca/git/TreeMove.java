package dev.rca.git;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheCheckout.CheckoutMetadata;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.dircache.InvalidPathException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IndexWriteException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.CoreConfig;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.util.FileUtils;
import org.eclipse.jgit.util.SystemReader;

/**
 * Moves a work tree and its index from one commit's tree to another's, as {@code git checkout} does: only the
 * paths whose blob or mode differ are written, and no file is written through a temporary file renamed over it,
 * as JGit's {@code DirCacheCheckout} does (3,221 renames in a 14-step bisection of a 10,000-commit history, each
 * waiting on the disk when ext4 is busy). Content goes through the checkout filters ({@code .gitattributes} eol
 * and smudge) as in {@code DirCacheCheckout}. A tracked file that is the same in both commits but was edited or
 * deleted since is put back, as {@code DirCacheCheckout} does when forced; untracked files are left alone.
 */
final class TreeMove {
    /**
     * Each file written gets a buffer of this size: most blobs are a few kilobytes, and one larger than the buffer is
     * written straight through it (64 KiB each were 190 MB of zeroed arrays in a 14-step bisection).
     */
    private static final int BUFFER = 8 * 1024;

    private final Repository repo;
    private final ObjectReader objects;
    private final ObjectId from;
    private final ObjectId to;
    private final Path root;
    private final WorkingTreeOptions options;
    private final boolean fileMode;
    /** Hears, once per path, that a smudge filter that is not required failed and the blob was written unfiltered. */
    private final Consumer<String> warned;
    private final Set<String> warnedOf = new HashSet<>();
    /** The latest modification time of a file this move wrote or refreshed, or null. */
    private Instant newest;

    /**
     * A path to write: its new entry, the old one to reuse when the file turns out intact, its filters, and whether its
     * smudge filter is {@code filter.<driver>.required} (then its failure fails the move, else the blob is written
     * unfiltered, as git does).
     */
    private record Write(DirCacheEntry entry, DirCacheEntry kept, CheckoutMetadata metadata, boolean required) {
    }

    /**
     * @param repo a repository whose work tree and index file are the ones to move
     * @param objects reads the trees and blobs: the workspace's own reader, whose packs are open already (the
     *     scratch repository's own would open every pack, and its delta caches, anew at each move)
     * @param from the commit checked out now (null: nothing is, the work tree is empty)
     * @param to the commit to check out
     * @param warned hears of each file whose smudge filter, not required, failed, so that it was written unfiltered
     */
    TreeMove(Repository repo, ObjectReader objects, ObjectId from, ObjectId to, Consumer<String> warned) {
        this.repo = repo;
        this.objects = objects;
        this.from = from;
        this.to = to;
        this.warned = warned;
        this.root = repo.getWorkTree().toPath();
        this.options = repo.getConfig().get(WorkingTreeOptions.KEY);
        this.fileMode = repo.getConfig().getBoolean("core", null, "filemode", true);
    }

    void run() throws IOException {
        DirCache index = repo.lockDirCache();
        ObjectReader reader = objects;
        try (RevWalk revs = new RevWalk(reader);
             TreeWalk walk = new TreeWalk(repo, reader)) {
            walk.setOperationType(TreeWalk.OperationType.CHECKOUT_OP);
            walk.setRecursive(true);
            int oldTree = walk.addTree(from == null ? new EmptyTreeIterator() : parser(reader, revs, from));
            int newTree = walk.addTree(parser(reader, revs, to));
            int oldIndex = walk.addTree(new DirCacheIterator(index));
            walk.setHead(oldTree);
            List<String> removed = new ArrayList<>();
            List<Write> writes = new ArrayList<>();
            List<DirCacheEntry> entries = new ArrayList<>();
            ObjectChecker paths = new ObjectChecker()
                .setSafeForWindows(SystemReader.getInstance().isWindows())
                .setSafeForMacOS(SystemReader.getInstance().isMacOS());
            while (walk.next()) {
                String path = walk.getPathString();
                AbstractTreeIterator target = walk.getTree(newTree, AbstractTreeIterator.class);
                if (target == null) {
                    removed.add(path);
                    continue;
                }
                // What DirCacheCheckout refused: a crafted tree naming "..", ".git" or a variant would
                // otherwise write outside the scratch directory or over its .git file.
                try {
                    paths.checkPath(walk.getRawPath(), 0, walk.getPathLength());
                } catch (CorruptObjectException e) {
                    InvalidPathException invalid = new InvalidPathException(path);
                    invalid.initCause(e);
                    throw invalid;
                }
                DirCacheIterator known = walk.getTree(oldIndex, DirCacheIterator.class);
                DirCacheEntry entry = new DirCacheEntry(path, DirCacheEntry.STAGE_0);
                entry.setObjectId(target.getEntryObjectId());
                entry.setFileMode(target.getEntryFileMode());
                boolean same = walk.idEqual(oldTree, newTree) && walk.getRawMode(oldTree) == walk.getRawMode(newTree)
                    && known != null && known.getDirCacheEntry().getStage() == DirCacheEntry.STAGE_0
                    && walk.idEqual(newTree, oldIndex) && walk.getRawMode(newTree) == walk.getRawMode(oldIndex);
                DirCacheEntry kept = same ? known.getDirCacheEntry() : null;
                if (kept != null && intact(kept)) {
                    entries.add(kept);
                    continue;
                }
                CheckoutMetadata metadata = new CheckoutMetadata(walk.getCheckoutEolStreamType(newTree),
                    walk.getSmudgeCommand(newTree));
                writes.add(new Write(entry, kept, metadata, metadata.smudgeFilterCommand != null
                    && repo.getConfig().getBoolean("filter", walk.getAttributes(newTree).getValue("filter"),
                        "required", false)));
            }
            for (String path : removed) {
                remove(path);
            }
            for (Write w : writes) {
                write(w, reader);
                entries.add(w.entry());
            }
            DirCacheBuilder builder = index.builder();
            entries.forEach(builder::add); // the builder sorts them
            dateLock();
            if (!builder.commit()) {
                throw new IndexWriteException();
            }
        } finally {
            index.unlock();
        }
    }

    /**
     * JGit smudges, for a content check at the next move, every entry whose file is as new as the index's lock
     * file, and the lock was taken before the first file was written: every file written here would be read back
     * and compared at the next step (a third of the checkout's time in a bisection). Dated to the newest file
     * written, the lock smudges only the files sharing that timestamp, as git does with an index written after
     * the files: a later edit of any other file gets a later timestamp, and the stat check sees it.
     */
    private void dateLock() throws IOException {
        if (newest == null) {
            return;
        }
        Path indexFile = repo.getIndexFile().toPath();
        Path lock = indexFile.resolveSibling(indexFile.getFileName() + ".lock");
        try {
            if (Files.getLastModifiedTime(lock).toInstant().isBefore(newest)) {
                Files.setLastModifiedTime(lock, FileTime.from(newest));
            }
        } catch (NoSuchFileException otherLockName) {
            // a JGit that names its lock otherwise: every written file is smudged, as before, which is only slower
        }
    }

    private static CanonicalTreeParser parser(ObjectReader reader, RevWalk revs, ObjectId commit) throws IOException {
        CanonicalTreeParser p = new CanonicalTreeParser();
        p.reset(reader, revs.parseCommit(commit).getTree());
        return p;
    }

    /**
     * Whether the file still is what the index says, by git's stat check; one that fails it (a racily clean entry
     * too) has its bytes compared before it is rewritten.
     */
    private boolean intact(DirCacheEntry e) throws IOException {
        Path file = root.resolve(e.getPathString());
        PosixFileAttributes a; // one lstat: type, size, time and the executable bit
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException absent) {
            // no such file, or "not a directory": a file stands where a parent directory should be
            return false;
        }
        FileMode mode = e.getFileMode();
        if (mode == FileMode.GITLINK) {
            return a.isDirectory();
        }
        boolean link = mode == FileMode.SYMLINK && options.getSymLinks() != CoreConfig.SymLinks.FALSE;
        if (link ? !a.isSymbolicLink() : !a.isRegularFile()) {
            return false;
        }
        if (fileMode && !link && mode != FileMode.SYMLINK
            && (mode == FileMode.EXECUTABLE_FILE) != a.permissions().contains(PosixFilePermission.OWNER_EXECUTE)) {
            return false;
        }
        return !e.isSmudged() && a.size() == e.getLength()
            && a.lastModifiedTime().toInstant().equals(e.getLastModifiedInstant());
    }

    private void remove(String path) throws IOException {
        Path file = root.resolve(path);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            // a submodule's directory: git leaves one that is not empty
            try {
                Files.deleteIfExists(file);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        } else {
            try {
                Files.deleteIfExists(file);
            } catch (FileSystemException notADirectory) {
                // a file stands where the tracked path's directory was: nothing of the path is left to remove
                return;
            }
        }
        for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                break;
            }
        }
    }

    private void write(Write w, ObjectReader reader) throws IOException {
        DirCacheEntry entry = w.entry();
        Path file = root.resolve(entry.getPathString());
        FileMode mode = entry.getFileMode();
        if (w.kept() != null && mode != FileMode.GITLINK && sameBytes(file, w, reader)) {
            // only the stat data was off (a racy entry, or a touched file): keep the file, refresh its stat
            if (fileMode && mode != FileMode.SYMLINK) {
                repo.getFS().setExecute(file.toFile(), mode == FileMode.EXECUTABLE_FILE);
            }
            stat(entry, file);
            return;
        }
        boolean plainFile = mode != FileMode.GITLINK
            && (mode != FileMode.SYMLINK || options.getSymLinks() == CoreConfig.SymLinks.FALSE);
        if (plainFile && overwritable(file) && overwrite(file, w, reader)) {
            if (fileMode && (mode == FileMode.EXECUTABLE_FILE) != Files.isExecutable(file)) {
                repo.getFS().setExecute(file.toFile(), mode == FileMode.EXECUTABLE_FILE);
            }
            stat(entry, file);
            return;
        }
        makeRoom(file, mode == FileMode.GITLINK);
        if (mode == FileMode.GITLINK) {
            Files.createDirectories(file);
            return;
        }
        if (!plainFile) {
            repo.getFS().createSymLink(file.toFile(), linkTarget(entry, reader));
            stat(entry, file);
            return;
        }
        try (OutputStream out = new BufferedOutputStream(
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BUFFER)) {
            content(w, reader, out);
        }
        if (fileMode && mode == FileMode.EXECUTABLE_FILE) {
            repo.getFS().setExecute(file.toFile(), true);
        }
        stat(entry, file);
    }

    /**
     * Whether a changed file is rewritten in its own inode rather than removed and created again, as git
     * does: the bytes and mode come out the same, and creating a file costs a new inode, which on a busy
     * ext4 disk took 2-4 ms against 30 us for a rewrite. Not for a file with other hard links, which would
     * change too.
     */
    private static boolean overwritable(Path file) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:mode,nlink", LinkOption.NOFOLLOW_LINKS);
            int type = (Integer) a.get("mode") & 0170000;
            return type == 0100000 && (Integer) a.get("nlink") == 1;
        } catch (FileSystemException absent) {
            return false;
        }
    }

    /** Rewrites {@code file} in its own inode; false when it may not be opened for writing. */
    private boolean overwrite(Path file, Write w, ObjectReader reader) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (FileSystemException readOnlyOrBusy) {
            // read-only, or an executable still running (ETXTBSY): replaced instead, as git always does
            return false;
        }
        try (channel) {
            // the filters close the stream they are given; the channel must stay open for the truncation
            OutputStream out = new BufferedOutputStream(unclosable(Channels.newOutputStream(channel)), BUFFER);
            content(w, reader, out);
            out.flush();
            channel.truncate(channel.position());
        }
        return true;
    }

    /** {@code out}, whose close only flushes it: the filters close the stream they are given. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                this.out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static String linkTarget(DirCacheEntry entry, ObjectReader reader) throws IOException {
        return new String(blob(entry, reader).getCachedBytes(), StandardCharsets.UTF_8);
    }

    private void content(Write w, ObjectReader reader, OutputStream out) throws IOException {
        String path = w.entry().getPathString();
        if (w.metadata().smudgeFilterCommand == null) {
            DirCacheCheckout.getContent(repo, path, w.metadata(), blob(w.entry(), reader), options, out);
            return;
        }
        // a failed filter wrote nothing but closed the stream it was given, which the unfiltered blob then fills
        OutputStream open = unclosable(out);
        SmudgeFilter.write(path, w.metadata(), w.required(),
            metadata -> DirCacheCheckout.getContent(repo, path, metadata, blob(w.entry(), reader), options, open),
            warning -> {
                if (warnedOf.add(path)) {
                    warned.accept(warning);
                }
            });
        open.close();
    }

    /** The entry's blob; one missing from the object database is named by the file it was to fill. */
    private static org.eclipse.jgit.lib.ObjectLoader blob(DirCacheEntry entry, ObjectReader reader) throws IOException {
        try {
            return reader.open(entry.getObjectId(), Constants.OBJ_BLOB);
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            throw new IOException("the object of " + entry.getPathString() + " (blob " + entry.getObjectId().name()
                + ") is not in the repository", e);
        }
    }

    private boolean sameBytes(Path file, Write w, ObjectReader reader) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException absent) {
            return false;
        }
        if (w.entry().getFileMode() == FileMode.SYMLINK && options.getSymLinks() != CoreConfig.SymLinks.FALSE) {
            return a.isSymbolicLink() && Files.readSymbolicLink(file).toString().equals(linkTarget(w.entry(), reader));
        }
        if (!a.isRegularFile()) {
            return false;
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        content(w, reader, expected);
        return a.size() == expected.size() && Arrays.equals(Files.readAllBytes(file), expected.toByteArray());
    }

    /**
     * Clears the way for a new entry: a file in a parent's place first (a test's output where the commit has a
     * directory), then the old file or link, or a directory in its place; a submodule's directory is kept, as
     * git leaves it alone when only the commit it records changes.
     */
    private void makeRoom(Path file, boolean gitlink) throws IOException {
        Path parent = file.getParent();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            for (Path p = parent; p != null && !p.equals(root); p = p.getParent()) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                    break;
                }
            }
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!gitlink) {
                FileUtils.delete(file.toFile(), FileUtils.RECURSIVE);
            }
        } else {
            Files.deleteIfExists(file);
        }
    }

    private void stat(DirCacheEntry entry, Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Instant modified = a.lastModifiedTime().toInstant();
        entry.setLength(a.size());
        entry.setLastModified(modified);
        if (newest == null || modified.isAfter(newest)) {
            newest = modified;
        }
    }
}
