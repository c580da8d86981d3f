package dev.rca.ledger;

import java.util.List;

/** The mechanism of the bug ({@code text}, with code identifiers) and the commits that introduced it. */
public record RootCause(String text, List<String> offending) {
    public RootCause {
        offending = List.copyOf(offending);
    }
}
