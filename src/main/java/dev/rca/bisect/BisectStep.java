package dev.rca.bisect;

import java.util.Objects;

/**
 * One verdict in a bisection: the commit, what the test said, how many times it ran for it, and who decided it.
 * In flaky mode every run is its own step.
 *
 * @param byHand true for a verdict marked by hand ({@code bisect-helper good|bad|skip}), false for one a {@code run}
 *     decided; null in a state written before rca recorded it, read by {@link BisectState#byHand}
 */
public record BisectStep(String commit, Verdict verdict, int runs, Boolean byHand) {
    public BisectStep {
        BisectState.requireSha(commit, "step commit");
        Objects.requireNonNull(verdict, "verdict");
        if (runs < 0) {
            throw new IllegalArgumentException("runs must not be negative: " + runs);
        }
    }

    /** A verdict a {@code run} decided. */
    public static BisectStep ran(String commit, Verdict verdict, int runs) {
        return new BisectStep(commit, verdict, runs, false);
    }

    /** A verdict marked by hand, counted as one run, as the flaky engine takes it for one observation. */
    public static BisectStep byHand(String commit, Verdict verdict) {
        return new BisectStep(commit, verdict, 1, true);
    }
}
