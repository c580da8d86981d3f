package dev.rca.ledger;

import java.util.Objects;

/** A timed event of the incident or investigation ({@code at} as written, ideally ISO-8601). */
public record TimelineEvent(String at, String event, String source) {
    public TimelineEvent {
        Objects.requireNonNull(event, "event");
    }
}
