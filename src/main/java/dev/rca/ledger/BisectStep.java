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

    /** The step as ledger fields, for {@link LedgerEdit#append} to {@code bisect.steps}. */
    public java.util.Map<String, Object> toYaml() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("commit", commit);
        map.put("verdict", verdict);
        map.put("runs", runs);
        if (at != null) {
            map.put("at", at);
        }
        return map;
    }
}
