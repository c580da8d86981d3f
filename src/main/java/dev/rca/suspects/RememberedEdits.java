package dev.rca.suspects;

import java.util.List;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The whitespace-ignoring edits between pairs of blobs, kept for the whole process, least recently used first
 * out: two blobs' ids name their contents, so the edits one blame worked out hold for every later one, in any
 * repository. In the daemon, the next query of an investigation diffs again only the versions it had not met;
 * the diffs of merges against their parents are most of a blame's cost on a history like git's. Kept within
 * {@link #BUDGET} bytes as estimated by {@link #cost} ({@link BudgetedMemory}); safe for the daemon's threads.
 * The lists kept are never handed out, only copies of them.
 */
final class RememberedEdits {
    /** 16 MiB, or a sixty-fourth of the heap. */
    static final long BUDGET = Math.min(16L << 20, Runtime.getRuntime().maxMemory() / 64);

    /** The edits every blamer of this process shares. */
    static final RememberedEdits SHARED = new RememberedEdits(BUDGET);

    private final BudgetedMemory<List<ObjectId>, EditList> known;

    RememberedEdits(long budget) {
        this.known = new BudgetedMemory<>(budget, RememberedEdits::cost);
    }

    /**
     * What a pair kept costs the heap, about: the map's entry, the key and its two ids, the list, and each edit
     * with its slot in the list.
     */
    static long cost(EditList edits) {
        return 160 + 40L * edits.size();
    }

    /** The edits kept for blob {@code a} against blob {@code b}, or null. */
    EditList get(ObjectId a, ObjectId b) {
        return known.get(List.of(a, b));
    }

    /** Keeps {@code edits} for blob {@code a} against blob {@code b}; the caller no longer changes them. */
    void put(ObjectId a, ObjectId b, EditList edits) {
        known.put(List.of(a, b), edits);
    }

    /** How many pairs are kept. */
    int size() {
        return known.size();
    }
}
