package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RunOutputLog;
import dev.rca.git.ScratchCheckout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code bisect-helper run}: the {@link BisectRunner} over a {@link ScratchProbe} in the bisection's scratch
 * checkout, keeping the test's output in {@link ActiveBisection#RUN_LOG} (begun at the first test, so a run that tests
 * nothing leaves the last one's), and what the run tells about itself besides its outcome.
 */
public final class BisectRun {
    /**
     * What {@code run} was asked, checked as its options are: a value out of range is a usage error.
     *
     * @param command the test, as typed: one shell command line, or an argument vector
     * @param repeat runs per commit
     * @param flaky whether the Bayesian engine decides
     * @param confidence the probability a flaky run stops at
     * @param flakeRate {@code --flake-rate} as typed, or null
     * @param maxRuns the flaky run's budget over the whole bisection, or 0 for its default
     * @param timeoutSeconds the time one test may take, or null for no limit
     */
    public record Request(List<String> command, int repeat, boolean flaky, double confidence, String flakeRate,
                          int maxRuns, Long timeoutSeconds) {
        public Request {
            command = List.copyOf(command);
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
            if (flakeRate != null) {
                FlakyBisector.Model.parseRates(flakeRate);
            }
        }

        /** How the runner runs. */
        BisectRunner.Options options() {
            FlakyBisector.Model model = flakeRate == null ? FlakyBisector.Model.learned()
                : FlakyBisector.Model.parseRates(flakeRate);
            return new BisectRunner.Options(repeat, flaky, confidence, model, maxRuns);
        }

        /** The test as the state records it; a flaky run's confidence is kept with it, so status judges its end. */
        BisectTest test() {
            return new BisectTest(CommandRunner.shellLine(command), repeat, flakeRate,
                flaky ? Double.valueOf(confidence) : null, timeoutSeconds);
        }
    }

    /** Hears the run as it goes. */
    public interface Listener {
        /** The first test is about to run, in {@code directory}; its output is kept in {@code log}. */
        void started(Path directory, Path log);

        /** A step was taken; {@code lastRun} is the test's last run (null before any). */
        void stepped(BisectRunner.StepReport report, CommandRunner.Result lastRun);

        /** A checkout warned: a smudge filter that is not required failed, and its file was written unfiltered. */
        void warned(String warning);
    }

    /**
     * How the run ended.
     *
     * @param outcome the bisection's outcome
     * @param decided the test that decided it: this run's, or the recorded one when this run tested nothing (null: the
     *     verdicts were given by hand)
     * @param nothingTested when this run tested nothing, why ({@code nothing was tested: …}); else null
     * @param sameVerdict when every commit this run tested (two or more) got the same verdict, the warning that says
     *     so ({@code every tested commit was …}); else null
     */
    public record Result(BisectRunner.Outcome outcome, BisectTest decided, String nothingTested, String sameVerdict) {
    }

    private final GitWorkspace workspace;
    private final Bisection bisection;
    private final Request request;
    private final CommandRunner.Starter starter;
    private final Listener listener;
    private final Set<String> testedGood = new HashSet<>();
    private final Set<String> testedBad = new HashSet<>();
    private RunOutputLog log;
    private CommandRunner.Result lastRun;

    private BisectRun(GitWorkspace workspace, Bisection bisection, Request request, CommandRunner.Starter starter,
                      Listener listener) {
        this.workspace = workspace;
        this.bisection = bisection;
        this.request = request;
        this.starter = starter;
        this.listener = listener;
    }

    /** Runs {@code request}'s test on {@code bisection}, in {@code workspace}, with {@code starter}. */
    public static Result run(GitWorkspace workspace, Bisection bisection, Request request,
                             CommandRunner.Starter starter, Listener listener) {
        return new BisectRun(workspace, bisection, request, starter, listener).run();
    }

    private Result run() {
        BisectRunner.Options options = request.options();
        String knownGood = bisection.state().good().get(0);
        BisectTest test = request.test();
        BisectRunner.Outcome outcome;
        try (ScratchCheckout scratch = ScratchCheckout.of(workspace, "bisect", listener::warned)) {
            Duration timeout = request.timeoutSeconds() == null ? null : Duration.ofSeconds(request.timeoutSeconds());
            ScratchProbe probe = new ScratchProbe(scratch, starter, request.command(), timeout, knownGood,
                (commit, result) -> {
                    log.append(commit, result);
                    lastRun = result;
                });
            BisectRunner.Probe beginning = commit -> {
                if (log == null) {
                    // only a run that tests something replaces the last one's output
                    log = RunOutputLog.begin(workspace, ActiveBisection.RUN_LOG);
                    listener.started(scratch.directory(), log.file());
                }
                return probe.test(commit);
            };
            outcome = new BisectRunner(bisection, test, beginning, this::stepped).run(options);
        }
        if (log == null) {
            return new Result(outcome, bisection.state().test(), "nothing was tested: " + whyNothingWasTested(outcome),
                null);
        }
        return new Result(outcome, test, null, everyVerdictTheSame());
    }

    private void stepped(BisectRunner.StepReport r) {
        if (r.verdict() != Verdict.SKIP) {
            (r.verdict() == Verdict.GOOD ? testedGood : testedBad).add(r.commit());
        }
        listener.stepped(r, lastRun);
    }

    /** Why a run that tested nothing ended at once: in flaky mode, what the runs already made are short of, if anything. */
    private String whyNothingWasTested(BisectRunner.Outcome outcome) {
        if (request.flaky() && outcome.confident()) {
            return "the runs already made reach the confidence asked";
        }
        if (request.flaky() && outcome.runsCannotDecide()) {
            return "no run can decide the bisection";
        }
        if (request.flaky() && outcome.undecided() && !outcome.exhausted()) {
            return "the bisection's " + outcome.runs() + " runs already reach --max-runs";
        }
        return "the bisection had already ended";
    }

    /**
     * The warning when every commit this run tested got the same verdict: a test that fails (or passes) everywhere for
     * another reason than the bug still leads to a confident culprit.
     */
    private String everyVerdictTheSame() {
        String all = testedGood.isEmpty() && testedBad.size() > 1
            ? "bad: check that the test fails for the bug, not for another reason"
            : testedBad.isEmpty() && testedGood.size() > 1 ? "good: check that the test fails at the bad commit, for the bug"
            : null;
        return all == null ? null : "every tested commit was " + all + " (output: " + log.file() + ")";
    }
}
