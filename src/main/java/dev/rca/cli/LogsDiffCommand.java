package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.logs.LogDiff;
import dev.rca.logs.LogDiffReport;
import dev.rca.logs.LogDiffResult;
import dev.rca.logs.LogMask;
import dev.rca.logs.LogMasker;
import dev.rca.config.RcaConfig;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.Ledgers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca logs diff}: where a bad run's log leaves the path a good run's log took. */
@Command(name = "diff",
    description = {"Compares a good run's log with a bad run's and shows where the bad run went off track.",
        "Masks what differs between any two runs first (timestamps, durations, ids, UUIDs, addresses, hashes, IPs, "
            + "thread numbers, temporary paths), then prints the first divergence and the lines only one side has, "
            + "in their original text. Exit 0 when the logs match after masking, 1 when they differ."},
    footer = {"%nExample:%n  rca logs diff good.log bad.log --mask='host=[a-z0-9-]+\\.example\\.com'"})
public final class LogsDiffCommand extends LedgerCommand {
    @Parameters(index = "0", paramLabel = "<good>", description = "The log of a run that behaved.")
    String good;

    @Parameters(index = "1", paramLabel = "<bad>", description = "The log of a run that did not.")
    String bad;

    @Option(names = "--mask", paramLabel = "<name>=<regex>",
        description = "Also mask matches of <regex> as <name> (repeatable; applied before the built-in masks).")
    List<String> masks = new ArrayList<>();

    @Option(names = {"-U", "--context"}, paramLabel = "<n>", description = "Show <n> shared lines before and after each difference; headers count them, as in diff -U<n>.")
    int context;

    @Option(names = "--ignore-moves",
        description = "A line both logs have, in different places (threads interleaving differently), is no difference.")
    boolean ignoreMoves;

    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "<format>", description = "table (default) or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        if (context < 0) {
            throw RcaException.usage("--context must be 0 or more");
        }
        if ("-".equals(good) || "-".equals(bad)) {
            throw RcaException.usage("logs diff reads each log twice; save standard input to a file first");
        }
        List<LogMask> extra = new ArrayList<>();
        for (String mask : masks) {
            extra.add(LogMask.parse(mask));
        }
        extra.addAll(configuredMasks());
        Path goodPath = LogsCommand.existingFile(directory(), good);
        Path badPath = LogsCommand.existingFile(directory(), bad);
        try {
            LogDiffResult result = LogDiff.compare(goodPath, badPath, LogMasker.withExtra(extra), ignoreMoves,
                progress());
            LogDiffReport report = new LogDiffReport(result, good, bad);
            if (ticket != null) {
                recordEvidence(result);
            }
            if (format == OutputFormat.JSON) {
                report.json(out());
            } else {
                report.text(out(), context, stdoutIsTerminal() ? LogsCommand.terminalWidth() : 0);
            }
            return result.matches() ? ExitCode.OK : ExitCode.NEGATIVE;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read logs: " + e.getMessage(), e);
        }
    }

    /** Masks from the repository's {@code .rca.yaml} ({@code logs.masks}), when rca runs inside a repository. */
    private List<LogMask> configuredMasks() {
        try (GitWorkspace workspace = GitWorkspace.find(directory()).orElse(null)) {
            return workspace == null ? List.of() : LogMask.configured(RcaConfig.of(workspace).logs().masks());
        }
    }

    /**
     * Adds the comparison to the ledger as evidence ({@link RecordedLogComparison}), unless it holds this comparison
     * already, as recorded now or before logs were named from the top of the work tree.
     */
    private void recordEvidence(LogDiffResult result) throws IOException {
        try (GitWorkspace workspace = openWorkspace()) {
            LedgerFile ledger = ledgerFile(workspace);
            RecordedLogComparison comparison = new RecordedLogComparison(workspace, result.good(), result.bad(),
                masks, ignoreMoves, ledger.ticket().value());
            Map<String, Object> item = new LogDiffReport(result, comparison.goodName(), comparison.badName())
                .evidence(comparison.command(), Ledgers.recordingTime(clock()));
            Ledgers.RecordedEvidence recorded = Ledgers.recordLogDiff(ledger, item, comparison::isEarlierFormOf);
            err().println(recorded.added() ? "recorded as " + recorded.id() + " in " + ledger.displayName()
                : "rca: note: this comparison is already " + recorded.id() + " in " + ledger.displayName()
                + "; nothing added");
        }
    }
}
