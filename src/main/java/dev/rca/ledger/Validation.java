package dev.rca.ledger;

import java.util.List;

/** How the fix was validated: explicit checks, what was not covered, and the last {@code rca verify} record. */
public record Validation(List<ValidationCheck> checks, String notCovered, VerifyRecord verify) {
    public Validation {
        checks = List.copyOf(checks);
    }
}
