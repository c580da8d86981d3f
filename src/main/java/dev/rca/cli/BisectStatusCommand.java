package dev.rca.cli;

import dev.rca.bisect.BisectState;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.BisectRunner;
import dev.rca.git.GitWorkspace;
import dev.rca.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca bisect-helper status}. */
@Command(name = "status", description = "Shows where the bisection stands: bounds, steps so far, and the next candidate or the answer.",
    footer = {"%nExample:%n  rca bisect-helper status --format=json"})
public final class BisectStatusCommand extends BisectSubcommand {
    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "<format>", description = "table or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        try (GitWorkspace ws = openWorkspace()) {
            Bisection bisection = bisection(ws);
            Bisection.Status status = bisection.status();
            BisectState state = status.state();
            if (format == OutputFormat.JSON) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bad", state.badInForce());
                m.put("good", state.good());
                m.put("paths", state.paths());
                m.put("first_parent", state.firstParent());
                m.put("flaky", state.flaky());
                m.put("steps", state.steps().size());
                m.put("runs", state.totalRuns());
                m.put("by_hand", state.stepsByHand());
                m.putAll(choiceJson(bisection, status));
                m.putAll(BisectRunRendering.endWithoutCulpritJson(BisectRunner.outcome(status)));
                m.put("confidence", state.confidence() != null ? state.confidence()
                    : state.firstBad() != null ? Double.valueOf(1.0) : null);
                out().println(Json.write(m));
                return exitCode(status.choice());
            }
            StringWriter buffer = new StringWriter();
            PrintWriter w = new PrintWriter(buffer);
            w.println("bad: " + state.badInForce() + " " + bisection.subject(state.badInForce()));
            for (String g : state.good()) {
                w.println("good: " + g + " " + bisection.subject(g));
            }
            if (!state.paths().isEmpty()) {
                w.println("paths: " + String.join(" ", state.paths()));
            }
            if (state.firstParent() || state.flaky()) {
                w.println("mode:" + (state.firstParent() ? " first-parent" : "") + (state.flaky() ? " flaky" : ""));
            }
            int steps = state.steps().size();
            int runs = state.testRuns();
            int byHand = state.stepsByHand();
            // not "done:", which read as the end of a bisection still in progress; a verdict marked by hand is no
            // test run, though the state counts it as one (the flaky engine's observation)
            String ran = runs + (runs == 1 ? " run" : " runs");
            w.println("steps taken: " + steps + (steps > 0 && byHand == steps ? " (by hand)"
                : byHand > 0 ? " (" + ran + ", " + byHand + " by hand)" : " (" + ran + ")"));
            int code = printChoice(bisection, status, w, OutputFormat.TABLE);
            w.flush();
            out().print(buffer);
            return code;
        }
    }
}
