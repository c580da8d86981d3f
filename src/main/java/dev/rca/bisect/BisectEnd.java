package dev.rca.bisect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How a bisection ended without a culprit, in one line: the words {@code bisect-helper run} and {@code status} end
 * with, {@code rca status} shows, and a post-mortem records. Worked out from {@link Bisection.Status}, so a bisection
 * read back from its recorded steps is told as the run that ended it told it.
 */
public final class BisectEnd {
    /**
     * How the line names commits.
     *
     * @param withSubject a commit with its subject ({@code <sha> <subject>})
     * @param sha a commit alone
     */
    public record CommitNames(UnaryOperator<String> withSubject, UnaryOperator<String> sha) {
    }

    private BisectEnd() {
    }

    /**
     * How the bisection at {@code status} ended without a culprit; null while it goes on, and once it has a culprit.
     * Where only skipped commits are left, they are named by their 12-character SHAs.
     */
    public static String withoutCulprit(Bisection.Status status, CommitNames names) {
        Midpoint.Choice choice = status.choice();
        if (status.flakyEnd() != null) {
            return choice instanceof Midpoint.Found ? null
                : flakyWithoutCulprit(status.state(), BisectRunner.outcome(status), status.state().test(), names);
        }
        if (choice instanceof Midpoint.OnlySkipped skipped) {
            return onlySkipped(skipped.suspects());
        }
        if (choice instanceof Midpoint.BadMergeBase base) {
            return badMergeBase(base, names);
        }
        return choice instanceof Midpoint.NoTestable ? noTestableCommit(status.state()) : null;
    }

    /**
     * A flaky bisection's end without a culprit, {@code o}: the answer that reached the confidence asked (a flake, a
     * first bad commit that does not touch the paths, or one of several commits only skipped runs could tell apart),
     * or, undecided, the most probable one (with those only skipped runs could tell from it, which the prior alone
     * orders). {@code test} is the recorded test (null: none), which says the confidence asked.
     */
    public static String flakyWithoutCulprit(BisectState state, BisectRunner.Outcome o, BisectTest test,
                                             CommitNames names) {
        String p = probability(o.confidence());
        String runs = " after " + o.runs() + (o.runs() == 1 ? " run" : " runs");
        if (!o.suspects().isEmpty() && !o.undecided()) {
            return onlySkipped(o.suspects()) + " (probability " + p + runs + ")";
        }
        if (!o.undecided()) {
            // the bad commit, which does not touch the paths, outweighed every candidate and a flake; or a flake did
            return (o.end() instanceof Midpoint.NoTestable ? noTestableCommit(state)
                : "no culprit: the failure is a flake") + " (probability " + p + runs + ")";
        }
        if (o.allSkipped()) {
            // the most probable answer would be the prior's
            return "undecided" + runs + ", all skipped: nothing was learnt about the first bad commit";
        }
        String leader = !o.suspects().isEmpty()
            ? "the first bad commit is most probably one of " + shortShas(o.suspects())
                + ", commits only skipped runs could tell apart"
            : o.firstBad() != null
            ? "the most probable first bad commit is " + names.withSubject().apply(o.firstBad())
            : o.end() instanceof Midpoint.NoTestable
            ? "the most probable answer is that the first bad commit does not touch the paths"
            : "the most probable answer is no culprit, a flake";
        String asked = asked(test);
        if (!o.suspects().isEmpty() && test != null && test.confidence() != null
            && o.confidence() >= test.confidence()) {
            // written before such a group was decided together: past a low confidence asked (0.5 or less), while no
            // one of them alone reached it
            return "undecided" + runs + ": " + leader + " (probability " + p + " together), though no one of them"
                + " alone reached " + asked + " asked";
        }
        return "undecided" + runs + ": " + leader + " (probability " + p + (o.suspects().isEmpty() ? "" : " together")
            + "), short of " + asked + " asked";
    }

    private static String asked(BisectTest test) {
        return test == null || test.confidence() == null ? "the confidence"
            : "the " + BisectTest.typed(test.confidence());
    }

    /**
     * Why no run can decide the undecided flaky bisection {@code o} ({@link BisectRunner.Outcome#runsCannotDecide}),
     * and what would: the test skipped its most probable answer and every commit after it. {@code test} is the
     * recorded test (null: none), which says the confidence asked.
     */
    public static String noRunDecides(BisectState state, BisectRunner.Outcome o, BisectTest test) {
        boolean one = skippedAnswer(state, o).size() == 1;
        String them = one ? "it" : "them";
        return "No run can decide it: the test skipped (exit 125) " + (one ? "that commit" : "those commits")
            + " and every commit after " + them + ", and no run where it runs tells " + them + " from a flake past "
            + asked(test) + " asked: " + testBeyondRuns(state, o);
    }

    /** What would decide the undecided flaky bisection {@code o} that no run can: its answer tested where it skipped. */
    public static String testBeyondRuns(BisectState state, BisectRunner.Outcome o) {
        return "make the test run where it skipped, or test " + (skippedAnswer(state, o).size() == 1 ? "that commit"
            : "those commits") + " by hand, then start again";
    }

    /** The most probable answer of {@code o}, whose commits the test skipped: the bad commit, where it is outside the paths. */
    private static List<String> skippedAnswer(BisectState state, BisectRunner.Outcome o) {
        return !o.suspects().isEmpty() ? o.suspects() : List.of(o.firstBad() != null ? o.firstBad() : state.bad());
    }

    /** "only skipped commits are left" and the commits that may be first bad, in one line with short SHAs. */
    public static String onlySkipped(List<String> suspects) {
        return "only skipped commits are left; the first bad commit could be any of: " + shortShas(suspects);
    }

    /** {@code commits} by their 12-character SHAs, separated by spaces. */
    public static String shortShas(List<String> commits) {
        return String.join(" ", commits.stream().map(sha -> sha.substring(0, 12)).toList());
    }

    /**
     * A probability as the bisect-helper commands state it: four decimals, rounded down, so that it never reads as
     * more than it is: {@code 1.0000} only for certainty, and never the confidence an undecided run fell short of.
     */
    public static String probability(double p) {
        return floored(p, 4).toPlainString();
    }

    /** A probability as the progress lines state it: a percentage with one decimal, rounded down as {@link #probability}. */
    public static String percent(double p) {
        return floored(p, 3).movePointRight(2).toPlainString() + "%";
    }

    /** {@code p} rounded down to {@code decimals}, from its shortest decimal form (0.9916 stays 0.9916). */
    private static BigDecimal floored(double p, int decimals) {
        return BigDecimal.valueOf(p).setScale(decimals, RoundingMode.FLOOR);
    }

    /** git's "The merge base … is bad": the good commits beside the bad one have the fix, not a culprit's parent. */
    public static String badMergeBase(Midpoint.BadMergeBase base, CommitNames names) {
        return "the merge base " + names.withSubject().apply(base.commit())
            + " is bad: the bug was fixed between it and " + String.join(" ", base.goods().stream().map(names.sha()).toList());
    }

    /**
     * Why nothing is left to test. In a path-limited bisection: no candidate touches the paths, or after verdicts no
     * commit between the good ones and the current bad one does, so the first bad commit is one that does not.
     * Without paths only a contradiction leaves nothing, the bad commit in force being in a good one's history,
     * which rca refuses to record (a state written before it did may hold one).
     */
    public static String noTestableCommit(BisectState state) {
        if (state.paths().isEmpty()) {
            return "no testable commit" + (state.steps().isEmpty() ? "" : " left") + ": the bad commit "
                + state.currentBad().substring(0, 12) + " is in the history of a good commit; were good and bad"
                + " swapped?";
        }
        return state.steps().isEmpty() ? "no testable commit: no candidate touches the paths"
            : "no testable commit left: no candidate left touches the paths, so the first bad commit does not touch"
                + " them";
    }
}
