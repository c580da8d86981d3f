package dev.rca.ledger;

import java.util.List;
import java.util.Objects;

/**
 * An evidence item {@code E<n>}. {@code kind: commit} carries a commit with its subject, author and date;
 * {@code kind: query} carries the command line of a history query and the commits it returned;
 * {@code kind: suspects} the command line of {@code rca suspects}, the commits it ranked and the first as the note;
 * {@code kind: log-diff} the command line of {@code rca logs diff} and what it found ({@code logDiff});
 * {@code kind: verify} the repro command {@code rca verify} ran, the parent and fix it ran at, and its verdict as the
 * note. Other kinds (written by hand, e.g. {@code log}, {@code dashboard}) carry a note. {@code at} is when rca
 * recorded the item (queries, suspects, log comparisons and verify runs; {@code date} is a commit's). Absent fields
 * are {@code null}.
 */
public record Evidence(String id, String kind, String commit, String subject, String author, String date,
                       String note, String command, List<String> commits, LogDivergence logDiff, String at,
                       Integer totalCommits) {
    /** The kind of an evidence item naming one commit. */
    public static final String COMMIT = "commit";
    /** The kind of an evidence item recording a history query. */
    public static final String QUERY = "query";
    /** The kind of an evidence item recording the ranking of {@code rca suspects}. */
    public static final String SUSPECTS = "suspects";
    /** The kind of an evidence item recording a comparison of a good and a bad log. */
    public static final String LOG_DIFF = "log-diff";
    /** The kind of an evidence item recording an {@code rca verify} run. */
    public static final String VERIFY = "verify";

    public Evidence {
        if (!ItemKind.EVIDENCE.isId(id)) {
            throw new IllegalArgumentException("not an evidence id: " + id);
        }
        Objects.requireNonNull(kind, "kind");
        commits = List.copyOf(commits);
        if (totalCommits != null && totalCommits < commits.size()) {
            throw new IllegalArgumentException("total_commits is less than the commits listed");
        }
    }

    /**
     * How many commits a query found: {@code total_commits} where the item has it (only the first of many are
     * listed), else the commits listed.
     */
    public int commitCount() {
        return totalCommits != null ? totalCommits : commits.size();
    }
}
