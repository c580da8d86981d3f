package dev.rca.graph;

import java.time.Instant;

/**
 * One event of an investigation's timeline: a ledger timeline entry, a timed symptom, an experiment, a
 * bisect step, the date of an evidence commit.
 *
 * @param at     when it happened, or null when only its place in the sequence is known
 * @param kind   what sort of event ({@code timeline}, {@code symptom}, {@code experiment}, {@code bisect},
 *               {@code evidence}…): a short lower-case word
 * @param text   what happened, never blank
 * @param source where it is recorded (a ledger id, a log, a CI run), or null
 */
public record TimelineEvent(Instant at, String kind, String text, String source) {
    public TimelineEvent {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("event kind must be a short lower-case word: " + kind);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("event text must not be blank");
        }
        text = text.strip();
        if (source != null && source.isBlank()) {
            source = null;
        }
    }
}
