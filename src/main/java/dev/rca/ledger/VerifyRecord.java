package dev.rca.ledger;

/**
 * The result of {@code rca verify}, kept under {@code validation.verify}: the repro command run {@code runs}
 * times at the fix's parent (expected to fail) and at the fix (expected to pass). Counts may be {@code null}
 * when a hand-edited record leaves them out.
 */
public record VerifyRecord(String command, String fix, String parent, Integer runs, Integer parentFailures,
                           Integer fixPasses, boolean passed, String at) {
}
