package dev.rca.bisect;

import static dev.rca.bisect.BisectCommandTest.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a flaky bisection's end is judged, told and taken on: states written before rca kept {@code undecided} and the
 * confidence asked, the run that would decide an undecided end, a first bad commit among skipped ones, and the runs
 * counted, on the 16-commit line ({@link SixteenCommitLine}: {@code bug} appears in change 11).
 */
class FlakyBisectionEndTest {
    @TempDir
    Path tmp;

    private Path dir;
    private List<RevCommit> line;

    /** The line, bisected from change 15 (bad) to change 0 (good). */
    @BeforeEach
    void startOnTheLine() {
        dir = tmp.resolve("repo");
        line = SixteenCommitLine.create(dir);
        assertEquals(0, rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0)).exitCode());
    }

    private String sha(int change) {
        return line.get(change).name();
    }

    private CliResult rca(String... args) {
        return Cli.run(dir, args);
    }

    private Path state() {
        return dir.resolve(".git/rca/bisect.yaml");
    }

    /** Rewrites the state as rca wrote it before it kept {@code undecided} and the confidence asked. */
    private void asWrittenBefore() throws Exception {
        String kept = Files.readString(state());
        String old = kept.replace("\n  undecided: true\n", "\n").replaceFirst("\n    confidence: [0-9.]+\n", "\n");
        assertFalse(old.contains("undecided") || old.contains("    confidence:"), old);
        Files.writeString(state(), old);
    }

    /** An undecided end saved by an older rca reads as undecided, not as a decided flake (it was one before). */
    @Test
    void anUndecidedEndWrittenBeforeUndecidedWasKeptIsStillUndecided() throws Exception {
        CliResult run = rca("bisect-helper", "run", "--flaky", "--max-runs=3", "--", "test ! -f bug");
        assertEquals(1, run.exitCode(), run.toString());
        asWrittenBefore();
        // the confidence that was asked is not known: the default one is assumed, and the deciding run goes on at it
        String undecided = "undecided after 3 runs: the most probable first bad commit is " + sha(10) + " change 10"
            + " (probability 0.3222), short of the confidence asked\n"
            + "Decide it with more runs: rca bisect-helper run --flaky --max-runs=6 -- sh -c 'test ! -f bug'\n";
        CliResult status = rca("bisect-helper", "status");
        assertEquals(1, status.exitCode(), status.toString());
        assertEquals(undecided, tail(status.out(), 2));
        String json = rca("bisect-helper", "status", "--format=json").out();
        assertTrue(json.endsWith(",\"first_bad\":null,\"suspects\":[],\"undecided\":true,\"most_probable\":\"" + sha(10)
            + "\",\"confidence\":0.32225063938618925}\n"), json);
    }

    /** Before, an undecided flake and a decided one were written alike; the default confidence tells them apart. */
    @Test
    void aFlakeWrittenBeforeIsDecidedOnlyAtTheDefaultConfidence() throws Exception {
        rca("bisect-helper", "run", "--flaky", "--max-runs=8", "--flake-rate=0.3", "--", "false");
        asWrittenBefore();
        assertEquals("undecided after 8 runs: the most probable answer is no culprit, a flake (probability 0.5059), short"
            + " of the confidence asked\nDecide it with more runs: rca bisect-helper run --flaky --flake-rate=0.3"
            + " --max-runs=16 -- sh -c false\n", tail(rca("bisect-helper", "status").out(), 2));

        CliResult flake = rca("bisect-helper", "run", "--flaky", "--flake-rate=0.3", "--", "false");
        assertEquals("no culprit: the failure is a flake (probability 0.9963 after 13 runs)\n", flake.out());
        asWrittenBefore();
        assertEquals(flake.out(), tail(rca("bisect-helper", "status").out(), 1));
    }

    /** The ledger's record of such an end: rca status offers the deciding run, not "propose causes". */
    @Test
    void theLedgersStatusOfAnOlderUndecidedEndOffersTheDecidingRun() throws Exception {
        Path ledger = BisectCommandTest.ledgerThatReproduces(dir);
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--flaky", "--max-runs=3", "--", "test ! -f bug").exitCode());
        String kept = Files.readString(ledger);
        Files.writeString(ledger, kept.replace("\n  undecided: true\n", "\n")
            .replaceFirst("\n    confidence: 0.99\n", "\n"));
        assertEquals("Bisect: undecided after 3 runs: the most probable first bad commit is " + sha(10) + " change 10"
            + " (probability 0.3222), short of the confidence asked\nNext: decide the bisection: rca bisect-helper run"
            + " --flaky --max-runs=6 -- sh -c 'test ! -f bug'\n", tail(rca("status").out(), 2));
    }

    /**
     * The deciding run repeats the confidence and the timeout asked, kept with the test: it takes the bisection on at
     * that confidence, where a run at the default one would take what is there as decided.
     */
    @Test
    void theDecidingRunGoesOnAtTheConfidenceAndTimeoutAsked() throws Exception {
        CliResult run = rca("bisect-helper", "run", "--flaky", "--confidence=0.99999", "--timeout=60", "--max-runs=16",
            "--", "test ! -f bug");
        assertEquals(1, run.exitCode(), run.toString());
        String undecided = "undecided after 16 runs: the most probable first bad commit is " + sha(11) + " change 11"
            + " (probability 0.9998), short of the 0.99999 asked\n"
            + "Decide it with more runs: rca bisect-helper run --flaky --confidence=0.99999 --timeout=60 --max-runs=32"
            + " -- sh -c 'test ! -f bug'\n";
        assertEquals(undecided, run.out());
        assertTrue(Files.readString(state()).endsWith("\n  run:\n    command: sh -c 'test ! -f bug'\n"
            + "    confidence: 0.99999\n    timeout: 60\n"), Files.readString(state()));
        assertEquals(undecided, tail(rca("bisect-helper", "status").out(), 2));

        CliResult decided = rca("bisect-helper", "run", "-v", "--flaky", "--confidence=0.99999", "--timeout=60",
            "--max-runs=32", "--", "sh", "-c", "test ! -f bug");
        assertEquals(0, decided.exitCode(), decided.toString());
        assertTrue(decided.err().contains("rca: run 17: "), decided.err());
        assertTrue(decided.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), decided.out());
        // 0.99999 and more is no certainty: rounded down, it never reads as 1.0000 or 100.0%
        assertTrue(decided.out().contains("\nProbability: 0.9999 after 20 runs\n"), decided.out());
        String eleven = sha(11).substring(0, 12);
        assertTrue(decided.err().contains("\nrca: run 20: " + eleven + " bad; most probable: " + eleven + " at 99.9%\n"),
            decided.err());
        assertFalse(decided.err().contains("100.0%"), decided.err());
        assertTrue(rca("bisect-helper", "status", "--format=json").out().contains(",\"confidence\":0.99999"));
    }

    /** At a lower confidence than the one asked, what is there may decide it: then nothing is tested, and so it says. */
    @Test
    void aRunAtALowerConfidenceDecidesWithoutARunAndSaysWhy() {
        rca("bisect-helper", "run", "--flaky", "--confidence=0.99999", "--max-runs=16", "--", "test ! -f bug");
        CliResult lower = rca("bisect-helper", "run", "--flaky", "--", "test ! -f bug");
        assertEquals(0, lower.exitCode(), lower.toString());
        assertEquals("rca: note: nothing was tested: the runs already made reach the confidence asked\n", lower.err());
        CliResult spent = rca("bisect-helper", "run", "--flaky", "--confidence=0.99999", "--max-runs=16", "--",
            "test ! -f bug");
        assertEquals(1, spent.exitCode(), spent.toString());
        assertEquals("rca: note: nothing was tested: the bisection's 16 runs already reach --max-runs\n", spent.err());
    }

    /** The script that skips changes 10 and 11, passes before them and fails after. */
    private String skippingTenAndEleven() {
        return "case $RCA_COMMIT in " + sha(10) + "|" + sha(11) + ") exit 125;; esac; test ! -f bug";
    }

    /**
     * Where the test skips the commits that matter, no run can tell them apart: the run ends as a deterministic one
     * does, listing them, once they hold the confidence asked together, rather than spend its runs and ask for more.
     */
    @Test
    void aFirstBadCommitAmongSkippedOnesEndsAsOnlySkippedCommitsLeft() throws Exception {
        CliResult run = rca("bisect-helper", "run", "--flaky", "--", skippingTenAndEleven());
        assertEquals(1, run.exitCode(), run.toString());
        String end = "only skipped commits are left; the first bad commit could be any of:\n" + sha(10) + " change 10\n"
            + sha(11) + " change 11\n" + sha(12) + " change 12\nProbability: 0.9917 after 10 runs\n";
        assertEquals(end, run.out());
        assertEquals(end, tail(rca("bisect-helper", "status").out(), 5));
        String suspects = "\"suspects\":[\"" + sha(10) + "\",\"" + sha(11) + "\",\"" + sha(12) + "\"]";
        CliResult json = rca("bisect-helper", "run", "--flaky", "--format=json", "--", skippingTenAndEleven());
        assertEquals("{\"first_bad\":null,\"runs\":10,\"steps\":10,\"confidence\":0.991788385855505," + suspects + "}\n",
            json.out());
        assertTrue(rca("bisect-helper", "status", "--format=json").out().contains(",\"first_bad\":null," + suspects
            + ",\"confidence\":0.991788385855505}"));

        // the deterministic run's suspects are the same commits
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult git = rca("bisect-helper", "run", "--format=json", "--", skippingTenAndEleven());
        assertTrue(git.out().contains("\"suspects\":[\"" + sha(11) + "\",\"" + sha(10) + "\",\"" + sha(12) + "\"]"),
            git.out());
    }

    /** rca status states that end in one line, with its probability, and offers no run to decide it. */
    @Test
    void theLedgersStatusOfAFirstBadCommitAmongSkippedOnes() throws Exception {
        BisectCommandTest.ledgerThatReproduces(dir);
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--flaky", "--", skippingTenAndEleven()).exitCode());
        assertEquals("Bisect: only skipped commits are left; the first bad commit could be any of: "
            + sha(10).substring(0, 12) + " " + sha(11).substring(0, 12) + " " + sha(12).substring(0, 12)
            + " (probability 0.9917 after 10 runs)\nNext: propose causes: rca hypothesis \"<cause>\""
            + " --likelihood=<0..1> --explains=S1\n", tail(rca("status").out(), 2));
    }

    /**
     * Where --max-runs runs out while the first bad commit is most probably among commits only skipped runs could tell
     * apart, the undecided end names them all, at their probability together: which of them it is, only the prior says.
     * The deciding run goes on to the end a run not stopped short reaches.
     */
    @Test
    void anUndecidedEndAmongCommitsNoRunCanTellApartNamesThemAll() throws Exception {
        CliResult run = rca("bisect-helper", "run", "--flaky", "--max-runs=9", "--", skippingTenAndEleven());
        assertEquals(1, run.exitCode(), run.toString());
        String undecided = "undecided after 9 runs: the first bad commit is most probably one of "
            + sha(10).substring(0, 12) + " " + sha(11).substring(0, 12) + " " + sha(12).substring(0, 12) + ", commits"
            + " only skipped runs could tell apart (probability 0.9843 together), short of the 0.99 asked\n"
            + "Decide it with more runs: rca bisect-helper run --flaky --max-runs=18 -- sh -c '" + skippingTenAndEleven()
            + "'\n";
        assertEquals(undecided, run.out());
        assertEquals(undecided, tail(rca("bisect-helper", "status").out(), 2));
        String suspects = "\"suspects\":[\"" + sha(10) + "\",\"" + sha(11) + "\",\"" + sha(12) + "\"]";
        String json = rca("bisect-helper", "status", "--format=json").out();
        assertTrue(json.endsWith(",\"first_bad\":null," + suspects + ",\"undecided\":true,\"confidence\":0.98432"
            + "57505685643}\n"), json);

        CliResult decided = rca("bisect-helper", "run", "--flaky", "--max-runs=18", "--", skippingTenAndEleven());
        assertEquals(1, decided.exitCode(), decided.toString());
        assertTrue(decided.out().startsWith("only skipped commits are left; the first bad commit could be any of:\n"
            + sha(10) + " change 10\n" + sha(11) + " change 11\n" + sha(12) + " change 12\nProbability: 0.99"),
            decided.out());
    }

    /**
     * Commits only the prior tells apart are one answer, whatever the confidence asked: at 0.5 or less, too, the run
     * ends as "only skipped commits are left" once they hold it together, never naming one of them as the culprit (at
     * 0.4 it did, the prior's pick) nor spending its runs on what no run can split (at 0.5 it ran 200 times, undecided).
     * status and rca status read that end as the run told it.
     */
    @Test
    void aGroupPastALowConfidenceEndsAsOnlySkippedCommitsLeft() throws Exception {
        String skippingEleven = "case $RCA_COMMIT in " + sha(11) + ") exit 125;; esac; test ! -f bug";
        String two = "only skipped commits are left; the first bad commit could be any of:\n" + sha(11) + " change 11\n"
            + sha(12) + " change 12\n";
        for (String confidence : new String[] {"0.5", "0.4"}) {
            rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
            CliResult run = rca("bisect-helper", "run", "--flaky", "--confidence=" + confidence, "--", skippingEleven);
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(two + "Probability: 0.6417 after 4 runs\n", run.out(), confidence);
            assertEquals(run.out(), tail(rca("bisect-helper", "status").out(), 4));
        }
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult three = rca("bisect-helper", "run", "--flaky", "--confidence=0.4", "--", skippingTenAndEleven());
        assertEquals("only skipped commits are left; the first bad commit could be any of:\n" + sha(10) + " change 10\n"
            + sha(11) + " change 11\n" + sha(12) + " change 12\nProbability: 0.4595 after 4 runs\n", three.out());

        BisectCommandTest.ledgerThatReproduces(dir);
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--flaky", "--confidence=0.4", "--", skippingEleven).exitCode());
        assertEquals("Bisect: only skipped commits are left; the first bad commit could be any of: "
            + sha(11).substring(0, 12) + " " + sha(12).substring(0, 12) + " (probability 0.6417 after 4 runs)\n",
            tail(rca("status").out(), 2).lines().findFirst().orElse("") + "\n");
    }

    /** A state written before such a group was decided together keeps its undecided end, worded as it was. */
    @Test
    void anUndecidedGroupPastALowConfidenceWrittenBeforeSaysNoOneOfThemReachedIt() throws Exception {
        CliResult run = rca("bisect-helper", "run", "--flaky", "--confidence=0.4", "--",
            "case $RCA_COMMIT in " + sha(11) + ") exit 125;; esac; test ! -f bug");
        assertEquals(1, run.exitCode(), run.toString());
        Files.writeString(state(), Files.readString(state()).replace("\n  confidence: ", "\n  undecided: true\n  confidence: "));
        assertEquals("undecided after 4 runs: the first bad commit is most probably one of " + sha(11).substring(0, 12)
            + " " + sha(12).substring(0, 12) + ", commits only skipped runs could tell"
            + " apart (probability 0.6417 together), though no one of them alone reached the 0.4 asked\n",
            tail(rca("bisect-helper", "status").out(), 2).lines().findFirst().orElse("") + "\n");
    }

    /** The script that skips where the file {@code bug} is, changes 11 to 15, and passes elsewhere. */
    private static final String SKIPPING_FROM_ELEVEN = "test -f bug && exit 125; exit 0";

    /**
     * Where the test skips the most probable commits and every commit after them, a run where it runs tells them from a
     * flake only up to a bound (here 0.9899, short of 0.99): the run stops once the candidates besides them are out of
     * the way, after 10 runs where it ran 200, and says what would decide it instead of asking for more runs. Its
     * progress lines name the commits only the prior tells apart together, as its end does.
     */
    @Test
    void aRunStopsWhenNoRunCanDecideAndSaysWhatWould() throws Exception {
        CliResult run = rca("bisect-helper", "run", "-v", "--flaky", "--", SKIPPING_FROM_ELEVEN);
        assertEquals(1, run.exitCode(), run.toString());
        String group = sha(11).substring(0, 12) + " " + sha(12).substring(0, 12) + " " + sha(13).substring(0, 12) + " "
            + sha(14).substring(0, 12) + " " + sha(15).substring(0, 12);
        String end = "undecided after 10 runs: the first bad commit is most probably one of " + group + ", commits only"
            + " skipped runs could tell apart (probability 0.9720 together), short of the 0.99 asked\n"
            + "No run can decide it: the test skipped (exit 125) those commits and every commit after them, and no run"
            + " where it runs tells them from a flake past the 0.99 asked: make the test run where it skipped, or test"
            + " those commits by hand, then start again\n";
        assertEquals(end, run.out());
        String ten = sha(10).substring(0, 12);
        assertEquals(List.of(
            "rca: run 1: " + sha(7).substring(0, 12) + " good; most probable: " + sha(8).substring(0, 12) + " at 10.7%",
            "rca: run 2: " + sha(11).substring(0, 12) + " skip; most probable: one of " + sha(11).substring(0, 12) + " "
                + sha(12).substring(0, 12) + " at 21.4% together",
            "rca: run 3: " + ten + " good; most probable: one of " + sha(11).substring(0, 12) + " "
                + sha(12).substring(0, 12) + " at 33.5% together",
            "rca: run 4: " + sha(12).substring(0, 12) + " skip; most probable: one of " + sha(11).substring(0, 12) + " "
                + sha(12).substring(0, 12) + " " + sha(13).substring(0, 12) + " at 50.3% together",
            "rca: run 5: " + sha(13).substring(0, 12) + " skip; most probable: one of " + sha(11).substring(0, 12) + " "
                + sha(12).substring(0, 12) + " " + sha(13).substring(0, 12) + " " + sha(14).substring(0, 12)
                + " at 67.1% together",
            "rca: run 6: " + sha(14).substring(0, 12) + " skip; most probable: one of " + group + " at 83.9% together",
            "rca: run 7: " + ten + " good; most probable: one of " + group + " at 92.9% together",
            "rca: run 8: " + ten + " good; most probable: one of " + group + " at 95.9% together",
            "rca: run 9: " + sha(15).substring(0, 12) + " skip; most probable: one of " + group + " at 95.9% together",
            "rca: run 10: " + ten + " good; most probable: one of " + group + " at 97.2% together"),
            run.err().lines().filter(line -> line.startsWith("rca: run ")).toList());
        assertEquals(end, tail(rca("bisect-helper", "status").out(), 2));
        String json = rca("bisect-helper", "status", "--format=json").out();
        assertTrue(json.contains(",\"undecided\":true,\"runs_cannot_decide\":true,\"confidence\":0.97205"), json);

        // more runs allowed change nothing: none is made
        CliResult again = rca("bisect-helper", "run", "--flaky", "--max-runs=400", "--", SKIPPING_FROM_ELEVEN);
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals("rca: note: nothing was tested: no run can decide the bisection\n", again.err());
        assertEquals(end, again.out());
    }

    /** rca status offers what would decide it, not a run that cannot. */
    @Test
    void theLedgersStatusOfARunNoRunCanDecide() throws Exception {
        BisectCommandTest.ledgerThatReproduces(dir);
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        CliResult run = rca("bisect-helper", "run", "-v", "--flaky", "--", SKIPPING_FROM_ELEVEN);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Bisect: " + run.out().lines().findFirst().orElseThrow() + "\nNext: decide the bisection: make the"
            + " test run where it skipped, or test those commits by hand, then start again\n", tail(rca("status").out(), 2));
    }

    /**
     * A bisection that ended without --flaky is not taken on in flaky mode: that would mix another test's runs with the
     * verdicts that ended it, record that test and begin the output log anew. It refuses in one line naming the end,
     * and leaves the ledger and the log as they were.
     */
    @Test
    void aFlakyRunRefusesABisectionThatEndedWithoutFlaky() throws Exception {
        Path ledger = BisectCommandTest.ledgerThatReproduces(dir);
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--", skippingTenAndEleven()).exitCode());
        String recorded = Files.readString(ledger);
        Path log = dir.resolve(".git/rca/bisect-run.log");
        String output = Files.readString(log);
        String hint = "hint: 'rca bisect-helper status' shows its end; to bisect in flaky mode, start again with"
            + " 'rca bisect-helper start'\n";

        CliResult refused = rca("bisect-helper", "run", "--flaky", "--", "false");
        assertEquals(3, refused.exitCode(), refused.toString());
        assertEquals("", refused.out());
        assertEquals("rca: error: the bisection has already ended without --flaky (only skipped commits are left; the"
            + " first bad commit could be any of: " + sha(11).substring(0, 12) + " " + sha(10).substring(0, 12) + " "
            + sha(12).substring(0, 12) + "); a flaky run would mix its runs with the verdicts that ended it\n" + hint,
            refused.err());
        assertEquals(recorded, Files.readString(ledger));
        assertEquals(output, Files.readString(log));

        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        assertEquals(0, rca("bisect-helper", "run", "--", "test ! -f bug").exitCode());
        CliResult answered = rca("bisect-helper", "run", "--flaky", "--", "test ! -f bug");
        assertEquals(3, answered.exitCode(), answered.toString());
        assertEquals("rca: error: the bisection has already ended without --flaky (first bad commit: "
            + sha(11).substring(0, 12) + " change 11); a flaky run would mix its runs with the verdicts that ended it\n"
            + hint, answered.err());
    }

    /**
     * A bisection that ended at its start, its bounds leaving one candidate, is refused too: a flaky run took it on,
     * tested that commit and its parent, and replaced the answer the bounds give with its own.
     */
    @Test
    void aFlakyRunRefusesABisectionThatEndedAtItsStart() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(11), "--good=" + sha(10));
        String recorded = Files.readString(state());
        CliResult refused = rca("bisect-helper", "run", "--flaky", "--", "test ! -f bug");
        assertEquals(3, refused.exitCode(), refused.toString());
        assertEquals("", refused.out());
        assertEquals("rca: error: the bisection has already ended without --flaky (first bad commit: "
            + sha(11).substring(0, 12) + " change 11); it ended at its start, its bounds leaving one candidate, and a flaky"
            + " run would replace the answer they give\nhint: 'rca bisect-helper status' shows its end; to weigh it"
            + " against a flake in flaky mode, start again with 'rca bisect-helper start' and an older good commit\n",
            refused.err());
        assertEquals(recorded, Files.readString(state()));
        assertFalse(Files.exists(dir.resolve(".git/rca/bisect-run.log")));
    }

    /** --max-runs counts the skips as the end does; the run it names goes on among the skipped commits to their end. */
    @Test
    void maxRunsCountsSkipsAsTheEndCountsThem() {
        CliResult run = rca("bisect-helper", "run", "-v", "--flaky", "--max-runs=4", "--", skippingTenAndEleven());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(4, run.err().lines().filter(line -> line.startsWith("rca: run ")).count(), run.err());
        assertEquals(2, run.err().lines().filter(line -> line.contains(" skip; ")).count(), run.err());
        // the three commits only the prior tells apart are more probable together than change 8 alone (0.1531)
        assertEquals("undecided after 4 runs: the first bad commit is most probably one of " + sha(10).substring(0, 12)
            + " " + sha(11).substring(0, 12) + " " + sha(12).substring(0, 12) + ", commits only skipped runs could tell"
            + " apart (probability 0.4595 together), short of the 0.99 asked\nDecide it with more runs: rca bisect-helper"
            + " run --flaky --max-runs=8 -- sh -c '" + skippingTenAndEleven() + "'\n", run.out());
    }
}
