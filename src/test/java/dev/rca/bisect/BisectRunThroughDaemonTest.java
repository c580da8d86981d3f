package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.DaemonClient;
import dev.rca.testing.TestRepo;
import dev.rca.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bisect-helper run} served by the daemon, its tests started by rca-client with the caller's environment,
 * answers as a JVM of its own does: the same output and exit code, the same commits tested in the same order, the
 * test in the scratch checkout with {@code RCA_COMMIT} set; a timeout, an exit code that aborts, a command that
 * cannot start, and a client interrupted mid-run that frees the daemon and resumes later.
 */
class BisectRunThroughDaemonTest {
    private static final String CULPRIT = "c13";

    @TempDir
    Path tmp;

    /**
     * A history whose test is bad from c13 on and skips c7; twins of it have the same SHAs. The test logs what it
     * sees to {@code .git/tested.log}, and hangs while {@code .git/hang} exists.
     */
    private RevCommit history(Path dir) throws Exception {
        RevCommit culprit = null;
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit c = repo.commit("c0").add("value.txt", "fine\n")
                .add("test.sh", "echo \"$RCA_COMMIT $PWD ${CALLER_MARK-none}\" >> ../../tested.log\n"
                    // the pid file appears only once written: the test reads it as soon as it exists
                    + "if [ -f ../../hang ]; then echo $$ > ../../hang.tmp; mv ../../hang.tmp ../../hang.pid;"
                    + " sleep 60; fi\n"
                    + "echo \"value at $RCA_COMMIT: $(cat value.txt)\" >&2\n"
                    + "test -f skip && exit 125\ngrep -q fine value.txt\n")
                .create();
            repo.tag("good", c);
            for (int i = 1; i <= 20; i++) {
                var commit = repo.commit("c" + i).add("n.txt", i + "\n").add("value.txt", i >= 13 ? "kaputt\n" : "fine\n");
                commit = i == 7 ? commit.add("skip", "") : i == 8 ? commit.delete("skip") : commit;
                c = commit.create();
                if (("c" + i).equals(CULPRIT)) {
                    culprit = c;
                }
            }
            repo.checkout();
        }
        return culprit;
    }

    @Test
    void answersAsAJvmOfItsOwnWithTheCallersEnvironment() throws Exception {
        Path served = tmp.resolve("served");
        Path alone = tmp.resolve("alone");
        RevCommit culprit = history(served);
        assertEquals(culprit, history(alone));
        Path servedLog = served.resolve(".git/tested.log");
        Path aloneLog = alone.resolve(".git/tested.log");
        try (DaemonClient client = DaemonClient.start(tmp)) {
            Map<String, String> env = Map.of("CALLER_MARK", "from-the-caller");
            assertEquals(0, client.run(served, env, "bisect-helper", "start", "--bad=HEAD", "--good=good").exitCode());
            CliResult viaDaemon = client.run(served, env, "bisect-helper", "run", "-v", "--", "sh", "test.sh").cli();

            assertEquals(0, Cli.run(alone, "bisect-helper", "start", "--bad=HEAD", "--good=good").exitCode());
            CliResult inProcess = Cli.run(alone, "bisect-helper", "run", "-v", "--", "sh", "test.sh");
            assertEquals(inProcess, new CliResult(viaDaemon.exitCode(), viaDaemon.out(),
                viaDaemon.err().replace(served.toString(), alone.toString())));
            assertTrue(viaDaemon.out().startsWith("first bad commit: " + culprit.name() + " c13\n"), viaDaemon.out());
            assertTrue(viaDaemon.err().contains(" bad; 0 candidates left, roughly 0 steps\n  | value at " + culprit.name()
                + ": kaputt\n"), viaDaemon.err());
            assertEquals(Files.readString(alone.resolve(".git/rca/bisect-run.log")),
                Files.readString(served.resolve(".git/rca/bisect-run.log")), "the same output kept");

            List<String> tested = Files.readAllLines(servedLog);
            assertEquals(Files.readAllLines(aloneLog).stream().map(l -> l.split(" ")[0]).toList(),
                tested.stream().map(l -> l.split(" ")[0]).toList(), "the same commits, in the same order");
            Path scratch = served.resolve(".git/rca/bisect").toRealPath();
            for (String line : tested) {
                assertTrue(line.endsWith(" " + scratch + " from-the-caller"), line);
            }
            assertTrue(tested.stream().anyMatch(l -> l.startsWith(culprit.name() + " ")), tested.toString());
        }
    }

    @Test
    void timeoutsAbortingExitCodesAndMissingCommandsSayWhatAJvmOfItsOwnSays() throws Exception {
        Path served = tmp.resolve("served");
        Path alone = tmp.resolve("alone");
        history(served);
        history(alone);
        Path pid = tmp.resolve("sleeper.pid");
        try (DaemonClient client = DaemonClient.start(tmp)) {
            assertEquals(0, client.run(served, Map.of(), "bisect-helper", "start", "--bad=HEAD", "--good=good").exitCode());
            assertEquals(0, Cli.run(alone, "bisect-helper", "start", "--bad=HEAD", "--good=good").exitCode());
            List<List<String>> runs = List.of(
                List.of("bisect-helper", "run", "--timeout=1", "--", "sleep 600 & echo $! > '" + pid + "'; wait"),
                List.of("bisect-helper", "run", "--", "exit 200"),
                List.of("bisect-helper", "run", "--", "no-such-program-rca-test", "x"),
                List.of("bisect-helper", "run", "--", "exit 127"));
            for (List<String> args : runs) {
                CliResult viaDaemon = client.run(served, Map.of(), args.toArray(String[]::new)).cli();
                CliResult inProcess = Cli.run(alone, args.toArray(String[]::new));
                assertEquals(3, inProcess.exitCode(), inProcess.toString());
                assertEquals(inProcess, new CliResult(viaDaemon.exitCode(), viaDaemon.out(),
                    viaDaemon.err().replace(served.toString(), alone.toString())), String.join(" ", args));
            }
            long sleeper = Long.parseLong(Files.readString(pid).trim());
            for (int i = 0; i < 500 && ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false); i++) {
                Thread.sleep(10);
            }
            assertFalse(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false),
                "the timed-out test's child was killed");
        }
    }

    /**
     * A client killed with SIGKILL, which no handler sees, frees the daemon, and its test and the test's child are
     * killed with it (session 34's review: they ran on in the scratch checkout, reparented, after the lock was gone);
     * the run resumes later.
     */
    @Test
    void aClientInterruptedMidRunFreesTheDaemonAndTheRunResumes() throws Exception {
        Path served = tmp.resolve("served");
        RevCommit culprit = history(served);
        Path hang = served.resolve(".git/hang");
        Map<String, String> env = Map.of();
        try (DaemonClient client = DaemonClient.start(tmp)) {
            assertEquals(0, client.run(served, env, "bisect-helper", "start", "--bad=HEAD", "--good=good").exitCode());
            Files.writeString(hang, "");
            Process run = client.start(served, env, "bisect-helper", "run", "--", "sh", "test.sh");
            Path pid = served.resolve(".git/hang.pid");
            for (int i = 0; i < 3000 && !Files.exists(pid); i++) {
                Thread.sleep(10);
            }
            ProcessHandle test = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
            List<ProcessHandle> tree = Waits.untilItsChildStarted(test);
            assertEquals(124, client.run(served, env, "bisect-helper", "status").exitCode(),
                "busy: the launcher runs it in a JVM of its own");
            // the guardian goes by a name of its own, so killing a hung client by its name spares it (reviewer-106)
            List<String> names = new java.util.ArrayList<>();
            for (ProcessHandle child : run.toHandle().children().toList()) {
                Path proc = Path.of("/proc", Long.toString(child.pid()));
                names.add(Files.readString(proc.resolve("comm")).strip() + " "
                    + Files.readString(proc.resolve("cmdline")).replace('\0', ' ').strip());
            }
            assertTrue(names.contains("rca-guard rca-guard"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("rca-client")), names.toString());
            run.destroyForcibly();
            run.waitFor();
            Waits.untilGone(test);
            for (ProcessHandle p : tree) {
                Waits.untilGone(p);
            }
            Files.delete(hang);

            DaemonClient.Result status = client.run(served, env, "bisect-helper", "status");
            for (int i = 0; i < 500 && status.exitCode() == 124; i++) {
                Thread.sleep(10);
                status = client.run(served, env, "bisect-helper", "status");
            }
            assertEquals(0, status.exitCode(), status.toString());
            assertEquals(Cli.run(served, "bisect-helper", "status").out(), status.out(), "no verdict without a result");

            DaemonClient.Result finish = client.run(served, env, "bisect-helper", "run", "--", "sh", "test.sh");
            assertEquals(0, finish.exitCode(), finish.toString());
            assertTrue(finish.out().startsWith("first bad commit: " + culprit.name() + " c13\n"), finish.out());
        }
    }

    @Test
    void aClientTerminatedMidRunKillsItsTestFirst() throws Exception {
        Path served = tmp.resolve("served");
        history(served);
        Map<String, String> env = Map.of();
        try (DaemonClient client = DaemonClient.start(tmp)) {
            assertEquals(0, client.run(served, env, "bisect-helper", "start", "--bad=HEAD", "--good=good").exitCode());
            Files.writeString(served.resolve(".git/hang"), "");
            Process run = client.start(served, env, "bisect-helper", "run", "--", "sh", "test.sh");
            Path pid = served.resolve(".git/hang.pid");
            Waits.untilExists(pid);
            ProcessHandle test = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
            List<ProcessHandle> tree = Waits.untilItsChildStarted(test);

            run.destroy(); // SIGTERM to the client alone, as a CI runner's timeout sends it
            assertEquals(128 + 15, run.waitFor());
            // killed before the client exited; a grandchild is reaped by init, which may take a moment
            assertFalse(test.isAlive(), "the test itself was killed and reaped");
            for (ProcessHandle p : tree) {
                Waits.untilGone(p);
            }
        }
    }
}
