package dev.rca.suspects;

import dev.rca.git.GitWorkspace;
import dev.rca.history.CachedGraphReader;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commit pool a {@link Blamer}'s generators share, so each commit is parsed once per blamer rather than once
 * per generator that crosses it: one walk over rca's cache reader, and its "seen" flag. A generator finding the
 * flag on a commit looks in its own queue for a candidate to merge with, finds none when another generator set
 * it, and queues the commit as it would have; a commit it queued itself it finds, as with a flag of its own. What
 * it does thus depends only on its own queue, never on the flag, which no generator clears (only JGit's blame of
 * uncommitted contents does); the walk is never reset and carries no flag to parents.
 *
 * <p>So a pool serves the next blamer as well as its own: it is kept, softly, for the next blamer on the same
 * repository and tables (in the daemon, the next query's), which then does not parse again the commits the last
 * one walked. A new commit or changed-path table, or another repository, means a new pool.
 */
final class BlamePool {
    /** A pool that has read more commits than this is let go rather than kept (some 330 bytes each). */
    static final long KEEP_AT_MOST = 100_000;
    /**
     * How many repositories' pools are kept: the daemon's warm-up blames its own repository while the user pauses,
     * and one kept pool would have had each take the other's place.
     */
    static final int KEEP_POOLS = 4;
    /** The kept pools, most recently handed back first; at most one per repository instance. */
    private static final List<SoftReference<BlamePool>> KEPT = new ArrayList<>();
    /** How many blamers were handed a kept pool (tests look). */
    static final AtomicLong REUSED = new AtomicLong();

    /** The user's repository the reader reads (not the generators' stand-in). */
    private final Repository repository;
    final CachedGraphReader reader;
    final RevWalk walk;
    final RevFlag seen;

    private BlamePool(Repository repository, CachedGraphReader reader) {
        this.repository = repository;
        this.reader = reader;
        this.walk = new RevWalk(reader);
        // nothing reads a blamed commit's message, and JGit reads it for each commit a region is handed out for
        this.walk.setRetainBody(false);
        this.seen = walk.newFlag("SEEN");
    }

    /** A new pool over {@code reader}, which reads {@code repository}. */
    static BlamePool over(Repository repository, CachedGraphReader reader) {
        return new BlamePool(repository, reader);
    }

    /**
     * The pool kept by the last blamer when it reads this repository (the same instance: the daemon keeps it
     * open between commands) through the tables {@link CachedGraphReader#open} would open now, and they hold
     * {@code start}; else a new pool over a reader just opened, or null when there is no cache to read.
     */
    static BlamePool open(GitWorkspace workspace, RevCommit start) {
        Repository repository = workspace.repository();
        BlamePool kept = take(repository);
        // a pool not taken up is only dropped: its reader was released when it was handed back
        CachedGraphReader reader = CachedGraphReader.open(workspace, start, kept == null ? null : kept.reader);
        if (kept != null && kept.reader == reader) {
            REUSED.incrementAndGet();
            return kept;
        }
        return reader == null ? null : new BlamePool(repository, reader);
    }

    /**
     * Done with by a blamer: its reader released (which, as any object reader, can be used again after) and the
     * pool kept for the next blamer on its repository (the least recently handed back of {@link #KEEP_POOLS} let go),
     * unless it read too many commits to keep.
     */
    void release() {
        walk.close();
        reader.close();
        synchronized (KEPT) {
            KEPT.removeIf(ref -> ref.get() == null || ref.get().repository == repository);
            if (reader.commitsRead() <= KEEP_AT_MOST) {
                KEPT.add(0, new SoftReference<>(this));
                while (KEPT.size() > KEEP_POOLS) {
                    KEPT.remove(KEPT.size() - 1);
                }
            }
        }
    }

    /** The pool kept for {@code repository}, taken out of the kept ones (so no other blamer uses it), or null. */
    private static BlamePool take(Repository repository) {
        synchronized (KEPT) {
            for (int i = 0; i < KEPT.size(); i++) {
                BlamePool pool = KEPT.get(i).get();
                if (pool != null && pool.repository == repository) {
                    KEPT.remove(i);
                    return pool;
                }
            }
            return null;
        }
    }
}
