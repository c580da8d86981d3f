package dev.rca.suspects;

import java.time.Instant;

/**
 * What to ask of {@link SuspectFinder}.
 *
 * @param top         how many suspects to return at most (at least 1)
 * @param useTrailers whether explicit pointers in the fix's message count as evidence
 * @param notAfter    when known, the first recorded symptom: a commit made after it cannot be the cause;
 *                    {@code null} when unknown
 */
public record SuspectQuery(int top, boolean useTrailers, Instant notAfter) {
    /** The default number of suspects. */
    public static final int DEFAULT_TOP = 5;

    public SuspectQuery {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, not " + top);
        }
    }

    /** The defaults: five suspects, trailers used, no symptom time. */
    public static SuspectQuery defaults() {
        return new SuspectQuery(DEFAULT_TOP, true, null);
    }
}
