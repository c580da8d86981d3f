package dev.rca.ledger;

import java.util.Objects;

/** An observed symptom, {@code S<n>}: what was seen, where ({@code source}) and when ({@code at}, free text). */
public record Symptom(String id, String kind, String text, String source, String at) {
    public Symptom {
        if (!ItemKind.SYMPTOM.isId(id)) {
            throw new IllegalArgumentException("not a symptom id: " + id);
        }
        Objects.requireNonNull(text, "text");
    }
}
