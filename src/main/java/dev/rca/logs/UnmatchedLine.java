package dev.rca.logs;

/**
 * A line only one of two compared logs has, in its original (unmasked) text, cut for display.
 *
 * @param side which log holds it
 * @param line its 1-based line number in that log
 * @param text the line as written, control characters replaced and very long lines cut
 */
public record UnmatchedLine(Side side, long line, String text) {
    /** The two logs of a comparison. */
    public enum Side { GOOD, BAD }

    public UnmatchedLine {
        if (side == null || text == null) {
            throw new IllegalArgumentException("side and text are required");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }
}
