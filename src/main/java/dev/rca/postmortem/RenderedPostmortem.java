package dev.rca.postmortem;

import java.util.List;

/**
 * A post-mortem rendered from a ledger: its Markdown, and for every line of it the ledger path the line's
 * words come from (e.g. {@code hypotheses.0.because}), or {@code null} for rca's own fixed words. The
 * origins turn a lint finding in the output into a position in the ledger. A line that joins two fields (the
 * Summary's "Fixed by …, reviewed in …") names the second from the column where its words begin.
 *
 * @param tails where a line's words start to come from another field than the line's own
 */
public record RenderedPostmortem(String markdown, List<String> lineOrigins, List<Tail> tails) {
    /** From {@code column} (1-based) of {@code line} (1-based) to its end, the words come from {@code origin}. */
    public record Tail(int line, int column, String origin) {
    }

    public RenderedPostmortem {
        lineOrigins = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lineOrigins));
        tails = List.copyOf(tails);
    }

    /** A post-mortem whose every line comes from one field at most. */
    public RenderedPostmortem(String markdown, List<String> lineOrigins) {
        this(markdown, lineOrigins, List.of());
    }

    /** The ledger path line {@code line} (1-based) comes from, or {@code null}. */
    public String originOf(int line) {
        return line >= 1 && line <= lineOrigins.size() ? lineOrigins.get(line - 1) : null;
    }

    /** The ledger path the words at {@code line}:{@code column} (1-based) come from, or {@code null}. */
    public String originOf(int line, int column) {
        String origin = originOf(line);
        for (Tail tail : tails) {
            if (tail.line() == line && column >= tail.column()) {
                origin = tail.origin();
            }
        }
        return origin;
    }
}
