package dev.rca.ledger;

import java.util.Objects;

/** One check that shows the fix works: what was checked, and the evidence (runs, commit, environment). */
public record ValidationCheck(String what, String evidence) {
    public ValidationCheck {
        Objects.requireNonNull(what, "what");
    }
}
