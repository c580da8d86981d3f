package dev.rca.bisect;

import java.util.Objects;

/**
 * One verdict in a bisection: the commit, what the test said, and how many times it ran for it.
 * In flaky mode every run is its own step.
 */
public record BisectStep(String commit, Verdict verdict, int runs) {
    public BisectStep {
        BisectState.requireSha(commit, "step commit");
        Objects.requireNonNull(verdict, "verdict");
        if (runs < 0) {
            throw new IllegalArgumentException("runs must not be negative: " + runs);
        }
    }
}
