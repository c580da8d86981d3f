package dev.rca.cli;

import dev.rca.bisect.ActiveBisection;
import dev.rca.bisect.BisectEnd;
import dev.rca.bisect.BisectLock;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.BisectRunner;
import dev.rca.bisect.BisectState;
import dev.rca.bisect.CommitSummary;
import dev.rca.bisect.Midpoint;
import dev.rca.git.GitWorkspace;
import dev.rca.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the bisect-helper commands share: opening the bisection and printing where it stands. */
abstract class BisectSubcommand extends LedgerCommand {
    /**
     * The bisection in progress in {@code workspace}, wherever its start put it; with {@code -t}, only if it is in
     * that ledger (see {@link ActiveBisection#select}).
     */
    Bisection bisection(GitWorkspace workspace) {
        return new Bisection(workspace, ActiveBisection.select(workspace, ticket, notes(), clock()));
    }

    /**
     * The bisection's lock for {@code bisect-helper <command>}, held until closed, by every command that changes the
     * bisection or its scratch checkout (see {@link BisectLock}).
     */
    BisectLock lock(GitWorkspace workspace, String command) {
        return BisectLock.acquire(workspace, command, notes());
    }

    /** The total tests git expects for {@code all} candidates (its "after this" estimate plus this one). */
    static int estimatedTests(int all) {
        return all <= 1 ? 0 : Midpoint.estimateSteps(all) + 1;
    }

    /** Prints the next step, the answer, or the skipped suspects; returns the exit code. */
    static int printChoice(Bisection bisection, Bisection.Status status, PrintWriter out, OutputFormat format) {
        Midpoint.Choice choice = status.choice();
        if (format == OutputFormat.JSON) {
            out.println(Json.write(choiceJson(bisection, status)));
            return exitCode(choice);
        }
        if (choice instanceof Midpoint.Next next) {
            out.println("candidates: " + next.all());
            out.println("steps: roughly " + estimatedTests(next.all()));
            if (next.mergeBase()) {
                out.println("a merge base must be tested: a good commit is not an ancestor of the bad one");
            }
            out.println("next: " + next.commit() + " " + bisection.subject(next.commit()));
        } else if (status.flakyEnd() != null) {
            BisectRunner.Outcome end = BisectRunner.outcome(status);
            if (choice instanceof Midpoint.Found) {
                BisectRunRendering.printAnswer(bisection, end, out);
            } else {
                BisectRunRendering.printFlakyEndWithoutCulprit(bisection, end, status.state().test(), out);
            }
        } else if (choice instanceof Midpoint.Found found) {
            printCulprit(bisection.describe(found.commit()), out);
        } else if (choice instanceof Midpoint.OnlySkipped skipped) {
            printOnlySkipped(bisection, skipped.suspects(), out);
        } else if (choice instanceof Midpoint.BadMergeBase b) {
            printBadMergeBase(bisection, b, out);
        } else if (status.state().flaky()) {
            out.println("flaky bisection in progress; continue it with 'rca bisect-helper run --flaky -- <cmd>'");
        } else {
            out.println(BisectEnd.noTestableCommit(status.state()));
        }
        return exitCode(choice);
    }

    /** "only skipped commits are left", then the commits that may be first bad, one a line with its subject. */
    static void printOnlySkipped(Bisection bisection, List<String> suspects, PrintWriter out) {
        out.println("only skipped commits are left; the first bad commit could be any of:");
        for (String sha : suspects) {
            out.println(sha + " " + bisection.subject(sha));
        }
    }

    /** git's "The merge base … is bad": the good commits beside the bad one have the fix, not a culprit's parent. */
    static void printBadMergeBase(Bisection bisection, Midpoint.BadMergeBase base, PrintWriter out) {
        out.println(BisectEnd.badMergeBase(base, commitNames(bisection)));
    }

    /** How {@code bisect-helper} names commits in a bisection's end: full SHAs, with subjects where it names one. */
    static BisectEnd.CommitNames commitNames(Bisection bisection) {
        return new BisectEnd.CommitNames(sha -> sha + " " + bisection.subject(sha), sha -> sha);
    }

    static int exitCode(Midpoint.Choice choice) {
        return choice instanceof Midpoint.Next || choice instanceof Midpoint.Found ? 0 : 1;
    }

    static Map<String, Object> choiceJson(Bisection bisection, Bisection.Status status) {
        Map<String, Object> m = new LinkedHashMap<>();
        Midpoint.Choice choice = status.choice();
        m.put("next", choice instanceof Midpoint.Next n ? n.commit() : null);
        m.put("candidates", choice instanceof Midpoint.Next n ? n.all() : 0);
        m.put("steps_left", choice instanceof Midpoint.Next n ? estimatedTests(n.all()) : 0);
        m.put("first_bad", status.state().firstBad());
        m.put("suspects", choice instanceof Midpoint.OnlySkipped s ? s.suspects() : List.of());
        if (choice instanceof Midpoint.BadMergeBase b) {
            m.put("bad_merge_base", b.commit());
        }
        if (choice instanceof Midpoint.Next n && n.mergeBase()) {
            m.put("merge_base", true);
        }
        return m;
    }

    /** The culprit block: subject line, author, date and files. */
    static void printCulprit(CommitSummary c, PrintWriter out) {
        out.println("first bad commit: " + c.sha() + " " + c.subject());
        out.println("Author: " + c.author());
        out.println("Date:   " + c.date());
        out.println("Files:");
        for (String f : c.files()) {
            out.println("    " + f);
        }
    }
}
