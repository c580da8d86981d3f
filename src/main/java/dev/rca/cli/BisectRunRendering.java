package dev.rca.cli;

import dev.rca.bisect.BisectEnd;
import dev.rca.bisect.BisectRunner;
import dev.rca.bisect.BisectTest;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.FlakyRun;
import dev.rca.bisect.Midpoint;
import dev.rca.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** How {@code bisect-helper run} reports its outcome, and {@code status} how a flaky bisection ended. */
final class BisectRunRendering {
    private BisectRunRendering() {
    }

    /**
     * Prints the outcome and returns the exit code: 0 with a culprit, 1 without. {@code test} is the test that
     * decided it (null: the verdicts were given by hand), which the culprit's {@code Reproduce with:} line runs.
     */
    static int print(Bisection bisection, BisectRunner.Outcome o, BisectTest test, PrintWriter out,
                     OutputFormat format) {
        boolean answered = o.firstBad() != null && o.confident();
        if (format == OutputFormat.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("first_bad", answered ? o.firstBad() : null);
            m.put("runs", o.runs());
            m.put("steps", o.steps());
            m.put("confidence", o.confidence());
            if (!o.suspects().isEmpty()) {
                m.put("suspects", o.suspects());
            }
            if (o.end() instanceof Midpoint.BadMergeBase b) {
                m.put("bad_merge_base", b.commit());
            }
            m.putAll(endWithoutCulpritJson(o));
            out.println(Json.write(m));
            return answered ? 0 : 1;
        }
        if (answered) {
            printAnswer(bisection, o, out);
            if (test != null) {
                String dir = "/tmp/rca-" + o.firstBad().substring(0, 12);
                out.println("Reproduce with: git worktree add --detach " + dir + " " + o.firstBad() + " && cd " + dir
                    + " && RCA_COMMIT=" + o.firstBad() + " " + test.command());
            }
        } else if (!o.suspects().isEmpty() && !o.undecided()) {
            printSuspects(bisection, o, out);
        } else if (o.end() instanceof Midpoint.BadMergeBase b) {
            BisectSubcommand.printBadMergeBase(bisection, b, out);
        } else if (o.end() instanceof Midpoint.NoTestable && o.confidence() == 0) {
            out.println(BisectEnd.noTestableCommit(bisection.state()));
        } else {
            printFlakyEndWithoutCulprit(bisection, o, test, out);
        }
        return answered ? 0 : 1;
    }

    /** The culprit, and in flaky mode its probability. */
    static void printAnswer(Bisection bisection, BisectRunner.Outcome o, PrintWriter out) {
        BisectSubcommand.printCulprit(bisection.describe(o.firstBad()), out);
        if (o.confidence() < 1) {
            out.println(probabilityLine(o));
        }
    }

    /** The commits only skipped runs could tell apart, and in flaky mode their probability together. */
    private static void printSuspects(Bisection bisection, BisectRunner.Outcome o, PrintWriter out) {
        BisectSubcommand.printOnlySkipped(bisection, o.suspects(), out);
        if (o.confidence() > 0) {
            out.println(probabilityLine(o));
        }
    }

    private static String probabilityLine(BisectRunner.Outcome o) {
        return "Probability: " + BisectEnd.probability(o.confidence()) + " after " + o.runs()
            + (o.runs() == 1 ? " run" : " runs");
    }

    /**
     * A flaky bisection's end without a culprit: the answer that reached the confidence asked (a flake, a first bad
     * commit that does not touch the paths, or one of several commits only skipped runs could tell apart), or,
     * undecided, the most probable one and the run that would decide it (or, where no run can, what would). {@code test}
     * is the recorded test (null: none).
     */
    static void printFlakyEndWithoutCulprit(Bisection bisection, BisectRunner.Outcome o, BisectTest test,
                                            PrintWriter out) {
        if (!o.suspects().isEmpty() && !o.undecided()) {
            printSuspects(bisection, o, out);
            return;
        }
        out.println(BisectEnd.flakyWithoutCulprit(bisection.state(), o, test, BisectSubcommand.commitNames(bisection)));
        if (o.exhausted()) {
            // more runs would test nothing: a rerun replays the skips
            out.println("No commit is left that the test can run at (it exited 125, skip, at each it was asked to test):"
                + " make it run, then start again");
        } else if (o.runsCannotDecide()) {
            out.println(BisectEnd.noRunDecides(bisection.state(), o, test));
        } else if (o.undecided()) {
            out.println("Decide it with more runs: " + decidingRun(o, test));
        }
    }

    /**
     * The run that takes an undecided flaky bisection on with {@code test} (null: not recorded), as it was asked to
     * run, for as many runs again.
     */
    static String decidingRun(BisectRunner.Outcome o, BisectTest test) {
        StringBuilder again = new StringBuilder("rca bisect-helper run --flaky");
        if (test != null && test.repeat() > 1) {
            again.append(" --repeat=").append(test.repeat());
        }
        // at the default, or at the confidence asked; never lower, which may count what is there as decided
        if (test != null && test.confidence() != null && test.confidence() != FlakyRun.DEFAULT_CONFIDENCE) {
            again.append(" --confidence=").append(BisectTest.typed(test.confidence()));
        }
        if (test != null && test.flakeRate() != null) {
            again.append(" --flake-rate=").append(test.flakeRate());
        }
        if (test != null && test.timeoutSeconds() != null) {
            again.append(" --timeout=").append(test.timeoutSeconds());
        }
        // --max-runs counts every run of the bisection
        return again.append(" --max-runs=").append(Math.max(1, 2 * o.runs())).append(" -- ")
            .append(test == null ? "<cmd>" : test.command()).toString();
    }

    /**
     * The JSON keys that say how a bisection ended without a culprit beyond {@code suspects} and
     * {@code bad_merge_base}: {@code outside_paths}, {@code flake}, and for an undecided flaky end {@code undecided}
     * with {@code most_probable} (null where that is a flake, or with {@code outside_paths} a commit outside them; left
     * out where every run skipped, so nothing was learnt, and where it is one of several commits no run can tell apart,
     * which {@code suspects} lists), {@code all_skipped} when the test could run at no commit left, and
     * {@code runs_cannot_decide} when it skipped every commit that contains the most probable answer, so that no run can
     * decide it.
     */
    static Map<String, Object> endWithoutCulpritJson(BisectRunner.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o.end() instanceof Midpoint.NoTestable) {
            // the first bad commit does not touch the paths: in flaky mode, at "confidence", as the text says
            m.put("outside_paths", true);
        }
        if (o.flake() && o.confident()) {
            m.put("flake", true);
        }
        if (o.undecided()) {
            m.put("undecided", true);
            // among commits no run can tell apart, those are the answer, in "suspects"
            if (!o.allSkipped() && o.suspects().isEmpty()) {
                m.put("most_probable", o.firstBad());
            }
        }
        if (o.exhausted()) {
            m.put("all_skipped", true);
        }
        if (o.runsCannotDecide()) {
            m.put("runs_cannot_decide", true);
        }
        return m;
    }
}
