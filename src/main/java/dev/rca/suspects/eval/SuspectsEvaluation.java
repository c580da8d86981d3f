package dev.rca.suspects.eval;

import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.suspects.MessagePointers;
import dev.rca.suspects.Pointer;
import dev.rca.suspects.Suspect;
import dev.rca.suspects.SuspectFinder;
import dev.rca.suspects.SuspectQuery;
import dev.rca.suspects.SuspectReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Measures {@code rca suspects} against a developer-informed oracle built from a repository's own
 * {@code Fixes: <sha>} trailers, beside a plain R-SZZ computed the same way.
 *
 * <p>Counting: each fix commit is one case, whatever the number of {@code Fixes:} trailers it carries;
 * its oracle is the set of commits they name (resolved, ancestors of the fix). A top answer is right when
 * it is in that set. precision = right / answered; recall = right / cases; top-3 recall = cases where any
 * of the first three answers is in the set / cases. An abstention counts as no answer, in the recall
 * denominator only. rca runs with trailers off, since the trailers are the answer key.
 */
public final class SuspectsEvaluation {
    /** One case of the oracle: a fix and the commits its trailers name. */
    public record Case(String fix, Set<String> offenders) {
    }

    /** The tally of one method. */
    public static final class Tally {
        int cases;
        int answered;
        int right;
        int top3;
        int reachable;

        /** Cases counted. */
        public int cases() {
            return cases;
        }

        /** Cases with an answer. */
        public int answered() {
            return answered;
        }

        /** Cases whose top answer is in the oracle's set. */
        public int right() {
            return right;
        }

        /** Right answers among answered cases. */
        public double precision() {
            return answered == 0 ? 0 : (double) right / answered;
        }

        /** Right answers among all cases. */
        public double recall() {
            return cases == 0 ? 0 : (double) right / cases;
        }

        /** Cases with an offender among the first three answers, among all cases. */
        public double top3Recall() {
            return cases == 0 ? 0 : (double) top3 / cases;
        }

        void add(Set<String> offenders, List<String> answers, boolean answeredCase, List<String> allCandidates) {
            cases++;
            if (answeredCase && !answers.isEmpty()) {
                answered++;
                if (offenders.contains(answers.get(0))) {
                    right++;
                }
            }
            if (answers.stream().limit(3).anyMatch(offenders::contains)) {
                top3++;
            }
            if (allCandidates.stream().anyMatch(offenders::contains)) {
                reachable++;
            }
        }

        String row(String name) {
            double f1 = precision() + recall() == 0 ? 0 : 2 * precision() * recall() / (precision() + recall());
            return String.format(Locale.ROOT, "%-8s %6d %9d %6d %10.3f %7.3f %6.3f %13.3f %10.3f", name, cases,
                answered, right, precision(), recall(), f1, top3Recall(), cases == 0 ? 0 : (double) reachable / cases);
        }
    }

    private SuspectsEvaluation() {
    }

    /**
     * The newest {@code limit} non-merge commits reachable from {@code revision} whose message names at
     * least one resolvable ancestor with {@code Fixes: <sha>}.
     */
    public static List<Case> oracle(GitWorkspace workspace, String revision, int limit) throws IOException {
        List<Case> cases = new ArrayList<>();
        ObjectId start = workspace.resolveCommit(revision);
        try (ObjectReader reader = workspace.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(start));
            for (RevCommit c : walk) {
                if (cases.size() >= limit) {
                    break;
                }
                if (c.getParentCount() != 1) {
                    continue;
                }
                Set<String> offenders = new LinkedHashSet<>();
                for (MessagePointers.Written w : MessagePointers.find(c.getFullMessage())) {
                    if (w.kind() != Pointer.Kind.FIXES) {
                        continue;
                    }
                    Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(w.sha()));
                    if (ids.size() != 1) {
                        continue;
                    }
                    try (RevWalk check = new RevWalk(reader)) {
                        RevCommit offender = check.parseCommit(ids.iterator().next());
                        if (!offender.equals(c) && check.isMergedInto(offender, check.parseCommit(c))) {
                            offenders.add(offender.name());
                        }
                    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException
                             | org.eclipse.jgit.errors.MissingObjectException notACommit) {
                        // not a commit, or absent from a partial mirror: no oracle entry
                    }
                }
                if (!offenders.isEmpty()) {
                    cases.add(new Case(c.name(), offenders));
                }
            }
        }
        return cases;
    }

    /** The tallies of rca and of the R-SZZ baseline over the same cases. */
    public record Result(Tally rca, Tally rszz) {
    }

    /** Runs both methods over the oracle and prints the table (and, with details, one line a case). */
    public static Result evaluate(GitWorkspace workspace, List<Case> cases, boolean details, PrintStream out,
                                PrintStream features) {
        Tally rca = new Tally();
        Tally rszz = new Tally();
        long rcaNanos = 0;
        int unreadableCases = 0;
        long rszzNanos = 0;
        try (SuspectFinder finder = new SuspectFinder(workspace)) {
            SuspectQuery query = new SuspectQuery(1000, false, null);
            if (features != null) {
                features.println("fix,sha,label," + String.join(",", SuspectFinder.featureNames()));
            }
            for (Case c : cases) {
                if (features != null) {
                    finder.logFeatures(line -> features.println(line.substring(0, 82)
                        + (c.offenders().contains(line.substring(41, 81)) ? "1," : "0,") + line.substring(82)));
                }
                // The baseline runs first: whichever runs second finds the pack caches warm.
                long t0 = System.nanoTime();
                List<String> baseline;
                SuspectReport report;
                long t1;
                try {
                    baseline = finder.rszz(c.fix());
                    t1 = System.nanoTime();
                    report = finder.find(c.fix(), query, Progress.NONE);
                    if (!report.warnings().isEmpty()) {
                        throw RcaException.badInput(report.warnings().get(0));
                    }
                } catch (RcaException unreadable) {
                    // A partial mirror may lack objects some fixes need: such a case is left out of both tallies.
                    unreadableCases++;
                    out.println(c.fix().substring(0, 12) + " left out: " + unreadable.getMessage());
                    continue;
                }
                long t2 = System.nanoTime();
                rszzNanos += t1 - t0;
                rcaNanos += t2 - t1;
                List<String> answers = report.suspects().stream().map(Suspect::sha).toList();
                rca.add(c.offenders(), answers, !report.abstained(), answers);
                rszz.add(c.offenders(), baseline, !baseline.isEmpty(), baseline);
                if (details) {
                    out.printf(Locale.ROOT, "%s rca=%s%s rszz=%s%s truth=%s%s%n", c.fix().substring(0, 12),
                        report.abstained() ? "-" : answers.get(0).substring(0, 12),
                        report.abstained() ? "" : mark(c, answers.get(0)),
                        baseline.isEmpty() ? "-" : baseline.get(0).substring(0, 12),
                        baseline.isEmpty() ? "" : mark(c, baseline.get(0)),
                        String.join(",", c.offenders().stream().map(s -> s.substring(0, 12)).toList()),
                        report.abstained() ? " (" + report.abstention() + ")" : String.format(Locale.ROOT,
                            " score=%.3f n=%d", report.suspects().get(0).score(), report.suspects().size()));
                }
            }
        }
        out.println("method    cases  answered  right  precision  recall     F1  top-3 recall  reachable");
        out.println(rca.row("rca"));
        out.println(rszz.row("R-SZZ"));
        if (unreadableCases > 0) {
            out.printf(Locale.ROOT, "left out: %d fixes whose history the repository cannot read in full%n",
                unreadableCases);
        }
        out.printf(Locale.ROOT, "time: rca %.1f s, R-SZZ %.1f s over %d fixes%n", rcaNanos / 1e9, rszzNanos / 1e9,
            cases.size() - unreadableCases);
        return new Result(rca, rszz);
    }

    private static String mark(Case c, String sha) {
        return c.offenders().contains(sha) ? "(ok)" : "(x)";
    }

    private static final String USAGE = "usage: eval-suspects [-C <repo>] [--limit=<n>] [--rev=<rev>] [--details]"
        + " [--features=<csv>]";

    /**
     * {@code SuspectsEvaluation [-C <repo>] [--limit=<n>] [--rev=<rev>] [--details] [--features=<csv>]}: prints the
     * precision, recall and top-3 recall of rca and of R-SZZ on the newest {@code n} (default 150)
     * {@code Fixes:} cases reachable from {@code rev} (default HEAD).
     */
    public static void main(String[] args) throws IOException {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * {@link #main} writing to {@code out} and {@code err}; returns the exit code. A wrong command line is a usage
     * error (2), a repository, revision or features file that cannot be used is bad input (3), each one line on
     * {@code err} with nothing on {@code out}.
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        try {
            Path dir = Path.of(".");
            int limit = 150;
            String rev = "HEAD";
            boolean details = false;
            Path featureFile = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-C")) {
                    if (i + 1 == args.length) {
                        throw RcaException.usage("-C needs the repository's directory").withHint(USAGE);
                    }
                    dir = Path.of(args[++i]);
                } else if (a.startsWith("--limit=")) {
                    limit = limit(a.substring("--limit=".length()));
                } else if (a.startsWith("--rev=")) {
                    rev = a.substring("--rev=".length());
                } else if (a.startsWith("--features=")) {
                    featureFile = Path.of(a.substring("--features=".length()));
                } else if (a.equals("--details")) {
                    details = true;
                } else {
                    throw RcaException.usage("unknown argument '" + a + "'").withHint(USAGE);
                }
            }
            try (GitWorkspace workspace = GitWorkspace.open(dir)) {
                List<Case> cases = oracle(workspace, rev, limit);
                // opened before the first line of output, so that a path it cannot write fails with nothing printed
                try (PrintStream features = featureFile == null ? null : features(featureFile)) {
                    out.printf(Locale.ROOT, "oracle: %d fixes with resolvable Fixes: trailers, newest first from %s%n",
                        cases.size(), rev);
                    evaluate(workspace, cases, details, out, features);
                }
            }
            return 0;
        } catch (RcaException e) {
            err.println(e.render());
            return e.exitCode();
        }
    }

    /** The value of {@code --limit=}: a whole number of cases, at least one. */
    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw RcaException.usage("--limit=" + value + " is not a number of fixes: give a whole number of 1 or more");
    }

    /** The features file, created or emptied. */
    private static PrintStream features(Path file) {
        try {
            return new PrintStream(java.nio.file.Files.newOutputStream(file), false,
                java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw RcaException.badInput("cannot write --features=" + file + " (" + GitWorkspace.describeFailure(e)
                + ")", e);
        }
    }
}
