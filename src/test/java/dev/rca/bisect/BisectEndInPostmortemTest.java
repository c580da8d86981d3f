package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ledger.BisectStep;
import dev.rca.ledger.Ledger;
import dev.rca.testing.Cli;
import dev.rca.testing.NativeGit;
import dev.rca.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post-mortem's "Bisection:" line states how a bisection the ledger records ended without a first bad commit, in
 * the words {@code bisect-helper status} ends with, quoted; and the document it is in passes {@code rca lint}.
 */
class BisectEndInPostmortemTest {
    @TempDir
    Path tmp;

    private Path dir;
    private Path ledger;
    private final List<RevCommit> commits = new ArrayList<>();

    /** The sixteen-commit line, and PAY-7's ledger with the four inputs a post-mortem needs. */
    @BeforeEach
    void investigation() throws Exception {
        dir = tmp.resolve("repo");
        commits.addAll(SixteenCommitLine.create(dir));
        ledger = openWithTheFourInputs(dir, sha(15));
    }

    /**
     * Opens PAY-7's ledger in {@code dir} with the four inputs a post-mortem needs ({@code fix} the fix commit) and
     * returns its path.
     */
    static Path openWithTheFourInputs(Path dir, String fix) throws java.io.IOException {
        assertEquals(0, Cli.run(dir, "open", "PAY-7", "--title=Bug file appears").exitCode());
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        Files.writeString(ledger, Files.readString(ledger)
            .replaceFirst("\n  command: +#", "\n  command: test ! -f bug #")
            .replaceFirst("\n  rate: +#", "\n  rate: deterministic #")
            .replaceFirst("\n  text: +# the mechanism", "\n  text: A commit adds the file `bug`. # the mechanism")
            .replaceFirst("\n  commits: \\[] +#", "\n  commits: [" + fix + "] #")
            .replaceFirst("\n  checks: \\[] +#", "\n  checks: [{what: test ! -f bug passes at the fix}] #"));
        return ledger;
    }

    /** The "Bisection:" line of PAY-7's post-mortem in {@code dir}, after checking that the document passes rca lint. */
    static String bisectionLine(Path dir) throws java.io.IOException {
        CliResult written = Cli.run(dir, "postmortem", "-t", "PAY-7");
        assertEquals(0, written.exitCode(), written.toString());
        CliResult lint = Cli.run(dir, "lint", "docs/postmortems/PAY-7.md");
        assertEquals(0, lint.exitCode(), lint.toString());
        return Files.readAllLines(dir.resolve("docs/postmortems/PAY-7.md")).stream()
            .filter(l -> l.startsWith("Bisection:")).findFirst().orElse(null);
    }

    private String sha(int i) {
        return commits.get(i).name();
    }

    private String shortSha(int i) {
        return sha(i).substring(0, 12);
    }

    private CliResult rca(String... args) {
        return Cli.run(dir, args);
    }

    private String bisectionLine() throws java.io.IOException {
        return bisectionLine(dir);
    }

    private String between(int good, int bad) {
        return " between good " + shortSha(good) + " and bad " + shortSha(bad);
    }

    /** The status line a bisection ended with, as {@code bisect-helper status} prints it last. */
    private String statusEnd() {
        List<String> lines = rca("bisect-helper", "status").out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    /**
     * A flake at 0.99999 and more is no certainty: run, status, rca status and the post-mortem state its probability
     * rounded down, the one way bisect-helper states one, where it read 1.0000; the JSON keeps the value.
     */
    @Test
    void aProbabilityJustUnderOneIsNeverStatedAsOne() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        CliResult run = rca("bisect-helper", "run", "--flaky", "--flake-rate=0.3", "--confidence=0.99999", "--",
            "false");
        String flake = "no culprit: the failure is a flake (probability 0.9999 after 19 runs)";
        assertEquals(flake + "\n", run.out());
        assertEquals(flake, statusEnd());
        assertTrue(rca("bisect-helper", "status", "--format=json").out().endsWith(",\"flake\":true,"
            + "\"confidence\":0.9999961563340835}\n"));
        assertTrue(rca("status").out().contains("\nBisect: " + flake + "\n"));
        assertEquals("Bisection: 19 steps over 15 candidates" + between(0, 15) + ", testing `sh -c false` (as a flaky"
            + " test, flake rate `0.3`); it ended with \"" + flake + "\".", bisectionLine());
    }

    /**
     * A bound is named beside its SHA only by a name that keeps naming it, a tag: {@code HEAD~4} in a post-mortem
     * committed with the fix names another commit, so one a ledger kept from before rca dropped such names is left out
     * of the document (reviewer-95).
     */
    @Test
    void theBisectionLineNamesABoundOnlyByANameThatLasts() throws Exception {
        NativeGit.run(dir, "tag", "v0", sha(0));
        NativeGit.run(dir, "branch", "topic", sha(15));
        rca("bisect-helper", "start", "--bad=topic", "--good=v0", "-t", "PAY-7");
        assertEquals(0, rca("bisect-helper", "run", "--", "test ! -f bug").exitCode());
        String text = Files.readString(ledger);
        String kept = "\n  refs:\n    \"" + sha(0) + "\": v0\n";
        assertTrue(text.contains(kept), text);
        Files.writeString(ledger, text.replace(kept, kept + "    \"" + sha(15) + "\": HEAD~0\n"));
        assertEquals("Bisection: 4 steps over 15 candidates between good " + shortSha(0) + " (`v0`) and bad "
            + shortSha(15) + ", testing `sh -c 'test ! -f bug'`; first bad commit: " + shortSha(11) + " change 11.",
            bisectionLine());
    }

    @Test
    void aFlakeAndAnUndecidedEndAreStatedInStatusWordsNotAsACulprit() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--flaky", "--max-runs=3", "--", "test ! -f bug").exitCode());
        String flaky = ", testing `sh -c 'test ! -f bug'` (as a flaky test)";
        assertEquals("Bisection: 3 steps over 15 candidates" + between(0, 15) + flaky + "; it ended with \"undecided"
            + " after 3 runs: the most probable first bad commit is " + shortSha(10) + " change 10 (probability 0.3222),"
            + " short of the 0.99 asked\".", bisectionLine());

        rca("bisect-helper", "start", "--force", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--flaky", "--max-runs=8", "--flake-rate=0.3", "--", "false")
            .exitCode());
        String falseTest = ", testing `sh -c false` (as a flaky test, flake rate `0.3`)";
        assertEquals("Bisection: 8 steps over 15 candidates" + between(0, 15) + falseTest + "; it ended with"
            + " \"undecided after 8 runs: the most probable answer is no culprit, a flake (probability 0.5059), short of"
            + " the 0.99 asked\".", bisectionLine());

        assertEquals(1, rca("bisect-helper", "run", "--flaky", "--flake-rate=0.3", "--", "false").exitCode());
        String flake = "no culprit: the failure is a flake (probability 0.9963 after 13 runs)";
        assertEquals(flake, statusEnd());
        assertEquals("Bisection: 13 steps over 15 candidates" + between(0, 15) + falseTest + "; it ended with \"" + flake
            + "\".", bisectionLine());
        // a record, not the bisection in progress: reset, the ledger's steps still tell how it ended
        rca("bisect-helper", "reset");
        assertEquals("Bisection: 13 steps over 15 candidates" + between(0, 15) + falseTest + "; it ended with \"" + flake
            + "\".", bisectionLine());
    }

    @Test
    void aFirstBadCommitOutsideThePathsIsStatedAsBisectHelperStatesIt() throws Exception {
        // commit 11 touches src/f2 and bug, not src/f0: every candidate touching src/f0 passes
        rca("bisect-helper", "start", "--bad=" + sha(11), "--good=" + sha(0), "-t", "PAY-7", "--", "src/f0");
        assertEquals(1, rca("bisect-helper", "run", "--", "test ! -f bug").exitCode());
        String end = "no testable commit left: no candidate left touches the paths, so the first bad commit does not"
            + " touch them";
        assertEquals(end, statusEnd());
        assertEquals("Bisection: 3 steps over 3 candidates" + between(0, 11) + ", testing `sh -c 'test ! -f bug'`;"
            + " it ended with \"" + end + "\".", bisectionLine());

        rca("bisect-helper", "start", "--force", "--bad=" + sha(11), "--good=" + sha(0), "-t", "PAY-7", "--", "src/f0");
        assertEquals(1, rca("bisect-helper", "run", "--flaky", "--", "test ! -f bug").exitCode());
        String flakyEnd = statusEnd();
        assertEquals(end + " (probability 0.9921 after 7 runs)", flakyEnd);
        assertEquals("Bisection: 7 steps over 3 candidates" + between(0, 11) + ", testing `sh -c 'test ! -f bug'` (as a"
            + " flaky test); it ended with \"" + flakyEnd + "\".", bisectionLine());
    }

    @Test
    void noTestableCommitAndOnlySkippedCommitsAreStated() throws Exception {
        // neither commit 10 (src/f1) nor 11 (src/f2) touches src/f0: there is nothing to test, not a step taken
        CliResult start = rca("bisect-helper", "start", "--bad=" + sha(11), "--good=" + sha(9), "-t", "PAY-7", "--",
            "src/f0");
        assertEquals("no testable commit: no candidate touches the paths\n", start.out());
        assertEquals("Bisection: 0 steps over 0 candidates" + between(9, 11) + "; it ended with \"no testable commit: no"
            + " candidate touches the paths\".", bisectionLine());

        rca("bisect-helper", "start", "--bad=" + sha(12), "--good=" + sha(9), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--", "exit 125").exitCode());
        assertEquals("Bisection: 2 steps over 3 candidates" + between(9, 12) + ", testing `sh -c 'exit 125'`; it ended"
            + " with \"only skipped commits are left; the first bad commit could be any of: " + shortSha(11) + " "
            + shortSha(10) + " " + shortSha(12) + "\".", bisectionLine());
    }

    @Test
    void aBisectionWithoutAnEndIsInProgressOrWasStoppedBeforeAnAnswer() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        rca("bisect-helper", "good");
        assertEquals("Bisection: 1 step, marked by hand, over 15 candidates" + between(0, 15) + "; in progress, with no"
            + " first bad commit yet.", bisectionLine());
        rca("bisect-helper", "reset");
        assertEquals("Bisection: 1 step, marked by hand, over 15 candidates" + between(0, 15) + "; ended without an answer (reset, or"
            + " replaced by another bisection).", bisectionLine());
    }

    /**
     * Verdicts marked by hand after a run decided a step are said to be by hand, per step, in status, log, the ledger
     * and the post-mortem (session 34's review: once a run had decided a step they all counted as its runs); a section
     * written before the steps said who decided them reads as it did.
     */
    @Test
    void verdictsMarkedByHandAfterARunAreSaidToBeByHand() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        // decides one step (7 good), then stops at the next; .. is .git/rca, outside the scratch checkout
        String test = "if [ -f ../once ]; then exit 200; fi; touch ../once; test ! -f bug";
        assertEquals(3, rca("bisect-helper", "run", "--", test).exitCode());
        for (String verdict : List.of("bad", "good", "good")) {
            assertEquals(0, rca("bisect-helper", verdict).exitCode(), verdict);
        }
        CliResult status = rca("bisect-helper", "status");
        assertEquals("steps taken: 4 (1 run, 3 by hand)", status.out().lines().toList().get(2), status.out());
        assertEquals(List.of("good " + sha(7) + " change 7", "bad " + sha(11) + " change 11 (by hand)",
            "good " + sha(9) + " change 9 (by hand)", "good " + sha(10) + " change 10 (by hand)"),
            rca("bisect-helper", "log").out().lines().toList().subList(1, 5));
        assertTrue(rca("bisect-helper", "log", "--format=json").out().startsWith("[{\"commit\":\"" + sha(7)
            + "\",\"verdict\":\"good\",\"runs\":1,\"by\":\"run\"},{\"commit\":\"" + sha(11)
            + "\",\"verdict\":\"bad\",\"runs\":1,\"by\":\"hand\"},"));
        String text = Files.readString(ledger);
        assertTrue(text.contains("      verdict: good\n      runs: 1\n      by: run\n      at: ")
            && text.contains("      verdict: bad\n      runs: 1\n      by: hand\n      at: "), text);
        String found = "; first bad commit: " + shortSha(11) + " change 11.";
        assertEquals("Bisection: 4 steps (3 marked by hand) over 15 candidates" + between(0, 15) + ", testing `sh -c '"
            + test.replace("'", "'\\''") + "'`" + found, bisectionLine());

        // written before the steps said: with a test recorded, every step was taken for a run's, as before
        Files.writeString(ledger, text.replaceAll("\n      by: (run|hand)", ""));
        assertEquals("steps taken: 4 (4 runs)", rca("bisect-helper", "status").out().lines().toList().get(2));
        assertEquals("good " + sha(9) + " change 9", rca("bisect-helper", "log").out().lines().toList().get(3));
        assertEquals("Bisection: 4 steps over 15 candidates" + between(0, 15) + ", testing `sh -c '"
            + test.replace("'", "'\\''") + "'`" + found, bisectionLine());
    }

    @Test
    void aFoundCulpritIsStatedAsBefore() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(0, rca("bisect-helper", "run", "--", "test ! -f bug").exitCode());
        assertEquals("Bisection: 4 steps over 15 candidates" + between(0, 15) + ", testing `sh -c 'test ! -f bug'`;"
            + " first bad commit: " + shortSha(11) + " change 11.", bisectionLine());
    }

    /** Each step is stamped by the invocation's clock, as every other item rca records, to the second in UTC. */
    @Test
    void bisectStepsAreStampedByTheInvocationsClock() throws Exception {
        ZonedDateTime start = ZonedDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2));
        Cli.runAt(start, dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        Cli.runAt(start.plusMinutes(5).plusNanos(700_000_000), dir, "bisect-helper", "good");
        Cli.runAt(start.plusMinutes(9), dir, "bisect-helper", "bad");
        List<String> at = Ledger.load(ledger).bisect().steps().stream().map(BisectStep::at).toList();
        assertEquals(List.of("2026-03-01T08:05:00Z", "2026-03-01T08:09:00Z"), at);
        assertEquals(0, Cli.runAt(start.plusHours(1), dir, "bisect-helper", "run", "--", "test ! -f bug").exitCode());
        assertEquals(List.of("2026-03-01T08:05:00Z", "2026-03-01T08:09:00Z", "2026-03-01T09:00:00Z",
            "2026-03-01T09:00:00Z"), Ledger.load(ledger).bisect().steps().stream().map(BisectStep::at).toList());
    }
}
