package dev.rca.suspects;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Who wrote what a fix changes. Blame names the last commit to touch a line; when that commit's hunk had a line much
 * like it that already had the fix's changed tokens as they are ({@link ChangedTokens}: each token the fix removes
 * aligned with the same token there, and nothing between the two tokens around each place the fix inserts some), the
 * commit changed something else on the line (renamed a type, re-wrapped it, added an argument) and is no evidence
 * of writing what the fix repairs. That older line is blamed at the commit's parent, past meta-changes as usual, up
 * to {@link #MAX_STEPS} times, the places carried along.
 *
 * <p>Two model inputs come from it (see {@link SuspectModel}): the share of the blamed weight traced to a commit, and
 * the share a commit owns but passed through. Commits reached only this way join the candidates owning no blamed line.
 */
final class TokenTrace {
    static final int MAX_STEPS = 3;

    /** What one commit learns from the trace. */
    static final class Evidence {
        /** Weight and count of the fix's lines whose removed tokens it wrote, after another commit touched them. */
        double tracedWeight;
        int tracedLines;
        /** The commits that touched those lines later, without bringing the tokens. */
        final Set<ObjectId> passedBy = new LinkedHashSet<>();
        /** Weight and count of the fix's lines it owns (or passed on the way) without having brought the tokens. */
        double passedWeight;
        int passedLines;
        /** Where blame at its parent took those lines, most lines first. */
        final Map<ObjectId, Integer> writers = new LinkedHashMap<>();
    }

    private TokenTrace() {
    }

    /**
     * The evidence, per commit, for the fix's {@code targets} whose lines blame attributed to {@code origins} (after
     * looking past meta-changes); lines at the shallow clone's {@code cut} are left alone, and an object the
     * repository lacks (a partial clone) ends the trace of the lines that need it where they are, reported to the
     * blamer's {@link Blamer#missing()}.
     */
    static Map<ObjectId, Evidence> find(ChangeClassifier classifier, Blamer blamer,
                                        CosmeticLookThrough.LookPast lookPast, List<FixLines.Target> targets,
                                        List<Blamer.Origin> origins, Set<ObjectId> cut) throws IOException {
        List<Blamer.Origin> current = new ArrayList<>(origins);
        List<ChangedTokens> changed = new ArrayList<>(targets.stream().map(FixLines.Target::changed).toList());
        List<List<ObjectId>> passed = new ArrayList<>();
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            passed.add(new ArrayList<>());
            if (targets.get(i).kind() == FixLines.Kind.CHANGED && !targets.get(i).changed().isEmpty()
                && !cut.contains(origins.get(i).commit())) {
                active.add(i);
            }
        }
        for (int step = 0; step < MAX_STEPS && !active.isEmpty(); step++) {
            Map<Integer, ChangeClassifier.Carried> before = carried(classifier, blamer.missing(), changed, current,
                active);
            Blamer.Origin[] found = blamer.blameEach(before.values().stream().map(ChangeClassifier.Carried::line)
                .toList());
            List<Integer> moved = new ArrayList<>();
            List<FixLines.Target> movedTargets = new ArrayList<>();
            List<Blamer.Origin> movedOrigins = new ArrayList<>();
            int at = 0;
            for (int i : before.keySet()) {
                Blamer.Origin earlier = found[at++];
                if (earlier != null) {
                    moved.add(i);
                    movedTargets.add(targets.get(i));
                    movedOrigins.add(earlier);
                }
            }
            lookPast.apply(movedTargets, movedOrigins);
            active = new ArrayList<>();
            for (int k = 0; k < moved.size(); k++) {
                int i = moved.get(k);
                passed.get(i).add(current.get(i).commit());
                current.set(i, movedOrigins.get(k));
                changed.set(i, before.get(i).changed());
                if (!cut.contains(movedOrigins.get(k).commit())) {
                    active.add(i);
                }
            }
        }
        Map<ObjectId, Evidence> out = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            ObjectId writer = current.get(i).commit();
            if (passed.get(i).isEmpty() || cut.contains(writer)) {
                continue;
            }
            double w = targets.get(i).weight();
            Evidence traced = out.computeIfAbsent(writer, k -> new Evidence());
            traced.tracedWeight += w;
            traced.tracedLines++;
            traced.passedBy.addAll(passed.get(i));
            for (ObjectId p : passed.get(i)) {
                Evidence passer = out.computeIfAbsent(p, k -> new Evidence());
                passer.passedWeight += w;
                passer.passedLines++;
                passer.writers.merge(writer, 1, Integer::sum);
            }
        }
        for (Evidence e : out.values()) {
            List<Map.Entry<ObjectId, Integer>> byLines = new ArrayList<>(e.writers.entrySet());
            byLines.sort(Map.Entry.<ObjectId, Integer>comparingByValue(Comparator.reverseOrder()));
            e.writers.clear();
            byLines.forEach(w -> e.writers.put(w.getKey(), w.getValue()));
        }
        return out;
    }

    /** Per active line, the older line its blamed commit's hunk already had its changed tokens in. */
    private static Map<Integer, ChangeClassifier.Carried> carried(ChangeClassifier classifier, MissingObjects missing,
                                                                 List<ChangedTokens> changed,
                                                                 List<Blamer.Origin> current,
                                                                 List<Integer> active) throws IOException {
        Map<Integer, ChangeClassifier.Carried> out = new LinkedHashMap<>();
        for (List<Integer> same : Blamer.Origin.byCommitAndPath(active, current)) {
            Blamer.Origin o = current.get(same.get(0));
            ChangeClassifier.Carried[] found;
            try {
                found = classifier.carried(o.commit(), o.path(),
                    same.stream().mapToInt(i -> current.get(i).line()).toArray(),
                    same.stream().map(changed::get).toList());
            } catch (MissingObjectException partialClone) {
                // these lines' traces end where they are; the others go on
                missing.add(partialClone, o.path() + " in " + o.commit().abbreviate(12).name());
                continue;
            }
            for (int k = 0; k < found.length; k++) {
                if (found[k] != null) {
                    out.put(same.get(k), found[k]);
                }
            }
        }
        return out;
    }
}
