package dev.rca.ledger;

/** A 1-based line and column in a ledger file. */
public record SourcePosition(int line, int column) {
    /** Where nothing better is known: the start of the file. */
    public static final SourcePosition START = new SourcePosition(1, 1);

    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
        }
    }

    /** {@code file:line:col}. */
    public String in(String file) {
        return file + ":" + line + ":" + column;
    }
}
