package dev.rca.ledger;

import java.util.Objects;

/**
 * Whether one of the four inputs a post-mortem needs is in the ledger; when it is not, {@code missing} says
 * exactly what is missing (e.g. {@code "root_cause.text is empty"}).
 */
public record InputCheck(String name, boolean present, String missing) {
    public InputCheck {
        Objects.requireNonNull(name, "name");
        if (present != (missing == null)) {
            throw new IllegalArgumentException("an input is present exactly when nothing is missing");
        }
    }

    static InputCheck present(String name) {
        return new InputCheck(name, true, null);
    }

    static InputCheck missing(String name, String what) {
        return new InputCheck(name, false, what);
    }
}
