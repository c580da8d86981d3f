package dev.rca.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where an investigation stands: the four post-mortem inputs, the open hypotheses by likelihood, bisect
 * progress, and the next useful step, which is never a post-mortem that {@code rca postmortem} would refuse.
 *
 * @param warnings what {@code rca postmortem} would warn about once the ledger's four inputs are present, one line
 *                 each as it prints them (empty while an input is missing); the next step is to correct them when
 *                 the post-mortem would not pass {@code rca lint}
 */
public record InvestigationStatus(Ledger ledger, List<InputCheck> inputs, List<Hypothesis> openHypotheses,
                                  String bisectProgress, boolean bisectInProgress, List<String> warnings,
                                  String nextStep) {
    private static final String CORRECT_WARNINGS = "correct the ledger where ";

    public InvestigationStatus {
        inputs = List.copyOf(inputs);
        openHypotheses = List.copyOf(openHypotheses);
        warnings = List.copyOf(warnings);
    }

    /**
     * How the bisection this ledger records ended without a culprit, though it is still the one in progress.
     *
     * @param how the end as {@code rca bisect-helper status} states it (no culprit, a flake; undecided; …)
     * @param decidingRun the command that would decide an undecided end (where no run can, what would), or null
     */
    public record BisectEnd(String how, String decidingRun) {
        public BisectEnd {
            Objects.requireNonNull(how, "how");
        }
    }

    /**
     * Assesses {@code ledger}, resolving fix commits through {@code commits}. {@code bisecting} says whether the
     * bisection in progress in the repository is the one this ledger records: one that was reset, or replaced by
     * another, stays in the ledger as a record but is not continued. {@code bisectEnd} says how that bisection ended
     * without a culprit (null while it goes on, or has one). {@code postmortem} is asked what
     * {@code rca postmortem} would make of the ledger once its four inputs are present, or once it is published.
     */
    public static InvestigationStatus of(Ledger ledger, CommitLookup commits, boolean bisecting, BisectEnd bisectEnd,
                                         PostmortemPreview postmortem) {
        List<InputCheck> inputs = PostmortemInputs.assess(ledger, commits);
        List<Hypothesis> open = ledger.openHypothesesByLikelihood();
        BisectRecord bisect = ledger.bisect();
        boolean inProgress = bisecting && bisect != null && bisect.firstBad() == null;
        BisectEnd end = inProgress ? bisectEnd : null;
        boolean published = ledger.status() == LedgerStatus.PUBLISHED;
        // a published ledger changed since (an investigation reopened) needs its post-mortem written again
        boolean done = published && postmortem.current();
        boolean assessed = !done && PostmortemInputs.complete(inputs);
        List<String> warnings = assessed ? postmortem.warnings() : List.of();
        boolean failsLint = assessed && !postmortem.findings().isEmpty();
        String next = done ? "nothing: the post-mortem is published"
            : nextStep(ledger, inputs, open, inProgress && end == null, end, commits, failsLint, warnings.size());
        return new InvestigationStatus(ledger, inputs, open, bisectProgress(bisect, inProgress, end),
            inProgress && end == null, warnings, next);
    }

    /** True when {@code rca postmortem} would write the post-mortem: the four inputs are present. */
    public boolean ready() {
        return PostmortemInputs.complete(inputs);
    }

    private static String bisectProgress(BisectRecord bisect, boolean inProgress, BisectEnd end) {
        if (bisect == null) {
            return "not started";
        }
        int steps = bisect.steps().size();
        String taken = steps + " step" + (steps == 1 ? "" : "s");
        if (bisect.firstBad() != null) {
            return "done after " + taken + ": first bad commit " + bisect.firstBad();
        }
        if (end != null) {
            return end.how();
        }
        if (!inProgress) {
            return "ended without an answer after " + taken + " (reset, or replaced by another bisection)";
        }
        return "in progress, " + taken + " taken" + (bisect.bad() == null ? "" : ", bad " + abbreviate(bisect.bad()))
            + (bisect.good().isEmpty() ? "" : ", good " + String.join(" ",
                bisect.good().stream().map(InvestigationStatus::abbreviate).toList()));
    }

    private static String abbreviate(String sha) {
        return CommitInfo.isFullSha(sha) ? sha.substring(0, 12) : sha;
    }

    private static String nextStep(Ledger ledger, List<InputCheck> inputs, List<Hypothesis> open,
                                   boolean bisecting, BisectEnd bisectEnd, CommitLookup commits,
                                   boolean failsLint, int warnings) {
        if (ledger.symptoms().isEmpty()) {
            return "record what was observed: rca symptom \"<what you saw>\" --source=<where> --at=<when>";
        }
        if (!inputs.get(0).present()) {
            String step = "make the bug reproducible and write repro.command and repro.rate in the ledger ("
                + inputs.get(0).missing() + ")";
            BisectRecord bisect = ledger.bisect();
            // a bisection run by a test has one at hand, and where it failed and where it passed
            if (bisect != null && bisect.firstBad() != null && (ledger.repro().command() == null
                || ledger.repro().command().isBlank()) && bisect.extra().get("run") instanceof Map<?, ?> run && run.get("command") instanceof String test) {
                step += "; the bisection's test told first bad " + abbreviate(bisect.firstBad()) + " apart from its"
                    + " parent: it may serve as repro.command: " + test;
            }
            return step;
        }
        if (!inputs.get(1).present()) {
            if (bisecting) {
                // the engine's own key, which the ledger gives as text
                boolean flaky = "true".equals(String.valueOf(ledger.bisect().extra().get("flaky")));
                return "continue the bisection: rca bisect-helper run " + (flaky ? "--flaky " : "") + "-- "
                    + ledger.repro().command();
            }
            if (bisectEnd != null && bisectEnd.decidingRun() != null) {
                return "decide the bisection: " + bisectEnd.decidingRun();
            }
            if (ledger.bisect() != null && ledger.bisect().firstBad() != null) {
                return "explain first bad commit " + abbreviate(ledger.bisect().firstBad())
                    + " in root_cause.text and root_cause.offending";
            }
            if (ledger.hypotheses().isEmpty()) {
                return "propose causes: rca hypothesis \"<cause>\" --likelihood=<0..1> --explains="
                    + ledger.symptoms().get(0).id();
            }
            if (!open.isEmpty()) {
                Hypothesis top = open.get(0);
                return "test the most likely hypothesis: rca experiment \"<what you did>\" --tests=" + top.id()
                    + " --result=\"<what happened>\", then rca reject " + top.id() + " or rca confirm " + top.id();
            }
            if (ledger.hypotheses().stream().anyMatch(h -> h.status() == HypothesisStatus.CONFIRMED)) {
                return "write the mechanism in root_cause.text, with code identifiers";
            }
            return "every hypothesis is rejected: find the offending commit with rca bisect-helper start "
                + "--bad=<rev> --good=<rev>, or propose a new hypothesis";
        }
        if (!inputs.get(2).present()) {
            return "record the fix: add its commit(s) to fix.commits (" + inputs.get(2).missing() + ")";
        }
        if (!inputs.get(3).present()) {
            return "validate the fix: rca verify, or add validation.checks";
        }
        int wrong = LedgerChecker.commitProblems(ledger, commits).size();
        if (wrong > 0) {
            // rca postmortem would refuse: say so here rather than send the user to it
            return "correct the " + (wrong == 1 ? "commit" : wrong + " commits") + " the post-mortem would state"
                + " wrongly: rca check -t " + ledger.ticket();
        }
        if (failsLint) {
            return CORRECT_WARNINGS + (warnings == 1 ? "the line below points" : "each line below "
                + "points") + ": rca postmortem would write the post-mortem as it is, but warn, and it would not pass"
                + " rca lint";
        }
        String draft = "rca postmortem -t " + ledger.ticket();
        if (ledger.kind() == LedgerKind.INCIDENT) {
            draft += " (an incident also needs its own incident report)";
        }
        return ledger.status() == LedgerStatus.PUBLISHED
            ? "regenerate the post-mortem, which no longer matches its ledger (it is written anew: edits made to the"
                + " .md by hand are lost unless moved into the ledger first): " + draft
            : "draft the post-mortem: " + draft;
    }

    /** Whether the next step is to correct what {@link #warnings} lists (else they are listed under a heading). */
    public boolean nextStepIsTheWarnings() {
        return nextStep().startsWith(CORRECT_WARNINGS);
    }

    /** The status as JSON-ready maps and lists (for {@code --format json}). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ticket", ledger.ticket());
        json.put("title", ledger.title());
        json.put("kind", ledger.kind().word());
        json.put("status", ledger.status().word());
        List<Object> inputList = new ArrayList<>();
        for (InputCheck input : inputs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", input.name());
            entry.put("present", input.present());
            entry.put("missing", input.missing());
            inputList.add(entry);
        }
        json.put("inputs", inputList);
        json.put("ready", ready());
        json.put("warnings", warnings);
        List<Object> hypotheses = new ArrayList<>();
        for (Hypothesis h : openHypotheses) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", h.id());
            entry.put("likelihood", h.likelihood());
            entry.put("text", h.text());
            entry.put("explains", h.explains());
            hypotheses.add(entry);
        }
        json.put("open_hypotheses", hypotheses);
        Map<String, Object> bisect = new LinkedHashMap<>();
        BisectRecord record = ledger.bisect();
        bisect.put("started", record != null);
        bisect.put("in_progress", bisectInProgress);
        bisect.put("steps", record == null ? 0 : record.steps().size());
        bisect.put("first_bad", record == null ? null : record.firstBad());
        bisect.put("summary", bisectProgress);
        json.put("bisect", bisect);
        json.put("next_step", nextStep);
        return json;
    }
}
