package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.bisect.BisectRunner;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.FlakyBisector;
import dev.rca.bisect.ScratchProbe;
import dev.rca.git.GitWorkspace;
import dev.rca.git.ScratchCheckout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca bisect-helper run}. */
@Command(name = "run", description = {"Runs a test at each candidate until the first bad commit is found.",
    "The test runs in the candidate's scratch checkout with RCA_COMMIT set: exit 0 good, 125 skip, 1-127 bad,"
        + " anything else or a timeout aborts. One argument is a shell command line (unless it is the absolute path"
        + " of an executable file), several are an argument vector. Resumes an interrupted run."},
    footer = {"%nExample:%n  rca bisect-helper run --timeout=300 -- mvn -q -Dtest=CheckoutIT test",
        "  rca bisect-helper run --flaky --confidence=0.99 -- ./flaky-test.sh"})
public final class BisectRunCommand extends BisectSubcommand {
    @Option(names = "--repeat", paramLabel = "<n>", description = "Runs per commit (bad if any run fails).")
    int repeat = 1;

    @Option(names = "--flaky", description = "Treat the test as noisy: Bayesian search over the candidates.")
    boolean flaky;

    @Option(names = "--confidence", paramLabel = "<p>", description = "With --flaky: stop at this probability (default 0.99).")
    double confidence = 0.99;

    @Option(names = "--flake-rate", paramLabel = "<p>[,<q>]", description = {"With --flaky: known rates instead of learnt ones:",
        "a good commit fails with p, a bad one passes with q (default q = p)."})
    String flakeRate;

    @Option(names = "--max-runs", paramLabel = "<n>", description = "With --flaky: give up after n runs.")
    int maxRuns;

    @Option(names = "--timeout", paramLabel = "<s>", description = "Abort when one test runs longer than s seconds.")
    Long timeoutSeconds;

    @Option(names = "--format", paramLabel = "<format>", description = "table or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Parameters(arity = "1..*", paramLabel = "<cmd>", description = "The test command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    protected int execute() {
        OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.JSON);
        BisectRunner.Options options = options();
        try (GitWorkspace ws = openHistoryWorkspace()) {
            Bisection bisection = bisection(ws);
            String knownGood = bisection.state().good().get(0);
            BisectRunner.Outcome outcome;
            try (ScratchCheckout scratch = ScratchCheckout.of(ws, "bisect")) {
                err().println("rca: running '" + String.join(" ", command) + "' in " + scratch.directory()
                    + " for each candidate" + (flaky ? " (flaky mode)" : ""));
                err().flush();
                Duration timeout = timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
                ScratchProbe probe = new ScratchProbe(scratch, root().starter(), command, timeout, knownGood, r -> { });
                outcome = new BisectRunner(bisection, probe, this::report).run(options);
            }
            return BisectRunRendering.print(bisection, outcome, command, out(), format);
        }
    }

    private BisectRunner.Options options() {
        if (repeat < 1) {
            throw RcaException.usage("--repeat must be at least 1");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw RcaException.usage("--confidence must be between 0 and 1 (exclusive)");
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw RcaException.usage("--timeout must be a positive number of seconds");
        }
        if (maxRuns < 0) {
            throw RcaException.usage("--max-runs must not be negative");
        }
        if (!flaky && (flakeRate != null || maxRuns > 0)) {
            throw RcaException.usage("--flake-rate and --max-runs need --flaky");
        }
        FlakyBisector.Model model = flakeRate == null ? FlakyBisector.Model.learned()
            : FlakyBisector.Model.parseRates(flakeRate);
        return new BisectRunner.Options(repeat, flaky, confidence, model, maxRuns);
    }

    private void report(BisectRunner.StepReport r) {
        String sha = r.commit().substring(0, 12);
        if (Double.isNaN(r.leaderProbability())) {
            err().println("rca: step " + r.step() + ": " + sha + " " + r.verdict().label()
                + (r.runs() > 1 ? " (" + r.runs() + " runs)" : "") + "; " + r.candidatesLeft() + " candidates left, roughly "
                + r.stepsLeft() + (r.stepsLeft() == 1 ? " step" : " steps"));
        } else {
            err().println("rca: run " + r.step() + ": " + sha + " " + r.verdict().label() + "; most probable: "
                + (r.leader() == null ? "no culprit (flake)" : r.leader().substring(0, 12))
                + String.format(Locale.ROOT, " at %.1f%%", 100 * r.leaderProbability()));
        }
        err().flush();
    }
}
