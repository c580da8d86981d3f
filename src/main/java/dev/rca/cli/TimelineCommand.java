package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.graph.LedgerViews;
import dev.rca.graph.Timeline;
import dev.rca.graph.TimelineEvent;
import dev.rca.ledger.GitCommitLookup;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca timeline}: the ledger's events in time order. */
@Command(name = "timeline",
    description = {"Merges the ledger's timeline, symptoms, experiments, bisect steps, recorded rca verify runs and "
        + "log comparisons, and the dates of evidence, offending and fix commits into one list in time order. Entries without a time come last, as do "
        + "entries whose time cannot be read (shown as written; rca check reports them)."},
    footer = {"%nExample:%n  rca timeline -t PAY-142 --format=json"})
public final class TimelineCommand extends LedgerCommand {
    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "table|json", description = "Output format (default: table).")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        List<TimelineEvent> events;
        try (GitWorkspace workspace = openWorkspace()) {
            events = LedgerViews.timeline(ledgerFile(workspace).read(), new GitCommitLookup(workspace));
        }
        out().print(format == OutputFormat.JSON ? Timeline.json(events) : Timeline.table(events));
        return 0;
    }
}
