package dev.rca.history;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.git.Grafts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * When rca's cache ({@code <gitdir>/rca/cache/}) is used, built and extended. The cache is never required: any
 * doubt (a table that fails its checks, a {@code .git} rca may not write, an unreadable object) means the walk
 * parses commits from the object database as it would without a cache.
 *
 * <p>Shallow repositories, grafts and replace refs keep the live walk: each changes what a commit's parents are
 * without changing the commit object, and a table keyed by commit id would keep answering with the parents of
 * the day it was written.
 */
public final class CommitCache {
    /** Set this system property to {@code off} to never read or write the cache. */
    static final String PROPERTY = "rca.cache";

    private CommitCache() {
    }

    /** The cache directory of a repository ({@code <gitdir>/rca/cache}); deleting it is always safe. */
    public static Path directory(GitWorkspace workspace) {
        return workspace.rcaDir().resolve("cache");
    }

    /**
     * The commit table, extended first when some of {@code starts} are not in it.
     *
     * @param mayBuild whether a missing table may be built now (a whole-history walk is about to happen anyway)
     * @return the table, or null to walk live
     */
    static CommitTable table(GitWorkspace workspace, ObjectReader reader, Collection<ObjectId> starts,
                             boolean mayBuild, Progress progress) {
        Repository repository = workspace.repository();
        if (!usable(repository)) {
            return null;
        }
        Path dir = directory(workspace);
        CommitTable table = CommitTable.open(dir);
        if (table == null && !mayBuild) {
            return null;
        }
        if (table != null && covers(table, starts)) {
            return table;
        }
        if (!writable(dir)) {
            // a read-only .git: use what there is; commits the table lacks are parsed live
            return table;
        }
        removeStaleTemporaries(dir);
        try {
            List<ObjectId> tips = new ArrayList<>(starts);
            tips.addAll(refTips(repository, reader));
            CommitTable extended = CommitTable.extend(dir, table, reader, tips, progress);
            return extended != null ? extended : table;
        } catch (IOException | RuntimeException e) {
            // a missing object or a full disk: the live walk reports what is wrong, if anything
            return table;
        }
    }

    /**
     * The commit table as it is on disk, neither built nor extended: null when there is none, the cache is off, or
     * the repository keeps no cache (shallow, grafts, replace refs: parents there are not what the table says).
     */
    static CommitTable existingTable(GitWorkspace workspace) {
        return usable(workspace.repository()) ? CommitTable.open(directory(workspace)) : null;
    }

    private static boolean usable(Repository repository) {
        return !"off".equals(System.getProperty(PROPERTY)) && historyFixedByIds(repository);
    }

    /** Beyond this many commits the changed-path table lacks, a walk leaves extending it to {@code rca index}. */
    private static final int EXTEND_LIMIT = 5000;

    /**
     * The changed-path table for {@code table}, extended first when it lacks a few commits; null when there is
     * none ({@code rca index} writes it) or it does not match the commit table.
     */
    static ChangedPathTable pathTable(GitWorkspace workspace, ObjectReader reader, CommitTable table,
                                      Progress progress) {
        Path dir = directory(workspace);
        ChangedPathTable paths = ChangedPathTable.open(dir, table);
        if (paths == null || paths.commits() == table.size() || table.size() - paths.commits() > EXTEND_LIMIT
            || !writable(dir)) {
            return paths;
        }
        try {
            ChangedPathTable extended = ChangedPathTable.write(dir, table, paths, reader, progress);
            return extended != null ? extended : paths;
        } catch (IOException | RuntimeException e) {
            return paths;
        }
    }

    /**
     * What {@code rca index} wrote into the cache.
     *
     * @param file the changed-path table
     * @param commits how many commits it covers
     * @param written false when the table already covered them all and was left as it was
     */
    public record Indexed(Path file, long commits, boolean written) {
        public Indexed {
            Objects.requireNonNull(file, "file");
            if (commits < 0) {
                throw new IllegalArgumentException("negative commit count: " + commits);
            }
        }
    }

    /**
     * Brings the commit table up to date with every ref and writes the changed-path table for all of it, unless
     * the table on disk already covers every commit.
     *
     * @return the table and whether it was written, or null when this repository keeps no cache (shallow, grafts,
     *     replace refs, {@code rca.cache=off}) or it could not be written
     */
    public static Indexed index(GitWorkspace workspace, Progress progress) throws IOException {
        Repository repository = workspace.repository();
        Path dir = directory(workspace);
        if (!usable(repository) || !writable(dir)) {
            return null;
        }
        removeStaleTemporaries(dir);
        try (ObjectReader reader = repository.newObjectReader()) {
            CommitTable old = CommitTable.open(dir);
            CommitTable table = CommitTable.extend(dir, old, reader, refTips(repository, reader), progress);
            if (table == null) {
                return null;
            }
            ChangedPathTable current = ChangedPathTable.open(dir, table);
            if (current != null && current.commits() == table.size()) {
                // rewriting the same table would make a daemon that keeps it open start over with a new one
                return new Indexed(current.file(), current.commits(), false);
            }
            ChangedPathTable paths = ChangedPathTable.write(dir, table, current, reader, progress);
            return paths == null ? null : new Indexed(paths.file(), paths.commits(), true);
        } finally {
            progress.finish();
        }
    }

    /**
     * True when the repository's commit table or its changed-path table is missing, or the changed-path table
     * covers fewer commits: what {@link #index} would complete, without a commit-graph (that file is git's, and
     * only {@code rca index} writes it). A repository that never had a history query counts too, since blame
     * reads through both tables: a user who only asks {@code suspects} would otherwise never get them. False when
     * the cache is turned off, cannot be written, or the repository has no commit yet.
     */
    public static boolean tablesLag(GitWorkspace workspace) throws IOException {
        Path dir = directory(workspace);
        if ("off".equals(System.getProperty(PROPERTY)) || !historyFixedByIds(workspace.repository())
            || !writable(dir)) {
            return false;
        }
        CommitTable table = CommitTable.open(dir);
        if (table == null) {
            return workspace.repository().getRefDatabase().hasRefs();
        }
        ChangedPathTable paths = ChangedPathTable.open(dir, table);
        return paths == null || paths.commits() < table.size();
    }

    /** Removes a table that disagrees with the repository, so that the next walk builds a new one. */
    static void discard(CommitTable table) {
        try {
            Files.deleteIfExists(table.file());
        } catch (IOException e) {
            // a read-only .git keeps it; every walk will check it again and walk live
        }
    }

    private static boolean covers(CommitTable table, Collection<ObjectId> starts) {
        for (ObjectId id : starts) {
            if (table.find(id) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every commit id names the same history here as anywhere else: no shallow boundary, grafts or
     * replace refs rewrite what is reachable from it. Only then is an answer about a commit's ancestry worth
     * keeping (this cache, a daemon's memory).
     */
    public static boolean historyFixedByIds(Repository repository) {
        if (parentsRewritten(repository) != null) {
            return false;
        }
        try {
            return repository.getRefDatabase().getRefsByPrefix("refs/replace/").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What this repository is when some of its commits have other parents than their objects name: "a shallow
     * clone" or "grafted (info/grafts)"; null when neither (replace refs aside).
     */
    public static String parentsRewritten(Repository repository) {
        // a linked worktree keeps them in the common directory
        for (Path dir : List.of(repository.getDirectory().toPath(), repository.getCommonDirectory().toPath())) {
            if (Files.exists(dir.resolve("shallow"))) {
                return "a shallow clone";
            }
        }
        return Grafts.any(repository) ? "grafted (info/grafts)" : null;
    }

    /**
     * How long a temporary file in the cache goes unchanged before it is taken for one a killed writer left (kill -9,
     * OOM, power loss: up to a whole table's size, on git's history 67 MB). A live writer changes its file as it
     * goes; the longest a writer leaves one untouched is while the daemon's idle build waits for a command to finish.
     */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    /**
     * Deletes the temporary files ({@code .<name>.<uuid>[.data].tmp}) that writers of this directory left behind,
     * before a table is written there. No lock orders the cache's writers (a daemon and a command line may build at
     * once), so only files untouched for {@link #STALE_AFTER} go; should one still have a writer after all, that
     * writer fails to rename it and the cache is not written that time, nothing worse.
     */
    static void removeStaleTemporaries(Path dir) {
        Instant before = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path file : temporaries) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // no directory yet, or one rca may not clean: the write that follows says what matters
        }
    }

    /**
     * Whether objects the cache describes may be gone from the repository while its refs still reach them: it
     * borrows objects ({@code objects/info/alternates}, {@code $GIT_ALTERNATE_OBJECT_DIRECTORIES}: a clone made
     * with {@code --shared} or {@code --reference}), and a gc in the repository it borrows from prunes them. git's
     * walk then fails ("Failed to traverse parents"), and so must a walk that reads such commits from the cache,
     * instead of listing commits nobody can show: there every commit read from a table is first looked up.
     */
    public static boolean objectsMayVanish(Repository repository) {
        String borrowed = System.getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
        if (borrowed != null && !borrowed.isEmpty()) {
            return true;
        }
        return repository.getObjectDatabase() instanceof ObjectDirectory objects
            && Files.exists(objects.getDirectory().toPath().resolve("info").resolve("alternates"));
    }

    private static boolean writable(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isWritable(p);
            }
        }
        return false;
    }

    /** Every commit a ref or {@code HEAD} points at (through tags). */
    static List<ObjectId> refTips(Repository repository, ObjectReader reader) throws IOException {
        List<ObjectId> tips = new ArrayList<>();
        try (RevWalk walk = new RevWalk(reader)) {
            List<Ref> refs = new ArrayList<>(repository.getRefDatabase().getRefs());
            Ref head = repository.exactRef("HEAD");
            if (head != null) {
                refs.add(head);
            }
            for (Ref ref : refs) {
                ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                if (id == null) {
                    continue;
                }
                try {
                    RevObject o = walk.peel(walk.parseAny(id));
                    if (o instanceof RevCommit) {
                        tips.add(o.copy());
                    }
                } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                    // a dangling ref is not the cache's business
                }
            }
        }
        return tips;
    }
}
