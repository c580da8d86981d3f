package dev.rca.history;

import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which of many commits a commit reaches, in one walk for them all.
 */
public final class Ancestry {
    private Ancestry() {
    }

    /**
     * Which of {@code targets} are {@code start} or its ancestors: one walk newest first by commit time, stopping
     * once every target is found or at the first commit older than {@code stopBelow} (epoch seconds; the caller
     * leaves slack for skewed clocks). Through a {@link CachedGraphReader} whose commit table holds {@code start}
     * the walk reads the table, a few integers per commit where a {@link RevWalk} parses each; the answer is the
     * same either way.
     *
     * @param start a commit parsed from its object
     */
    public static Set<ObjectId> among(ObjectReader reader, RevCommit start, Set<? extends ObjectId> targets,
                                      long stopBelow) throws IOException {
        if (targets.isEmpty()) {
            return Set.of();
        }
        CommitTable table = reader instanceof CachedGraphReader cached ? cached.commitTable() : null;
        int from = table == null ? -1 : table.find(start);
        if (from >= 0 && table.agrees(from, start)) {
            return inTable(table, from, targets, stopBelow);
        }
        return walked(reader, start, targets, stopBelow);
    }

    private static Set<ObjectId> inTable(CommitTable table, int start, Set<? extends ObjectId> targets,
                                         long stopBelow) {
        Map<Integer, ObjectId> wanted = new HashMap<>();
        for (ObjectId target : targets) {
            // a table holds every ancestor of a commit it holds, so a target it lacks is not one
            int index = table.find(target);
            if (index >= 0) {
                wanted.put(index, target.copy());
            }
        }
        Set<ObjectId> found = new HashSet<>();
        if (wanted.isEmpty()) {
            return found;
        }
        // newest first, ties in the order queued: the order of RevWalk's date queue, so the same commits are
        // passed before the walk stops
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[1] != b[1] ? Long.compare(b[1], a[1])
            : Long.compare(a[2], b[2]));
        BitSet seen = new BitSet(table.size());
        long queued = 0;
        queue.add(new long[] {start, table.commitTime(start), queued++});
        seen.set(start);
        while (!queue.isEmpty() && found.size() < wanted.size()) {
            int c = (int) queue.poll()[0];
            ObjectId target = wanted.get(c);
            if (target != null) {
                found.add(target);
            }
            if (table.commitTime(c) < stopBelow) {
                break;
            }
            for (int p = 0; p < table.parentCount(c); p++) {
                int parent = table.parent(c, p);
                if (!seen.get(parent)) {
                    seen.set(parent);
                    queue.add(new long[] {parent, table.commitTime(parent), queued++});
                }
            }
        }
        return found;
    }

    private static Set<ObjectId> walked(ObjectReader reader, RevCommit start, Set<? extends ObjectId> targets,
                                        long stopBelow) throws IOException {
        Set<ObjectId> wanted = new HashSet<>(targets);
        Set<ObjectId> found = new HashSet<>();
        try (RevWalk rw = new RevWalk(reader)) {
            rw.markStart(rw.parseCommit(start));
            for (RevCommit c = rw.next(); c != null && found.size() < wanted.size(); c = rw.next()) {
                if (wanted.contains(c)) {
                    found.add(c.copy());
                }
                if (c.getCommitTime() < stopBelow) {
                    break;
                }
            }
        }
        return found;
    }
}
