package dev.rca.ledger;

import java.util.Objects;

/**
 * One bisection step: a commit, its verdict ({@code good}, {@code bad} or {@code skip}), how many runs, who decided it
 * and when it was recorded.
 *
 * @param by {@code run} or {@code hand}; null in a section written before rca recorded it
 */
public record BisectStep(String commit, String verdict, int runs, String by, String at) {
    public BisectStep {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(verdict, "verdict");
        if (runs < 0) {
            throw new IllegalArgumentException("runs < 0");
        }
    }

    /** Whether the step says it was marked by hand ({@code by: hand}); one that does not say is not known to be. */
    public boolean byHand() {
        return "hand".equals(by);
    }

    /** The step as ledger fields, for {@link LedgerEdit#append} to {@code bisect.steps}. */
    public java.util.Map<String, Object> toYaml() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("commit", commit);
        map.put("verdict", verdict);
        map.put("runs", runs);
        if (by != null) {
            map.put("by", by);
        }
        if (at != null) {
            map.put("at", at);
        }
        return map;
    }
}
