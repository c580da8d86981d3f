package dev.rca.cli;

import dev.rca.bisect.ActiveBisection;
import dev.rca.bisect.BisectEnd;
import dev.rca.bisect.BisectRunner;
import dev.rca.bisect.Bisection;
import dev.rca.git.GitWorkspace;
import dev.rca.json.Json;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.Hypothesis;
import dev.rca.ledger.InputCheck;
import dev.rca.ledger.InvestigationStatus;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerFile;
import dev.rca.logs.LogLineReader;
import dev.rca.postmortem.Postmortems;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca status}: the four post-mortem inputs, open hypotheses, bisect progress and the next step. */
@Command(name = "status", description = "Shows which of the four inputs a post-mortem needs are in the ledger (and "
    + "what is missing), the open hypotheses by likelihood, bisect progress and the next useful step.",
    footer = {"%nExample:%n  rca status -t PAY-142 --format=json"})
public final class StatusCommand extends LedgerCommand {
    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "table|json", description = "Output format (default: table).")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        InvestigationStatus status;
        try (GitWorkspace workspace = openWorkspace()) {
            LedgerFile file = ledgerFile(workspace);
            Ledger ledger = file.read();
            boolean bisecting = ActiveBisection.isIn(workspace, ledger.ticket());
            InvestigationStatus.BisectEnd end = bisecting && ledger.bisect() != null
                && ledger.bisect().firstBad() == null ? endWithoutCulprit(workspace, ledger.ticket()) : null;
            status = InvestigationStatus.of(ledger, new GitCommitLookup(workspace), bisecting, end,
                Postmortems.preview(workspace, file, PostmortemCommand.causalGraph()));
        }
        if (format == OutputFormat.JSON) {
            out().println(Json.write(status.toJson()));
        } else {
            StringWriter table = new StringWriter();
            render(status, new PrintWriter(table));
            // the ledger's words, which another person may have written, must not drive the terminal
            out().print(LogLineReader.cleanLines(table.toString()));
        }
        return 0;
    }

    /** How the bisection in progress, in {@code ticket}'s ledger, ended without a culprit; null while it goes on. */
    private InvestigationStatus.BisectEnd endWithoutCulprit(GitWorkspace workspace, String ticket) {
        Bisection bisection = new Bisection(workspace, ActiveBisection.select(workspace, ticket, notes(), clock()));
        Bisection.Status where = bisection.status();
        String how = BisectEnd.withoutCulprit(where, BisectSubcommand.commitNames(bisection));
        BisectRunner.Outcome outcome = BisectRunner.outcome(where);
        return how == null ? null : new InvestigationStatus.BisectEnd(how,
            outcome.runsCannotDecide() ? BisectEnd.testBeyondRuns(where.state(), outcome)
                : outcome.undecided() && !outcome.exhausted()
                ? BisectRunRendering.decidingRun(outcome, where.state().test()) : null);
    }

    private static void render(InvestigationStatus status, PrintWriter out) {
        Ledger ledger = status.ledger();
        out.println(ledger.ticket() + (ledger.title() == null ? "" : ": " + ledger.title()) + " ("
            + ledger.kind().word() + ", " + ledger.status().word() + ")");
        out.println();
        out.println("Post-mortem inputs:");
        for (InputCheck input : status.inputs()) {
            out.printf(Locale.ROOT, "  %-11s %s%n", input.name(), input.present() ? "present" : "missing: " + input.missing());
        }
        out.println();
        if (status.openHypotheses().isEmpty()) {
            out.println("Open hypotheses: none");
        } else {
            out.println("Open hypotheses (most likely first):");
            for (Hypothesis h : status.openHypotheses()) {
                String likelihood = h.likelihood() == null ? "   ?" : String.format(Locale.ROOT, "%.2f", h.likelihood());
                String explains = h.explains().isEmpty() ? "" : " (explains " + String.join(", ", h.explains()) + ")";
                out.printf(Locale.ROOT, "  %-4s %s  %s%s%n", h.id(), likelihood, firstLine(h.text()), explains);
            }
        }
        out.println();
        out.println("Bisect: " + status.bisectProgress());
        out.println("Next: " + status.nextStep());
        if (!status.warnings().isEmpty() && !status.nextStepIsTheWarnings()) {
            // under another step they would read as its details
            out.println("rca postmortem would warn:");
        }
        status.warnings().forEach(warning -> out.println("  " + warning));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() < text.strip().length() ? line + " …" : line;
    }
}
