package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ledger.BisectRecord;
import dev.rca.ledger.Evidence;
import dev.rca.ledger.Ledger;
import dev.rca.testing.Cli;
import dev.rca.testing.NativeGit;
import dev.rca.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bisection started with -t lives in the ledger's bisect: section and records its culprit as evidence. */
class LedgerBisectTest {
    @TempDir
    Path tmp;

    private Path dir;
    private final List<RevCommit> commits = new ArrayList<>();

    @BeforeEach
    void history() {
        dir = tmp.resolve("repo");
        commits.addAll(SixteenCommitLine.create(dir));
        assertEquals(0, Cli.run(dir, "open", "PAY-7", "--title=Bug file appears").exitCode());
    }

    private String sha(int i) {
        return commits.get(i).name();
    }

    @Test
    void bisectingInAPublishedLedgerSaysOnceThatItsPostmortemMustBeRegenerated() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        Files.writeString(ledger, Files.readString(ledger).replace("status: open ", "status: published "));
        String note = "rca: note: PAY-7's post-mortem was already published and no longer matches its ledger; "
            + "regenerate it with 'rca postmortem -t PAY-7'\n";
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(0, start.exitCode(), start.toString());
        assertEquals(note, start.err());
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "sh", "-c", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of(note.strip()), run.err().lines().filter(l -> l.startsWith("rca: note: PAY-7")).toList(),
            "said once for the four steps recorded");
        assertEquals(4, Ledger.load(ledger).bisect().steps().size());
    }

    /**
     * Comments a person wrote in the bisect: section survive the mark that ends the bisection (next: goes) and the
     * start of another one (first_bad: and refs: go), except one on a step the new start drops, which is refused by
     * name; the end and the start were refused once rca kept comments inside mappings key by key but replaced a
     * mapping that lost a key whole (reviewer-74).
     */
    @Test
    void commentsInTheBisectSectionSurviveItsEndAndANewStart() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7")
            .exitCode());
        for (String verdict : List.of("good", "bad", "good")) {
            assertEquals(0, Cli.run(dir, "bisect-helper", verdict).exitCode(), verdict);
        }
        String text = Files.readString(ledger);
        String good = "  good: [" + sha(0) + "]";
        assertTrue(text.contains(good + "\n"), text);
        Files.writeString(ledger, text.replace(good + "\n", good + "   # the release build, known good\n")
            .replace("      verdict: bad\n", "      verdict: bad   # saw the NPE in the log\n"));
        CliResult end = Cli.run(dir, "bisect-helper", "good");
        assertEquals(0, end.exitCode(), end.toString());
        assertTrue(end.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), end.out());
        assertTrue(Files.readString(ledger).contains("   # the release build, known good\n"), Files.readString(ledger));
        assertTrue(Files.readString(ledger).contains("      verdict: bad   # saw the NPE in the log\n"));
        assertEquals(sha(11), Ledger.load(ledger).bisect().firstBad());

        // a new bisection asked to replace it drops the old one's steps: a comment on one of them is the person's to
        // move, not rca's to drop
        String[] restart = {"bisect-helper", "start", "--force", "--bad=" + sha(15), "--good=" + sha(0), "-t",
            "PAY-7"};
        assertEquals(new CliResult(3, "", "rca: error: cannot replace bisect.steps in docs/postmortems/PAY-7.yaml "
            + "without dropping a comment written inside it; nothing was written\nhint: make this change by hand, or "
            + "move the comment out of bisect.steps\n"), Cli.run(dir, restart));
        Files.writeString(ledger, Files.readString(ledger).replace("   # saw the NPE in the log", ""));
        CliResult again = Cli.run(dir, restart);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(Files.readString(ledger).contains(good + "   # the release build, known good\n"),
            Files.readString(ledger));
        assertEquals(null, Ledger.load(ledger).bisect().firstBad());
        assertEquals(0, Cli.run(dir, "check", "-t", "PAY-7").exitCode());
    }

    /**
     * A bisect: section written in flow style, as DESIGN.md's example writes it, is written anew in block style by the
     * first step, not grown on its one line with every step (reviewer-74).
     */
    @Test
    void aFlowStyleBisectSectionIsWrittenAnewNotGrownOnOneLine() throws Exception {
        Path ledger = startOnFlowStyleBisect(", paths: [], steps: []}\n");
        for (String verdict : List.of("good", "bad")) {
            assertEquals(0, Cli.run(dir, "bisect-helper", verdict).exitCode(), verdict);
        }
        String text = Files.readString(ledger);
        assertTrue(text.contains("\nbisect:\n  good: [" + sha(0) + "]\n"), text);
        assertTrue(text.substring(text.indexOf("\nbisect:")).lines().allMatch(line -> line.length() < 80), text);
        assertEquals(2, Ledger.load(ledger).bisect().steps().size());
    }

    /**
     * A flow-style bisect: section written over several lines with a comment inside is edited in place, and its end
     * (next: goes) removes the key on its own: it was refused at the last mark, and the bisection could not end
     * (reviewer-75).
     */
    @Test
    void aFlowStyleBisectSectionWithACommentInsideEnds() throws Exception {
        Path ledger = startOnFlowStyleBisect(",   # from CI\n  paths: [], steps: []}\n");
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "sh", "-c", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), run.out());
        assertTrue(Files.readString(ledger).contains("   # from CI\n"), Files.readString(ledger));
        assertEquals(sha(11), Ledger.load(ledger).bisect().firstBad());
        assertEquals(0, Cli.run(dir, "check", "-t", "PAY-7").exitCode());
    }

    @Test
    void runKeepsEveryVerdictInTheLedgerAndRecordsTheCulprit() throws Exception {
        String before = Files.readString(dir.resolve("docs/postmortems/PAY-7.yaml"));
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        assertEquals(0, start.exitCode(), start.toString());
        assertFalse(Files.exists(dir.resolve(".git/rca/bisect.yaml")), "state is in the ledger, not in .git/rca");

        // later commands find the ledger bisection without -t
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "sh", "-c", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), run.out());

        Ledger ledger = Ledger.load(dir.resolve("docs/postmortems/PAY-7.yaml"));
        BisectRecord bisect = ledger.bisect();
        assertEquals(List.of(sha(0)), bisect.good());
        assertEquals(sha(15), bisect.bad());
        assertEquals(sha(11), bisect.firstBad());
        assertEquals(List.of(sha(7), sha(11), sha(9), sha(10)), bisect.steps().stream().map(s -> s.commit()).toList());
        assertEquals(List.of("good", "bad", "good", "good"), bisect.steps().stream().map(s -> s.verdict()).toList());
        assertTrue(bisect.steps().stream().allMatch(s -> s.at() != null && s.at().endsWith("Z")), bisect.toString());

        Evidence culprit = ledger.evidence().get(ledger.evidence().size() - 1);
        assertEquals("commit", culprit.kind());
        assertEquals(sha(11), culprit.commit());
        assertEquals("change 11", culprit.subject());
        assertEquals("first bad commit found by rca bisect-helper after 4 steps", culprit.note());

        String after = Files.readString(dir.resolve("docs/postmortems/PAY-7.yaml"));
        assertTrue(after.startsWith(before.substring(0, before.indexOf("symptoms:"))), "the hand-written head survives");
        assertEquals(0, Cli.run(dir, "check").exitCode(), Cli.run(dir, "check").toString());

        CliResult status = Cli.run(dir, "status");
        assertTrue(status.out().contains("Bisect: "), status.out());
        CliResult reset = Cli.run(dir, "bisect-helper", "reset");
        assertEquals("bisection reset\n", reset.out());
        assertFalse(Files.exists(dir.resolve(".git/rca/bisect.ticket")));
        assertEquals(sha(11), Ledger.load(dir.resolve("docs/postmortems/PAY-7.yaml")).bisect().firstBad(),
            "the ledger keeps the finished bisection as a record");
        CliResult none = Cli.run(dir, "bisect-helper", "status");
        assertEquals(3, none.exitCode(), none.toString());
    }

    /** The test that told the first bad commit from its parent is the repro at hand; status offers it. */
    @Test
    void afterARunFoundTheCulpritStatusOffersItsTestAsTheRepro() {
        assertEquals(0, Cli.run(dir, "symptom", "bug file appears", "-t", "PAY-7").exitCode());
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7")
            .exitCode());
        assertEquals(0, Cli.run(dir, "bisect-helper", "run", "--", "test ! -f bug").exitCode());
        String status = Cli.run(dir, "status", "-t", "PAY-7").out();
        String next = status.substring(status.indexOf("Next: "));
        assertEquals("Next: make the bug reproducible and write repro.command and repro.rate in the ledger"
            + " (repro.command is empty); the bisection's test told first bad " + sha(11).substring(0, 12)
            + " apart from its parent: it may serve as repro.command: sh -c 'test ! -f bug'\n", next);
    }

    @Test
    void theLedgerRecordsTheTestAndTheBoundsAsTheyWereGiven() throws Exception {
        NativeGit.run(dir, "tag", "v0", sha(0));
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=v0",
            "--good=" + sha(2).substring(0, 10), "--first-parent", "-t", "PAY-7");
        assertEquals(0, start.exitCode(), start.toString());
        // a ledger gives the keys beyond its own as text: the flag still reads back as set
        assertTrue(Cli.run(dir, "bisect-helper", "status", "--format=json").out().contains("\"first_parent\":true"));
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--repeat=2", "--", "test ! -f bug; exit $?");
        assertEquals(0, run.exitCode(), run.toString());
        String ledger = Files.readString(dir.resolve("docs/postmortems/PAY-7.yaml"));
        // DESIGN's place for the section: after evidence:, before root_cause:
        assertTrue(ledger.indexOf("\nevidence:") < ledger.indexOf("\nbisect:")
            && ledger.indexOf("\nbisect:") < ledger.indexOf("\nroot_cause:"), ledger);
        String section = ledger.substring(ledger.indexOf("\nbisect:"), ledger.indexOf("\n\nroot_cause:") + 1);
        // HEAD is not kept: it names another commit once the branch moves on (a post-mortem committed with the fix)
        assertTrue(section.endsWith("\n  first_bad: " + sha(11) + "\n  refs:\n    \"" + sha(0)
            + "\": v0\n  run:\n    command: \"sh -c 'test ! -f bug; exit $?'\"\n    repeat: 2\n"), section);
        assertTrue(run.out().endsWith("RCA_COMMIT=" + sha(11) + " sh -c 'test ! -f bug; exit $?'\n"), run.out());
        assertEquals(0, Cli.run(dir, "check", "-t", "PAY-7").exitCode(), Cli.run(dir, "check", "-t", "PAY-7").toString());
        BisectRecord bisect = Ledger.load(dir.resolve("docs/postmortems/PAY-7.yaml")).bisect();
        assertEquals(new BisectTest("sh -c 'test ! -f bug; exit $?'", 2, null),
            BisectTest.fromMap((java.util.Map<?, ?>) bisect.extra().get("run")));
        assertEquals(sha(11), bisect.firstBad());

        // run again once answered: nothing is tested, so neither the recorded test nor the kept output changes
        Path log = dir.resolve(".git/rca/bisect-run.log");
        String output = Files.readString(log);
        CliResult again = Cli.run(dir, "bisect-helper", "run", "--", "false");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().startsWith("first bad commit: " + sha(11)), again.out());
        assertEquals(ledger, Files.readString(dir.resolve("docs/postmortems/PAY-7.yaml")));
        assertEquals(output, Files.readString(log));
    }

    /**
     * A run that stops before deciding a step writes nothing: its test, which decided none, is not recorded as the
     * bisection's, neither at the start nor over the test that decided the steps taken (reviewer-100).
     */
    @Test
    void aRunThatDecidesNoStepLeavesTheLedgerAsItWas() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7")
            .exitCode());
        String started = Files.readString(ledger);
        CliResult missing = Cli.run(dir, "bisect-helper", "run", "--", "no-such-test-command");
        assertEquals(3, missing.exitCode(), missing.toString());
        assertEquals(started, Files.readString(ledger));

        CliResult stopped = Cli.run(dir, "bisect-helper", "run", "--", "if [ -f bug ]; then exit 200; fi");
        assertEquals(3, stopped.exitCode(), stopped.toString());
        String oneStep = Files.readString(ledger);
        assertTrue(oneStep.contains("\n  run:\n    command: \"sh -c 'if [ -f bug ]; then exit 200; fi'\"\n"), oneStep);
        assertEquals(1, Ledger.load(ledger).bisect().steps().size());
        assertEquals(3, Cli.run(dir, "bisect-helper", "run", "--", "no-such-test-command").exitCode());
        assertEquals(oneStep, Files.readString(ledger));
    }

    /**
     * A flaky run that stops before deciding a step (the test missing at the first commit and the good one, or
     * interrupted at the first commit) leaves the bisection as it was: not flaky, in the ledger and in status
     * (session 34's review: flaky: true was saved before the first test).
     */
    @Test
    void aFlakyRunThatDecidesNoStepLeavesTheBisectionAsItWas() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7")
            .exitCode());
        assertEquals(0, Cli.run(dir, "bisect-helper", "good").exitCode());
        String oneStep = Files.readString(ledger);
        String status = Cli.run(dir, "bisect-helper", "status").out();
        for (String test : List.of("no-such-test-command", "exit 130")) {
            CliResult stopped = Cli.run(dir, "bisect-helper", "run", "--flaky", "--", test);
            assertEquals(3, stopped.exitCode(), stopped.toString());
            assertEquals(oneStep, Files.readString(ledger), test);
            assertEquals(status, Cli.run(dir, "bisect-helper", "status").out(), test);
        }
        // so a run without --flaky goes on with it, as before
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
    }

    /**
     * start --force, which drops a bisection's steps, says in the commit evidence rca added for its first bad commit
     * that the bisection was replaced, its steps gone; the item stays for the hypothesis that cites it, rca check passes,
     * and the new bisection's answer is evidence of its own (session 34's review: the note still said "found after 4
     * steps" of steps no longer there).
     */
    @Test
    void startForceMarksTheReplacedBisectionsEvidence() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7")
            .exitCode());
        assertEquals(0, Cli.run(dir, "bisect-helper", "run", "--", "test ! -f bug").exitCode());
        assertEquals("first bad commit found by rca bisect-helper after 4 steps", Ledger.load(ledger).evidence().get(0)
            .note());
        assertEquals(0, Cli.run(dir, "hypothesis", "A commit adds the file bug").exitCode());
        assertEquals(0, Cli.run(dir, "confirm", "H1", "--evidence=E1").exitCode());

        CliResult force = Cli.runAt(java.time.ZonedDateTime.parse("2026-12-06T17:50:00Z"), dir, "bisect-helper", "start",
            "--force", "--bad=" + sha(13), "--good=" + sha(8), "-t", "PAY-7");
        assertEquals(0, force.exitCode(), force.toString());
        Ledger replaced = Ledger.load(ledger);
        assertEquals(1, replaced.evidence().size());
        assertEquals("first bad commit found by rca bisect-helper after 4 steps; that bisection was replaced by another"
            + " (bisect-helper start, 2026-12-06T17:50:00Z), and its steps are no longer in the ledger",
            replaced.evidence().get(0).note());
        assertEquals(new CliResult(0, "", ""), Cli.run(dir, "check", "-t", "PAY-7"));

        assertEquals(0, Cli.run(dir, "bisect-helper", "run", "--", "test ! -f bug").exitCode());
        List<Evidence> evidence = Ledger.load(ledger).evidence();
        assertEquals(List.of(sha(11), sha(11)), evidence.stream().map(Evidence::commit).toList());
        assertEquals("first bad commit found by rca bisect-helper after 3 steps", evidence.get(1).note());
        assertEquals(replaced.evidence().get(0).note(), evidence.get(0).note(), "marked once");
        assertEquals(new CliResult(0, "", ""), Cli.run(dir, "check", "-t", "PAY-7"));
    }

    /**
     * Only names that keep naming their commit are kept beside a bound: a tag, and what is relative to it; not a
     * branch, HEAD or a reflog entry, nor what is relative to them (reviewer-95).
     */
    @Test
    void theBoundsKeepOnlyTheNamesThatLast() throws Exception {
        NativeGit.run(dir, "tag", "v1", sha(1));
        NativeGit.run(dir, "tag", "-a", "-m", "release 3", "v3", sha(3));
        NativeGit.run(dir, "branch", "topic", sha(15));
        String[] lasting = {"--good=v1", "--good=v3^{commit}", "--good=v1~1"};
        for (String bad : List.of("--bad=topic", "--bad=HEAD", "--bad=topic~0", "--bad=@")) {
            String[] start = {"bisect-helper", "start", "--force", bad, lasting[0], lasting[1], "-t", "PAY-7"};
            assertEquals(0, Cli.run(dir, start).exitCode(), bad);
            assertEquals(java.util.Map.of(sha(1), "v1", sha(3), "v3^{commit}"),
                Ledger.load(dir.resolve("docs/postmortems/PAY-7.yaml")).bisect().extra().get("refs"), bad);
        }
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--force", "--bad=" + sha(15), lasting[2], "-t",
            "PAY-7").exitCode());
        assertEquals(java.util.Map.of(sha(0), "v1~1"),
            Ledger.load(dir.resolve("docs/postmortems/PAY-7.yaml")).bisect().extra().get("refs"));
    }

    /**
     * A ledger's recorded bisection is evidence: start -t refuses to replace one that took steps, in progress, reset or
     * ended, and writes nothing; --force replaces it, as start did before (reviewer-95).
     */
    @Test
    void startRefusesToReplaceARecordedBisectionThatTookStepsUnlessForced() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        String[] start = {"bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7"};
        assertEquals(0, Cli.run(dir, start).exitCode());
        assertEquals(0, Cli.run(dir, start).exitCode(), "no step taken: nothing to lose");
        assertEquals(0, Cli.run(dir, "bisect-helper", "good").exitCode());
        // the ledger rca open wrote is not committed: git's history does not keep the steps --force drops
        String hint = "hint: keep it: start without -t, or with another ticket; replace it, dropping its steps (copy the"
            + " ledger first to keep them; git keeps them only if they were committed): 'rca bisect-helper start"
            + " --force -t PAY-7 …'\n";
        String before = Files.readString(ledger);
        byte[] pointer = Files.readAllBytes(dir.resolve(".git/rca/bisect.ticket"));
        assertEquals(new CliResult(3, "", "rca: error: docs/postmortems/PAY-7.yaml already records a bisection of 1"
            + " step (in progress); starting another there would replace it\n" + hint), Cli.run(dir, start));
        assertEquals(before, Files.readString(ledger));
        assertArrayEquals(pointer, Files.readAllBytes(dir.resolve(".git/rca/bisect.ticket")));
        assertEquals(0, Cli.run(dir, "bisect-helper", "reset").exitCode());
        assertEquals(new CliResult(3, "", "rca: error: docs/postmortems/PAY-7.yaml already records a bisection of 1"
            + " step (ended without a first bad commit); starting another there would replace it\n" + hint),
            Cli.run(dir, start));

        String[] forced = {"bisect-helper", "start", "--force", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7"};
        assertEquals(0, Cli.run(dir, forced).exitCode());
        assertEquals(0, Ledger.load(ledger).bisect().steps().size());
        for (String verdict : List.of("good", "bad", "good", "good")) {
            assertEquals(0, Cli.run(dir, "bisect-helper", verdict).exitCode(), verdict);
        }
        before = Files.readString(ledger);
        assertEquals(new CliResult(3, "", "rca: error: docs/postmortems/PAY-7.yaml already records a bisection of 4"
            + " steps (first bad commit " + sha(11) + "); starting another there would replace it\n" + hint),
            Cli.run(dir, start));
        assertEquals(before, Files.readString(ledger));
        // elsewhere it starts, and the ledger keeps its record
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0)).exitCode());
        assertEquals(before, Files.readString(ledger));
    }

    @Test
    void aCulpritFoundInOneStepIsNotedInTheSingular() {
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(11), "--good=" + sha(9), "-t", "PAY-7")
            .exitCode());
        assertEquals(0, Cli.run(dir, "bisect-helper", "good", sha(10)).exitCode());
        Ledger ledger = Ledger.load(dir.resolve("docs/postmortems/PAY-7.yaml"));
        assertEquals(sha(11), ledger.bisect().firstBad());
        assertEquals("first bad commit found by rca bisect-helper after 1 step",
            ledger.evidence().get(ledger.evidence().size() - 1).note());
        // a verdict marked by hand is no test run (reviewer-100)
        assertTrue(Cli.run(dir, "bisect-helper", "status").out().contains("\nsteps taken: 1 (by hand)\n"));
    }

    @Test
    void statusTellsABisectionInProgressFromOneThatWasResetOrReplaced() {
        Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        Cli.run(dir, "bisect-helper", "good");
        String inProgress = "Bisect: in progress, 1 step taken, bad " + sha(15).substring(0, 12) + ", good "
            + sha(0).substring(0, 12) + "\n";
        assertTrue(Cli.run(dir, "status").out().contains(inProgress), Cli.run(dir, "status").out());
        assertTrue(Cli.run(dir, "status", "--format=json").out().contains("\"started\":true,\"in_progress\":true"));

        // another bisection, started without -t, replaces it: the ledger keeps the record, status does not resume it
        Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult replaced = Cli.run(dir, "status");
        assertTrue(replaced.out().contains(
            "Bisect: ended without an answer after 1 step (reset, or replaced by another bisection)\n"), replaced.out());
        assertFalse(replaced.out().contains("continue the bisection"), replaced.out());
        assertTrue(Cli.run(dir, "status", "--format=json").out().contains("\"started\":true,\"in_progress\":false"));
        Cli.run(dir, "bisect-helper", "reset");
        assertTrue(Cli.run(dir, "status").out().contains("Bisect: ended without an answer after 1 step"));
    }

    @Test
    void aBisectionWhoseLedgerIsGoneIsNamedAndResetStillEndsIt() throws Exception {
        Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        Files.delete(dir.resolve("docs/postmortems/PAY-7.yaml")); // as when another branch is checked out
        CliResult status = Cli.run(dir, "bisect-helper", "status");
        assertEquals(3, status.exitCode(), status.toString());
        assertEquals("rca: error: the bisection in progress is kept in PAY-7's ledger, which is not here"
            + " (docs/postmortems/PAY-7.yaml)\nhint: check out the branch that has it, or end the bisection with"
            + " 'rca bisect-helper reset'\n", status.err());
        CliResult reset = Cli.run(dir, "bisect-helper", "reset");
        assertEquals(0, reset.exitCode(), reset.toString());
        assertEquals("bisection reset\n", reset.out());
        assertEquals("rca: note: the bisection in progress is kept in PAY-7's ledger, which is not here"
            + " (docs/postmortems/PAY-7.yaml); ending it anyway\n", reset.err());
        assertEquals("rca: error: no bisection in progress\n",
            Cli.run(dir, "bisect-helper", "status").err().lines().findFirst().get() + "\n");
    }

    @Test
    void aBadTicketIsRefusedBeforeAnythingIsWritten() {
        CliResult r = Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "../x");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve(".git/rca/bisect.ticket")));
    }

    /**
     * Appends a flow-style {@code bisect:} section (good and bad, then {@code rest}) to PAY-7's ledger and starts a
     * bisection over it; returns the ledger.
     */
    private Path startOnFlowStyleBisect(String rest) throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        Files.writeString(ledger, Files.readString(ledger) + "bisect: {good: [" + sha(0) + "], bad: " + sha(15) + rest);
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7")
            .exitCode());
        return ledger;
    }
}
