package dev.rca.logs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How two logs compare after masking: their lengths and every place where they differ, in file order.
 * The lines themselves are not held (logs can be larger than the heap); {@link LogDiff#unmatchedLines}
 * reads them back, and {@link LogDiff#sample} collects the first few, e.g. for the evidence ledger.
 *
 * @param good      the good (reference) log
 * @param bad       the bad log
 * @param goodLines lines in the good log
 * @param badLines  lines in the bad log
 * @param hunks     where they differ, in file order; empty when they match
 */
public record LogDiffResult(Path good, Path bad, long goodLines, long badLines, List<LogDiffHunk> hunks) {
    public LogDiffResult {
        if (good == null || bad == null) {
            throw new IllegalArgumentException("both logs are required");
        }
        if (goodLines < 0 || badLines < 0) {
            throw new IllegalArgumentException("line counts must be >= 0");
        }
        hunks = List.copyOf(hunks);
    }

    /** The first divergence as line numbers in both logs. */
    public record Divergence(long goodLine, long badLine) {
    }

    /** True when the logs are the same after masking. */
    public boolean matches() {
        return hunks.isEmpty();
    }

    /** Where the logs first go different ways, or empty when they match. */
    public Optional<Divergence> firstDivergence() {
        return hunks.isEmpty() ? Optional.empty()
            : Optional.of(new Divergence(hunks.get(0).goodFrom(), hunks.get(0).badFrom()));
    }

    /** How many lines only the good log has. */
    public long onlyInGood() {
        return hunks.stream().mapToLong(LogDiffHunk::goodCount).sum();
    }

    /** How many lines only the bad log has. */
    public long onlyInBad() {
        return hunks.stream().mapToLong(LogDiffHunk::badCount).sum();
    }
}
