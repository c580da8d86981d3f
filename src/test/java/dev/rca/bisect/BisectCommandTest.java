package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ledger.Ledger;
import dev.rca.testing.Cli;
import dev.rca.testing.NativeGit;
import dev.rca.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bisect-helper commands by hand, with their exact output, on a 16-commit line. */
class BisectCommandTest {
    private static final String NONE = "rca: error: no bisection in progress\n"
        + "hint: start one with 'rca bisect-helper start --bad=<rev> --good=<rev>'\n";

    @TempDir
    Path tmp;

    private Path dir;
    private final List<RevCommit> commits = new ArrayList<>();

    @BeforeEach
    void history() {
        dir = tmp.resolve("repo");
        commits.addAll(SixteenCommitLine.create(dir));
    }

    private String sha(int i) {
        return commits.get(i).name();
    }

    private CliResult rca(String... args) {
        return Cli.run(dir, args);
    }

    @Test
    void manualBisectionPrintsCandidatesStepsAndNext() {
        CliResult start = rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        assertEquals(0, start.exitCode(), start.toString());
        assertEquals("candidates: 15\nsteps: roughly 4\nnext: " + sha(7) + " change 7\n", start.out());
        assertEquals("", start.err());
        assertEquals("candidates: 8\nsteps: roughly 3\nnext: " + sha(11) + " change 11\n",
            rca("bisect-helper", "good").out());
        assertEquals("candidates: 4\nsteps: roughly 2\nnext: " + sha(9) + " change 9\n",
            rca("bisect-helper", "bad").out());
        assertEquals("candidates: 2\nsteps: roughly 1\nnext: " + sha(10) + " change 10\n",
            rca("bisect-helper", "good", sha(9)).out());
        CliResult done = rca("bisect-helper", "good");
        assertEquals(0, done.exitCode());
        assertEquals("first bad commit: " + sha(11) + " change 11\nAuthor: Alice Author <alice@example.com>\n"
            + "Date:   2026-01-01T00:12:00Z\nFiles:\n    A bug\n    M src/f2\n", done.out());
        assertEquals("start --bad=" + sha(15) + " --good=" + sha(0) + "\ngood " + sha(7) + " change 7 (by hand)\nbad "
            + sha(11) + " change 11 (by hand)\ngood " + sha(9) + " change 9 (by hand)\ngood " + sha(10)
            + " change 10 (by hand)\nfirst bad commit: " + sha(11) + "\n", rca("bisect-helper", "log").out());
        // DESIGN's sha format: one full SHA a line, nothing else; here the commits tested, in order
        assertEquals(new CliResult(0, sha(7) + "\n" + sha(11) + "\n" + sha(9) + "\n" + sha(10) + "\n", ""),
            rca("bisect-helper", "log", "--format=sha"));
        // "bad" is the bad commit in force, as git's refs/bisect/bad: the last one marked bad
        assertEquals("{\"bad\":\"" + sha(11) + "\",\"good\":[\"" + sha(0) + "\"],\"paths\":[],\"first_parent\":false,"
            + "\"flaky\":false,\"steps\":4,\"runs\":4,\"by_hand\":4,\"next\":null,\"candidates\":0,\"steps_left\":0,\"first_bad\":\""
            + sha(11) + "\",\"suspects\":[],\"confidence\":1.0}\n", rca("bisect-helper", "status", "--format=json").out());
    }

    /**
     * rca keeps no refs to a bisection's commits (DESIGN.md: refs are never touched), so a rewound branch and a gc
     * that prunes lose them, where git's bisection keeps refs/bisect/*: every command that goes on says which commit
     * is gone and what to do, instead of JGit's "Missing unknown <sha>".
     */
    @Test
    void aBisectionWhoseCommitsWerePrunedSaysWhichIsGone() {
        String refs = NativeGit.run(dir, "for-each-ref");
        assertEquals(0, rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(3)).exitCode());
        assertEquals(refs, NativeGit.run(dir, "for-each-ref"), "no ref is written");
        NativeGit.run(dir, "reset", "-q", "--hard", sha(1));
        NativeGit.run(dir, "reflog", "expire", "--expire=now", "--all");
        NativeGit.run(dir, "gc", "-q", "--prune=now");
        String gone = "rca: error: the bisection's bad commit " + sha(15) + " is gone from the repository (pruned by a"
            + " gc after its branch was rewound or rebased?)\nhint: rca keeps no refs to a bisection's commits: fetch"
            + " them again, or start over with 'rca bisect-helper reset'; a branch or tag on the bad commit keeps them"
            + " while you rewrite history\n";
        for (List<String> command : List.of(List.of("status"), List.of("good"), List.of("next"),
            List.of("run", "--", "true"))) {
            List<String> args = new ArrayList<>(List.of("bisect-helper"));
            args.addAll(command);
            assertEquals(new CliResult(3, "", gone), rca(args.toArray(String[]::new)), command.toString());
        }
        assertEquals(0, rca("bisect-helper", "reset").exitCode());
    }

    /**
     * The README's by-hand loop: {@code cd "$(rca bisect-helper next)"}, test there, {@code rca bisect-helper
     * good|bad}. Inside the scratch checkout rca works on the repository it belongs to.
     */
    @Test
    void theByHandLoopRunsInsideTheScratchCheckout() throws Exception {
        assertOk(firstStarted(), startFirst());
        CliResult next = rca("bisect-helper", "next");
        Path scratch = dir.resolve(".git/rca/bisect").toRealPath();
        assertOk(scratch + "\n", next);
        assertOk("bad: " + sha(15) + " change 15\ngood: " + sha(0) + " change 0\nsteps taken: 0 (0 runs)\n"
            + firstStarted(), Cli.run(scratch, "bisect-helper", "status"));
        assertOk(scratch + "\n", Cli.run(scratch.resolve("src"), "bisect-helper", "next"));
        String[] expected = {
            "candidates: 8\nsteps: roughly 3\nnext: " + sha(11) + " change 11\n",
            "candidates: 4\nsteps: roughly 2\nnext: " + sha(9) + " change 9\n",
            "candidates: 2\nsteps: roughly 1\nnext: " + sha(10) + " change 10\n",
            "first bad commit: " + sha(11) + " change 11\nAuthor: Alice Author <alice@example.com>\n"
                + "Date:   2026-01-01T00:12:00Z\nFiles:\n    A bug\n    M src/f2\n"};
        for (String answer : expected) {
            String verdict = Files.exists(scratch.resolve("bug")) ? "bad" : "good";
            assertOk(answer, Cli.run(scratch, "bisect-helper", verdict));
            if (answer.startsWith("candidates:")) {
                assertOk(scratch + "\n", Cli.run(scratch, "bisect-helper", "next"));
            }
        }
        assertEquals(rca("bisect-helper", "log").out(), Cli.run(scratch, "bisect-helper", "log").out());
        assertTrue(rca("bisect-helper", "log").out().endsWith("first bad commit: " + sha(11) + "\n"));
        // a path typed in a subdirectory of the scratch checkout names the same file in the repository
        String history = Cli.run(dir.resolve("src"), "history", "f2").out();
        assertTrue(history.contains(sha(11).substring(0, 7)), history);
        CliResult inScratch = Cli.run(scratch.resolve("src"), "history", "f2");
        assertEquals(history, inScratch.out());
        // where git in the checkout starts from the candidate, rca starts from the repository's HEAD, and says so
        String candidate = NativeGit.run(scratch, "rev-parse", "HEAD").trim().substring(0, 12);
        assertEquals("rca: note: this is rca's scratch checkout of " + candidate + "; HEAD here is " + dir.toRealPath()
            + "'s HEAD, not " + candidate + ": name it to start there (rca log " + candidate + ")\n", inScratch.err());
        // the ledger goes into the repository's work tree, not into the scratch checkout; its path leads there from
        // where rca ran
        assertOk("../../../docs/postmortems/T-1.yaml\n", Cli.run(scratch, "open", "T-1", "--title=Bug file appears"));
        assertTrue(Files.isRegularFile(dir.resolve("docs/postmortems/T-1.yaml")));
        assertFalse(Files.exists(scratch.resolve("docs")));
        assertOk("bisection reset\n", Cli.run(tmp, "-C", scratch.toString(), "bisect-helper", "reset"));
        assertFalse(Files.exists(scratch));
    }

    @Test
    void statusRangeAndSkips() {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "--good=" + sha(4));
        CliResult range = rca("bisect-helper", "range", "--format=sha");
        StringBuilder expected = new StringBuilder();
        for (int i = 15; i >= 5; i--) {
            expected.append(sha(i)).append('\n');
        }
        assertEquals(expected.toString(), range.out());
        CliResult skip = rca("bisect-helper", "skip");
        assertEquals(0, skip.exitCode(), skip.toString());
        assertTrue(skip.out().startsWith("candidates: 11\n"), skip.out());
        assertTrue(rca("bisect-helper", "range").out().contains(" (skipped)\n"));
        CliResult status = rca("bisect-helper", "status");
        assertTrue(status.out().startsWith("bad: " + sha(15) + " change 15\ngood: " + sha(0) + " change 0\ngood: "
            + sha(4) + " change 4\nsteps taken: 1 (by hand)\ncandidates: 11\n"), status.out());
    }

    @Test
    void onlySkippedCommitsLeftListsTheSuspects() {
        rca("bisect-helper", "start", "--bad=" + sha(12), "--good=" + sha(9));
        rca("bisect-helper", "skip", sha(10));
        rca("bisect-helper", "skip", sha(11));
        CliResult status = rca("bisect-helper", "status");
        assertEquals(1, status.exitCode(), status.toString());
        assertTrue(status.out().endsWith("only skipped commits are left; the first bad commit could be any of:\n"
            + sha(11) + " change 11\n" + sha(10) + " change 10\n" + sha(12) + " change 12\n")
            || status.out().endsWith("only skipped commits are left; the first bad commit could be any of:\n"
            + sha(10) + " change 10\n" + sha(11) + " change 11\n" + sha(12) + " change 12\n"), status.out());
    }

    /**
     * A run of a bisection that ended without a culprit tests nothing, as one that has its answer: the recorded test and
     * the last run's output stay (git bisect run would test the commit it has checked out, a skipped one here).
     */
    @Test
    void aRunOfABisectionThatEndedWithoutACulpritTestsNothingAndKeepsTheLastRunsOutput() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(12), "--good=" + sha(9));
        CliResult skipped = rca("bisect-helper", "run", "--", "echo cannot build; exit 125");
        assertEquals(1, skipped.exitCode(), skipped.toString());
        Path log = dir.resolve(".git/rca/bisect-run.log");
        Path state = dir.resolve(".git/rca/bisect.yaml");
        String output = Files.readString(log);
        String kept = Files.readString(state);
        assertTrue(kept.endsWith("  run:\n    command: sh -c 'echo cannot build; exit 125'\n"), kept);

        CliResult again = rca("bisect-helper", "run", "--", "echo hi; exit 0");
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals(skipped.out(), again.out());
        assertEquals("rca: note: nothing was tested: the bisection had already ended\n", again.err());
        CliResult json = rca("bisect-helper", "run", "--format=json", "--", "true");
        assertEquals("{\"first_bad\":null,\"runs\":2,\"steps\":2,\"confidence\":0.0,\"suspects\":[\"" + sha(11)
            + "\",\"" + sha(10) + "\",\"" + sha(12) + "\"]}\n", json.out(), json.toString());
        assertEquals(output, Files.readString(log));
        assertEquals(kept, Files.readString(state));

        // a run that stops on an error before testing anything writes nothing either (a flaky run of this ended
        // bisection is refused: the flaky one starts anew)
        assertEquals(3, rca("bisect-helper", "run", "--flaky", "--", "true").exitCode());
        assertEquals(output, Files.readString(log));
        assertEquals(kept, Files.readString(state));
        rca("bisect-helper", "start", "--bad=" + sha(12), "--good=" + sha(9));
        CliResult flaky = rca("bisect-helper", "run", "--flaky", "--", "true");
        assertTrue(flaky.out().startsWith("no culprit: the failure is a flake"), flaky.toString());
        output = Files.readString(log);
        kept = Files.readString(state);
        assertFails(3, "rca: error: this bisection was run in flaky mode; continue it with --flaky\n"
            + "hint: or start again with 'rca bisect-helper start'\n", rca("bisect-helper", "run", "--", "false"));
        assertEquals(output, Files.readString(log));
        assertEquals(kept, Files.readString(state));
    }

    /** A run of an answered bisection tests nothing, and the answer's Reproduce line runs the test that decided it. */
    @Test
    void aRunOfAnAnsweredBisectionReproducesWithTheTestThatDecidedIt() {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult decided = rca("bisect-helper", "run", "--", "test ! -f bug");
        assertEquals(0, decided.exitCode(), decided.toString());
        CliResult again = rca("bisect-helper", "run", "--", "echo unrelated");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(decided.out(), again.out());
        assertTrue(again.out().endsWith(" && RCA_COMMIT=" + sha(11) + " sh -c 'test ! -f bug'\n"), again.out());
        assertEquals("rca: note: nothing was tested: the bisection had already ended\n", again.err());
    }

    /** As git removes BISECT_RUN, reset and a new start remove the runs' output: it is never taken for another's. */
    @Test
    void resetAndANewStartRemoveTheRunsOutputAsGitRemovesBisectRun() throws Exception {
        Path log = dir.resolve(".git/rca/bisect-run.log");
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        assertEquals(0, rca("bisect-helper", "run", "--", "test ! -f bug").exitCode());
        assertTrue(Files.isRegularFile(log));
        assertOk("bisection reset\n", rca("bisect-helper", "reset"));
        assertFalse(Files.exists(log));

        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        assertEquals(0, rca("bisect-helper", "run", "--", "test ! -f bug").exitCode());
        assertOk("candidates: 3\nsteps: roughly 2\nnext: " + sha(11) + " change 11\n",
            rca("bisect-helper", "start", "--bad=" + sha(12), "--good=" + sha(9)));
        assertFalse(Files.exists(log));

        NativeGit.run(dir, "bisect", "start", sha(15), sha(0));
        NativeGit.exec(dir, null, "bisect", "run", "sh", "-c", "test ! -f bug");
        assertTrue(Files.isRegularFile(dir.resolve(".git/BISECT_RUN")));
        NativeGit.run(dir, "bisect", "reset");
        assertFalse(Files.exists(dir.resolve(".git/BISECT_RUN")));
    }

    @Test
    void pathLimitedBisectionOnlyVisitsCommitsTouchingThePaths() {
        CliResult start = rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "--", "src/f2", "bug");
        assertEquals("candidates: 5\nsteps: roughly 2\nnext: " + sha(5) + " change 5\n", start.out());
        CliResult run = rca("bisect-helper", "run", "--", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), run.out());
        assertTrue(run.out().endsWith("Reproduce with: git worktree add --detach /tmp/rca-" + sha(11).substring(0, 12)
            + " " + sha(11) + " && cd /tmp/rca-" + sha(11).substring(0, 12) + " && RCA_COMMIT=" + sha(11)
            + " sh -c 'test ! -f bug'\n"), run.out());
        // stderr is no terminal here: DESIGN's long work is silent then
        assertEquals("", run.err());
    }

    @Test
    void runKeepsTheTestsOutputAndShowsTheEndOfEachBadStep() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        String test = "echo out $RCA_COMMIT; echo err >&2; for i in 1 2 3 4 5 6; do echo line $i; done; test ! -f bug";
        CliResult run = rca("bisect-helper", "run", "-v", "--", test);
        assertEquals(0, run.exitCode(), run.toString());
        Path log = dir.resolve(".git/rca/bisect-run.log").toRealPath();
        assertEquals("rca: running '" + test + "' in " + dir.resolve(".git/rca/bisect").toRealPath() + " for each candidate\n"
            + "rca: note: the test's output is kept in " + log + "\n"
            + "rca: step 1: " + sha(7).substring(0, 12) + " good; 8 candidates left, roughly 3 steps\n"
            + "rca: step 2: " + sha(11).substring(0, 12) + " bad; 4 candidates left, roughly 2 steps\n"
            + "  | line 2\n  | line 3\n  | line 4\n  | line 5\n  | line 6\n"
            + "rca: step 3: " + sha(9).substring(0, 12) + " good; 2 candidates left, roughly 1 step\n"
            + "rca: step 4: " + sha(10).substring(0, 12) + " good; 0 candidates left, roughly 0 steps\n", run.err());
        StringBuilder kept = new StringBuilder();
        for (int i : new int[] {7, 11, 9, 10}) {
            kept.append("== ").append(sha(i)).append(": exit ").append(i == 11 ? 1 : 0).append("\nout ").append(sha(i))
                .append("\nerr\nline 1\nline 2\nline 3\nline 4\nline 5\nline 6\n");
        }
        assertEquals(kept.toString(), Files.readString(log));
    }

    @Test
    void runWarnsWhenEveryTestedCommitGotTheSameVerdict() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult bad = rca("bisect-helper", "run", "--", "echo compiling >&2; exit 3");
        assertEquals(0, bad.exitCode(), bad.toString());
        Path log = dir.resolve(".git/rca/bisect-run.log").toRealPath();
        // without --verbose and off a terminal the progress is left out; the warning is not progress
        assertEquals("rca: warning: every tested commit was bad: check that the test fails for the bug, not for another reason"
            + " (output: " + log + ")\n", bad.err());
        assertTrue(bad.out().startsWith("first bad commit: " + sha(1) + " change 1\n"), bad.out());

        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult good = rca("bisect-helper", "run", "--", "true");
        assertEquals(0, good.exitCode(), good.toString());
        assertTrue(good.err().equals("rca: warning: every tested commit was good: check that the test fails at the bad commit, for the bug"
            + " (output: " + log + ")\n"), good.err());
        assertTrue(good.out().startsWith("first bad commit: " + sha(15) + " change 15\n"), good.out());

        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult mixed = rca("bisect-helper", "run", "--", "test ! -f bug");
        assertFalse(mixed.err().contains("warning"), mixed.err());
    }

    @Test
    void oneArgumentNamingAnExecutableByItsAbsolutePathRunsItSpacesAndAll() throws Exception {
        Path script = tmp.resolve("my tests/tëst bug.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\ntest ! -f bug\n");
        script.toFile().setExecutable(true);
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult run = rca("bisect-helper", "run", "--", script.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), run.out());
        assertTrue(run.out().endsWith(" && RCA_COMMIT=" + sha(11) + " '" + script + "'\n"), run.out());
    }

    /**
     * The {@code Reproduce with:} line, pasted into a shell, runs the test as rca ran it: {@code RCA_COMMIT} reaches
     * every command of a shell command line, and its {@code exit} ends only the test's shell.
     */
    @Test
    void theReproduceLineIsSafeToPaste() throws Exception {
        String test = "test -d .; echo \"it's $RCA_COMMIT\" > seen; test ! -f bug || exit 3";
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult run = rca("bisect-helper", "run", "--", test);
        assertEquals(0, run.exitCode(), run.toString());
        String worktree = "/tmp/rca-" + sha(11).substring(0, 12);
        String line = "git worktree add --detach " + worktree + " " + sha(11) + " && cd " + worktree + " && RCA_COMMIT="
            + sha(11) + " sh -c 'test -d .; echo \"it'\\''s $RCA_COMMIT\" > seen; test ! -f bug || exit 3'";
        assertTrue(run.out().endsWith("\nReproduce with: " + line + "\n"), run.out());

        Path pasted = tmp.resolve("pasted");
        ProcessBuilder shell = new ProcessBuilder("sh", "-c", line.replace(worktree, pasted.toString())
            + "; echo \"the shell goes on after $?\"").directory(dir.toFile()).redirectErrorStream(true);
        dev.rca.testing.NativeGit.isolate(shell.environment());
        Process p = shell.start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        assertTrue(said.endsWith("the shell goes on after 3\n"), said);
        assertEquals("it's " + sha(11) + "\n", Files.readString(pasted.resolve("seen")));

        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult argv = rca("bisect-helper", "run", "--", "sh", "-c", "test ! -f bug", "it's");
        assertTrue(argv.out().endsWith(" && RCA_COMMIT=" + sha(11) + " sh -c 'test ! -f bug' 'it'\\''s'\n"), argv.out());
    }

    @Test
    void runSeesRcaCommitAndItsScratchDirectory() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        Path seen = tmp.resolve("seen");
        CliResult run = rca("bisect-helper", "run", "-v", "--repeat=2", "--", "sh", "-c",
            "echo \"$RCA_COMMIT $(pwd) $(git rev-parse HEAD)\" >> '" + seen + "'; test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = Files.readAllLines(seen);
        assertEquals(sha(7) + " " + dir.resolve(".git/rca/bisect").toRealPath() + " " + sha(7), lines.get(0),
            "git inside the scratch checkout sees the candidate as HEAD");
        assertEquals(lines.get(0), lines.get(1), "--repeat=2 runs a good commit twice");
        assertTrue(run.err().contains("good (2 runs)"), run.err());
    }

    @Test
    void timeoutAndOddExitCodesAbortButKeepTheVerdictsSoFar() {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult hung = rca("bisect-helper", "run", "--timeout=1", "--", "sleep 600");
        assertEquals(3, hung.exitCode(), hung.toString());
        assertTrue(hung.err().contains("rca: error: the test timed out after 1 s at " + sha(7)), hung.err());
        CliResult missing = rca("bisect-helper", "run", "--", "no-such-test-command");
        assertEquals(3, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("rca: error: the test exits 127 on the good commit " + sha(0)
            + " too: the shell cannot find the command in the scratch checkout\nhint: the test runs in the scratch"
            + " checkout, not your work tree"), missing.err());
        assertEquals("steps taken: 0 (0 runs)", rca("bisect-helper", "status").out().lines().toList().get(2));
        CliResult odd = rca("bisect-helper", "run", "--", "exit 200");
        assertEquals(3, odd.exitCode(), odd.toString());
        assertTrue(odd.err().contains("rca: error: the test exited 200 at " + sha(7)), odd.err());
        // off a terminal the run printed no progress, so the stop says where the test's output is
        assertTrue(odd.err().contains("then rerun to resume; the test's output is kept in /"), odd.err());
        assertEquals("", odd.out());
        // ^C with RCA_DAEMON=off reaches the test too: it was interrupted, and nothing asks to change its exit codes
        CliResult interrupted = rca("bisect-helper", "run", "--", "exit 130");
        assertEquals(3, interrupted.exitCode(), interrupted.toString());
        assertTrue(interrupted.err().startsWith("rca: error: the test was interrupted at " + sha(7) + " (exit 130,"
            + " SIGINT, as ^C sends); bisection stopped (the verdicts so far are kept)\nhint: rerun 'rca bisect-helper"
            + " run' to resume; the test's output is kept in /"), interrupted.err());
    }

    /**
     * A test killed by SIGTERM (exit 143) or SIGKILL (137: kill -9, the out-of-memory killer) stops the run with no
     * verdict, as git bisect run stops on every code above 127, and is said to be killed, with the hint to resume, not
     * as a test whose exit codes to change (session 34's review: only 130 was); git records no verdict either.
     */
    @Test
    void aTestKilledBySignalStopsTheRunWithoutAVerdictAsGitDoes() {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        String terminated = "rca: error: the test was terminated at " + sha(7) + " (exit 143, SIGTERM, as kill and a CI"
            + " job's cancel send); bisection stopped (the verdicts so far are kept)\nhint: rerun 'rca bisect-helper run'"
            + " to resume; the test's output is kept in /";
        String killed = "rca: error: the test was killed at " + sha(7) + " (exit 137, SIGKILL: kill -9, or the"
            + " kernel's out-of-memory killer); bisection stopped (the verdicts so far are kept)\nhint: a killed test is"
            + " no verdict; if the kernel killed it for memory (its log, dmesg, says so), let it use less or free some,"
            + " then rerun 'rca bisect-helper run' to resume; the test's output is kept in /";
        // the exit code the shell gives a test killed by SIGHUP: kill -HUP would do nothing where SIGHUP is ignored
        // (under nohup, as a CI runner may be), and a shell cannot restore a signal ignored when it started
        CliResult hungUp = rca("bisect-helper", "run", "--", "exit 129");
        assertEquals(3, hungUp.exitCode(), hungUp.toString());
        assertTrue(hungUp.err().startsWith("rca: error: the test was hung up at " + sha(7) + " (exit 129, SIGHUP, as a"
            + " closed terminal or ssh session sends); bisection stopped (the verdicts so far are kept)\nhint: rerun 'rca"
            + " bisect-helper run' to resume"), hungUp.err());
        for (String test : List.of("kill -TERM $$", "exit 143", "kill -KILL $$", "exit 137")) {
            CliResult stopped = rca("bisect-helper", "run", "--", test);
            assertEquals(3, stopped.exitCode(), stopped.toString());
            String expected = test.contains("TERM") || test.contains("143") ? terminated : killed;
            assertTrue(stopped.err().startsWith(expected), stopped.err());
            assertEquals("", rca("bisect-helper", "log", "--format=sha").out(), test);
        }

        NativeGit.run(dir, "bisect", "start", sha(15), sha(0));
        for (String test : List.of("kill -TERM $$", "kill -KILL $$")) {
            NativeGit.Result git = NativeGit.exec(dir, null, "bisect", "run", "sh", "-c", test);
            assertTrue(git.err().contains("bisect run failed: exit code " + (test.contains("TERM") ? 143 : 137)),
                git.err());
        }
        String log = NativeGit.run(dir, "bisect", "log");
        assertFalse(log.contains("git bisect good") || log.contains("git bisect bad") || log.contains("skip"), log);
        NativeGit.run(dir, "bisect", "reset");
    }

    @Test
    void flakyRunFindsTheCulpritDespiteATestThatLiesEverySeventhRun() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        Path counter = tmp.resolve("count");
        String lying = "echo x >> '" + counter + "'; n=$(wc -l < '" + counter + "'); if [ -f bug ]; then r=1; else r=0; fi;"
            + " if [ $((n % 7)) -eq 0 ]; then r=$((1 - r)); fi; exit $r";
        CliResult run = rca("bisect-helper", "run", "--flaky", "--verbose", "--format=json", "--", lying);
        assertEquals(0, run.exitCode(), run.toString());
        int runs = Files.readAllLines(counter).size();
        assertTrue(run.out().startsWith("{\"first_bad\":\"" + sha(11) + "\",\"runs\":" + runs + ",\"steps\":" + runs
            + ",\"confidence\":0.99"), run.out());
        assertTrue(run.err().contains("rca: run 1: "), run.err());
        String state = Files.readString(dir.resolve(".git/rca/bisect.yaml"));
        assertTrue(state.contains("  flaky: true\n") && state.contains("  first_bad: " + sha(11) + "\n"), state);
        CliResult manual = rca("bisect-helper", "good");
        assertEquals(3, manual.exitCode());
        assertTrue(manual.err().startsWith("rca: error: this bisection is in flaky mode"), manual.err());
    }

    /** With paths the bad commit need not touch, --flaky still finds a culprit that does (the bad one is a hypothesis). */
    @Test
    void flakyRunWithPathsTheBadCommitDoesNotTouchFindsTheCulprit() {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "--", "src/f2", "bug");
        CliResult run = rca("bisect-helper", "run", "--flaky", "--", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), run.out());
    }

    // how a flaky bisection ends without a culprit, as run, status (text and JSON) and the ledger's rca status say it:
    // a flake, or undecided once --max-runs is spent short of the confidence asked

    /** The last {@code n} lines of {@code text}, each ended by a newline. */
    static String tail(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(lines.size() - n, lines.size())) + "\n";
    }

    @Test
    void aRunThatSpendsItsMaxRunsIsUndecidedInRunStatusAndJsonAlike() throws Exception {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult run = rca("bisect-helper", "run", "--flaky", "--max-runs=3", "--", "test ! -f bug");
        assertEquals(1, run.exitCode(), run.toString());
        String undecided = "undecided after 3 runs: the most probable first bad commit is " + sha(10) + " change 10"
            + " (probability 0.3222), short of the 0.99 asked\n"
            + "Decide it with more runs: rca bisect-helper run --flaky --max-runs=6 -- sh -c 'test ! -f bug'\n";
        assertEquals(undecided, run.out());
        String state = Files.readString(dir.resolve(".git/rca/bisect.yaml"));
        Matcher kept = Pattern.compile("\n  confidence: (0\\.3222\\d*)\n  undecided: true\n").matcher(state);
        assertTrue(kept.find(), state);
        String p = kept.group(1);

        CliResult status = rca("bisect-helper", "status");
        assertEquals(1, status.exitCode(), status.toString());
        assertEquals("bad: " + sha(15) + " change 15\ngood: " + sha(0) + " change 0\nmode: flaky\n"
            + "steps taken: 3 (3 runs)\n" + undecided, status.out());
        String json = rca("bisect-helper", "status", "--format=json").out();
        assertTrue(json.endsWith(",\"first_bad\":null,\"suspects\":[],\"undecided\":true,\"most_probable\":\"" + sha(10)
            + "\",\"confidence\":" + p + "}\n"), json);
        CliResult again = rca("bisect-helper", "run", "--flaky", "--max-runs=3", "--format=json", "--", "test ! -f bug");
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals("{\"first_bad\":null,\"runs\":3,\"steps\":3,\"confidence\":" + p + ",\"undecided\":true,"
            + "\"most_probable\":\"" + sha(10) + "\"}\n", again.out());

        // the run it names takes the bisection on, to a culprit
        CliResult decided = run;
        for (int i = 0; decided.exitCode() != 0 && i < 6; i++) {
            Matcher more = Pattern.compile("--max-runs=(\\d+) -- sh -c 'test ! -f bug'\n$").matcher(decided.out());
            assertTrue(more.find(), decided.toString());
            decided = rca("bisect-helper", "run", "--flaky", "--max-runs=" + more.group(1), "--", "sh", "-c",
                "test ! -f bug");
        }
        assertEquals(0, decided.exitCode(), decided.toString());
        assertTrue(decided.out().startsWith("first bad commit: " + sha(11) + " change 11\n"), decided.out());
        // status shows the culprit and its probability as run does (run adds the line that reproduces it)
        CliResult answered = rca("bisect-helper", "status");
        assertEquals(0, answered.exitCode());
        assertTrue(decided.out().contains("\nProbability: 0.99"), decided.out());
        assertTrue(answered.out().endsWith(decided.out().substring(0, decided.out().indexOf("Reproduce with: "))),
            answered.out());
    }

    @Test
    void anUndecidedFlakeAndADecidedOneAreToldApart() {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult run = rca("bisect-helper", "run", "--flaky", "--max-runs=8", "--flake-rate=0.3", "--", "false");
        assertEquals(1, run.exitCode(), run.toString());
        String undecided = "undecided after 8 runs: the most probable answer is no culprit, a flake (probability 0.5059),"
            + " short of the 0.99 asked\n"
            + "Decide it with more runs: rca bisect-helper run --flaky --flake-rate=0.3 --max-runs=16 -- sh -c false\n";
        assertEquals(undecided, run.out());
        assertEquals(undecided, tail(rca("bisect-helper", "status").out(), 2));

        CliResult flake = rca("bisect-helper", "run", "--flaky", "--flake-rate=0.3", "--", "false");
        assertEquals(1, flake.exitCode(), flake.toString());
        assertEquals("no culprit: the failure is a flake (probability 0.9963 after 13 runs)\n", flake.out());
        assertEquals(flake.out(), tail(rca("bisect-helper", "status").out(), 1));
        String json = rca("bisect-helper", "status", "--format=json").out();
        assertTrue(json.contains(",\"first_bad\":null,\"suspects\":[],\"flake\":true,\"confidence\":0.996"), json);
    }

    /** A test that skips everywhere leaves nothing that more runs could decide, and says so instead. */
    @Test
    void aFlakyRunThatCouldTestNothingSaysSoRatherThanAskForMoreRuns() {
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0));
        CliResult run = rca("bisect-helper", "run", "--flaky", "--", "exit 125");
        assertEquals(1, run.exitCode(), run.toString());
        // no commit is named: the most probable one would be the prior's
        String end = "undecided after 16 runs, all skipped: nothing was learnt about the first bad commit\n"
            + "No commit is left that the test can run at (it exited 125, skip, at each it was asked to test): make it"
            + " run, then start again\n";
        assertEquals(end, run.out());
        assertEquals(end, tail(rca("bisect-helper", "status").out(), 2));
        assertEquals("{\"first_bad\":null,\"runs\":16,\"steps\":16,\"confidence\":0.06533333333333334,"
            + "\"undecided\":true,\"all_skipped\":true}\n",
            rca("bisect-helper", "run", "--flaky", "--format=json", "--", "exit 125").out());
    }

    /** Opens PAY-7 in {@code dir} with a symptom and {@code test ! -f bug} as its reproduction; returns the ledger. */
    static Path ledgerThatReproduces(Path dir) throws Exception {
        assertEquals(0, Cli.run(dir, "open", "PAY-7", "--title=Bug file appears").exitCode());
        Cli.run(dir, "symptom", "the bug file appears");
        Path ledger = dir.resolve("docs/postmortems/PAY-7.yaml");
        Files.writeString(ledger, Files.readString(ledger).replaceFirst("\n  command: +#", "\n  command: test ! -f bug #")
            .replaceFirst("\n  rate: +#", "\n  rate: deterministic #"));
        return ledger;
    }

    @Test
    void theLedgersStatusSaysHowTheBisectionEndedNotThatItIsInProgress() throws Exception {
        Path ledger = ledgerThatReproduces(dir);
        rca("bisect-helper", "start", "--bad=" + sha(15), "--good=" + sha(0), "-t", "PAY-7");
        // as a flaky run interrupted before its first run leaves it: to be continued in flaky mode
        Files.writeString(ledger, Files.readString(ledger).replace("\n  paths: []\n", "\n  paths: []\n  flaky: true\n"));
        assertEquals("Bisect: in progress, 0 steps taken, bad " + sha(15).substring(0, 12) + ", good "
            + sha(0).substring(0, 12) + "\nNext: continue the bisection: rca bisect-helper run --flaky -- test ! -f bug\n",
            tail(rca("status").out(), 2));
        CliResult run = rca("bisect-helper", "run", "--flaky", "--max-runs=3", "--", "test ! -f bug");
        String undecided = run.out().lines().findFirst().orElseThrow();
        CliResult status = rca("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals("Bisect: " + undecided + "\nNext: decide the bisection: rca bisect-helper run --flaky --max-runs=6 --"
            + " sh -c 'test ! -f bug'\n", tail(status.out(), 2));
        String json = rca("status", "--format=json").out();
        assertTrue(json.contains("\"bisect\":{\"started\":true,\"in_progress\":false,\"steps\":3,\"first_bad\":null,"
            + "\"summary\":\"" + undecided + "\"}"), json);

        rca("bisect-helper", "run", "--flaky", "--flake-rate=0.3", "--", "false");
        assertEquals("Bisect: " + tail(rca("bisect-helper", "status").out(), 1) + "Next: propose causes: rca hypothesis"
            + " \"<cause>\" --likelihood=<0..1> --explains=S1\n", tail(rca("status").out(), 2));

        // a deterministic bisection that ended without a culprit is no longer in progress either
        rca("bisect-helper", "start", "--force", "--bad=" + sha(12), "--good=" + sha(9), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--", "exit 125").exitCode());
        assertEquals("Bisect: only skipped commits are left; the first bad commit could be any of: "
            + sha(11).substring(0, 12) + " " + sha(10).substring(0, 12) + " " + sha(12).substring(0, 12) + "\n",
            tail(rca("status").out(), 2).lines().findFirst().orElseThrow() + "\n");
    }
    @Test
    void errorsAreOneLine() {
        CliResult none = rca("bisect-helper", "status");
        assertEquals(3, none.exitCode());
        assertEquals("rca: error: no bisection in progress\nhint: start one with 'rca bisect-helper start --bad=<rev> "
            + "--good=<rev>'\n", none.err());
        CliResult swapped = rca("bisect-helper", "start", "--bad=" + sha(0), "--good=" + sha(15));
        assertEquals(3, swapped.exitCode());
        assertTrue(swapped.err().startsWith("rca: error: good commit " + sha(15) + " is not an ancestor of bad commit "),
            swapped.err());
        assertEquals(2, rca("bisect-helper", "run", "--repeat=0", "--", "true").exitCode());
        assertEquals(2, rca("bisect-helper", "start", "--bad=HEAD").exitCode());
        assertEquals(3, rca("bisect-helper", "start", "--bad=nope", "--good=HEAD~1").exitCode());
    }

    // one bisection at a time: a start ends the one kept in the other place (ledger or .git/rca), reset ends both

    private static void assertOk(String out, CliResult r) {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(out, r.out());
        assertEquals("", r.err());
    }

    private static void assertFails(int code, String err, CliResult r) {
        assertEquals(code, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals(err, r.err());
    }

    private void open() {
        assertOk("docs/postmortems/T-1.yaml\n", rca("open", "T-1", "--title=Bug file appears"));
    }

    /** The first bisection: HEAD (change 15) against change 0; {@code ticket} is {@code -t T} or nothing. */
    private CliResult startFirst(String... ticket) {
        return start("HEAD", ticket);
    }

    /** The second bisection: HEAD~1 (change 14) against change 0. */
    private CliResult startSecond(String... ticket) {
        return start("HEAD~1", ticket);
    }

    private CliResult start(String bad, String... ticket) {
        List<String> args = new ArrayList<>(List.of("bisect-helper", "start", "--bad=" + bad, "--good=" + sha(0)));
        args.addAll(List.of(ticket));
        return rca(args.toArray(String[]::new));
    }

    private String firstStarted() {
        return "candidates: 15\nsteps: roughly 4\nnext: " + sha(7) + " change 7\n";
    }

    private String secondStarted() {
        return "candidates: 14\nsteps: roughly 4\nnext: " + sha(7) + " change 7\n";
    }

    private String secondStatus() {
        return "bad: " + sha(14) + " change 14\ngood: " + sha(0) + " change 0\nsteps taken: 0 (0 runs)\n"
            + secondStarted();
    }

    private boolean stateFile() {
        return Files.exists(dir.resolve(".git/rca/bisect.yaml"));
    }

    private Ledger ledger() {
        return Ledger.load(dir.resolve("docs/postmortems/T-1.yaml"));
    }

    @Test
    void startWithTicketReplacesTheBisectionStartedWithoutAndResetLeavesNone() {
        assertOk(firstStarted(), startFirst());
        open();
        assertOk(secondStarted(), startSecond("-t", "T-1"));
        assertFalse(stateFile(), "the first bisection's state is gone");
        assertOk(secondStatus(), rca("bisect-helper", "status"));

        assertOk("bisection reset\n", rca("bisect-helper", "reset"));
        assertFails(3, NONE, rca("bisect-helper", "status"));
        assertFails(3, NONE, rca("bisect-helper", "next"));
        assertFails(3, NONE, rca("bisect-helper", "status", "-t", "T-1"));
        assertFails(3, NONE, rca("bisect-helper", "good", "-t", "T-1"));
        assertOk("no bisection in progress\n", rca("bisect-helper", "reset"));
        assertEquals(sha(14), ledger().bisect().bad(), "the ledger keeps the record of the second bisection");
    }

    @Test
    void startWithoutTicketReplacesTheBisectionInTheLedger() {
        open();
        assertOk(firstStarted(), startFirst("-t", "T-1"));
        assertOk(secondStarted(), startSecond());
        assertTrue(stateFile());
        assertFalse(Files.exists(dir.resolve(".git/rca/bisect.ticket")), "the ledger bisection is ended");
        assertEquals(sha(15), ledger().bisect().bad(), "a start without -t does not write into the ledger");
        assertOk(secondStatus(), rca("bisect-helper", "status"));
        assertFails(3, "rca: error: the bisection in progress is not in T-1's ledger: it was started without -t\n"
            + "hint: leave out -t to act on it; 'rca bisect-helper start -t T-1' starts one there\n",
            rca("bisect-helper", "status", "-t", "T-1"));

        assertOk("bisection reset\n", rca("bisect-helper", "reset"));
        assertFalse(stateFile());
        assertFails(3, NONE, rca("bisect-helper", "status"));
        assertFails(3, NONE, rca("bisect-helper", "status", "-t", "T-1"));
        assertEquals(sha(15), ledger().bisect().bad(), "the ledger keeps the record of the first bisection");
    }

    /** Runs the first bisection's first step (good), then aborts, keeping the verdict, as an interrupted run does. */
    private void assertInterrupted() {
        CliResult aborted = rca("bisect-helper", "run", "--", "sh", "-c",
            "test \"$RCA_COMMIT\" = " + sha(7) + " || exit 255");
        assertEquals(3, aborted.exitCode(), aborted.toString());
        assertTrue(rca("bisect-helper", "status").out().contains("\nsteps taken: 1 (1 run)\n"));
    }

    @Test
    void anInterruptedRunIsReplacedLikeAnyOtherBisection() {
        assertOk(firstStarted(), startFirst());
        assertInterrupted();
        open();
        assertOk(secondStarted(), startSecond("-t", "T-1"));
        assertOk(secondStatus(), rca("bisect-helper", "status"));
        assertOk("bisection reset\n", rca("bisect-helper", "reset"));
        assertFails(3, NONE, rca("bisect-helper", "status"));

        assertOk(firstStarted(), startFirst("-t", "T-1"));
        assertInterrupted();
        assertOk(secondStarted(), startSecond());
        assertOk(secondStatus(), rca("bisect-helper", "status"));
        assertOk("bisection reset\n", rca("bisect-helper", "reset"));
        assertFails(3, NONE, rca("bisect-helper", "status"));
    }

    @Test
    void aBisectionInAnotherLedgerIsNamedNotActedOn() {
        open();
        assertOk("docs/postmortems/T-2.yaml\n", rca("open", "T-2", "--title=Another"));
        assertOk(firstStarted(), startFirst("-t", "T-1"));
        assertOk(secondStarted(), startSecond("-t", "T-2"));
        String elsewhere = "rca: error: the bisection in progress is not in T-1's ledger: it is in "
            + "docs/postmortems/T-2.yaml\nhint: leave out -t to act on it; 'rca bisect-helper start -t T-1' starts one "
            + "there\n";
        assertFails(3, elsewhere, rca("bisect-helper", "status", "-t", "T-1"));
        assertFails(3, elsewhere, rca("bisect-helper", "reset", "-t", "T-1"));
        assertOk(secondStatus(), rca("bisect-helper", "status", "-t", "T-2"));
        assertOk("bisection reset\n", rca("bisect-helper", "reset", "-t", "T-2"));
        assertFails(3, NONE, rca("bisect-helper", "status"));
    }
}
