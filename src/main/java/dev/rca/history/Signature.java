package dev.rca.history;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Who authored or committed a commit, and when, in their own time zone.
 *
 * @param name the name as recorded (after the mailmap where the caller applied it)
 * @param email the email as recorded
 * @param when the date with the recorded offset
 */
public record Signature(String name, String email, OffsetDateTime when) {
    public Signature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(when, "when");
    }
}
