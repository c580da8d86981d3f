package dev.rca.logs;

/**
 * A line only one of two compared logs has (or, as context, one both have), in its original (unmasked)
 * text, cut for display.
 *
 * @param side which log holds it
 * @param line its 1-based line number in that log (in the good log for context)
 * @param text the line as written, control characters replaced and very long lines cut
 */
public record UnmatchedLine(Side side, long line, String text) {
    /** Which log a line is from: only the good one, only the bad one, or both (context around a hunk). */
    public enum Side { GOOD, BAD, CONTEXT }

    public UnmatchedLine {
        if (side == null || text == null) {
            throw new IllegalArgumentException("side and text are required");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }
}
