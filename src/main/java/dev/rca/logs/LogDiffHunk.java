package dev.rca.logs;

/**
 * One place where two logs differ after masking: {@code goodCount} lines of the good log starting at
 * line {@code goodFrom} stand where the bad log has {@code badCount} lines starting at {@code badFrom}.
 * Line numbers are 1-based; a side with no lines here has count 0 and {@code from} is the line before
 * which the other side's lines would go (one past the last line at the end of the file).
 */
public record LogDiffHunk(long goodFrom, long goodCount, long badFrom, long badCount) {
    public LogDiffHunk {
        if (goodFrom < 1 || badFrom < 1) {
            throw new IllegalArgumentException("line numbers are 1-based: " + goodFrom + ", " + badFrom);
        }
        if (goodCount < 0 || badCount < 0 || goodCount + badCount == 0) {
            throw new IllegalArgumentException("a hunk holds at least one line: " + goodCount + ", " + badCount);
        }
    }
}
