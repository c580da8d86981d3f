package dev.rca.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerLock;
import dev.rca.ledger.TicketId;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.RepeatRca;
import dev.rca.testing.TestRepo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rca killed with SIGKILL at random points (real child JVMs, {@code Process.destroyForcibly}): during ledger
 * writes, during bisect steps and during {@code verify}. Afterwards the ledger is the old file or the new one,
 * never a mixture; a lock file left behind does not block the next command (its lock ended with it); the user's
 * checkout (work tree, index, HEAD, refs) is unchanged; and the interrupted work can be finished.
 */
class InterruptionTest {
    private static final String HAND_WRITTEN = """
        # KILL-1: kept by hand
        rca: 1
        ticket: KILL-1
        title: Killed mid-write   # a comment that must survive
        kind: bug
        status: open
        symptoms:
          - id: S1
            text: the first symptom, written by hand
        """;

    @TempDir
    Path tmp;

    @Test
    void ledgerWritesKilledAtRandomPointsLeaveOldOrNewLedger() throws Exception {
        Path work = tmp.resolve("repo");
        Path ledger = repositoryWithLedger(work);
        String userState = checkoutState(work);
        Random random = new Random(7);
        int staleLocks = 0;
        for (int round = 0; round < 6; round++) {
            Path go = tmp.resolve("go-" + round);
            Files.writeString(go, "go");
            Process child = java(work, RepeatRca.class.getName(), work.toString(), go.toString(), "500", "symptom",
                "round " + round + " symptom {i}");
            int waitFor = 1 + random.nextInt(8);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < waitFor && out.readLine() != null; i++) {
                    // let it write a few symptoms, then kill it somewhere in the next write
                }
                Thread.sleep(random.nextInt(15));
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            }
            Path lock = LedgerLock.lockFileFor(ledger);
            if (Files.exists(lock)) {
                staleLocks++;
                // the lock of a killed process ended with it: the next command takes it, and deletes its file
                CliResult next = Cli.run(work, "symptom", "-t", "KILL-1", "after kill " + round);
                assertEquals(0, next.exitCode(), next.err());
                assertEquals("", next.err());
                assertFalse(Files.exists(lock));
            }
            assertWhole(ledger);
        }
        CliResult after = Cli.run(work, "symptom", "-t", "KILL-1", "after every kill");
        assertEquals(0, after.exitCode(), after.err());
        assertWhole(ledger);
        assertEquals(userState, checkoutState(work));
        System.out.println("InterruptionTest: " + staleLocks + " of 6 kills left a lock behind");
    }

    /**
     * A lock file left behind does not block the next command, whoever it names (until 2026-12-06 the next command
     * refused in one line and a hint to delete it): the system's lock ended with its process.
     */
    @Test
    void leftoverLockFilesDoNotBlock() throws Exception {
        Path work = tmp.resolve("lock repo");
        Path ledger = repositoryWithLedger(work);
        Path lock = LedgerLock.lockFileFor(ledger);
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // a process killed while holding the lock, and one killed between creating the lock file and filling it
        for (String left : List.of("pid " + gone.pid() + "\nhost " + host + "\nsince 2026-11-21T10:00:00Z\ntoken t\n",
            "")) {
            Files.writeString(lock, left);
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(60)));
            CliResult next = Cli.run(work, "symptom", "-t", "KILL-1", "x");
            assertEquals(new CliResult(0, next.out(), ""), next);
            assertFalse(Files.exists(lock));
        }
        // a temporary file of a writer killed before its rename is cleared by the next write
        Path stray = ledger.resolveSibling(".KILL-1.yaml.0000.tmp");
        Files.writeString(stray, "rca: 1\nhalf");
        assertEquals(0, Cli.run(work, "symptom", "-t", "KILL-1", "x").exitCode());
        assertTrue(!Files.exists(stray) && !Files.exists(lock));
    }

    /** A repository with one commit, checked out, and the hand-written ledger KILL-1; returns the ledger. */
    private static Path repositoryWithLedger(Path work) throws IOException {
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("first").add("a.txt", "a\n").create();
            repo.checkout();
        }
        Path ledger = work.resolve("docs/postmortems/KILL-1.yaml");
        Files.createDirectories(ledger.getParent());
        Files.writeString(ledger, HAND_WRITTEN);
        return ledger;
    }

    /** The ledger parses, keeps what a person wrote, and holds S1..Sn with no gap: an old or a new file. */
    private static void assertWhole(Path ledger) throws IOException {
        Ledger read = new LedgerFile(ledger, new TicketId("KILL-1"), "KILL-1.yaml").read();
        List<String> ids = read.symptoms().stream().map(s -> s.id()).toList();
        for (int i = 0; i < ids.size(); i++) {
            assertEquals("S" + (i + 1), ids.get(i), ids.toString());
        }
        String text = Files.readString(ledger);
        assertTrue(text.startsWith("# KILL-1: kept by hand\nrca: 1\nticket: KILL-1\n"
            + "title: Killed mid-write   # a comment that must survive\n"), text);
        assertTrue(text.contains("  - id: S1\n    text: the first symptom, written by hand\n"), text);
    }

    @Test
    void bisectRunKilledMidwayResumesAndNeverTouchesTheCheckout() throws Exception {
        Path work = tmp.resolve("bisect repo");
        RevCommit culprit;
        try (TestRepo repo = TestRepo.init(work)) {
            RevCommit first = repo.commit("c0").add("value.txt", "fine\n").add("test.sh", "sleep 0.2; grep -q fine value.txt\n")
                .create();
            repo.tag("good", first);
            RevCommit c = first;
            culprit = null;
            for (int i = 1; i <= 40; i++) {
                c = repo.commit("c" + i).add("n.txt", i + "\n").add("value.txt", i >= 23 ? "kaputt\n" : "fine\n").create();
                if (i == 23) {
                    culprit = c;
                }
            }
            repo.checkout();
        }
        Files.writeString(work.resolve("untracked.txt"), "mine\n");
        Files.writeString(work.resolve("n.txt"), "edited but not committed\n");
        String userState = checkoutState(work);
        assertEquals(0, Cli.run(work, "bisect-helper", "start", "--bad=HEAD", "--good=good").exitCode());
        Random random = new Random(11);
        for (int round = 0; round < 3; round++) {
            Process child = java(work, "dev.rca.cli.Rca", "bisect-helper", "run", "-v", "--", "sh", "test.sh");
            try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                err.readLine(); // "rca: running …": the test is about to start
                Thread.sleep(random.nextInt(400));
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            }
            assertEquals(userState, checkoutState(work), "a killed bisect step changed the user's checkout");
            CliResult status = Cli.run(work, "bisect-helper", "status");
            assertTrue(status.exitCode() == 0 || status.exitCode() == 1, status.err());
        }
        CliResult finish = Cli.run(work, "bisect-helper", "run", "--", "sh", "test.sh");
        assertEquals(0, finish.exitCode(), finish.err());
        assertTrue(finish.out().startsWith("first bad commit: " + culprit.name() + " c23\n"), finish.out());
        assertEquals(userState, checkoutState(work));
    }

    @Test
    void verifyKilledMidwayLeavesTheLedgerAndCheckoutAsTheyWere() throws Exception {
        Path work = tmp.resolve("verify repo");
        String fix;
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("base").add("test.sh", "sleep 0.3; test -f fixed\n").create();
            fix = repo.commit("fix the bug").add("fixed", "yes\n").create().name();
            repo.checkout();
        }
        Path ledger = work.resolve("docs/postmortems/KILL-2.yaml");
        Files.createDirectories(ledger.getParent());
        String text = "# by hand\nrca: 1\nticket: KILL-2\ntitle: verify killed\nrepro:\n  command: sh test.sh\n"
            + "  rate: deterministic\nfix:\n  commits: [\"" + fix + "\"]\n";
        Files.writeString(ledger, text);
        String userState = checkoutState(work);
        Random random = new Random(5);
        for (int round = 0; round < 3; round++) {
            Process child = java(work, "dev.rca.cli.Rca", "verify", "-t", "KILL-2", "--runs=3");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                out.readLine(); // "verify KILL-2: repro.command, …": about to start
                Thread.sleep(random.nextInt(1500));
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            }
            String now = Files.readString(ledger);
            assertTrue(now.equals(text) || now.startsWith(text), "verify left a mixture:\n" + now);
            assertTrue(!Files.exists(LedgerLock.lockFileFor(ledger)) || now.equals(text));
            Files.deleteIfExists(LedgerLock.lockFileFor(ledger));
            Files.writeString(ledger, text);
            assertEquals(userState, checkoutState(work), "a killed verify changed the user's checkout");
        }
        CliResult finish = Cli.run(work, "verify", "-t", "KILL-2", "--runs=1");
        assertEquals(0, finish.exitCode(), finish.err() + finish.out());
        assertTrue(Files.readString(ledger).startsWith(text));
        assertEquals(userState, checkoutState(work));
    }

    /** Work tree, index, HEAD and refs as git sees them. */
    static String checkoutState(Path work) throws IOException {
        StringBuilder state = new StringBuilder();
        state.append(NativeGit.run(work, "status", "--porcelain=v1", "--untracked-files=all", "--ignored"));
        state.append(NativeGit.run(work, "rev-parse", "HEAD"));
        state.append(NativeGit.run(work, "symbolic-ref", "-q", "HEAD"));
        state.append(NativeGit.run(work, "show-ref"));
        state.append(NativeGit.run(work, "ls-files", "--stage"));
        state.append(NativeGit.run(work, "diff"));
        try (Stream<Path> files = Files.list(work)) {
            for (Path f : files.sorted().toList()) {
                if (Files.isRegularFile(f)) {
                    state.append(f.getFileName()).append(':').append(Files.readString(f)).append('\n');
                }
            }
        }
        return state.toString();
    }

    private static Process java(Path dir, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("RCA_LOCK_TIMEOUT", "300");
        NativeGit.isolate(builder.environment());
        return builder.start();
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
