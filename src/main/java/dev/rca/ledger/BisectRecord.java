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
}
