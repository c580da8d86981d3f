package dev.rca.history;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who authored or committed a commit, and when, in their own time zone.
 *
 * @param name the name as recorded (after the mailmap where the caller applied it)
 * @param email the email as recorded
 * @param when the date with the recorded offset
 */
public record Signature(String name, String email, OffsetDateTime when) {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    public Signature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(when, "when");
    }

    /** {@code {name, email, date}} with the date in ISO-8601 with its offset, as rca's JSON output shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("email", email);
        m.put("date", when.format(ISO));
        return m;
    }
}
