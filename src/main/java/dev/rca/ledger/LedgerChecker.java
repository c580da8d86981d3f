package dev.rca.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rca check}'s checks beyond the format: no id names two items, every referenced id exists and is listed once,
 * every commit is named by a SHA (not a branch, tag or relative revision) that resolves, offending commits are
 * ancestors of the fix commits, likelihoods lie in [0, 1], every rejected hypothesis says why and no confirmed one
 * keeps a reason for rejecting it, every time written on a symptom, experiment or timeline entry can be read, the
 * ticket matches the file name, no value holds a control character, and {@code rca verify}'s counts agree.
 */
public final class LedgerChecker {
    /** A commit SHA, full or abbreviated as git accepts one (it must still resolve, to one commit). */
    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]{4,40}");
    private final Ledger ledger;
    private final CommitLookup commits;
    private final List<LedgerProblem> findings = new ArrayList<>();
    private final Map<String, Optional<CommitInfo>> resolved = new HashMap<>();

    private LedgerChecker(Ledger ledger, CommitLookup commits) {
        this.ledger = ledger;
        this.commits = commits;
    }

    /** The findings for a ledger that follows the format, its duplicate ids among them, in file order. */
    public static List<LedgerProblem> check(LedgerFile.CheckedReading reading, TicketId fileTicket,
                                            CommitLookup commits) {
        LedgerChecker checker = new LedgerChecker(reading.ledger(), commits);
        checker.findings.addAll(reading.findings());
        checker.run(fileTicket);
        return checker.inFileOrder();
    }

    private List<LedgerProblem> inFileOrder() {
        List<LedgerProblem> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparingInt((LedgerProblem p) -> p.position().line())
            .thenComparingInt(p -> p.position().column()));
        return sorted;
    }

    private void run(TicketId fileTicket) {
        if (!ledger.ticket().equals(fileTicket.value())) {
            finding("ticket", "ticket " + ledger.ticket() + " does not match the file name " + fileTicket.ledgerFileName());
        }
        for (String key : ledger.extra().keySet()) {
            String known = LedgerSchema.misspeltKey(key);
            // a key next to one the file already has is a field of the user's own, not a misspelling of it
            if (known != null && ledger.positionOf(known).equals(SourcePosition.START)) {
                // kept as a field of the user's own, it would be left out of the post-mortem without a word
                findings.add(new LedgerProblem(ledger.keyPositionOf(key),
                    "'" + key + "' is not a ledger key: did you mean " + known + "? (rca reads nothing from it)"));
            }
        }
        Set<String> ids = ledger.ids();
        for (int i = 0; i < ledger.symptoms().size(); i++) {
            time("symptoms." + i, ledger.symptoms().get(i).id(), ledger.symptoms().get(i).at());
        }
        for (int i = 0; i < ledger.timeline().size(); i++) {
            time("timeline." + i, "timeline entry " + (i + 1), ledger.timeline().get(i).at());
        }
        for (int i = 0; i < ledger.hypotheses().size(); i++) {
            Hypothesis h = ledger.hypotheses().get(i);
            String path = "hypotheses." + i;
            if (h.likelihood() != null && (h.likelihood() < 0 || h.likelihood() > 1)) {
                finding(path + ".likelihood", h.id() + " has likelihood " + h.likelihood() + ", outside [0, 1]");
            }
            if (h.status() == HypothesisStatus.REJECTED && (h.because() == null || h.because().isBlank())) {
                finding(path + ".status", h.id() + " is rejected without a reason: add because: (rca reject "
                    + h.id() + " --because=\"…\")");
            }
            if (h.status() == HypothesisStatus.CONFIRMED && h.because() != null && !h.because().isBlank()) {
                finding(path + ".because", h.id() + " is confirmed but keeps the reason it was rejected: remove "
                    + "because: (rca confirm " + h.id() + " does)");
            }
            references(path + ".explains", h.explains(), ids, Set.of(ItemKind.SYMPTOM));
            references(path + ".evidence", h.evidence(), ids, Set.of(ItemKind.EVIDENCE, ItemKind.EXPERIMENT));
        }
        for (int i = 0; i < ledger.experiments().size(); i++) {
            Experiment x = ledger.experiments().get(i);
            time("experiments." + i, x.id(), x.at());
            if (x.tests() != null) {
                references("experiments." + i + ".tests", x.testedHypotheses(), ids,
                    Set.of(ItemKind.HYPOTHESIS));
            }
        }
        for (int i = 0; i < ledger.evidence().size(); i++) {
            time("evidence." + i, ledger.evidence().get(i).id(), ledger.evidence().get(i).at());
        }
        if (ledger.validation() != null && ledger.validation().verify() != null) {
            time("validation.verify", "validation.verify", ledger.validation().verify().at());
            verifyCounts(ledger.validation().verify());
        }
        commits(path -> true);
    }

    /**
     * The findings about the commits a post-mortem states (not a query's results, not the bisection's steps): SHAs
     * that do not resolve, revisions that are no SHA, and offending commits that are ancestors of none of the fix commits, in file order.
     */
    public static List<LedgerProblem> commitProblems(Ledger ledger, CommitLookup commits) {
        LedgerChecker checker = new LedgerChecker(ledger, commits);
        // a query's results and the bisection's steps are kept for the record, never stated in a post-mortem
        checker.commits(path -> !path.matches("evidence\\.\\d+\\.commits\\..*") && !path.startsWith("bisect.steps."));
        return checker.inFileOrder();
    }

    /** Checks the commit references whose ledger path {@code checked} accepts, and the offending commits. */
    private void commits(java.util.function.Predicate<String> checked) {
        for (Map.Entry<String, String> ref : ledger.commitReferences()) {
            if (!checked.test(ref.getKey())) {
                continue;
            }
            Optional<CommitInfo> commit = lookup(ref.getValue());
            if (commit.isEmpty()) {
                finding(ref.getKey(), "commit " + ref.getValue() + " does not resolve in the repository");
            } else if (!HEX.matcher(ref.getValue()).matches()) {
                // a branch, tag or HEAD~2 names another commit after the next one, and the post-mortem with it
                finding(ref.getKey(), "'" + ref.getValue() + "' is a revision, not a commit SHA, and may name another "
                    + "commit later: write the SHA it names now, " + commit.get().sha());
            }
        }
        if (ledger.rootCause() != null && ledger.fix() != null) {
            for (int i = 0; i < ledger.rootCause().offending().size(); i++) {
                Optional<CommitInfo> offending = lookup(ledger.rootCause().offending().get(i));
                List<String> fixes = ledger.fix().commits().stream().filter(f -> lookup(f).isPresent()).toList();
                if (offending.isEmpty() || fixes.isEmpty()) {
                    continue;
                }
                // a fix cherry-picked to a release branch need not descend from every offending commit: one will do
                String sha = offending.get().sha();
                if (fixes.stream().noneMatch(f -> commits.isAncestor(sha, lookup(f).get().sha()))) {
                    for (String fixRev : fixes) {
                        finding("root_cause.offending." + i, "offending commit " + ledger.rootCause().offending().get(i)
                            + " is not an ancestor of fix commit " + fixRev);
                    }
                }
            }
        }
    }

    private void time(String path, String what, String at) {
        if (LooseInstant.isUnreadable(at)) {
            finding(path + ".at", what + " is at '" + at + "', which is not a time rca can read: write ISO-8601, "
                + "e.g. " + LooseInstant.EXAMPLE);
        }
    }

    /**
     * The counts of {@code rca verify}'s record, which a hand edit can make contradict each other or the verdict the
     * post-mortem then states: timeouts are among the failures (at the fix, among the runs that did not pass), runs
     * that exited 125 among the runs that neither failed at the parent nor passed at the fix, no count
     * exceeds the runs, a run is stopped after a positive number of seconds, and a passed verify passed every run at
     * the fix and failed some at its parent.
     */
    private void verifyCounts(VerifyRecord v) {
        String path = "validation.verify.";
        if (v.timeout() != null && v.timeout() == 0) {
            finding(path + "timeout", "validation.verify.timeout is 0: verify stops a run after a positive number of"
                + " seconds");
        }
        if (v.runs() != null) {
            for (var count : List.of(Map.entry("parent_failures", nonNull(v.parentFailures())),
                Map.entry("fix_passes", nonNull(v.fixPasses())))) {
                if (count.getValue() > v.runs()) {
                    finding(path + count.getKey(), "validation.verify." + count.getKey() + " is " + count.getValue()
                        + ", more than its " + v.runs() + " runs");
                }
            }
        }
        if (v.parentTimeouts() != null && v.parentFailures() != null && v.parentTimeouts() > v.parentFailures()) {
            finding(path + "parent_timeouts", "validation.verify.parent_timeouts is " + v.parentTimeouts()
                + ", more than its " + v.parentFailures() + " parent_failures, which count the runs that timed out");
        }
        if (v.runs() != null && v.parentFailures() != null) {
            amongRuns("parent_untestable", v.parentUntestable(), v.runs() - v.parentFailures(), v.runs(),
                "at the parent that did not fail");
        }
        if (v.runs() != null && v.fixPasses() != null) {
            amongRuns("fix_timeouts", v.fixTimeouts(), v.runs() - v.fixPasses(), v.runs(), "at the fix that did not pass");
            amongRuns("fix_untestable", v.fixUntestable(), v.runs() - v.fixPasses(), v.runs(),
                "at the fix that did not pass");
        }
        if (v.passed() && v.runs() != null && v.fixPasses() != null && v.fixPasses() < v.runs()) {
            finding(path + "passed", "validation.verify.passed is true, but the fix passed " + v.fixPasses() + " of "
                + v.runs() + " runs: a verify passes only when every run at the fix passes");
        } else if (v.passed() && v.parentFailures() != null && v.parentFailures() == 0) {
            finding(path + "passed", "validation.verify.passed is true, but the fix's parent failed no run: a verify"
                + " passes only when the parent fails");
        }
    }

    /** A finding when {@code count} (null: not recorded) is more than {@code among}, the verify's runs it is one of. */
    private void amongRuns(String key, Integer count, int among, int runs, String which) {
        if (count != null && count > Math.max(0, among)) {
            finding("validation.verify." + key, "validation.verify." + key + " is " + count + ", more than the "
                + Math.max(0, among) + " of its " + runs + " runs " + which);
        }
    }

    private static int nonNull(Integer count) {
        return count == null ? 0 : count;
    }

    private void references(String path, List<String> refs, Set<String> ids, Set<ItemKind> kinds) {
        for (int j = 0; j < refs.size(); j++) {
            String ref = refs.get(j);
            ItemKind kind = ItemKind.ofId(ref);
            if (refs.subList(0, j).contains(ref)) {
                finding(path + "." + j, ref + " is listed twice; once says it");
            } else if (kind == null || !kinds.contains(kind)) {
                finding(path + "." + j, "'" + ref + "' is not " + expected(kinds));
            } else if (!ids.contains(ref)) {
                finding(path + "." + j, ref + " is referenced but not in the ledger");
            }
        }
    }

    private static String expected(Set<ItemKind> kinds) {
        return kinds.contains(ItemKind.SYMPTOM) ? "a symptom id (S<n>)"
            : kinds.contains(ItemKind.HYPOTHESIS) ? "a hypothesis id (H<n>)" : "an evidence or experiment id (E<n>, X<n>)";
    }

    private Optional<CommitInfo> lookup(String rev) {
        return resolved.computeIfAbsent(rev, commits::find);
    }

    private void finding(String path, String message) {
        findings.add(new LedgerProblem(ledger.positionOf(path), message));
    }
}
