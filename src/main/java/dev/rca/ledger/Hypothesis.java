package dev.rca.ledger;

import java.util.List;
import java.util.Objects;

/**
 * A hypothesis {@code H<n>} with its likelihood (0..1, or {@code null} when not estimated), status, the reason it
 * was rejected ({@code because}), the symptoms it explains and the evidence or experiments bearing on it.
 * Range checks are {@code rca check}'s job, so a hand-edited likelihood of 1.4 still loads and is reported there.
 */
public record Hypothesis(String id, String text, Double likelihood, HypothesisStatus status, String because,
                         List<String> explains, List<String> evidence) {
    public Hypothesis {
        if (!ItemKind.HYPOTHESIS.isId(id)) {
            throw new IllegalArgumentException("not a hypothesis id: " + id);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        explains = List.copyOf(explains);
        evidence = List.copyOf(evidence);
    }

    /** True while neither rejected nor confirmed. */
    public boolean isOpen() {
        return status == HypothesisStatus.OPEN;
    }
}
