package dev.rca.bisect;

import java.util.List;
import java.util.function.Predicate;

/** The loop of a flaky bisection: ask the engine where to run, run, stop at the confidence asked. */
public final class FlakyRun {
    private FlakyRun() {
    }

    /**
     * How a flaky bisection ended.
     *
     * @param culprit the most probable first bad commit, or null when "no culprit" is most probable
     * @param probability its posterior probability
     * @param confident whether it reached the confidence asked for
     * @param exhausted whether it stopped short of that because no commit was left that the test could run at
     * @param suspects when the answer is that the first bad commit is one of several that no run can tell apart (the
     *     test skipped the commits between them; see {@link FlakyBisector#undecidableAmong}), those, and
     *     {@code probability} is theirs together; else empty
     * @param runsCannotDecide whether it stopped short of the confidence because no run could reach it: the test
     *     skipped every commit that contains the most probable answer (see {@link FlakyBisector#runsCannotDecide})
     */
    public record Answer(String culprit, double probability, boolean confident, boolean exhausted,
                         List<String> suspects, boolean runsCannotDecide) {
        public Answer {
            suspects = List.copyOf(suspects);
        }

        /** An answer that names one hypothesis. */
        public Answer(String culprit, double probability, boolean confident, boolean exhausted) {
            this(culprit, probability, confident, exhausted, List.of(), false);
        }
    }

    /** The probability {@code run --flaky} stops at unless told otherwise. */
    public static final double DEFAULT_CONFIDENCE = 0.99;

    /** A bound on runs that a sound test never reaches: 30 runs per bit of the range, at least 200. */
    public static int defaultMaxRuns(int candidates) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, candidates));
        return Math.max(200, 30 * bits);
    }

    /**
     * Runs {@code test} (true when the run failed) where the engine says, until one answer reaches
     * {@code confidence}, no run can bring one there, or {@code maxRuns} runs are spent.
     */
    public static Answer drive(FlakyBisector engine, double confidence, int maxRuns, Predicate<String> test) {
        while (engine.answerProbability() < confidence && engine.runs() < maxRuns
            && !engine.runsCannotDecide(confidence)) {
            String commit = engine.next();
            if (commit == null) {
                break;
            }
            engine.observe(commit, test.test(commit));
        }
        boolean confident = engine.answerProbability() >= confidence;
        boolean exhausted = !confident && engine.exhausted();
        return new Answer(engine.leader(), engine.answerProbability(), confident, exhausted,
            confident ? engine.alikeWithLeader() : List.of(),
            !confident && !exhausted && engine.runsCannotDecide(confidence));
    }
}
