package dev.rca.bisect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a bisection has learnt, in the shape of the ledger's {@code bisect:} section: the
 * bounds it started from, the paths it is limited to, every verdict in order, and the answer once
 * there is one. The current bad commit, the good ones and the skipped ones are derived from the
 * steps, so replaying the record always gives the same next choice.
 *
 * @param good the good commits given at start
 * @param bad the bad commit given at start
 * @param paths the paths the bisection is limited to (empty: the whole tree)
 * @param firstParent whether only first parents are followed
 * @param flaky whether the steps are single noisy runs judged by the Bayesian engine
 * @param steps every verdict, in the order it was made
 * @param firstBad the answer, or null while there is none
 * @param confidence the answer's probability, or null; for a flaky bisection that ended {@code undecided}, the most
 *     probable answer's
 * @param undecided whether a flaky run stopped before any answer reached the confidence asked (its runs spent, or no
 *     commit left that the test could run at), so that nothing was decided
 * @param next the commit chosen to be tested next (as git keeps it checked out), or null
 * @param refs the bounds' names as given at start ({@code v1.0}), by SHA; a bound given by its SHA has none
 * @param test the test {@code run} used, or null when the verdicts were given by hand
 */
public record BisectState(List<String> good, String bad, List<String> paths, boolean firstParent, boolean flaky,
                          List<BisectStep> steps, String firstBad, Double confidence, boolean undecided, String next,
                          Map<String, String> refs, BisectTest test) {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    public BisectState {
        good = List.copyOf(good);
        if (good.isEmpty()) {
            throw new IllegalArgumentException("a bisection needs at least one good commit");
        }
        good.forEach(g -> requireSha(g, "good commit"));
        requireSha(bad, "bad commit");
        paths = List.copyOf(paths);
        steps = List.copyOf(steps);
        if (firstBad != null) {
            requireSha(firstBad, "first bad commit");
        }
        if (next != null) {
            requireSha(next, "next commit");
        }
        if (confidence != null && (confidence < 0 || confidence > 1 || confidence.isNaN())) {
            throw new IllegalArgumentException("confidence out of range: " + confidence);
        }
        if (undecided && (firstBad != null || confidence == null)) {
            throw new IllegalArgumentException("an undecided bisection has a probability and no first bad commit");
        }
        refs = Collections.unmodifiableMap(new LinkedHashMap<>(refs));
        refs.keySet().forEach(sha -> requireSha(sha, "named commit"));
    }

    static void requireSha(String sha, String what) {
        Objects.requireNonNull(sha, what);
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException(what + " is not a full SHA: " + sha);
        }
    }

    /** A fresh bisection; {@code refs} names the bounds given by name (see {@link #refs()}). */
    public static BisectState start(List<String> good, String bad, List<String> paths, boolean firstParent,
                                    Map<String, String> refs) {
        return new BisectState(good, bad, paths, firstParent, false, List.of(), null, null, false, null, refs, null);
    }

    /** This state with one more step. */
    public BisectState withStep(BisectStep step) {
        List<BisectStep> more = new ArrayList<>(steps);
        more.add(step);
        return new BisectState(good, bad, paths, firstParent, flaky, more, firstBad, confidence, undecided, null, refs,
            test);
    }

    /** This state with its answer. */
    public BisectState withAnswer(String culprit, Double probability) {
        return new BisectState(good, bad, paths, firstParent, flaky, steps, culprit, probability, false, next, refs,
            test);
    }

    /** This flaky state stopped short of the confidence asked: {@code probability} is the most probable answer's. */
    public BisectState withoutDecision(double probability) {
        return new BisectState(good, bad, paths, firstParent, flaky, steps, null, probability, true, next, refs, test);
    }

    /** This state switched to (or from) flaky mode. */
    public BisectState withFlaky(boolean value) {
        return new BisectState(good, bad, paths, firstParent, value, steps, firstBad, confidence, undecided, next, refs,
            test);
    }

    /** This state with the commit to test next (null: none). */
    public BisectState withNext(String commit) {
        return new BisectState(good, bad, paths, firstParent, flaky, steps, firstBad, confidence, undecided, commit, refs,
            test);
    }

    /** This state with the test {@code run} decides its verdicts with. */
    public BisectState withTest(BisectTest value) {
        return new BisectState(good, bad, paths, firstParent, flaky, steps, firstBad, confidence, undecided, next, refs,
            value);
    }

    /** The current bad commit: the last one marked bad, else the one given at start. */
    public String currentBad() {
        String current = bad;
        for (BisectStep s : steps) {
            if (s.verdict() == Verdict.BAD) {
                current = s.commit();
            }
        }
        return current;
    }

    /**
     * The bad commit the bisection goes on from, as git's {@code refs/bisect/bad}: {@link #currentBad()}, or in flaky
     * mode, where a step is one noisy run, the one given at start.
     */
    public String badInForce() {
        return flaky ? bad : currentBad();
    }

    /** Every commit known good: those given at start and those marked since. */
    public List<String> allGood() {
        Set<String> all = new LinkedHashSet<>(good);
        for (BisectStep s : steps) {
            if (s.verdict() == Verdict.GOOD) {
                all.add(s.commit());
            }
        }
        return List.copyOf(all);
    }

    /** Every commit marked skip. */
    public Set<String> skipped() {
        Set<String> all = new LinkedHashSet<>();
        for (BisectStep s : steps) {
            if (s.verdict() == Verdict.SKIP) {
                all.add(s.commit());
            }
        }
        return all;
    }

    /** Total test runs recorded, a verdict marked by hand counted as one (the flaky engine's observation). */
    public int totalRuns() {
        return steps.stream().mapToInt(BisectStep::runs).sum();
    }

    /**
     * Whether {@code step} was marked by hand rather than decided by a {@code run}. A state written before rca recorded
     * it for each step says so as a whole: by hand when no test is recorded (a run records its test with its first
     * step), else by a run.
     */
    public boolean byHand(BisectStep step) {
        return step.byHand() != null ? step.byHand() : test == null;
    }

    /** The steps marked by hand. */
    public int stepsByHand() {
        return (int) steps.stream().filter(this::byHand).count();
    }

    /** The test runs recorded for the steps a {@code run} decided. */
    public int testRuns() {
        return steps.stream().filter(s -> !byHand(s)).mapToInt(BisectStep::runs).sum();
    }

    /** The runs recorded in which the test skipped (exit 125). */
    public int skippedRuns() {
        return steps.stream().filter(s -> s.verdict() == Verdict.SKIP).mapToInt(BisectStep::runs).sum();
    }
}
