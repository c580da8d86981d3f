package dev.rca.postmortem;

import java.util.List;

/**
 * A post-mortem rendered from a ledger: its Markdown, and for every line of it the ledger path the line's
 * words come from (e.g. {@code hypotheses.0.because}), or {@code null} for rca's own fixed words. The
 * origins turn a lint finding in the output into a position in the ledger.
 */
public record RenderedPostmortem(String markdown, List<String> lineOrigins) {
    public RenderedPostmortem {
        lineOrigins = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lineOrigins));
    }

    /** The ledger path line {@code line} (1-based) comes from, or {@code null}. */
    public String originOf(int line) {
        return line >= 1 && line <= lineOrigins.size() ? lineOrigins.get(line - 1) : null;
    }
}
