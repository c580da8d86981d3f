package dev.rca.cli;

import dev.rca.bisect.BisectState;
import dev.rca.bisect.BisectStep;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.YamlBisectStore;
import dev.rca.git.GitWorkspace;
import dev.rca.json.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca bisect-helper log}. */
@Command(name = "log", description = "Lists the steps taken: each verdict, its commit and its number of runs, or that it was marked by"
    + " hand.",
    footer = {"%nExample:%n  rca bisect-helper log"})
public final class BisectLogCommand extends BisectSubcommand {
    @Option(names = "--format", completionCandidates = OutputFormat.TableShaOrJson.class,
        paramLabel = "<format>", description = "table, sha (each step's commit, in order) or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        try (GitWorkspace ws = openWorkspace()) {
            Bisection bisection = bisection(ws);
            BisectState state = bisection.state();
            if (format == OutputFormat.JSON) {
                // who decided each step, also for a state written before the steps said
                out().println(Json.write(state.steps().stream().map(s -> {
                    Map<String, Object> step = YamlBisectStore.toMap(s);
                    step.put("by", state.byHand(s) ? YamlBisectStore.BY_HAND : YamlBisectStore.BY_RUN);
                    return step;
                }).toList()));
                return 0;
            }
            if (format == OutputFormat.SHA) {
                state.steps().forEach(s -> out().println(s.commit()));
                return 0;
            }
            StringBuilder start = new StringBuilder("start --bad=" + state.bad());
            state.good().forEach(g -> start.append(" --good=").append(g));
            if (state.firstParent()) {
                start.append(" --first-parent");
            }
            if (!state.paths().isEmpty()) {
                start.append(" -- ").append(String.join(" ", state.paths()));
            }
            out().println(start);
            for (BisectStep s : state.steps()) {
                out().println(s.verdict().label() + " " + s.commit() + " " + bisection.subject(s.commit())
                    + (state.byHand(s) ? " (by hand)" : s.runs() == 1 ? "" : " (" + s.runs() + " runs)"));
            }
            if (state.firstBad() != null) {
                out().println("first bad commit: " + state.firstBad());
            }
            return 0;
        }
    }
}
