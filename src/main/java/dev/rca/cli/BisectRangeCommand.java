package dev.rca.cli;

import dev.rca.bisect.Bisection;
import dev.rca.bisect.CandidateGraph;
import dev.rca.git.GitWorkspace;
import dev.rca.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca bisect-helper range}. */
@Command(name = "range", description = "Lists the candidates still in play, newest first (skipped ones marked).",
    footer = {"%nExample:%n  rca bisect-helper range --format=sha | wc -l"})
public final class BisectRangeCommand extends BisectSubcommand {
    @Option(names = "--format", completionCandidates = OutputFormat.Candidates.class,
        paramLabel = "<format>", description = "table, oneline, sha or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        try (GitWorkspace ws = openWorkspace()) {
            Bisection bisection = bisection(ws);
            Bisection.Status status = bisection.status();
            CandidateGraph graph = status.graph();
            Set<String> skipped = status.state().skipped();
            List<String> candidates = graph.candidatesNewestFirst();
            if (format == OutputFormat.JSON) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String sha : candidates) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("commit", sha);
                    m.put("subject", bisection.subject(sha));
                    m.put("skipped", skipped.contains(sha));
                    rows.add(m);
                }
                out().println(Json.write(rows));
                return 0;
            }
            for (String sha : candidates) {
                switch (format) {
                    case SHA -> out().println(sha);
                    case ONELINE -> out().println(sha.substring(0, 12) + " " + bisection.subject(sha));
                    default -> out().println(sha + " " + bisection.subject(sha) + (skipped.contains(sha) ? " (skipped)" : ""));
                }
            }
            return 0;
        }
    }
}
