package dev.rca.ledger;

import dev.rca.RcaException;
import java.util.Objects;

/** One thing wrong with a ledger, at a position in its file. */
public record LedgerProblem(SourcePosition position, String message) {
    public LedgerProblem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** The finding as one line: {@code <file>:<line>:<col>: <message>}. */
    public String render(String file) {
        return position.in(file) + ": " + message;
    }

    /** The problem as an exit-3 error located in {@code file}. */
    public RcaException toException(String file) {
        return RcaException.badInput("malformed ledger: " + message).at(file, position.line(), position.column());
    }
}
