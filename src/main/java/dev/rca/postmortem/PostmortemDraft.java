package dev.rca.postmortem;

import dev.rca.ledger.CommitLookup;
import dev.rca.ledger.Hypothesis;
import dev.rca.ledger.HypothesisStatus;
import dev.rca.ledger.InputCheck;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerChecker;
import dev.rca.ledger.LedgerKind;
import dev.rca.ledger.LedgerProblem;
import dev.rca.ledger.PostmortemInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a ledger may become a post-mortem, and renders it when it may. A draft is refused only when
 * one of the four inputs is missing (the same assessment {@code rca status} shows), as the design says. Whatever
 * else is wrong in the ledger is a finding that does not stop the draft: no title, a commit it would state wrongly,
 * or words that make the rendered text fail {@code rca lint} (hedging, blame, an unknown SHA, an action item
 * without owner or tracking), each naming the ledger field to change. Nothing here writes a file.
 */
public final class PostmortemDraft {
    /** What each input needs, in words a person can act on. */
    private static final java.util.Map<String, String> NEEDS = java.util.Map.of(
        "repro", "repro.command, and repro.rate 'deterministic' or failing in at least half the runs (e.g. 20/20)",
        "root cause", "root_cause.text: the mechanism, with code identifiers",
        "fix", "fix.commits: the fix's commits, each resolving in this repository",
        "validation", "validation.checks (what was checked, and the evidence), or a passing 'rca verify'");

    /**
     * The outcome.
     *
     * @param rendered  the post-mortem, or {@code null} when refused
     * @param missing   inputs that are missing, each {@code <input>: <what is missing> (needs <what satisfies it>)};
     *                  the draft is refused exactly when this is not empty
     * @param findings  what is wrong in the ledger although the draft is written, one line each at its ledger
     *                  place; the rendered text passes {@code rca lint} when there is none
     * @param warnings  advice for stderr that leaves the rendered text as it is
     */
    public record Outcome(RenderedPostmortem rendered, List<String> missing, List<String> findings,
                          List<String> warnings) {
        public Outcome {
            missing = List.copyOf(missing);
            findings = List.copyOf(findings);
            warnings = List.copyOf(warnings);
            if ((rendered == null) == missing.isEmpty()) {
                throw new IllegalArgumentException("a draft is refused exactly when an input is missing");
            }
        }

        /** True when the post-mortem may be written. */
        public boolean accepted() {
            return rendered != null;
        }
    }

    private final PostmortemRenderer renderer;
    private final CommitLookup commits;
    private final PostmortemLinter linter;

    /**
     * @param renderer renders the ledger (with or without a causal graph)
     * @param commits  resolves the ledger's commits
     * @param linter   the linter {@code rca lint} would use on the result (the repository's settings and SHAs)
     */
    public PostmortemDraft(PostmortemRenderer renderer, CommitLookup commits, PostmortemLinter linter) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.commits = Objects.requireNonNull(commits, "commits");
        this.linter = Objects.requireNonNull(linter, "linter");
    }

    /**
     * Assesses and renders {@code ledger}.
     *
     * @param ledgerName       how findings name the ledger file, e.g. {@code docs/postmortems/PAY-142.yaml}
     * @param markdownName     how findings name the post-mortem, e.g. {@code docs/postmortems/PAY-142.md}
     * @param incidentConfirmed true when the user knows an incident needs its own report too (no warning then)
     * @param fixChangedLines  lines the fix commits change in total, or -1 when unknown
     */
    public Outcome prepare(Ledger ledger, String ledgerName, String markdownName, boolean incidentConfirmed,
                           int fixChangedLines) {
        List<String> missing = new ArrayList<>();
        for (InputCheck check : PostmortemInputs.assess(ledger, commits)) {
            if (!check.present()) {
                missing.add(check.name() + ": " + check.missing() + " (needs " + NEEDS.get(check.name()) + ")");
            }
        }
        if (!missing.isEmpty()) {
            return new Outcome(null, missing, List.of(), List.of());
        }
        List<String> findings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // every SHA the document states must resolve, and an offending commit must come before the fix
        for (LedgerProblem problem : LedgerChecker.commitProblems(ledger, commits)) {
            findings.add(problem.render(ledgerName) + " (rca check)");
        }
        boolean untitled = ledger.title() == null || ledger.title().isBlank();
        if (untitled) {
            findings.add("title: the ledger has no title, so the heading is '# " + ledger.ticket() + "' (needs title:"
                + " one line naming the bug, e.g. 'Checkout hangs after cache refactor')");
        }
        if (ledger.kind() == LedgerKind.INCIDENT && !incidentConfirmed) {
            warnings.add(ledger.ticket() + " is an incident: a customer-visible outage needs its own incident report"
                + " (timeline, blast radius, paging, communications); this post-mortem records the bug fix only"
                + " (--incident-ok silences this warning)");
        }
        RenderedPostmortem rendered = renderer.render(ledger);
        boolean vague = false;
        for (LintFinding f : linter.lint(markdownName, rendered.markdown())) {
            if (untitled && f.rule() == LintRule.TITLE) {
                continue;
            }
            vague |= f.rule() == LintRule.VAGUE_ROOT_CAUSE;
            String origin = rendered.originOf(f.line(), f.column());
            String where = origin == null ? markdownName + ":" + f.line() + ":" + f.column()
                : ledger.positionOf(origin).in(ledgerName) + " (" + origin + ")";
            String finding = where + ": " + f.rule().id() + ": " + f.message();
            // text the document states twice (the root cause is in Summary too) is one problem in the ledger
            if (!findings.contains(finding)) {
                findings.add(finding);
            }
        }
        if (!vague && !LedgerProse.namesCode(ledger.rootCause().text())) {
            warnings.add("root_cause.text names no function, file, field or commit: the Root cause should walk the"
                + " mechanism with its code identifiers, not sum it up");
        }
        if (fixChangedLines == 1) {
            warnings.add("the fix changes a single line: a one-line fix may need no post-mortem (its commit message"
                + " or review can be the record)");
        }
        if (ledger.validation().notCovered() == null || ledger.validation().notCovered().isBlank()) {
            warnings.add("validation.not_covered is not set, so Validation says coverage is limited to the checks"
                + " listed; write what was not covered, or 'none'");
        }
        if (ledger.validation().verify() != null && !ledger.validation().verify().passed()) {
            warnings.add("the last 'rca verify' did not pass; Validation says so");
        }
        for (Hypothesis h : ledger.hypotheses()) {
            if (h.status() == HypothesisStatus.CONFIRMED && h.because() != null && !h.because().isBlank()) {
                warnings.add(h.id() + " is confirmed but keeps the reason it was rejected (because:); it is left out"
                    + " of the post-mortem: remove it from the ledger");
            }
        }
        List<String> open = ledger.hypotheses().stream().filter(Hypothesis::isOpen).map(Hypothesis::id).toList();
        if (!open.isEmpty() && (ledger.howFound() == null || ledger.howFound().isBlank())) {
            warnings.add("open hypotheses " + String.join(", ", open) + " are left out of \"How it was found\"");
        }
        if (ledger.actionItems().isEmpty() && !ledger.noActionItems()) {
            warnings.add("action_items is empty, so Action items is left out; write 'action_items: none' when no"
                + " follow-up is warranted");
        }
        return new Outcome(rendered, missing, findings, warnings);
    }
}
