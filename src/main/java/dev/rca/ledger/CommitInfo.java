package dev.rca.ledger;

import java.util.Objects;
import java.util.regex.Pattern;

/** A commit as the ledger records it: full SHA, subject, author ({@code Name <email>}) and ISO-8601 author date. */
public record CommitInfo(String sha, String subject, String author, String date) {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public CommitInfo {
        if (sha == null || !SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a full SHA: " + sha);
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(date, "date");
    }

    /** True when {@code text} is a full lower-case SHA-1 or SHA-256 id. */
    public static boolean isFullSha(String text) {
        return text != null && SHA.matcher(text).matches();
    }
}
