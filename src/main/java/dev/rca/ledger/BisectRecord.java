package dev.rca.ledger;

import java.util.List;
import java.util.Map;

/**
 * The ledger's {@code bisect:} section: the good and bad boundaries, the path limits, the steps taken and the
 * first bad commit once found. Fields the bisect engine adds beyond these are kept in {@code extra}.
 */
public record BisectRecord(List<String> good, String bad, List<String> paths, List<BisectStep> steps,
                           String firstBad, Map<String, Object> extra) {
    public BisectRecord {
        good = List.copyOf(good);
        paths = List.copyOf(paths);
        steps = List.copyOf(steps);
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** The record as ledger fields (extra fields last), for {@link LedgerEdit#set} of {@code bisect}. */
    public Map<String, Object> toYaml() {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("good", good);
        if (bad != null) {
            map.put("bad", bad);
        }
        map.put("paths", paths);
        map.put("steps", steps.stream().map(BisectStep::toYaml).toList());
        if (firstBad != null) {
            map.put("first_bad", firstBad);
        }
        map.putAll(extra);
        return map;
    }
}
