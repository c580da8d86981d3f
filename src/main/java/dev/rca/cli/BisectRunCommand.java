package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.bisect.ActiveBisection;
import dev.rca.bisect.BisectRunner;
import dev.rca.bisect.BisectTest;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.FlakyBisector;
import dev.rca.bisect.FlakyRun;
import dev.rca.bisect.ScratchProbe;
import dev.rca.bisect.Verdict;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RunOutputLog;
import dev.rca.git.ScratchCheckout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca bisect-helper run}. */
@Command(name = "run", description = {"Runs a test at each candidate until the first bad commit is found.",
    "The test runs in the candidate's scratch checkout with RCA_COMMIT set: exit 0 good, 125 skip, 1-127 bad,"
        + " anything else or a timeout aborts. One argument is a shell command line (unless it is the absolute path"
        + " of an executable file), several are an argument vector. Resumes an interrupted run. Each run's output is kept"
        + " in .git/rca/bisect-run.log; the last lines of a bad or skipped step's are shown under it."},
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

    @Option(names = "--format", paramLabel = "<format>", description = "table or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Parameters(arity = "1..*", paramLabel = "<cmd>", description = "The test command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    /** How many of the last lines of a bad or skipped step's output are shown under it. */
    private static final int OUTPUT_LINES = 5;

    /** The test's last run, whose output a step's report shows. */
    private CommandRunner.Result lastRun;

    /** Where this run keeps the test's output, once it has tested something. */
    private RunOutputLog log;

    /** The commits this run found good, and bad. */
    private final Set<String> testedGood = new HashSet<>();
    private final Set<String> testedBad = new HashSet<>();

    @Override
    protected int execute() {
        // the daemon keeps this object between queries: what an earlier run tested is not this run's
        lastRun = null;
        log = null;
        testedGood.clear();
        testedBad.clear();
        OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.JSON);
        BisectRunner.Options options = options();
        try (GitWorkspace ws = openHistoryWorkspace()) {
            Bisection bisection = bisection(ws);
            String knownGood = bisection.state().good().get(0);
            // a flaky run's confidence is kept with its test, so that status judges its end and a later run goes on
            BisectTest test = new BisectTest(CommandRunner.shellLine(command), repeat, flakeRate,
                flaky ? Double.valueOf(confidence) : null, timeoutSeconds);
            BisectRunner.Outcome outcome;
            try (ScratchCheckout scratch = ScratchCheckout.of(ws, "bisect")) {
                Duration timeout = timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
                ScratchProbe probe = new ScratchProbe(scratch, root().starter(), command, timeout, knownGood,
                    (commit, result) -> {
                        log.append(commit, result);
                        lastRun = result;
                    });
                BisectRunner.Probe beginning = commit -> {
                    if (log == null) {
                        // only a run that tests something replaces the last one's output
                        log = RunOutputLog.begin(ws, ActiveBisection.RUN_LOG);
                        err().println("rca: running '" + String.join(" ", command) + "' in " + scratch.directory()
                            + " for each candidate" + (flaky ? " (flaky mode)" : ""));
                        err().println("rca: note: the test's output is kept in " + log.file());
                        err().flush();
                    }
                    return probe.test(commit);
                };
                outcome = new BisectRunner(bisection, test, beginning, this::report).run(options);
            }
            // what reproduces the answer is the test that decided it: this run's, or the recorded one's if it ran none
            BisectTest decided = test;
            if (log == null) {
                err().println("rca: note: nothing was tested: " + whyNothingWasTested(outcome));
                err().flush();
                decided = bisection.state().test();
            } else {
                warnIfEveryVerdictWasTheSame(log);
            }
            return BisectRunRendering.print(bisection, outcome, decided, out(), format);
        }
    }

    /** Why a run that tested nothing ended at once: in flaky mode, what the runs already made are short of, if anything. */
    private String whyNothingWasTested(BisectRunner.Outcome outcome) {
        if (flaky && outcome.confident()) {
            return "the runs already made reach the confidence asked";
        }
        if (flaky && outcome.undecided() && !outcome.exhausted()) {
            return "the bisection's " + outcome.runs() + " runs already reach --max-runs";
        }
        return "the bisection had already ended";
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

    /**
     * Says so when every commit this run tested got the same verdict: a test that fails (or passes) everywhere
     * for another reason than the bug still leads to a confident culprit.
     */
    private void warnIfEveryVerdictWasTheSame(RunOutputLog log) {
        String all = testedGood.isEmpty() && testedBad.size() > 1
            ? "bad: check that the test fails for the bug, not for another reason"
            : testedBad.isEmpty() && testedGood.size() > 1 ? "good: check that the test fails at the bad commit, for the bug"
            : null;
        if (all != null) {
            err().println("rca: warning: every tested commit was " + all + " (output: " + log.file() + ")");
            err().flush();
        }
    }

    private void report(BisectRunner.StepReport r) {
        if (r.verdict() != Verdict.SKIP) {
            (r.verdict() == Verdict.GOOD ? testedGood : testedBad).add(r.commit());
        }
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
        if (r.verdict() != Verdict.GOOD && lastRun != null) {
            // the end of what the test printed, so that a build error or a missing tool shows as it happens
            lastRun.lastLines(OUTPUT_LINES).forEach(line -> err().println("  | " + line));
        }
        err().flush();
    }
}
