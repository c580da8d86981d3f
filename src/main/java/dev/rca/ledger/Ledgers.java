package dev.rca.ledger;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.io.ShellWords;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Entry points other commands use to record what they found in a ledger. */
public final class Ledgers {
    /** At most this many commits of one query are kept in the ledger; the total is recorded beside them. */
    public static final int MAX_QUERY_COMMITS = 500;

    private Ledgers() {
    }

    /**
     * The time {@code clock} tells, as rca writes when it recorded an item ({@code at:}): ISO-8601 in UTC, to the
     * second.
     */
    public static String recordingTime(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A copy of the evidence item {@code item} stamped with when it is recorded ({@code at:}, as
     * {@link #recordingTime} writes it), right after its {@code command}, or last when it has none.
     */
    public static Map<String, Object> stamped(Map<String, Object> item, Clock clock) {
        Map<String, Object> stamped = new LinkedHashMap<>();
        String at = recordingTime(clock);
        item.forEach((key, value) -> {
            stamped.put(key, value);
            if (key.equals("command")) {
                stamped.put("at", at);
            }
        });
        stamped.putIfAbsent("at", at);
        return stamped;
    }

    /**
     * Refuses text for the ledger that holds a control character (a C0 control other than tab and line feed, DEL,
     * a C1 control): written escaped it would pass the reader, and reach terminals and the post-mortem as the
     * escape sequence it is. A usage error, one line; returns {@code text}.
     *
     * @param what names the text in the message, e.g. {@code the symptom} or {@code --note}
     */
    public static String requireNoControlCharacters(String what, String text) {
        int c = text == null ? -1 : LedgerSource.firstControlCharacter(text);
        if (c >= 0) {
            throw RcaException.usage(String.format("%s contains the control character U+%04X; a ledger holds text "
                + "only", what, c)).withHint("remove it (a terminal colour or title sequence pasted with a log line?)");
        }
        return text;
    }

    /**
     * Records a history query ({@code rca log}, {@code rca history} with {@code -t}) as an evidence item
     * {@code {kind: query, command, at, commits}} in {@code ticket}'s ledger.
     *
     * @param ticket      the {@code -t} value; {@code null} applies the {@code -t} rule
     * @param commandLine the exact command line, e.g. from {@link #commandLine(String, String...)}
     * @param shas        the full SHAs the query printed, in its order; beyond {@link #MAX_QUERY_COMMITS} only
     *                    the first are kept, with {@code total_commits: <n>}
     * @param clock       tells when the query is recorded ({@link #recordingTime})
     * @return the new evidence id, {@code E<n>}, or the one already holding this query with these results (see
     *     {@link #recordResult})
     * @throws RcaException exit 3 for a bad ticket, a missing or malformed ledger, a lock held too long
     */
    public static RecordedEvidence recordQuery(GitWorkspace workspace, String ticket, String commandLine,
                                               List<String> shas, Clock clock) {
        return recordQuery(LedgerLocator.of(workspace).resolve(ticket), commandLine, shas, clock);
    }

    /** As {@link #recordQuery(GitWorkspace, String, String, List, Clock)}, into a known ledger file. */
    public static RecordedEvidence recordQuery(LedgerFile ledger, String commandLine, List<String> shas,
                                               Clock clock) {
        for (String sha : shas) {
            if (!CommitInfo.isFullSha(sha)) {
                throw new IllegalArgumentException("not a full SHA: " + sha);
            }
        }
        requireNoControlCharacters("the command line", commandLine);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", Evidence.QUERY);
        item.put("command", commandLine);
        item.put("at", recordingTime(clock));
        item.put("commits", List.copyOf(shas.subList(0, Math.min(shas.size(), MAX_QUERY_COMMITS))));
        if (shas.size() > MAX_QUERY_COMMITS) {
            item.put("total_commits", shas.size());
        }
        return recordResult(ledger, item);
    }

    /**
     * Records the evidence item of a command's result ({@code rca log}, {@code history}, {@code suspects} with
     * {@code -t}), unless the ledger holds one of the same kind, command, commits and note: the same query run
     * again with the same answer, listed twice in a post-mortem, would read as two findings. When it was recorded
     * ({@code at}) does not tell them apart.
     */
    public static RecordedEvidence recordResult(LedgerFile ledger, Map<String, Object> item) {
        return ledger.update(edit -> {
            for (Evidence e : edit.ledger().evidence()) {
                if (e.kind().equals(item.get("kind")) && e.command() != null && e.command().equals(item.get("command"))
                    && e.commits().equals(item.getOrDefault("commits", List.of()))
                    && java.util.Objects.equals(e.note(), item.get("note"))
                    && java.util.Objects.equals(e.totalCommits(), item.get("total_commits"))) {
                    return new RecordedEvidence(e.id(), false);
                }
            }
            return new RecordedEvidence(edit.addItem(ItemKind.EVIDENCE, item), true);
        });
    }

    /**
     * An evidence item a command recorded, or found already recorded.
     *
     * @param id    its id, {@code E<n>}
     * @param added false when the ledger already held the same evidence, which was left as it was
     */
    public record RecordedEvidence(String id, boolean added) {
        public RecordedEvidence {
            java.util.Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Records one commit as evidence {@code {kind: commit, commit, subject, author, date, note}}, unless the ledger
     * already holds it so (a bisection's first bad commit, say): one commit listed twice in a post-mortem reads as
     * two pieces of evidence.
     */
    public static RecordedEvidence recordCommit(LedgerFile ledger, CommitInfo commit, String note) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", Evidence.COMMIT);
        item.put("commit", commit.sha());
        item.put("subject", commit.subject());
        item.put("author", commit.author());
        item.put("date", commit.date());
        item.put("note", note);
        return ledger.update(edit -> {
            for (Evidence e : edit.ledger().evidence()) {
                if (Evidence.COMMIT.equals(e.kind()) && commit.sha().equals(e.commit())) {
                    return new RecordedEvidence(e.id(), false);
                }
            }
            return new RecordedEvidence(edit.addItem(ItemKind.EVIDENCE, item), true);
        });
    }

    /**
     * Records a log comparison, the item {@code rca logs diff -t} builds ({@code kind: log-diff}), unless the ledger
     * holds it with the same findings: one comparison listed twice reads as two. It holds it under the same command,
     * or, recorded before {@code rca logs diff} named logs from the top of the work tree and stamped its items
     * ({@code at:}), under a command {@code earlierForm} accepts as this comparison.
     */
    public static RecordedEvidence recordLogDiff(LedgerFile ledger, Map<String, Object> item,
                                                 Predicate<String> earlierForm) {
        LogDivergence findings = LogDivergence.ofItem(item);
        return ledger.update(edit -> {
            for (Evidence e : edit.ledger().evidence()) {
                if (Evidence.LOG_DIFF.equals(e.kind()) && findings.equals(e.logDiff()) && e.command() != null
                    && (item.get("command").equals(e.command()) || e.at() == null && earlierForm.test(e.command()))) {
                    return new RecordedEvidence(e.id(), false);
                }
            }
            return new RecordedEvidence(edit.addItem(ItemKind.EVIDENCE, item), true);
        });
    }

    /** {@code program args…} as one shell-quoted line, for recording the exact command a query ran. */
    public static String commandLine(String program, String... args) {
        StringBuilder sb = new StringBuilder(program);
        for (String arg : args) {
            sb.append(' ').append(ShellWords.quote(arg));
        }
        return sb.toString();
    }
}
