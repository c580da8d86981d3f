package dev.rca.suspects;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Who wrote what a blamed commit only re-wrapped: where the hunk of the commit blame names for one of the fix's
 * deleted or modified lines only re-wrapped code ({@link CosmeticHunks}) while the commit changed other code (so it
 * is no meta-change to look past), the parent's lines that held that line's tokens are blamed, looking past
 * meta-changes as usual. Evidence for the reader only; it moves no score (as model inputs, with the commits it finds
 * as candidates, and as a look-past, it did not pass the README's ship test on 2026-12-05).
 */
final class CosmeticLookThrough {
    /** Follows lines past meta-changes, replacing each origin by the one found past them. */
    interface LookPast {
        void apply(List<FixLines.Target> targets, List<Blamer.Origin> origins) throws IOException;
    }

    /** What one commit learns: as the commit that only re-wrapped lines, and as the one that wrote them. */
    static final class Evidence {
        /** How many of the fix's deleted or modified lines it owns that it only re-wrapped. */
        int rewrapped;
        /** Who wrote those lines, most lines first, then newest first. */
        final List<ObjectId> writers = new ArrayList<>();
        /** The commits that only re-wrapped lines it wrote, each with how many of the fix's lines. */
        final Map<ObjectId, Integer> rewrappedBy = new LinkedHashMap<>();

        /** How many of the fix's lines it wrote that another commit only re-wrapped. */
        int wroteRewrapped() {
            return rewrappedBy.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private CosmeticLookThrough() {
    }

    /**
     * The evidence, per commit, for the fix's {@code targets} whose lines blame attributed to {@code origins} (after
     * looking past meta-changes); lines at the shallow clone's {@code cut} are left alone.
     */
    static Map<ObjectId, Evidence> find(ChangeClassifier classifier, Blamer blamer, RevWalk walk, LookPast lookPast,
                                        List<FixLines.Target> targets, List<Blamer.Origin> origins, Set<ObjectId> cut)
        throws IOException {
        Map<Integer, ChangeClassifier.RewrappedLine> rewrapped = rewrapped(classifier, targets, origins, cut);
        List<ChangeClassifier.LineInParent> asked = new ArrayList<>();
        List<Integer> askedFor = new ArrayList<>();
        for (var e : rewrapped.entrySet()) {
            ChangeClassifier.RewrappedLine r = e.getValue();
            for (int line : r.lines()) {
                asked.add(new ChangeClassifier.LineInParent(r.parent(), r.path(), line));
                askedFor.add(e.getKey());
            }
        }
        Blamer.Origin[] found = blamer.blameEach(asked);
        List<FixLines.Target> older = new ArrayList<>();
        List<Blamer.Origin> olderOrigins = new ArrayList<>();
        List<Integer> fixLineOf = new ArrayList<>();
        for (int k = 0; k < found.length; k++) {
            if (found[k] != null) {
                older.add(new FixLines.Target(asked.get(k).path(), asked.get(k).line(), FixLines.Kind.CHANGED, 1, null,
                    false));
                olderOrigins.add(found[k]);
                fixLineOf.add(askedFor.get(k));
            }
        }
        lookPast.apply(older, olderOrigins);
        Map<Integer, Set<ObjectId>> writersOf = new LinkedHashMap<>();
        for (int k = 0; k < older.size(); k++) {
            ObjectId c = olderOrigins.get(k).commit();
            if (!cut.contains(c)) {
                writersOf.computeIfAbsent(fixLineOf.get(k), x -> new LinkedHashSet<>()).add(c);
            }
        }
        Map<ObjectId, Evidence> out = new LinkedHashMap<>();
        Map<ObjectId, Map<ObjectId, Integer>> writtenFor = new HashMap<>();
        for (int i : rewrapped.keySet()) {
            ObjectId rewrapper = origins.get(i).commit();
            out.computeIfAbsent(rewrapper, k -> new Evidence()).rewrapped++;
            for (ObjectId writer : writersOf.getOrDefault(i, Set.of())) {
                writtenFor.computeIfAbsent(rewrapper, k -> new LinkedHashMap<>()).merge(writer, 1, Integer::sum);
                out.computeIfAbsent(writer, k -> new Evidence()).rewrappedBy.merge(rewrapper, 1, Integer::sum);
            }
        }
        for (var e : writtenFor.entrySet()) {
            Map<ObjectId, Integer> lines = e.getValue();
            Map<ObjectId, Integer> time = new HashMap<>();
            for (ObjectId writer : lines.keySet()) {
                time.put(writer, walk.parseCommit(writer).getCommitTime());
            }
            List<ObjectId> writers = new ArrayList<>(lines.keySet());
            writers.sort(Comparator.<ObjectId>comparingInt(lines::get).reversed()
                .thenComparing(Comparator.<ObjectId>comparingInt(time::get).reversed())
                .thenComparing(ObjectId::name));
            out.get(e.getKey()).writers.addAll(writers);
        }
        return out;
    }

    /** Per index of a deleted or modified line, the lines before the hunk of its blamed commit that only re-wrapped it. */
    private static Map<Integer, ChangeClassifier.RewrappedLine> rewrapped(ChangeClassifier classifier,
                                                                          List<FixLines.Target> targets,
                                                                          List<Blamer.Origin> origins,
                                                                          Set<ObjectId> cut) throws IOException {
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).kind() == FixLines.Kind.CHANGED && !cut.contains(origins.get(i).commit())) {
                changed.add(i);
            }
        }
        Map<Integer, ChangeClassifier.RewrappedLine> out = new java.util.TreeMap<>();
        for (List<Integer> same : Blamer.Origin.byCommitAndPath(changed, origins)) {
            Blamer.Origin o = origins.get(same.get(0));
            ChangeClassifier.RewrappedLine[] found = classifier.rewraps(o.commit(), o.path(),
                same.stream().mapToInt(i -> origins.get(i).line()).toArray());
            for (int k = 0; k < found.length; k++) {
                if (found[k] != null) {
                    out.put(same.get(k), found[k]);
                }
            }
        }
        return out;
    }
}
