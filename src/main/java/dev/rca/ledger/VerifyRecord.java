package dev.rca.ledger;

/**
 * The result of {@code rca verify}, kept under {@code validation.verify}: the repro command run {@code runs}
 * times at the fix's parent (expected to fail) and at the fix (expected to pass), each run stopped after
 * {@code timeout} seconds. Counts may be {@code null} when a hand-edited record, or one an older rca wrote, leaves
 * them out.
 *
 * @param parentTimeouts how many of the parent's failures were runs stopped by the timeout
 * @param parentUntestable how many runs at the parent exited 125 ("cannot test"), neither failing nor passing
 * @param fixTimeouts how many runs at the fix were stopped by the timeout
 * @param fixUntestable how many runs at the fix exited 125
 */
public record VerifyRecord(String command, String fix, String parent, Integer runs, Long timeout,
                           Integer parentFailures, Integer parentTimeouts, Integer parentUntestable, Integer fixPasses,
                           Integer fixTimeouts, Integer fixUntestable, boolean passed, String at) {

    /** The record as ledger fields, for {@link LedgerEdit#set} of {@code validation.verify}. */
    public java.util.Map<String, Object> toYaml() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("command", command);
        map.put("fix", fix);
        map.put("parent", parent);
        map.put("runs", runs);
        map.put("timeout", timeout);
        map.put("parent_failures", parentFailures);
        map.put("parent_timeouts", parentTimeouts);
        map.put("parent_untestable", parentUntestable);
        map.put("fix_passes", fixPasses);
        map.put("fix_timeouts", fixTimeouts);
        map.put("fix_untestable", fixUntestable);
        map.put("passed", passed);
        map.put("at", at);
        return map;
    }
}
