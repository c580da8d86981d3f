package dev.rca.bisect;

import dev.rca.RcaException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives a bisection with an automatic test, saving every verdict before choosing the next commit,
 * so a run killed at any moment resumes where it stopped. Deterministically it makes git's
 * choices; with {@link Options#flaky()} it asks the {@link FlakyBisector}.
 */
public final class BisectRunner {
    /** Runs the test once at a commit and says what it found; throws {@link RcaException} to abort. */
    @FunctionalInterface
    public interface Probe {
        Verdict test(String commit);
    }

    /**
     * How to run.
     *
     * @param repeat runs per chosen commit (deterministic: bad if any run is bad, skip if all skip)
     * @param flaky use the Bayesian engine
     * @param confidence the probability at which the flaky engine stops
     * @param model the flaky engine's noise model
     * @param maxRuns the flaky engine's budget, or 0 for its default
     */
    public record Options(int repeat, boolean flaky, double confidence, FlakyBisector.Model model, int maxRuns) {
        public Options {
            if (repeat < 1) {
                throw new IllegalArgumentException("repeat must be at least 1");
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be between 0 and 1");
            }
            if (maxRuns < 0) {
                throw new IllegalArgumentException("max runs must not be negative");
            }
        }
    }

    /**
     * One step as it happens.
     *
     * @param step 1-based step number
     * @param commit the commit tested
     * @param verdict what the test said
     * @param runs test runs in this step
     * @param candidatesLeft candidates left after it (deterministic), or the flaky engine's candidate count
     * @param stepsLeft git's estimate of the steps left (deterministic), or -1
     * @param leader the flaky engine's most probable culprit (null: no culprit), or null
     * @param leaderProbability its probability (with {@code leaderGroup}, theirs together), or NaN when deterministic
     * @param leaderGroup the flaky engine's most probable first bad commit and the candidates only skipped runs could
     *     tell from it, which only the prior orders ({@link #undecidedAmong}), when there are several; else empty
     */
    public record StepReport(int step, String commit, Verdict verdict, int runs, int candidatesLeft, int stepsLeft,
                             String leader, double leaderProbability, List<String> leaderGroup) {
        public StepReport {
            leaderGroup = List.copyOf(leaderGroup);
        }
    }

    /**
     * How the run ended.
     *
     * @param firstBad the first bad commit (when {@code undecided}: the most probable one), or null
     * @param suspects when only skipped commits are left, the commits that may be first bad (in flaky mode: those no run
     *     can tell apart, at {@code confidence} together; when {@code undecided}, the most probable one and those no run
     *     can tell from it, which only the prior orders, and {@code firstBad} is null)
     * @param flake true when "no culprit, the failure is a flake" is the most probable answer
     * @param confident whether the answer reached the confidence asked (true deterministically with a culprit)
     * @param undecided whether a flaky run stopped before any answer reached the confidence asked: then
     *     {@code firstBad}, {@code flake} and {@code end} say which answer is the most probable
     * @param exhausted whether it stopped so because no commit was left that the test could run at (all skipped)
     * @param runsCannotDecide whether it stopped so because no run could reach the confidence: the test skipped every
     *     commit that contains the most probable answer ({@link FlakyBisector#runsCannotDecide})
     * @param confidence the answer's probability (1 deterministically with a culprit, else 0)
     * @param runs test runs recorded in the whole bisection
     * @param skips those of them in which the test skipped
     * @param steps steps recorded in the whole bisection
     * @param end the choice that ended a deterministic run ({@link Midpoint.Found}, {@link Midpoint.OnlySkipped},
     *     {@link Midpoint.BadMergeBase} or {@link Midpoint.NoTestable}); in flaky mode {@link Midpoint.NoTestable}
     *     when no candidate touches the paths or the most probable answer is that the first bad commit does not touch
     *     them (see {@link FlakyBisector#replaying}), {@link Midpoint.OnlySkipped} beside {@code suspects}, else null
     */
    public record Outcome(String firstBad, List<String> suspects, boolean flake, boolean confident, boolean undecided,
                          boolean exhausted, boolean runsCannotDecide, double confidence, int runs, int skips,
                          int steps, Midpoint.Choice end) {
        public Outcome {
            suspects = List.copyOf(suspects);
        }

        /** Whether every run skipped, so that nothing was learnt about the first bad commit. */
        public boolean allSkipped() {
            return skips == runs;
        }
    }

    private final Bisection bisection;
    private final BisectTest test;
    private final Probe probe;
    private final Consumer<StepReport> listener;

    /**
     * Runs {@code probe} on {@code bisection}'s candidates, telling {@code listener} after every step. {@code test}
     * (null: none) is recorded in the state with the first step it decides, so a run that decides nothing (the
     * bisection had ended, or it stops on an error first, such as a test the shell cannot find) leaves the record of
     * the test that decided the steps taken.
     */
    public BisectRunner(Bisection bisection, BisectTest test, Probe probe, Consumer<StepReport> listener) {
        this.bisection = bisection;
        this.test = test;
        this.probe = probe;
        this.listener = listener;
    }

    /** {@code state} with this run's test recorded (not saved); {@code state} itself once recorded or with no test. */
    private BisectState withTheTest(BisectState state) {
        return test == null || test.equals(state.test()) ? state : state.withTest(test);
    }

    /** Runs the bisection in progress to its end. */
    public Outcome run(Options options) {
        return options.flaky() ? runFlaky(options) : runDeterministic(options);
    }

    private Outcome runDeterministic(Options options) {
        BisectState state = bisection.state();
        // where it stands with a walker of its own, as before; the steps' walker reads the commits it parsed
        try (CandidateWalk first = bisection.walker(state);
             CandidateWalk walker = first.anew(state.paths(), state.firstParent())) {
            Bisection.Status status = bisection.evaluate(state, first);
            if (status.state().flaky()) {
                throw RcaException.badInput("this bisection was run in flaky mode; continue it with --flaky")
                    .withHint("or start again with 'rca bisect-helper start'");
            }
            int step = status.state().steps().size();
            return runSteps(status, step, walker, options);
        }
    }

    private Outcome runSteps(Bisection.Status status, int step, CandidateWalk walker, Options options) {
        while (status.choice() instanceof Midpoint.Next next) {
            Verdict combined = null;
            int skips = 0;
            int runs = 0;
            while (runs < options.repeat()) {
                Verdict v = probe.test(next.commit());
                runs++;
                if (v == Verdict.BAD) {
                    combined = Verdict.BAD;
                    break;
                }
                if (v == Verdict.SKIP) {
                    skips++;
                }
            }
            if (combined == null) {
                combined = skips == options.repeat() ? Verdict.SKIP : Verdict.GOOD;
            }
            status = bisection.record(withTheTest(status.state()), BisectStep.ran(next.commit(), combined, runs), walker);
            step++;
            int left = status.choice() instanceof Midpoint.Next n ? n.all() : 0;
            int stepsLeft = status.choice() instanceof Midpoint.Next n ? n.stepsLeft() + 1 : 0;
            listener.accept(new StepReport(step, next.commit(), combined, runs, left, stepsLeft, null, Double.NaN,
                List.of()));
        }
        return outcome(status);
    }

    /**
     * Refuses to take a bisection that ended without {@code --flaky} on in flaky mode, which would mix the runs of its
     * test with the verdicts that ended it and replace the answer (a bisection in progress, marked by hand or run
     * without {@code --flaky}, is taken on: its verdicts so far are the engine's first observations). One that ended at
     * its start, its bounds leaving one candidate, is refused too: its answer is the bounds', not a flaky run's.
     */
    private void refuseAnEndedDeterministicBisection() {
        BisectState state = bisection.state();
        if (state.flaky()) {
            return;
        }
        Bisection.Status status = bisection.status();
        if (status.choice() instanceof Midpoint.Next
            || state.steps().isEmpty() && !(status.choice() instanceof Midpoint.Found)) {
            // no step and no answer: no candidate touches the paths, where flaky mode tests nothing and says so
            return;
        }
        String end = status.choice() instanceof Midpoint.Found f
            ? "first bad commit: " + f.commit().substring(0, 12) + " " + bisection.subject(f.commit())
            : BisectEnd.withoutCulprit(status, new BisectEnd.CommitNames(
                sha -> sha.substring(0, 12) + " " + bisection.subject(sha), sha -> sha.substring(0, 12)));
        if (state.steps().isEmpty()) {
            throw RcaException.badInput("the bisection has already ended without --flaky (" + end + "); it ended at"
                + " its start, its bounds leaving one candidate, and a flaky run would replace the answer they give")
                .withHint("'rca bisect-helper status' shows its end; to weigh it against a flake in flaky mode, start"
                    + " again with 'rca bisect-helper start' and an older good commit");
        }
        throw RcaException.badInput("the bisection has already ended without --flaky (" + end + "); a flaky run would"
            + " mix its runs with the verdicts that ended it")
            .withHint("'rca bisect-helper status' shows its end; to bisect in flaky mode, start again with"
                + " 'rca bisect-helper start'");
    }

    /** The outcome of a bisection that has stopped choosing. */
    public static Outcome outcome(Bisection.Status status) {
        BisectState state = status.state();
        Midpoint.Choice end = status.choice();
        if (status.flakyEnd() != null) {
            return flakyOutcome(state, status.graph(), status.flakyEnd());
        }
        if (end instanceof Midpoint.Found f) {
            return new Outcome(f.commit(), List.of(), false, true, false, false, false, 1.0, state.totalRuns(),
                state.skippedRuns(), state.steps().size(), end);
        }
        List<String> suspects = end instanceof Midpoint.OnlySkipped s ? s.suspects() : List.of();
        return new Outcome(null, suspects, false, false, false, false, false, 0, state.totalRuns(), state.skippedRuns(),
            state.steps().size(), end);
    }

    /** The outcome of a flaky bisection that ended with {@code answer}, the engine's most probable one. */
    private static Outcome flakyOutcome(BisectState state, CandidateGraph graph, FlakyRun.Answer answer) {
        List<String> suspects = answer.suspects();
        boolean outsideThePaths = suspects.isEmpty() && FlakyBisector.outsideThePaths(graph, state, answer.culprit());
        return new Outcome(outsideThePaths || !suspects.isEmpty() ? null : answer.culprit(), suspects,
            answer.culprit() == null, answer.confident(), !answer.confident(), answer.exhausted(),
            answer.runsCannotDecide(), answer.probability(), state.totalRuns(), state.skippedRuns(), state.steps().size(),
            outsideThePaths ? new Midpoint.NoTestable() : suspects.isEmpty() ? null : new Midpoint.OnlySkipped(suspects));
    }

    private Outcome runFlaky(Options options) {
        refuseAnEndedDeterministicBisection();
        BisectState state = bisection.state().withFlaky(true).withAnswer(null, null);
        CandidateGraph graph;
        try (CandidateWalk walker = bisection.walker(state)) {
            // the merge base git would test first is no candidate of the Bayesian search, which assumes one culprit
            for (String good : state.good()) {
                if (!walker.isAncestor(good, state.bad())) {
                    throw RcaException.badInput("--flaky needs good commits that are ancestors of the bad one; " + good
                        + " is not").withHint("give their merge base as the good commit, once a run without --flaky has"
                        + " tested it");
                }
            }
            graph = walker.candidates(state.bad(), state.good());
        }
        if (graph.candidateCount() == 0) {
            // the deterministic run's end, and its answer: the first bad commit does not touch the paths
            return new Outcome(null, List.of(), false, false, false, false, false, 0, state.totalRuns(),
                state.skippedRuns(), state.steps().size(), new Midpoint.NoTestable());
        }
        if (graph.candidateCount() > FlakyBisector.MAX_CANDIDATES) {
            throw RcaException.badInput("--flaky handles at most " + FlakyBisector.MAX_CANDIDATES + " candidates, and this range has "
                + graph.candidateCount())
                .withHint("narrow it first: a deterministic run with --repeat=3, or closer --good/--bad, or paths");
        }
        FlakyBisector engine = FlakyBisector.replaying(graph, state, options.model());
        // flaky: true is saved with the first step decided (or the end judged), as the test is: a run that stops
        // before (a test the shell cannot find, ^C) leaves the bisection as it was
        // --max-runs counts every run of the bisection, skips too, as its end reports them
        int maxRuns = options.maxRuns() > 0 ? options.maxRuns() : FlakyRun.defaultMaxRuns(engine.candidates().size());
        int step = state.steps().size();
        // commits only the prior tells apart are one answer, decided together or not at all (undecidableAmong)
        while (engine.answerProbability() < options.confidence() && state.totalRuns() < maxRuns
            && !engine.runsCannotDecide(options.confidence())) {
            String commit = engine.next();
            if (commit == null) {
                break;
            }
            for (int i = 0; i < options.repeat() && state.totalRuns() < maxRuns; i++) {
                Verdict v = probe.test(commit);
                if (v == Verdict.SKIP) {
                    engine.exclude(commit);
                } else {
                    engine.observe(commit, v == Verdict.BAD);
                }
                state = withTheTest(state).withStep(BisectStep.ran(commit, v, 1));
                bisection.save(state);
                step++;
                List<String> group = undecidedAmong(engine, state);
                listener.accept(new StepReport(step, commit, v, 1, engine.candidates().size(), -1, engine.leader(),
                    group.isEmpty() ? engine.leaderProbability() : engine.probabilityOfAny(group), group));
                if (v == Verdict.SKIP) {
                    break;
                }
            }
        }
        String leader = engine.leader();
        double p = engine.leaderProbability();
        List<String> suspects = engine.undecidableAmong(options.confidence());
        boolean confident = engine.answerProbability() >= options.confidence();
        // the confidence asked is kept with the test, so that status judges the end as this run did
        BisectTest judged = state.test() != null ? state.test() : test;
        if (judged != null) {
            state = state.withTest(judged.judgedAt(options.confidence()));
        }
        if (!confident) {
            // undecided among commits no run can tell apart, the answer is all of them: its leader is the prior's pick
            suspects = undecidedAmong(engine, state);
        }
        state = !confident ? state.withoutDecision(suspects.isEmpty() ? p : engine.probabilityOfAny(suspects))
            : !suspects.isEmpty() ? state.withAnswer(null, engine.probabilityOfAny(suspects))
            : state.withAnswer(FlakyBisector.outsideThePaths(graph, state, leader) ? null : leader, p);
        bisection.save(state);
        boolean exhausted = !confident && engine.exhausted();
        return flakyOutcome(state, graph, new FlakyRun.Answer(leader, state.confidence(), confident, exhausted,
            suspects, !confident && !exhausted && engine.runsCannotDecide(options.confidence())));
    }

    /**
     * Where a flaky bisection stopped undecided: the most probable first bad commit with the commits no run can tell
     * from it, when there are several, else none. None too when every run skipped, since then nothing was learnt, and
     * when the test can run nowhere, since then no run tells any candidate from another.
     */
    static List<String> undecidedAmong(FlakyBisector engine, BisectState state) {
        return state.skippedRuns() == state.totalRuns() || engine.exhausted() ? List.of() : engine.alikeWithLeader();
    }
}
