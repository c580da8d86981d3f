package dev.rca.suspects;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "which commits introduced the bug this fix repairs?".
 *
 * @param fix          full id of the fix commit
 * @param fixSubject   its subject line
 * @param blamedLines  how many lines of the fix's parent were blamed
 * @param suspects     ranked suspects, best first; empty when abstaining
 * @param pointers     explicit pointers found in the fix's message (empty with trailers off)
 * @param abstention   why rca gives no answer, or {@code null} when it answers
 */
public record SuspectReport(String fix, String fixSubject, int blamedLines, List<Suspect> suspects,
                            List<Pointer> pointers, String abstention) {
    public SuspectReport {
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(fixSubject, "fixSubject");
        suspects = List.copyOf(suspects);
        pointers = List.copyOf(pointers);
        if ((abstention == null) == suspects.isEmpty()) {
            throw new IllegalArgumentException("a report either answers with suspects or abstains with a reason");
        }
    }

    /** True when rca found no credible suspect. */
    public boolean abstained() {
        return abstention != null;
    }
}
