package dev.rca.suspects;

import dev.rca.git.PartialClone;
import dev.rca.history.CommitCache;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * What {@link ChangeClassifier} worked out about commits, kept for the whole process, least recently used first
 * out. A commit's id names its tree and its parents, so what it changed is the same for every later query, in
 * every repository that has the whole history and all its objects ({@link #of}): in the daemon, the next fix of an
 * investigation (or the same fix asked again, as JSON or with {@code -t}) finds the candidates it shares with the
 * last one already classified, where each query used to diff every candidate's files again. A shallow clone sees
 * its boundary commits without parents, and a partial clone may lack a candidate's files: those classify on their
 * own. Whether a commit is rename-only depends on the rename limit too, so its kind is kept per limit. Kept within
 * a budget of estimated bytes ({@link #BUDGET}: a quarter for kinds, the rest for written lines, each a
 * {@link BudgetedMemory}); safe for the daemon's threads. What it hands out is never changed by anyone.
 */
final class ClassifiedCommits {
    /** 16 MiB, or a sixty-fourth of the heap. */
    static final long BUDGET = Math.min(16L << 20, Runtime.getRuntime().maxMemory() / 64);

    /** The memory every classifier of this process shares. */
    static final ClassifiedCommits SHARED = new ClassifiedCommits(BUDGET);

    /** What one commit's change is like, under one rename limit. */
    private record KindKey(ObjectId commit, int renameLimit) {
        KindKey {
            Objects.requireNonNull(commit, "commit");
        }
    }

    /** About what a kind kept costs: the map's entry, the key, its id and the change. */
    private static final long KIND_COST = 160;

    /**
     * Where a deleted line was in the commit's first parent.
     *
     * @param path its path there, or null when the commit deleted the same text more than once (then unusable)
     * @param line its 0-based line there, or -1 with a null path
     */
    record Place(String path, int line) {
        Place {
            if (path == null ? line != -1 : line < 0) {
                throw new IllegalArgumentException("a place is a path and a line, or no path and line -1: " + path
                    + ":" + line);
            }
        }
    }

    /**
     * What a single-parent commit wrote against its parent.
     *
     * @param parent the commit's parent
     * @param deleted every line it deleted or replaced, by its text without whitespace (lines long enough to
     *                recognise when moved), with where it was
     * @param addedIdentifiers the identifiers on the lines it added
     */
    record Written(ObjectId parent, Map<String, Place> deleted, Set<String> addedIdentifiers) {
        Written {
            parent = parent.copy();
            deleted = Map.copyOf(deleted);
            addedIdentifiers = Collections.unmodifiableSet(new LinkedHashSet<>(addedIdentifiers));
        }

        /** About what it costs the heap: each text or identifier with its entry, and the place. */
        long cost() {
            long bytes = 200;
            for (String text : deleted.keySet()) {
                bytes += 120 + text.length();
            }
            for (String id : addedIdentifiers) {
                bytes += 80 + id.length();
            }
            return bytes;
        }
    }

    /** What a commit wrote, with its cost worked out once. */
    private record Kept(Written lines, long cost) {
    }

    private final BudgetedMemory<KindKey, ChangeClassifier.Change> kinds;
    private final BudgetedMemory<ObjectId, Kept> written;
    private long hits;

    /** A memory of at most {@code budget} estimated bytes; 0 keeps nothing. */
    ClassifiedCommits(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("negative budget: " + budget);
        }
        this.kinds = new BudgetedMemory<>(budget / 4, change -> KIND_COST);
        this.written = new BudgetedMemory<>(budget - budget / 4, Kept::cost);
    }

    /**
     * The memory for classifying in {@code repository}: the process's when commit ids fix its history and it has
     * every object, else one that keeps nothing.
     */
    static ClassifiedCommits of(Repository repository) {
        return CommitCache.historyFixedByIds(repository) && !PartialClone.is(repository)
            ? SHARED : new ClassifiedCommits(0);
    }

    /** Forgets every commit (tests compare answers worked out afresh with answers worked out before). */
    void forget() {
        kinds.clear();
        written.clear();
    }

    /** The change kept for {@code commit} under {@code renameLimit}, or null. */
    synchronized ChangeClassifier.Change change(AnyObjectId commit, int renameLimit) {
        ChangeClassifier.Change kept = kinds.get(new KindKey(commit.toObjectId(), renameLimit));
        hits += kept == null ? 0 : 1;
        return kept;
    }

    /** Keeps {@code change} for {@code commit} under {@code renameLimit}. */
    void keepChange(AnyObjectId commit, int renameLimit, ChangeClassifier.Change change) {
        if (KIND_COST <= kinds.budget()) {
            kinds.put(new KindKey(commit.copy(), renameLimit), change);
        }
    }

    /** What {@code commit} wrote, if kept; else null. */
    synchronized Written written(AnyObjectId commit) {
        Kept kept = written.get(commit);
        hits += kept == null ? 0 : 1;
        return kept == null ? null : kept.lines();
    }

    /** Keeps what {@code commit} wrote, unless it alone would take more than an eighth of the budget. */
    void keepWritten(AnyObjectId commit, Written lines) {
        long cost = lines.cost();
        if (cost <= written.budget() / 8) {
            written.put(commit.copy(), new Kept(lines, cost));
        }
    }

    /** How many commits' kinds are kept. */
    int kinds() {
        return kinds.size();
    }

    /** How many commits' written lines are kept. */
    int writtenCommits() {
        return written.size();
    }

    /** How many questions were answered from what was kept. */
    synchronized long hits() {
        return hits;
    }
}
