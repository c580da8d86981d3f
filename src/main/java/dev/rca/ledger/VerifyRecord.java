package dev.rca.ledger;

/**
 * The result of {@code rca verify}, kept under {@code validation.verify}: the repro command run {@code runs}
 * times at the fix's parent (expected to fail) and at the fix (expected to pass). Counts may be {@code null}
 * when a hand-edited record leaves them out.
 */
public record VerifyRecord(String command, String fix, String parent, Integer runs, Integer parentFailures,
                           Integer fixPasses, boolean passed, String at) {

    /** The record as ledger fields, for {@link LedgerEdit#set} of {@code validation.verify}. */
    public java.util.Map<String, Object> toYaml() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("command", command);
        map.put("fix", fix);
        map.put("parent", parent);
        map.put("runs", runs);
        map.put("parent_failures", parentFailures);
        map.put("fix_passes", fixPasses);
        map.put("passed", passed);
        map.put("at", at);
        return map;
    }
}
