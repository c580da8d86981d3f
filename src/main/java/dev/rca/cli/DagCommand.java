package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.graph.CausalGraph;
import dev.rca.graph.GraphFormat;
import dev.rca.graph.LedgerViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca dag}: the ledger's hypotheses, symptoms, experiments and evidence as a causal graph. */
@Command(name = "dag",
    description = {"Draws the ledger as a causal graph: hypotheses explain symptoms, experiments test hypotheses, "
        + "evidence supports them. Likelihoods are shown; confirmed hypotheses are drawn strong, rejected ones "
        + "dashed and grey. Mermaid renders on GitHub inside a ```mermaid block; DAGitty pastes into dagitty.net."},
    footer = {"%nExample:%n  rca dag -t PAY-142 --format=dot | dot -Tsvg > pay-142.svg"})
public final class DagCommand extends LedgerCommand {
    @Option(names = "--format", completionCandidates = OutputFormat.Graphs.class,
        paramLabel = "mermaid|dot|dagitty", description = "Output format (default: mermaid).")
    OutputFormat format = OutputFormat.MERMAID;

    @Override
    protected int execute() {
        CausalGraph graph;
        try (GitWorkspace workspace = openWorkspace()) {
            graph = LedgerViews.causalGraph(ledgerFile(workspace).read());
        }
        out().print(GraphFormat.byName(format.label()).render(graph));
        return 0;
    }
}
