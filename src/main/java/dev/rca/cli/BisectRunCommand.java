package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.bisect.BisectEnd;
import dev.rca.bisect.BisectLock;
import dev.rca.bisect.BisectRun;
import dev.rca.bisect.BisectRunner;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.FlakyRun;
import dev.rca.bisect.Verdict;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca bisect-helper run}. */
@Command(name = "run", description = {"Runs a test at each candidate until the first bad commit is found.",
    "The test runs in the candidate's scratch checkout with RCA_COMMIT set: exit 0 good, 125 skip, 1-127 bad,"
        + " anything else or a timeout aborts. One argument is a shell command line (unless it is the absolute path"
        + " of an executable file), several are an argument vector. Resumes an interrupted run. Each run's output is kept"
        + " in .git/rca/bisect-run.log. Progress (each step's verdict, and the last lines of a bad or skipped step's"
        + " output) goes to stderr when it is a terminal, or with --verbose; otherwise stderr is silent."},
    footer = {"%nExample:%n  rca bisect-helper run --timeout=300 -- mvn -q -Dtest=CheckoutIT test",
        "  rca bisect-helper run --flaky --confidence=0.99 -- ./flaky-test.sh"})
public final class BisectRunCommand extends BisectSubcommand {
    @Option(names = "--repeat", paramLabel = "<n>", description = "Runs per commit (bad if any run fails).")
    int repeat = 1;

    @Option(names = "--flaky", description = "Treat the test as noisy: Bayesian search over the candidates.")
    boolean flaky;

    @Option(names = "--confidence", paramLabel = "<p>", description = "With --flaky: stop at this probability (default 0.99).")
    double confidence = FlakyRun.DEFAULT_CONFIDENCE;

    @Option(names = "--flake-rate", paramLabel = "<p>[,<q>]", description = {"With --flaky: known rates instead of learnt ones:",
        "a good commit fails with p, a bad one passes with q (default q = p)."})
    String flakeRate;

    @Option(names = "--max-runs", paramLabel = "<n>", description = "With --flaky: give up after n runs.")
    int maxRuns;

    @Option(names = "--timeout", paramLabel = "<s>", description = "Abort when one test runs longer than s seconds.")
    Long timeoutSeconds;

    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "<format>", description = "table or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Option(names = {"-v", "--verbose"}, description = "Show progress on stderr even when it is not a terminal.")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "<cmd>", description = "The test command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    /** How many of the last lines of a bad or skipped step's output are shown under it. */
    private static final int OUTPUT_LINES = 5;

    @Override
    protected int execute() {
        BisectRun.Request request = new BisectRun.Request(command, repeat, flaky, confidence, flakeRate, maxRuns,
            timeoutSeconds);
        // DESIGN: long work shows progress on stderr when stderr is a terminal, and is silent otherwise
        boolean progress = verbose || root().stderrIsTerminal();
        Path[] kept = new Path[1];
        try (GitWorkspace ws = openHistoryWorkspace(); BisectLock lock = lock(ws, "run")) {
            Bisection bisection = bisection(ws);
            BisectRun.Result run = BisectRun.run(ws, bisection, request, root().starter(), new BisectRun.Listener() {
                @Override
                public void started(Path directory, Path log) {
                    kept[0] = log;
                    if (!progress) {
                        return;
                    }
                    err().println("rca: running '" + String.join(" ", command) + "' in " + directory
                        + " for each candidate" + (flaky ? " (flaky mode)" : ""));
                    err().println("rca: note: the test's output is kept in " + log);
                    err().flush();
                }

                @Override
                public void stepped(BisectRunner.StepReport report, CommandRunner.Result lastRun) {
                    if (progress) {
                        report(report, lastRun);
                    }
                }

                @Override
                public void warned(String warning) {
                    err().println("rca: warning: " + warning);
                    err().flush();
                }
            });
            if (run.nothingTested() != null) {
                err().println("rca: note: " + run.nothingTested());
                err().flush();
            } else if (run.sameVerdict() != null) {
                err().println("rca: warning: " + run.sameVerdict());
                err().flush();
            }
            return BisectRunRendering.print(bisection, run.outcome(), run.decided(), out(), format);
        } catch (RcaException stopped) {
            // off a terminal the note saying where the test's output is kept was not shown: a stopped run says it
            if (!progress && kept[0] != null) {
                throw stopped.withHint((stopped.hint() == null ? "" : stopped.hint() + "; ")
                    + "the test's output is kept in " + kept[0]);
            }
            throw stopped;
        }
    }

    private void report(BisectRunner.StepReport r, CommandRunner.Result lastRun) {
        String sha = r.commit().substring(0, 12);
        if (Double.isNaN(r.leaderProbability())) {
            err().println("rca: step " + r.step() + ": " + sha + " " + r.verdict().label()
                + (r.runs() > 1 ? " (" + r.runs() + " runs)" : "") + "; " + r.candidatesLeft() + " candidates left, roughly "
                + r.stepsLeft() + (r.stepsLeft() == 1 ? " step" : " steps"));
        } else {
            // commits only the prior tells apart are named together, as the undecided end names them
            String leader = !r.leaderGroup().isEmpty()
                ? "one of " + BisectEnd.shortShas(r.leaderGroup())
                : r.leader() == null ? "no culprit (flake)" : r.leader().substring(0, 12);
            err().println("rca: run " + r.step() + ": " + sha + " " + r.verdict().label() + "; most probable: "
                + leader + " at " + BisectEnd.percent(r.leaderProbability())
                + (r.leaderGroup().isEmpty() ? "" : " together"));
        }
        if (r.verdict() != Verdict.GOOD && lastRun != null) {
            // the end of what the test printed, so that a build error or a missing tool shows as it happens
            lastRun.lastLines(OUTPUT_LINES).forEach(line -> err().println("  | " + line));
        }
        err().flush();
    }
}
