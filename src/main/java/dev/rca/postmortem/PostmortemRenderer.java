package dev.rca.postmortem;

import dev.rca.io.PaddedSeparator;
import dev.rca.io.TextPrefix;
import dev.rca.ledger.ActionItem;
import dev.rca.ledger.BisectRecord;
import dev.rca.ledger.BisectStep;
import dev.rca.ledger.CommitInfo;
import dev.rca.ledger.CommitLookup;
import dev.rca.ledger.Evidence;
import dev.rca.ledger.Experiment;
import dev.rca.ledger.Fix;
import dev.rca.ledger.Hypothesis;
import dev.rca.ledger.HypothesisStatus;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.Ledgers;
import dev.rca.ledger.LogDivergence;
import dev.rca.ledger.PriorAttempt;
import dev.rca.ledger.Repro;
import dev.rca.ledger.Slipped;
import dev.rca.ledger.Symptom;
import dev.rca.ledger.Validation;
import dev.rca.ledger.ValidationCheck;
import dev.rca.ledger.VerifyRecord;
import dev.rca.bisect.BisectEnd;
import dev.rca.bisect.BisectTest;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.Midpoint;
import dev.rca.bisect.YamlBisectStore;
import dev.rca.logs.LogLineReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a post-mortem from a ledger: {@code # <TICKET>: <title>} and the nine sections in the method's order
 * ({@link PostmortemSection}). Every sentence is either the ledger's own words or a fixed label around them;
 * an optional section with nothing in the ledger is left out. Commits are named by their 12-character SHA and
 * subject. The caller checks the four inputs first ({@code PostmortemInputs}); this class only renders.
 */
public final class PostmortemRenderer {
    /** Length of the abbreviated SHAs a post-mortem shows. */
    public static final int SHORT_SHA = 12;
    /** The Action items text for {@code action_items: none}. */
    public static final String NO_ACTION_ITEMS =
        "None — the fix is complete on its own, and no follow-up is warranted for this class of bug.";
    /**
     * How Root cause lists {@code root_cause.offending}: {@code Offending commit: <sha> <subject>}, or
     * {@code Offending commits:} and a list ({@code vague-root-cause} tells the listing from the text by it).
     */
    static final String OFFENDING = "Offending commit";

    /** How many lines of a log comparison's first divergence the post-mortem shows, and how wide. */
    /** What {@code rca lint} accepts as a statement of coverage, without a repository's added phrases. */
    private static final Pattern COVERAGE_STATEMENT =
        ToneVocabulary.compile(ToneVocabulary.COVERAGE, List.of());
    private static final int DIVERGENCE_LINES = 8;
    private static final int DIVERGENCE_WIDTH = 200;
    private static final Pattern SLASH = PaddedSeparator.of("/");
    private static final Map<String, String> SLIPPED_LABELS = Map.of(
        "ci-gap", "CI gap", "latent-code", "Latent code", "workload-gap", "Workload gap",
        "incomplete-prior-fix", "Incomplete prior fix", "review-miss", "Review miss",
        "no-good-reason", "No good reason");

    private final CommitLookup commits;
    private final RecordedBisection bisections;
    private final MermaidSource graph;

    /**
     * A renderer naming commits through {@code commits}, without a causal graph.
     *
     * @param bisections what the repository tells of the ledger's bisection: its candidates, and how it ended
     */
    public PostmortemRenderer(CommitLookup commits, RecordedBisection bisections) {
        this(commits, bisections, null);
    }

    private PostmortemRenderer(CommitLookup commits, RecordedBisection bisections, MermaidSource graph) {
        this.commits = Objects.requireNonNull(commits, "commits");
        this.bisections = Objects.requireNonNull(bisections, "bisections");
        this.graph = graph;
    }

    /** A renderer that embeds {@code graph}'s Mermaid diagram at the end of "How it was found". */
    public PostmortemRenderer withGraph(MermaidSource graph) {
        return new PostmortemRenderer(commits, bisections, Objects.requireNonNull(graph, "graph"));
    }

    /**
     * The post-mortem for {@code ledger}. Without a title the heading is the ticket alone: a title made up from
     * other fields (the fix's subject names the change, not the bug) would be invented prose.
     */
    public RenderedPostmortem render(Ledger ledger) {
        Lines out = new Lines();
        out.add("# " + ledger.ticket() + titled(ledger), "title");
        summary(out, ledger);
        symptoms(out, ledger);
        rootCause(out, ledger);
        if (present(ledger.whySymptom())) {
            out.section(PostmortemSection.WHY_SYMPTOM);
            out.add(LedgerProse.block(ledger.whySymptom()), "why_symptom");
        }
        fix(out, ledger.fix());
        howFound(out, ledger);
        slipped(out, ledger.slipped());
        validation(out, ledger.validation());
        actionItems(out, ledger);
        return out.build();
    }

    private void summary(Lines out, Ledger ledger) {
        out.section(PostmortemSection.SUMMARY);
        if (present(ledger.summary())) {
            out.add(LedgerProse.block(ledger.summary()), "summary");
            return;
        }
        String owner = present(ledger.owner()) ? ", owned by " + LedgerProse.inline(ledger.owner()) : "";
        out.add(sentence(ledger.ticket() + owner + titled(ledger)), "title");
        if (!ledger.symptoms().isEmpty()) {
            // a symptom of several lines (a command and what it printed) run together would read as one garbled
            // sentence: its first line, and where the rest is
            String[] symptom = ledger.symptoms().get(0).text().strip().split("\\R", 2);
            out.line(sentence("Symptom: " + LedgerProse.inline(symptom[0])
                + (symptom.length > 1 ? " (first line; the whole text is under Symptom)" : "")), "symptoms.0.text");
        }
        out.line(sentence("Root cause: " + LedgerProse.inline(firstParagraph(ledger.rootCause().text()))),
            "root_cause.text");
        Fix fix = ledger.fix();
        List<String> named = new ArrayList<>();
        for (String sha : fix.commits()) {
            named.add(commitWithSubject(sha, true));
        }
        String fixedBy = "Fixed by " + String.join(", ", named);
        if (present(fix.review())) {
            // the review's words are fix.review's: a SHA lint finds there is reported at that field, not fix.commits
            out.line(fixedBy + ", reviewed in ", "fix.commits", sentence(LedgerProse.inline(fix.review())),
                "fix.review");
        } else {
            out.line(sentence(fixedBy), "fix.commits");
        }
    }

    private void symptoms(Lines out, Ledger ledger) {
        if (ledger.symptoms().isEmpty()) {
            return;
        }
        out.section(PostmortemSection.SYMPTOM);
        boolean several = ledger.symptoms().size() > 1;
        for (int i = 0; i < ledger.symptoms().size(); i++) {
            Symptom s = ledger.symptoms().get(i);
            String path = "symptoms." + i;
            List<String> about = new ArrayList<>();
            about.add(s.id());
            if (present(s.kind())) {
                about.add(LedgerProse.inline(s.kind()));
            }
            if (present(s.source())) {
                about.add("from " + LedgerProse.inline(s.source()));
            }
            if (present(s.at())) {
                about.add("at " + LedgerProse.inline(s.at()));
            }
            if (several) {
                out.item("- " + String.join(", ", about) + ":", path);
                quote(out, "  ", s.text(), path + ".text");
            } else {
                out.add(String.join(", ", about) + ":", path);
                out.add("", null);
                quote(out, "", s.text(), path + ".text");
            }
        }
    }

    /**
     * The ledger's words, as recorded: one line as a block quote, several lines as a text block. So is one line
     * holding a tab (a pasted log line): a block quote would turn it into a space, and a line copied from the
     * post-mortem would no longer match the log.
     */
    private static void quote(Lines out, String indent, String text, String path) {
        String stripped = text.strip();
        if (stripped.contains("\n") || stripped.contains("\t")) {
            fenced(out, indent, "text", stripped, path);
        } else {
            out.addRaw(indent + "> " + LedgerProse.inline(stripped), path);
        }
    }

    private static boolean multiLine(String text) {
        return text.strip().contains("\n");
    }

    /**
     * {@code text} as a fenced block, line for line: a multi-line repro stays a script the next person can paste,
     * where a code span would run its lines together. The fence is longer than any run of backticks in the text, so
     * no line of it (a log line holding {@code ```}) can close the block, and every line stays as written.
     */
    private static void fenced(Lines out, String indent, String language, String text, String path) {
        String fence = "`".repeat(Math.max(3, LedgerProse.longestBacktickRun(text) + 1));
        out.addRaw(indent + fence + language, path);
        for (String line : text.strip().split("\r\n|\r|\n", -1)) {
            out.addRaw(indent + line, path);
        }
        out.addRaw(indent + fence, path);
    }

    private void rootCause(Lines out, Ledger ledger) {
        out.section(PostmortemSection.ROOT_CAUSE);
        out.add(LedgerProse.block(ledger.rootCause().text()), "root_cause.text");
        commitList(out, ledger.rootCause().offending(), OFFENDING, "root_cause.offending");
    }

    /**
     * The commits of {@code shas} that resolve, each with its subject: one the repository does not hold is left out
     * (rca postmortem warns at its ledger place), as a post-mortem states no SHA that does not resolve.
     */
    private void commitList(Lines out, List<String> shas, String label, String path) {
        List<Integer> known = new java.util.ArrayList<>();
        for (int i = 0; i < shas.size(); i++) {
            if (commits.find(shas.get(i)).isPresent()) {
                known.add(i);
            }
        }
        if (known.size() == 1) {
            out.add(label + ": " + commitWithSubject(shas.get(known.get(0)), false), path + "." + known.get(0));
        } else if (!known.isEmpty()) {
            out.add(label + "s:", path);
            for (int i : known) {
                out.item("- " + commitWithSubject(shas.get(i), false), path + "." + i);
            }
        }
    }

    private void fix(Lines out, Fix fix) {
        out.section(PostmortemSection.FIX);
        if (present(fix.text())) {
            out.add(LedgerProse.block(fix.text()), "fix.text");
        }
        commitList(out, fix.commits(), "Fix commit", "fix.commits");
        if (present(fix.review())) {
            out.add("Review: " + LedgerProse.inline(fix.review()), "fix.review");
        }
        if (!fix.priorAttempts().isEmpty()) {
            out.add("Earlier attempts that did not hold:", "fix.prior_attempts");
            for (int i = 0; i < fix.priorAttempts().size(); i++) {
                PriorAttempt a = fix.priorAttempts().get(i);
                String ref = present(a.ref()) ? LedgerProse.inline(a.ref()) : "An earlier attempt";
                String why = present(a.whyInsufficient()) ? ": " + LedgerProse.inline(a.whyInsufficient())
                    : " (the ledger does not record why it fell short)";
                out.item("- " + ref + why, "fix.prior_attempts." + i);
            }
        }
    }

    private void howFound(Lines out, Ledger ledger) {
        out.section(PostmortemSection.HOW_FOUND);
        if (present(ledger.howFound())) {
            out.add(LedgerProse.block(ledger.howFound()), "how_found");
        } else {
            breadcrumbs(out, ledger);
        }
        String diagram = graph == null ? null : graph.mermaid(ledger);
        if (present(diagram)) {
            out.add("```mermaid", null);
            for (String line : diagram.strip().split("\n", -1)) {
                out.addRaw(line, null);
            }
            out.addRaw("```", null);
        }
    }

    private void breadcrumbs(Lines out, Ledger ledger) {
        Repro repro = ledger.repro();
        String rate = "deterministic".equals(repro.rate()) ? "failing on every run"
            : "failing in " + SLASH.matcher(repro.rate().strip()).replaceAll(" of ") + " runs";
        if (multiLine(repro.command())) {
            out.add("Repro, " + rate + ":", "repro");
            out.add("", null);
            fenced(out, "", "sh", repro.command(), "repro.command");
        } else {
            out.add("Repro: " + LedgerProse.codeSpan(repro.command()) + ", " + rate + ".", "repro");
        }
        hypotheses(out, ledger, HypothesisStatus.REJECTED, "Hypotheses ruled out:");
        hypotheses(out, ledger, HypothesisStatus.CONFIRMED, "Hypothesis confirmed:");
        if (!ledger.experiments().isEmpty()) {
            out.add("Experiments:", "experiments");
            for (int i = 0; i < ledger.experiments().size(); i++) {
                Experiment x = ledger.experiments().get(i);
                String tests = present(x.tests()) ? " (tests " + LedgerProse.inline(x.tests()) + ")" : "";
                String result = present(x.result()) ? " Result: " + sentence(LedgerProse.inline(x.result())) : "";
                out.item("- " + x.id() + tests + ": " + sentence(LedgerProse.inline(x.action())) + result,
                    "experiments." + i);
            }
        }
        bisect(out, ledger.bisect());
        evidence(out, ledger.evidence(), repro.command());
    }

    private static void hypotheses(Lines out, Ledger ledger, HypothesisStatus status, String label) {
        boolean any = false;
        for (int i = 0; i < ledger.hypotheses().size(); i++) {
            Hypothesis h = ledger.hypotheses().get(i);
            if (h.status() != status) {
                continue;
            }
            if (!any) {
                out.add(label, "hypotheses");
                any = true;
            }
            String path = "hypotheses." + i;
            // a confirmed hypothesis's because: is a rejection reason left behind by hand (rca confirm removes it)
            String because = status != HypothesisStatus.CONFIRMED && present(h.because())
                ? " because " + LedgerProse.inline(h.because())
                : status == HypothesisStatus.REJECTED ? " (no reason recorded)" : "";
            String by = h.evidence().isEmpty() ? "" : " (" + String.join(", ", h.evidence()) + ")";
            out.item("- " + h.id() + ", " + status.word() + because + by + ":", path + ".because");
            out.addRaw("  > " + LedgerProse.inline(h.text()), path + ".text");
        }
    }

    private void bisect(Lines out, BisectRecord bisect) {
        if (bisect == null) {
            return;
        }
        String end = bisect.firstBad() == null ? endWithoutCulprit(bisect) : null;
        if (bisect.steps().isEmpty() && bisect.firstBad() == null && end == null) {
            return;
        }
        StringBuilder line = new StringBuilder("Bisection: ");
        int steps = bisect.steps().size();
        // a verdict marked by hand is counted as one run in the record, but no test ran for it; a step written before
        // rca said who decided it is counted as before
        int byHand = (int) bisect.steps().stream().filter(BisectStep::byHand).count();
        int runs = bisect.steps().stream().filter(s -> !s.byHand()).mapToInt(s -> s.runs()).sum();
        line.append(steps).append(steps == 1 ? " step" : " steps");
        if (byHand > 0 && byHand == steps) {
            line.append(steps == 1 ? ", marked by hand," : ", all marked by hand,");
        } else if (byHand > 0) {
            line.append(" (").append(byHand).append(" marked by hand");
            if (runs != steps - byHand) {
                line.append("; ").append(runs).append(" runs for the others");
            }
            line.append(")");
        } else if (runs != steps) {
            line.append(" (").append(runs).append(" runs)");
        }
        int count = bisections.candidates(bisect);
        if (count >= 0) {
            line.append(" over ").append(count).append(count == 1 ? " candidate" : " candidates");
        }
        Map<?, ?> refs = bisect.extra().get("refs") instanceof Map<?, ?> named ? named : Map.of();
        if (bisect.bad() != null && !bisect.good().isEmpty()) {
            List<String> good = bisect.good().stream().map(g -> bound(g, refs)).toList();
            line.append(" between good ").append(String.join(", ", good)).append(" and bad ")
                .append(bound(bisect.bad(), refs));
        }
        if (bisect.extra().get("run") instanceof Map<?, ?> run && run.get("command") instanceof String command) {
            List<String> how = new ArrayList<>();
            BisectTest test = null;
            try {
                test = BisectTest.fromMap(run);
            } catch (IllegalArgumentException | ClassCastException editedByHand) {
                // the command alone still says what was tested
            }
            boolean flaky = YamlBisectStore.isTrue(bisect.extra().get("flaky"));
            // --repeat is a bound, not a count: a failing run decides a commit, and a flaky run stops at its
            // confidence or --max-runs; the steps and runs counted above are what ran
            if (test != null && test.repeat() > 1) {
                how.add(flaky ? "up to " + test.repeat() + " runs each time a commit is picked"
                    : "each commit up to " + test.repeat() + " times, its first failing run deciding it");
            }
            if (flaky) {
                how.add("as a flaky test");
            }
            if (test != null && test.flakeRate() != null) {
                how.add("flake rate " + LedgerProse.codeSpan(test.flakeRate()));
            }
            line.append(", testing ").append(LedgerProse.codeSpan(command))
                .append(how.isEmpty() ? "" : " (" + String.join(", ", how) + ")");
        }
        if (bisect.firstBad() != null) {
            line.append("; first bad commit: ").append(commitWithSubject(bisect.firstBad(), false));
        } else if (end != null) {
            line.append("; ").append(end);
        }
        out.add(sentence(line.toString()), "bisect");
    }

    /**
     * How a bisection without a first bad commit ended, as a fact of the record: {@code bisect-helper status}'s words
     * quoted (the probabilities it states are no hedging of the post-mortem's), or that it is in progress, or stopped
     * before an answer; null when that cannot be told, or the steps reach a culprit the section does not name.
     */
    private String endWithoutCulprit(BisectRecord bisect) {
        Bisection.Status status = bisections.replayed(bisect).orElse(null);
        if (status == null) {
            return null;
        }
        String words = BisectEnd.withoutCulprit(status, new BisectEnd.CommitNames(
            sha -> commitWithSubject(sha, false), this::shortSha));
        if (words != null) {
            return "it ended with \"" + words + "\"";
        }
        boolean goingOn = status.choice() instanceof Midpoint.Next || status.choice() == null;
        if (!goingOn) {
            return null;
        }
        return bisections.inProgress(bisect) ? "in progress, with no first bad commit yet"
            : "ended without an answer (reset, or replaced by another bisection)";
    }

    /**
     * A bisection's bound: its short SHA, and the name it was given at start when it had one that names it for good
     * (a tag, not {@code HEAD~4}, which names another commit once the fix is committed).
     */
    private String bound(String sha, Map<?, ?> refs) {
        Object name = refs.get(sha);
        return shortSha(sha) + (name == null || !bisections.nameLasts(String.valueOf(name)) ? ""
            : " (" + LedgerProse.codeSpan(String.valueOf(name)) + ")");
    }

    /**
     * The evidence list. A command of several lines is no code span (its lines would run together): the repro's own,
     * which {@code rca verify} records, is named; another is shown as a block under its item.
     */
    private void evidence(Lines out, List<Evidence> evidence, String reproCommand) {
        if (evidence.isEmpty()) {
            return;
        }
        out.add("Suspects, queries and other evidence:", "evidence");
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            StringBuilder line = new StringBuilder("- " + e.id());
            String block = null;
            if (e.commit() != null) {
                line.append(": ").append(commitWithSubject(e.commit(), false));
            } else if (e.command() != null) {
                if (!Evidence.QUERY.equals(e.kind())) {
                    line.append(" (").append(LedgerProse.inline(e.kind())).append(")");
                }
                if (!multiLine(e.command())) {
                    line.append(": ").append(LedgerProse.codeSpan(e.command()));
                } else if (present(reproCommand) && e.command().strip().equals(reproCommand.strip())) {
                    line.append(": the repro above");
                } else {
                    block = e.command();
                    line.append(": the command below");
                }
                if (Evidence.QUERY.equals(e.kind())) {
                    int n = e.commits().size();
                    // a long answer is kept cut to its first commits, so only a lower bound is known
                    line.append(n >= Ledgers.MAX_QUERY_COMMITS ? " returned at least " : " returned ").append(n)
                        .append(n == 1 ? " commit" : " commits");
                    if (n > 0 && n <= 5) {
                        line.append(": ").append(String.join(", ", e.commits().stream().map(this::shortSha).toList()));
                    }
                }
            } else {
                line.append(" (").append(LedgerProse.inline(e.kind())).append(")");
            }
            if (present(e.note())) {
                line.append(" — ").append(LedgerProse.inline(e.note()));
            }
            // last on the line: the findings end with a colon when the diverging lines follow
            List<LogDivergence.Line> divergence = List.of();
            if (e.logDiff() != null) {
                divergence = e.logDiff().atFirstDivergence();
                line.append(" — ").append(e.logDiff().findings()).append(divergence.isEmpty() ? "" : ":");
            }
            out.item(line.toString(), "evidence." + i);
            if (block != null) {
                fenced(out, "  ", "sh", block, "evidence." + i);
            }
            if (!divergence.isEmpty()) {
                fenced(out, "  ", "diff", firstDivergence(divergence), "evidence." + i);
            }
        }
    }

    /**
     * The lines where two logs first diverge as {@code rca logs diff} prints them ({@code -<n>} good, {@code +<n>}
     * bad), at most {@value #DIVERGENCE_LINES} of them, each cut to {@value #DIVERGENCE_WIDTH} characters.
     */
    private static String firstDivergence(List<LogDivergence.Line> lines) {
        List<String> shown = new ArrayList<>();
        for (LogDivergence.Line line : lines.subList(0, Math.min(lines.size(), DIVERGENCE_LINES))) {
            String text = (line.good() ? "-" : "+") + line.number() + "\t" + line.text();
            shown.add(text.length() > DIVERGENCE_WIDTH ? TextPrefix.upTo(text, DIVERGENCE_WIDTH - 1) + "…" : text);
        }
        if (lines.size() > DIVERGENCE_LINES) {
            shown.add("…");
        }
        return String.join("\n", shown);
    }

    private static void slipped(Lines out, Slipped slipped) {
        if (slipped == null || !present(slipped.category()) && !present(slipped.text())) {
            return;
        }
        out.section(PostmortemSection.SLIPPED);
        String label = present(slipped.category())
            ? "**" + SLIPPED_LABELS.getOrDefault(slipped.category(), slipped.category()) + ".**" : null;
        if (present(slipped.text())) {
            String text = LedgerProse.block(slipped.text());
            out.add(label == null ? text : label + " " + text, "slipped.text");
        } else {
            out.add(label, "slipped.category");
        }
    }

    private void validation(Lines out, Validation validation) {
        out.section(PostmortemSection.VALIDATION);
        for (int i = 0; i < validation.checks().size(); i++) {
            ValidationCheck c = validation.checks().get(i);
            String evidence = present(c.evidence()) ? " — " + LedgerProse.inline(c.evidence()) : "";
            out.item("- " + LedgerProse.inline(c.what()) + evidence, "validation.checks." + i);
        }
        VerifyRecord v = validation.verify();
        if (v != null) {
            out.item("- " + verifyLine(v), "validation.verify");
            if (present(v.command()) && multiLine(v.command())) {
                fenced(out, "  ", "sh", v.command(), "validation.verify.command");
            }
        }
        String notCovered = validation.notCovered();
        if (!present(notCovered)) {
            out.add("Coverage: limited to the checks above.", "validation");
        } else if (notCovered.strip().equalsIgnoreCase("none")) {
            out.add("Coverage: nothing was left out.", "validation.not_covered");
        } else {
            String text = LedgerProse.inline(notCovered);
            // the label goes only where the text already reads as a statement of coverage to rca's own lint:
            // "not retested on arm64" needs none, "not built with GCC 8" does
            boolean readsAsCoverage = COVERAGE_STATEMENT.matcher(text).find();
            out.add(sentence(readsAsCoverage ? Character.toUpperCase(text.charAt(0)) + text.substring(1)
                : "Not covered: " + text), "validation.not_covered");
        }
    }

    private String verifyLine(VerifyRecord v) {
        StringBuilder line = new StringBuilder("`rca verify`");
        if (present(v.command())) {
            line.append(" ran ").append(multiLine(v.command()) ? "the repro below" : LedgerProse.codeSpan(v.command()));
        }
        if (v.runs() != null) {
            line.append(" ").append(v.runs()).append(v.runs() == 1 ? " time" : " times").append(" at each commit");
        }
        List<String> results = new ArrayList<>();
        if (v.parent() != null) {
            results.add((v.parentFailures() == null ? "at the fix's parent " + shortSha(v.parent())
                : "it failed " + v.parentFailures() + " of " + v.runs() + " runs at the fix's parent "
                    + shortSha(v.parent())) + asides(v.parentTimeouts(), v.parentUntestable(), v.timeout()));
        }
        if (v.fix() != null) {
            results.add((v.fixPasses() == null ? "at the fix " + shortSha(v.fix())
                : "passed " + v.fixPasses() + " of " + v.runs() + " runs at the fix " + shortSha(v.fix()))
                + asides(v.fixTimeouts(), v.fixUntestable(), v.timeout()));
        }
        if (!results.isEmpty()) {
            line.append(": ").append(String.join(" and ", results));
        }
        line.append(v.passed() ? "; the fix is verified" : "; the fix did not verify");
        if (present(v.at())) {
            line.append(" (").append(LedgerProse.inline(v.at())).append(")");
        }
        return sentence(line.toString());
    }

    /**
     * What the counts do not tell: a hang counts as a failure, and a run that exited 125 as neither failure nor pass;
     * the document says which runs were such, so that it claims no more than ran, and a parent nobody could test does
     * not read as one where the bug did not show.
     */
    private static String asides(Integer timeouts, Integer untestable, Long timeout) {
        List<String> asides = new ArrayList<>();
        if (timeouts != null && timeouts > 0) {
            asides.add(runs(timeouts) + " timed out" + (timeout == null ? "" : " after " + timeout + " s"));
        }
        if (untestable != null && untestable > 0) {
            asides.add(runs(untestable) + " exited 125, cannot test");
        }
        return asides.isEmpty() ? "" : " (" + String.join("; ", asides) + ")";
    }

    private static String runs(int count) {
        return count + (count == 1 ? " run" : " runs");
    }

    private static void actionItems(Lines out, Ledger ledger) {
        if (ledger.noActionItems()) {
            out.section(PostmortemSection.ACTION_ITEMS);
            out.add(NO_ACTION_ITEMS, "action_items");
            return;
        }
        if (ledger.actionItems().isEmpty()) {
            return;
        }
        out.section(PostmortemSection.ACTION_ITEMS);
        for (int i = 0; i < ledger.actionItems().size(); i++) {
            ActionItem a = ledger.actionItems().get(i);
            List<String> who = new ArrayList<>();
            if (present(a.owner())) {
                who.add("owner: " + LedgerProse.inline(a.owner()));
            }
            if (present(a.tracking())) {
                who.add("tracking: " + LedgerProse.inline(a.tracking()));
            }
            String tail = who.isEmpty() ? "" : " (" + String.join(", ", who) + ")";
            out.item("- " + LedgerProse.inline(a.what()) + tail, "action_items." + i);
        }
    }

    /** {@code a1b2c3d4e5f6 subject}, or the SHA as the ledger wrote it when it does not resolve. */
    /** {@code ": <title>"}, or nothing when the ledger has no title. */
    private static String titled(Ledger ledger) {
        return present(ledger.title()) ? ": " + LedgerProse.inline(ledger.title()) : "";
    }

    private String commitWithSubject(String sha, boolean parenthesised) {
        return commits.find(sha)
            .map(c -> c.sha().substring(0, SHORT_SHA) + (parenthesised ? " (" + LedgerProse.commitSubject(c.subject())
                + ")" : " " + LedgerProse.commitSubject(c.subject())))
            .orElse(sha);
    }

    private String shortSha(String sha) {
        return commits.find(sha).map(CommitInfo::sha).map(s -> s.substring(0, SHORT_SHA)).orElse(sha);
    }

    private static String firstParagraph(String text) {
        return text.strip().split("\\n\\s*\\n", 2)[0];
    }

    private static String sentence(String text) {
        String t = text.stripTrailing();
        return t.isEmpty() || ".!?".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** The document being written, a line at a time, each with the ledger path it comes from. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final List<String> origins = new ArrayList<>();
        private final List<RenderedPostmortem.Tail> tails = new ArrayList<>();
        private boolean inList;

        void section(PostmortemSection section) {
            separate();
            addRaw(section.heading(), null);
            inList = false;
        }

        /** A block (paragraph, list) of its own, after a blank line. */
        void add(String text, String origin) {
            separate();
            inList = false;
            if (text.isEmpty()) {
                return;
            }
            for (String line : text.split("\n", -1)) {
                addRaw(line, origin);
            }
        }

        /** One more line of the paragraph being written. */
        void line(String text, String origin) {
            addRaw(text, origin);
        }

        /** One more line of the paragraph, its {@code head} from one field and its {@code tail} from another. */
        void line(String head, String headOrigin, String tail, String tailOrigin) {
            addRaw(head + tail, headOrigin);
            tails.add(new RenderedPostmortem.Tail(lines.size(), LogLineReader.cleanLines(head).length() + 1,
                tailOrigin));
        }

        /** A list item, continuing the list the previous item started. */
        void item(String text, String origin) {
            if (!inList) {
                separate();
            }
            inList = true;
            addRaw(text, origin);
        }

        void addRaw(String line, String origin) {
            // a control character a ledger holds would go raw into the committed document and every terminal that
            // shows it
            lines.add(LogLineReader.cleanLines(line));
            origins.add(origin);
        }

        private void separate() {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
                addRaw("", null);
            }
        }

        RenderedPostmortem build() {
            return new RenderedPostmortem(String.join("\n", lines) + "\n", origins, tails);
        }
    }
}
