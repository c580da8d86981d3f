package dev.rca.suspects;

import java.util.LinkedHashMap;
import java.util.List;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The whitespace-ignoring edits between pairs of blobs, kept for the whole process, least recently used first
 * out: two blobs' ids name their contents, so the edits one blame worked out hold for every later one, in any
 * repository. In the daemon, the next query of an investigation diffs again only the versions it had not met;
 * the diffs of merges against their parents are most of a blame's cost on a history like git's. Up to
 * {@link #CAPACITY} pairs (a few megabytes); safe for the daemon's threads. The lists kept are never handed out,
 * only copies of them.
 */
final class RememberedEdits {
    /** Pairs kept: each is a short list of edits. */
    static final int CAPACITY = 50_000;

    /** The edits every blamer of this process shares. */
    static final RememberedEdits SHARED = new RememberedEdits(CAPACITY);

    private final LinkedHashMap<List<ObjectId>, EditList> known;

    RememberedEdits(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.known = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<List<ObjectId>, EditList> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The edits kept for blob {@code a} against blob {@code b}, or null. */
    synchronized EditList get(ObjectId a, ObjectId b) {
        return known.get(List.of(a, b));
    }

    /** Keeps {@code edits} for blob {@code a} against blob {@code b}; the caller no longer changes them. */
    synchronized void put(ObjectId a, ObjectId b, EditList edits) {
        known.put(List.of(a, b), edits);
    }
}
