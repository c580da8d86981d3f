package dev.rca.suspects;

import java.util.Objects;

/**
 * An explicit pointer to an offending commit, written in the fix's message.
 *
 * @param kind    which phrase named it
 * @param written the SHA as written (possibly abbreviated)
 * @param sha     the full commit id it resolves to, or {@code null} when it resolves to nothing usable
 * @param trusted true when it resolves to a commit that is an ancestor of the fix
 * @param note    why it is not trusted, or {@code null}
 */
public record Pointer(Kind kind, String written, String sha, boolean trusted, String note) {
    /** The phrases rca recognises. */
    public enum Kind {
        /** {@code Fixes: <sha>} */
        FIXES("Fixes:"),
        /** {@code Regression from|since|in <sha>} */
        REGRESSION("Regression"),
        /** {@code This reverts commit <sha>} */
        REVERTS("This reverts commit"),
        /** {@code introduced by|in <sha>}, {@code broken in|by <sha>}, {@code broke in <sha>}, {@code caused by <sha>} */
        INTRODUCED("Introduced by");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }

        /** How the phrase reads in a message. */
        public String phrase() {
            return phrase;
        }
    }

    public Pointer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(written, "written");
        if (sha != null && !sha.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a full commit id: " + sha);
        }
        if (trusted && sha == null) {
            throw new IllegalArgumentException("a trusted pointer needs a resolved sha");
        }
    }
}
