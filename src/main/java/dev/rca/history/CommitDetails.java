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

    /** A commit's subject as git's {@code %s} shows it (see {@link #subjectAndBody}). */
    public static String subject(String fullMessage) {
        return subjectAndBody(fullMessage)[0];
    }

    /**
     * Splits a full message as git's {@code %s} and {@code %b} do: blank lines (nothing but spaces, tabs, CR) before
     * it are skipped; the subject is the first paragraph, each line without its trailing whitespace, joined with
     * spaces (a continuation line keeps its indentation, as in git); the body starts after the blank lines that
     * end that paragraph. A NUL ends the message, as in git.
     */
    static String[] subjectAndBody(String message) {
        int nul = message.indexOf('\0');
        if (nul >= 0) {
            // git reads a message as a C string: what follows a NUL is not shown
            message = message.substring(0, nul);
        }
        // line by line with indexOf: a listing of a million commits splits every message
        int at = skipBlankLines(message, 0);
        StringBuilder subject = new StringBuilder();
        while (at < message.length()) {
            int end = lineEnd(message, at);
            String line = withoutTrailingWhitespace(message.substring(at, end));
            if (line.isEmpty()) {
                break;
            }
            if (subject.length() > 0) {
                subject.append(' ');
            }
            subject.append(line);
            at = Math.min(message.length(), end + 1);
        }
        String body = message.substring(skipBlankLines(message, at));
        return new String[] {subject.toString(), body};
    }

    /** Where the first line at or after {@code at} that is not blank starts (or the end). */
    private static int skipBlankLines(String message, int at) {
        while (at < message.length()) {
            int end = lineEnd(message, at);
            if (!withoutTrailingWhitespace(message.substring(at, end)).isEmpty()) {
                return at;
            }
            at = end + 1;
        }
        return message.length();
    }

    private static int lineEnd(String message, int at) {
        int end = message.indexOf('\n', at);
        return end < 0 ? message.length() : end;
    }

    /** git's isspace: space, tab, CR and LF, nothing else. */
    private static boolean isGitSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String withoutTrailingWhitespace(String line) {
        int end = line.length();
        while (end > 0 && isGitSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end);
    }
}
