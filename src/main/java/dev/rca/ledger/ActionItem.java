package dev.rca.ledger;

import java.util.Objects;

/** A follow-up with an owner and a tracking reference. */
public record ActionItem(String what, String owner, String tracking) {
    public ActionItem {
        Objects.requireNonNull(what, "what");
    }
}
