package dev.rca.bisect;

import java.util.List;

/**
 * A commit as a bisection reports it.
 *
 * @param sha full SHA
 * @param subject first line of the message
 * @param author {@code Name <email>}
 * @param date author date, ISO-8601 with offset
 * @param files changed files against the first parent, each as {@code <A|M|D> <path>}
 * @param parent the first parent's SHA, or null for a root commit
 */
public record CommitSummary(String sha, String subject, String author, String date, List<String> files,
                            String parent) {
    public CommitSummary {
        BisectState.requireSha(sha, "commit");
        files = List.copyOf(files);
    }
}
