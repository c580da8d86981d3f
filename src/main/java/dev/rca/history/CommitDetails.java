package dev.rca.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A commit as rca shows it.
 *
 * @param sha the full commit id
 * @param parents full ids of its parents, as recorded in the commit
 * @param author the author, as recorded
 * @param committer the committer, as recorded
 * @param subject the first paragraph of the message on one line (git's {@code %s})
 * @param body the message after the subject paragraph (git's {@code %b}), possibly empty
 */
public record CommitDetails(String sha, List<String> parents, Signature author, Signature committer,
                            String subject, String body) {
    public CommitDetails {
        Objects.requireNonNull(sha, "sha");
        parents = List.copyOf(parents);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committer, "committer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** The commit as {@code rca log --format=json} shows it: id, parents, both identities, subject and body. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sha", sha);
        m.put("parents", parents);
        m.put("author", author.toJson());
        m.put("committer", committer.toJson());
        m.put("subject", subject);
        m.put("body", body);
        return m;
    }

    /** Splits a full message into git's subject (first paragraph joined with spaces) and body. */
    static String[] subjectAndBody(String message) {
        String text = message.replace("\r\n", "\n");
        int start = 0;
        while (start < text.length() && text.charAt(start) == '\n') {
            start++;
        }
        int end = text.indexOf("\n\n", start);
        String subjectPart = end < 0 ? text.substring(start) : text.substring(start, end);
        String body = end < 0 ? "" : text.substring(end).replaceFirst("^\n+", "");
        String subject = String.join(" ", subjectPart.strip().split("\\s*\n\\s*"));
        return new String[] {subject, body.stripTrailing().isEmpty() ? "" : body};
    }
}
