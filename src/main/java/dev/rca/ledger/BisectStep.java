package dev.rca.ledger;

import java.util.Objects;

/** One bisection step: a commit, its verdict ({@code good}, {@code bad} or {@code skip}) and how many runs. */
public record BisectStep(String commit, String verdict, int runs, String at) {
    public BisectStep {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(verdict, "verdict");
        if (runs < 0) {
            throw new IllegalArgumentException("runs < 0");
        }
    }
}
