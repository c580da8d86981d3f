package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.DaemonClient;
import dev.rca.testing.RepeatRca;
import dev.rca.testing.Waits;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bisect-helper commands one at a time: a {@code run} holds the bisection from its start to its end against every
 * command that would change it or move its scratch checkout, in another process or on another of the daemon's
 * threads (each refused in one line, nothing written), while {@code status}, {@code log} and {@code range} still
 * answer; a short command's lock is waited for, one whose process was killed is free, and a run never
 * saves over a state someone changed behind the lock's back. The test blocks on a FIFO the test opens when it is
 * done looking, so nothing depends on timing.
 */
class BisectLockTest {
    private static final String HINT = "hint: wait for it to end, or stop it (^C where it runs); 'rca bisect-helper"
        + " status', 'log' and 'range' show where it stands meanwhile\n";

    @TempDir
    Path tmp;

    private Path dir;
    private List<RevCommit> commits;
    private Path hold;
    private Path holding;
    private Path test;
    /** The process whose test may still be waiting on the FIFO when an assertion fails: killed after each test. */
    private Process started;

    @AfterEach
    void killWhatWasLeftWaiting() {
        if (started != null && started.isAlive()) {
            dev.rca.git.CommandRunner.killTree(started.toHandle());
        }
    }

    @BeforeEach
    void history() throws Exception {
        dir = tmp.resolve("repo");
        commits = SixteenCommitLine.create(dir);
        hold = tmp.resolve("hold");
        holding = tmp.resolve("holding");
        test = tmp.resolve("test.sh");
        // at its first commit the test says so, then waits until the FIFO is opened for writing and closed
        Files.writeString(test, "if [ -p " + hold + " ]; then echo \"$RCA_COMMIT\" > " + holding + ".tmp; mv "
            + holding + ".tmp " + holding + "; cat " + hold + " > /dev/null; rm -f " + hold + "; fi\n"
            + "test ! -f bug\n");
        assertEquals(0, new ProcessBuilder("mkfifo", hold.toString()).start().waitFor());
    }

    private CliResult rca(String... args) {
        return Cli.run(dir, args);
    }

    /** Waits until the run's test is at its first commit, holding the bisection's lock. */
    private void awaitTheTest() throws InterruptedException {
        Waits.untilExists(holding);
    }

    private void release() throws Exception {
        Files.writeString(hold, "go\n");
    }

    private Path lockFile() {
        return dir.resolve(".git/rca/bisect.lock");
    }

    private String lockField(String name) throws Exception {
        return Files.readString(lockFile()).lines().filter(l -> l.startsWith(name + " "))
            .map(l -> l.substring(name.length() + 1)).findFirst().orElseThrow();
    }

    /** Every command that changes the bisection or its checkout is refused, the state and checkout left alone. */
    private void assertRefusedWhileTheRunHoldsIt() throws Exception {
        String refusal = "rca: error: a bisect-helper run is in progress (pid " + lockField("pid") + ", since "
            + lockField("since") + "); nothing was changed\n" + HINT;
        Path state = dir.resolve(".git/rca/bisect.yaml");
        byte[] before = Files.readAllBytes(state);
        Path checkedOut = dir.resolve(".git/rca/bisect.git/HEAD");
        String candidate = Files.readString(checkedOut);
        List<List<String>> changing = List.of(List.of("good"), List.of("bad", commits.get(5).name()), List.of("skip"),
            List.of("next"), List.of("reset"), List.of("start", "--bad=HEAD", "--good=HEAD~2"),
            List.of("run", "--", "true"));
        for (List<String> command : changing) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("bisect-helper"),
                command.stream()).toArray(String[]::new);
            assertEquals(new CliResult(3, "", refusal), rca(args), command.toString());
            assertArrayEquals(before, Files.readAllBytes(state), command.toString());
            assertEquals(candidate, Files.readString(checkedOut), command.toString());
        }
        for (String reading : List.of("status", "log", "range")) {
            CliResult answer = rca("bisect-helper", reading);
            assertEquals(0, answer.exitCode(), answer.toString());
            assertEquals("", answer.err());
        }
    }

    @Test
    void aRunInAnotherProcessHoldsTheBisectionUntilItEnds() throws Exception {
        assertEquals(0, rca("bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name()).exitCode());
        Path go = Files.writeString(tmp.resolve("go"), "go");
        Process run = RepeatRca.start(dir, go, 1, "bisect-helper", "run", "--", "sh", test.toString());
        started = run;
        awaitTheTest();
        assertEquals("bisect-helper run", lockField("doing"));
        assertEquals(Long.toString(run.pid()), lockField("pid"));
        assertRefusedWhileTheRunHoldsIt();

        release();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), err);
        RevCommit culprit = commits.get(SixteenCommitLine.CULPRIT);
        assertTrue(out.startsWith("first bad commit: " + culprit.name() + " " + culprit.getShortMessage() + "\n"), out);
        assertFalse(Files.exists(lockFile()));
        assertEquals(0, rca("bisect-helper", "reset").exitCode(), "free again");
    }

    @Test
    void aRunTheDaemonServesHoldsTheBisectionAgainstItsOtherThreads() throws Exception {
        assertEquals(0, rca("bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name()).exitCode());
        try (DaemonClient client = DaemonClient.start(Files.createDirectories(tmp.resolve("daemon")))) {
            Process run = client.start(dir, Map.of(), "bisect-helper", "run", "--", "sh", test.toString());
            started = run;
            awaitTheTest();
            // the daemon runs in this JVM: the commands below come from another of its threads
            assertEquals(Long.toString(ProcessHandle.current().pid()), lockField("pid"));
            assertRefusedWhileTheRunHoldsIt();

            release();
            assertEquals(0, run.waitFor());
        }
        RevCommit culprit = commits.get(SixteenCommitLine.CULPRIT);
        assertTrue(rca("bisect-helper", "status").out().contains("\nfirst bad commit: " + culprit.name() + " "),
            "the run's answer stands");
        assertFalse(Files.exists(lockFile()));
    }

    @Test
    void aShortCommandsLockIsWaitedForThenReported() throws Exception {
        assertEquals(0, rca("bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name()).exitCode());
        Path state = dir.resolve(".git/rca/bisect.yaml");
        byte[] before = Files.readAllBytes(state);
        System.setProperty("rca.lockTimeoutMillis", "50");
        try (GitWorkspace ws = GitWorkspace.open(dir); BisectLock held = BisectLock.acquire(ws, "good", note -> { })) {
            CliResult bad = rca("bisect-helper", "bad");
            assertEquals(new CliResult(3, "", "rca: error: the bisection is locked by a bisect-helper good, process "
                + ProcessHandle.current().pid() + " on " + InetAddress.getLocalHost().getHostName() + " (since "
                + lockField("since") + "); rca waited 50 ms for it; nothing was changed\n"
                + "hint: another rca bisect-helper command is still working; rerun when it ends"
                + " (RCA_LOCK_TIMEOUT=<seconds> waits longer)\n"),
                bad);
            assertArrayEquals(before, Files.readAllBytes(state));
        } finally {
            System.clearProperty("rca.lockTimeoutMillis");
        }
        assertEquals(0, rca("bisect-helper", "bad").exitCode(), "released");
    }

    /**
     * The lock ends with its process, however it ends: a run killed with SIGKILL leaves its lock file behind, and the
     * next command takes it without a word (until 2026-12-06 it was taken over with a note, after checking that the
     * pid named was gone).
     */
    @Test
    void aRunKilledWithSigkillLeavesNoLock() throws Exception {
        assertEquals(0, rca("bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name()).exitCode());
        Process run = dev.rca.testing.HoldLock.start(lockFile(), "bisect-helper run");
        started = run;
        CliResult refused = rca("bisect-helper", "good");
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().startsWith("rca: error: a bisect-helper run is in progress (pid " + run.pid() + ", "),
            refused.err());
        run.destroyForcibly().waitFor();
        assertTrue(Files.exists(lockFile()), "SIGKILL left the file");
        assertTheNextCommandTakesItSilently();
    }

    /**
     * A pid file an rca from before 2026-12-06 left (its run killed), naming a live process that is no rca (the pid
     * reused), does not block: the file says who held the lock, the system's lock says whether anyone does.
     */
    @Test
    void aPidFileAnOlderRcaLeftDoesNotBlock() throws Exception {
        assertEquals(0, rca("bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name()).exitCode());
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(lockFile(), "pid " + alive + "\nhost " + InetAddress.getLocalHost().getHostName()
            + "\nsince 2026-12-01T15:00:00Z\n" + ProcessHandle.current().parent().orElseThrow().info().startInstant()
            .map(t -> "started " + t + "\n").orElse("") + "doing bisect-helper run\ntoken left-by-a-killed-run\n");
        assertTheNextCommandTakesItSilently();
    }

    private void assertTheNextCommandTakesItSilently() {
        CliResult good = rca("bisect-helper", "good");
        assertEquals(0, good.exitCode(), good.toString());
        assertEquals("", good.err());
        assertFalse(Files.exists(lockFile()), "deleted as it was let go");
    }

    @Test
    void aRunNeverSavesOverAStateChangedBehindItsBack() throws Exception {
        assertEquals(0, rca("bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name()).exitCode());
        Path state = dir.resolve(".git/rca/bisect.yaml");
        Path once = Files.writeString(tmp.resolve("once"), "");
        // an rca that took no lock (or a hand) ends the bisection while the first commit is tested
        Path resetting = Files.writeString(tmp.resolve("resetting.sh"), "if [ -f " + once + " ]; then rm -f " + once
            + " " + state + "; fi\ntest ! -f bug\n");
        CliResult run = rca("bisect-helper", "run", "--", "sh", resetting.toString());
        assertEquals(new CliResult(3, "", "rca: error: the bisection changed since this command read it (another rca"
            + " command, or an edit of " + state + "); nothing more was recorded\n"
            + "hint: see 'rca bisect-helper status', then go on from there; the test's output is kept in "
            + dir.resolve(".git/rca/bisect-run.log") + "\n"), run);
        assertFalse(Files.exists(state), "the reset bisection stays reset");
        assertEquals(3, rca("bisect-helper", "status").exitCode());
    }
}
