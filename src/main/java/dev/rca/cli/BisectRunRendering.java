package dev.rca.cli;

import dev.rca.bisect.BisectRunner;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.Midpoint;
import dev.rca.git.CommandRunner;
import dev.rca.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code bisect-helper run} reports its outcome. */
final class BisectRunRendering {
    private BisectRunRendering() {
    }

    /** Prints the outcome and returns the exit code: 0 with a culprit, 1 without. */
    static int print(Bisection bisection, BisectRunner.Outcome o, String testLine, PrintWriter out,
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
            if (o.end() instanceof Midpoint.NoTestable) {
                // the first bad commit does not touch the paths: in flaky mode, at "confidence", as the text says
                m.put("outside_paths", true);
            }
            if (o.flake() && o.confident()) {
                m.put("flake", true);
            }
            if (!o.confident() && o.firstBad() != null) {
                m.put("most_probable", o.firstBad());
            }
            out.println(Json.write(m));
            return answered ? 0 : 1;
        }
        String p = String.format(Locale.ROOT, "%.4f", o.confidence());
        if (answered) {
            BisectSubcommand.printCulprit(bisection.describe(o.firstBad()), out);
            if (o.confidence() < 1) {
                out.println("Probability: " + p + " after " + o.runs() + " runs");
            }
            if (testLine != null) {
                String dir = "/tmp/rca-" + o.firstBad().substring(0, 12);
                out.println("Reproduce with: git worktree add --detach " + dir + " " + o.firstBad() + " && cd " + dir
                    + " && RCA_COMMIT=" + o.firstBad() + " " + testLine);
            }
        } else if (!o.suspects().isEmpty()) {
            out.println("only skipped commits are left; the first bad commit could be any of:");
            for (String sha : o.suspects()) {
                out.println(sha + " " + bisection.subject(sha));
            }
        } else if (o.end() instanceof Midpoint.BadMergeBase b) {
            BisectSubcommand.printBadMergeBase(bisection, b, out);
        } else if (o.end() instanceof Midpoint.NoTestable && o.confidence() == 0) {
            out.println(BisectSubcommand.noTestableCommit(bisection.state()));
        } else if (o.end() instanceof Midpoint.NoTestable && o.confident()) {
            // flaky mode: the bad commit, which does not touch the paths, outweighed every candidate and a flake
            out.println(BisectSubcommand.noTestableCommit(bisection.state()) + " (probability " + p + " after " + o.runs()
                + " runs)");
        } else if (o.end() instanceof Midpoint.NoTestable) {
            out.println("no answer at the confidence asked after " + o.runs() + " runs; most probable: the first bad commit"
                + " does not touch the paths (" + p + ")");
        } else if (o.flake() && o.confident()) {
            out.println("no culprit: the failure is a flake (probability " + p + " after " + o.runs() + " runs)");
        } else if (o.flake()) {
            out.println("no answer at the confidence asked after " + o.runs() + " runs; most probable: no culprit ("
                + p + ")");
        } else {
            out.println("no answer at the confidence asked after " + o.runs() + " runs; most probable first bad commit: "
                + o.firstBad() + " " + bisection.subject(o.firstBad()) + " (" + p + ")");
        }
        return answered ? 0 : 1;
    }
}
