package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon answers exactly as an rca started in the client's directory would, speaking rca-client's protocol. */
class RcaDaemonTest {
    @TempDir
    Path tmp;

    private Path repo;
    private Path socket;
    private CompletableFuture<Boolean> daemon;
    private boolean indexInBackground;

    @BeforeEach
    void startDaemon(org.junit.jupiter.api.TestInfo test) throws Exception {
        indexInBackground = test.getDisplayName().startsWith("whileIdle");
        boolean warmUp = test.getDisplayName().startsWith("duringTheWarmUp");
        try (TestRepo r = TestRepo.init(tmp.resolve("repo"))) {
            r.commit("add cache").add("src/cache.c", "a\nb\n").create();
            r.commit("fix cache eviction").add("src/cache.c", "a\nB\n").create();
            r.commit("docs").add("README", "read me\n").create();
            r.checkout();
            repo = r.directory();
        }
        Path jar = Files.writeString(tmp.resolve("rca.jar"), "stands in for the jar; only its time is watched");
        socket = tmp.resolve("d.sock");
        daemon = CompletableFuture.supplyAsync(() -> {
            try {
                return RcaDaemon.serve(socket, jar, TimeUnit.HOURS.toMillis(1), indexInBackground, warmUp);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // The socket file appears at bind(), a moment before listen(): wait until a request is answered.
        for (int i = 0; i < 500 && !answering(); i++) {
            Thread.sleep(10);
        }
    }

    private boolean answering() {
        try {
            return request(0, tmp.toString(), 0, "--version").exitCode() == 0;
        } catch (IOException notYet) {
            return false;
        }
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (!daemon.isDone()) {
            request(0, tmp.toString(), 4);
        }
        assertTrue(daemon.get(30, TimeUnit.SECONDS), "the daemon did not serve its socket");
        assertFalse(Files.exists(socket), "the socket is removed when the daemon stops");
        assertFalse(Files.exists(Path.of(socket + ".lock")), "so is its lock file");
    }

    @Test
    void logAnswersAsAnInProcessRunDoes() throws Exception {
        String[] args = {"log", "--format=oneline"};
        CliResult expected = Cli.run(repo, args);
        assertEquals(expected, request(0, repo.toString(), 0, args));
        assertEquals(3, expected.outLines().size(), expected.toString());
    }

    @Test
    void relativePathsAndMinusCResolveInTheClientsDirectory() throws Exception {
        Files.createDirectories(repo.resolve("src"));
        assertEquals(Cli.run(repo.resolve("src"), "history", "--format=sha", "cache.c"),
            request(0, repo.resolve("src").toString(), 0, "history", "--format=sha", "cache.c"));
        CliResult viaC = request(0, tmp.toString(), 0, "-C", "repo", "history", "--format=sha", "src/cache.c");
        assertEquals(2, viaC.outLines().size(), viaC.toString());
    }

    @Test
    void errorsKeepTheirExitCodeAndOneLine() throws Exception {
        CliResult r = request(0, repo.toString(), 0, "log", "no-such-revision");
        assertEquals(Cli.run(repo, "log", "no-such-revision"), r);
        assertEquals(3, r.exitCode());
        CliResult usage = request(0, repo.toString(), 0, "log", "--no-such-option");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().startsWith("rca: error: Unknown option: '--no-such-option'"), usage.err());
    }

    @Test
    void commandsThatRunProcessesOrWriteTheLedgerAloneAreRefused() throws Exception {
        CliResult r = request(0, repo.toString(), 0, "open", "BUG-1", "--title=t");
        assertEquals(new CliResult(2, "", "rca: error: the rca daemon runs only history, log, suspects and"
            + " bisect-helper (run only for a client that runs the test); 'open' runs in a JVM of its own\n"), r);
        // a client that does not say it runs tests (flag 8) is never sent one to run
        assertEquals(2, request(0, repo.toString(), 0, "bisect-helper", "run", "--", "true").exitCode());
        assertFalse(Files.exists(repo.resolve("docs")), "nothing was written");
    }

    @Test
    void aSecondDaemonForTheSameSocketLeavesAtOnce() throws Exception {
        assertEquals(0, request(0, repo.toString(), 0, "log", "-n", "1").exitCode());
        assertFalse(RcaDaemon.serve(socket, tmp.resolve("rca.jar"), 1000, false, false));
        assertEquals(0, request(0, repo.toString(), 0, "log", "-n", "1").exitCode());
    }

    @Test
    void whileIdleTheDaemonCompletesTheChangedPathTableButNeverTheCommitGraph() throws Exception {
        CliResult first = request(0, repo.toString(), 0, "history", "--format=sha", "src/cache.c");
        assertEquals(Cli.run(repo, "history", "--format=sha", "src/cache.c").out(), first.out());
        Path cache = repo.resolve(".git/rca/cache");
        assertTrue(Files.exists(cache.resolve("commits")), "the walk built the commit table");
        for (int i = 0; i < 500 && !Files.exists(cache.resolve("paths")); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(cache.resolve("paths")), "no changed-path table was written while idle");
        assertFalse(Files.exists(repo.resolve(".git/objects/info/commit-graph")), "the commit-graph is git's");
        assertEquals(first, request(0, repo.toString(), 0, "history", "--format=sha", "src/cache.c"));
    }

    @Test
    void whileIdleAfterOnlySuspectsTheDaemonBuildsTheCommitTableAndTheChangedPathTable() throws Exception {
        String fix = Cli.run(repo, "log", "--format=sha", "--grep=eviction").out().strip();
        Path cache = repo.resolve(".git/rca/cache");
        org.eclipse.jgit.util.FileUtils.delete(cache.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
        CliResult first = request(0, repo.toString(), 0, "suspects", "--no-trailers", "--format=sha", fix);
        assertEquals(Cli.run(repo, "suspects", "--no-trailers", "--format=sha", fix), first);
        for (int i = 0; i < 500 && !Files.exists(cache.resolve("paths")); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(cache.resolve("commits")), "no commit table was built while idle");
        assertTrue(Files.exists(cache.resolve("paths")), "no changed-path table was written while idle");
        assertFalse(Files.exists(repo.resolve(".git/objects/info/commit-graph")), "the commit-graph is git's");
        assertEquals(first, request(0, repo.toString(), 0, "suspects", "--no-trailers", "--format=sha", fix));
    }

    @Test
    void bisectBookkeepingThroughTheDaemonIsTheStateAnInProcessRunSees() throws Exception {
        java.util.List<String> shas = Cli.run(repo, "log", "--format=sha").outLines();
        String first = shas.get(shas.size() - 1);
        CliResult start = request(0, repo.toString(), 0, "bisect-helper", "start", "--bad=HEAD", "--good=" + first);
        assertEquals(0, start.exitCode(), start.toString());
        assertEquals(Cli.run(repo, "bisect-helper", "status"), request(0, repo.toString(), 0, "bisect-helper", "status"));
        assertEquals(0, request(0, repo.toString(), 0, "bisect-helper", "reset").exitCode());
        assertEquals(3, Cli.run(repo, "bisect-helper", "status").exitCode(), "reset through the daemon ended it");
    }

    @Test
    void duringTheWarmUpRequestsAreServedAsAnInProcessRunServesThem() throws Exception {
        // the warm-up's repository is generated beside the jar; from then on it runs its rounds for seconds
        Path plan = tmp.resolve("rca-warmup/v1/plan.properties");
        for (int i = 0; i < 3000 && !Files.exists(plan); i++) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(plan), "the warm-up made its repository beside the jar");
        String fix = Cli.run(repo, "log", "--format=sha", "--grep=fix").out().strip();
        for (String[] args : List.of(new String[] {"log", "--format=oneline"},
            new String[] {"history", "--format=sha", "src/cache.c"}, new String[] {"suspects", "--no-trailers", fix})) {
            assertEquals(Cli.run(repo, args), request(0, repo.toString(), 0, args), String.join(" ", args));
        }
        CliResult start = request(0, repo.toString(), 0, "bisect-helper", "start", "--bad=HEAD", "--good=" + fix + "~1");
        assertEquals(0, start.exitCode(), start.toString());
        assertEquals(Cli.run(repo, "bisect-helper", "status"), request(0, repo.toString(), 0, "bisect-helper", "status"));
        assertEquals(0, request(0, repo.toString(), 0, "bisect-helper", "reset").exitCode());
    }

    @Test
    void aRequestArrivingWhileACommandRunsIsClosedUnansweredSoItsLauncherRunsItAlone() throws Exception {
        String[] args = {"log", "--format=oneline"};
        CliResult expected = Cli.run(repo, args);
        try (SocketChannel first = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Connected but silent: the daemon is busy reading this request until it is sent.
            first.connect(UnixDomainSocketAddress.of(socket));
            waitUntilTurnedAway();
            send(first, 0, repo.toString(), args);
            assertEquals(expected, readAnswer(first), "the first request is still answered");
        }
        assertEquals(expected, request(0, repo.toString(), 0, args), "and the daemon is free again");
    }

    @Test
    void aClientThatNeverSendsItsRequestDoesNotKeepTheDaemonBusy() throws Exception {
        System.setProperty("rca.daemonRequestSeconds", "1");
        try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(socket));
            waitUntilTurnedAway();
            assertEquals(-1, Channels.newInputStream(silent).read(), "closed without an answer");
        } finally {
            System.clearProperty("rca.daemonRequestSeconds");
        }
        String[] args = {"log", "--format=oneline"};
        CliResult expected = Cli.run(repo, args);
        CliResult answered = null;
        for (int i = 0; i < 500 && answered == null; i++) {
            try {
                answered = request(0, repo.toString(), 0, args);
            } catch (IOException turnedAwayWhileItsThreadEnds) {
                Thread.sleep(10);
            }
        }
        assertEquals(expected, answered);
    }

    /** The acceptor may not have handed the silent connection over yet; a turned-away request reads no frame. */
    private void waitUntilTurnedAway() throws Exception {
        for (int i = 0; i < 500; i++) {
            try (SocketChannel second = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                second.connect(UnixDomainSocketAddress.of(socket));
                send(second, 0, repo.toString(), "log");
                if (Channels.newInputStream(second).read() == -1) {
                    return;
                }
            } catch (IOException closedBeforeOrWhileTheRequestWasSent) {
                return; // a reset or a broken pipe: turned away all the same
            }
            Thread.sleep(10);
        }
        throw new AssertionError("a request sent while another is being read was answered");
    }

    @Test
    void sourcesNewerThanTheJarAreFoundAsTheLaunchersFindFindsThem() throws Exception {
        Path project = tmp.resolve("project");
        Path jar = Files.createDirectories(project.resolve("target")).resolve("rca.jar");
        Path java = Files.createDirectories(project.resolve("src/main/java/dev"));
        Path source = Files.writeString(java.resolve("A.java"), "class A {}\n");
        Path pom = Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.writeString(jar, "stands in for the jar");
        FileTime built = FileTime.fromMillis(1_700_000_000_000L);
        FileTime before = FileTime.fromMillis(built.toMillis() - 1000);
        FileTime after = FileTime.fromMillis(built.toMillis() + 1000);
        Files.setLastModifiedTime(jar, built);
        List<Path> everything = List.of(source, java, java.getParent(), project.resolve("src/main"), pom);
        for (Path changed : everything) {
            for (Path p : everything) {
                Files.setLastModifiedTime(p, before);
            }
            assertEquals(launcherFindsNewer(project, jar), dev.rca.daemon.SourceFreshness.changedSince(jar, built));
            assertFalse(dev.rca.daemon.SourceFreshness.changedSince(jar, built), "all older");
            Files.setLastModifiedTime(changed, after);
            assertEquals(launcherFindsNewer(project, jar), dev.rca.daemon.SourceFreshness.changedSince(jar, built));
            assertTrue(dev.rca.daemon.SourceFreshness.changedSince(jar, built), changed + " is newer");
        }
        Files.setLastModifiedTime(source, built);
        Files.setLastModifiedTime(pom, before);
        assertEquals(launcherFindsNewer(project, jar), dev.rca.daemon.SourceFreshness.changedSince(jar, built));
        // a jar anywhere else (the daemon tests' own) has no sources the launcher would build it from
        assertFalse(dev.rca.daemon.SourceFreshness.changedSince(tmp.resolve("rca.jar"), built));
    }

    @Test
    void aWatchedProjectIsLookedAtAgainOnlyAfterAChangeUnderItsSources() throws Exception {
        Path project = tmp.resolve("watched");
        Path jar = Files.createDirectories(project.resolve("target")).resolve("rca.jar");
        Path java = Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(java.resolve("A.java"), "class A {}\n");
        Path pom = Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.writeString(jar, "stands in for the jar");
        FileTime built = FileTime.fromMillis(System.currentTimeMillis() + 3_600_000L);
        FileTime later = FileTime.fromMillis(built.toMillis() + 1000);
        try (dev.rca.daemon.SourceFreshness sources = dev.rca.daemon.SourceFreshness.watching(jar, built)) {
            assertFalse(sources.changed());
            assertEquals(1, sources.looks(), "the first question looks");
            // nothing changed, and a change beside the sources: no look (each question waits for its probe's event)
            for (int i = 0; i < 5; i++) {
                assertFalse(sources.changed());
            }
            Files.writeString(project.resolve("README.md"), "notes\n");
            assertFalse(sources.changed());
            assertEquals(1, sources.looks(), "no look without a change under the sources");
            // an edit that leaves a file older than the jar is looked at, and found not newer
            Files.writeString(java.resolve("A.java"), "class A { }\n");
            assertFalse(sources.changed());
            assertEquals(2, sources.looks());
            Files.writeString(pom, "<project></project>\n");
            assertFalse(sources.changed());
            assertEquals(3, sources.looks(), "pom.xml is watched");
            // src/main replaced by another tree, a file in a new directory newer than the jar
            Path moved = Files.move(project.resolve("src/main"), project.resolve("old-main"));
            Path added = Files.writeString(Files.createDirectories(project.resolve("src/main/java/dev"))
                .resolve("B.java"), "class B {}\n");
            Files.setLastModifiedTime(added, later);
            assertTrue(sources.changed(), "a newer file in a new src/main");
            assertEquals(launcherFindsNewer(project, jar), sources.changed());
            // once stale, stale for good, as the launcher's find would still say
            Files.setLastModifiedTime(added, built);
            assertTrue(sources.changed());
            assertTrue(Files.isDirectory(moved));
        }
    }

    /** The launcher's test: {@code find src/main pom.xml -newer rca.jar}. */
    private static boolean launcherFindsNewer(Path project, Path jar) throws Exception {
        Process find = new ProcessBuilder("find", project.resolve("src/main").toString(),
            project.resolve("pom.xml").toString(), "-newer", jar.toString(), "-print", "-quit")
            .redirectErrorStream(true).start();
        String found = new String(find.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, find.waitFor());
        return !found.isEmpty();
    }

    @Test
    void theCommandWordIsFoundAfterGlobalOptions() {
        assertEquals("log", RcaDaemon.commandOf(new String[] {"-C", "x", "--stacktrace", "log", "-n", "1"}));
        assertEquals("history", RcaDaemon.commandOf(new String[] {"-Cx", "history"}));
        assertNull(RcaDaemon.commandOf(new String[] {"--version"}));
        assertTrue(RcaDaemon.serves(new String[] {"-C", "x", "bisect-helper", "start", "--bad=HEAD"}, false));
        assertFalse(RcaDaemon.serves(new String[] {"bisect-helper", "run", "--", "make", "test"}, false));
        assertTrue(RcaDaemon.serves(new String[] {"bisect-helper", "run", "--", "make", "test"}, true));
        assertFalse(RcaDaemon.serves(new String[] {"bisect-helper"}, false));
        assertFalse(RcaDaemon.serves(new String[] {"verify"}, false));
        assertTrue(RcaDaemon.serves(new String[] {"--version"}, false));
        // only bisect-helper run talks on the socket after its request; any other client is watched for leaving
        assertTrue(RcaDaemon.isBisectRun(new String[] {"-C", "x", "bisect-helper", "run", "--", "make"}));
        assertFalse(RcaDaemon.isBisectRun(new String[] {"bisect-helper", "good"}));
        assertFalse(RcaDaemon.isBisectRun(new String[] {"history", "--authors", "run"}));
    }

    @Test
    void withSourcesNewerThanItsJarTheDaemonTurnsQueriesAwayUnansweredButStillStops() throws Exception {
        Path project = tmp.resolve("built");
        Path jar = Files.writeString(Files.createDirectories(project.resolve("target")).resolve("rca.jar"), "jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Path sources = Files.createDirectories(project.resolve("src/main"));
        Files.writeString(sources.resolve("Edited.java"), "class Edited {}");
        Path staleSocket = tmp.resolve("stale.sock");
        CompletableFuture<Boolean> stale = CompletableFuture.supplyAsync(() -> {
            try {
                return RcaDaemon.serve(staleSocket, jar, TimeUnit.HOURS.toMillis(1), false, false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int i = 0; i < 500 && !Files.exists(staleSocket); i++) {
            Thread.sleep(10);
        }
        // closed before any frame, as when busy: the launcher rebuilds the jar and runs the command itself
        boolean turnedAway = false;
        for (int i = 0; i < 500 && !turnedAway; i++) {
            try {
                request(staleSocket, 0, repo.toString(), "log", "-n", "1");
                break;
            } catch (java.io.EOFException unanswered) {
                turnedAway = true;
            } catch (IOException notListeningYet) {
                Thread.sleep(10);
            }
        }
        assertTrue(turnedAway, "a query to a daemon older than its sources is closed unanswered");
        // the refused query's connection closes a moment before the daemon is free again: until then a request
        // is turned away as busy
        CliResult stopped = null;
        for (int i = 0; i < 500 && stopped == null; i++) {
            try {
                stopped = request(staleSocket, 4, tmp.toString());
            } catch (IOException busy) {
                Thread.sleep(10);
            }
        }
        assertEquals(new CliResult(0, "", ""), stopped);
        assertTrue(stale.get(30, TimeUnit.SECONDS), "a stop request is honoured all the same");
    }

    /** Sends one request as rca-client does and reads the frames back. */
    private CliResult request(int terminalFlags, String directory, int extraFlags, String... args) throws IOException {
        return request(socket, terminalFlags | extraFlags, directory, args);
    }

    private static CliResult request(Path socket, int flags, String directory, String... args) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            send(ch, flags, directory, args);
            return readAnswer(ch);
        }
    }

    private static void send(SocketChannel ch, int flags, String directory, String... args) throws IOException {
        DataOutputStream req = new DataOutputStream(Channels.newOutputStream(ch));
        req.writeBytes("RCA1");
        req.writeInt(flags);
        writeString(req, directory);
        req.writeInt(args.length);
        for (String a : args) {
            writeString(req, a);
        }
        req.flush();
    }

    private static CliResult readAnswer(SocketChannel ch) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        while (true) {
            byte type = in.readByte();
            byte[] data = in.readNBytes(in.readInt());
            if (type == 3) {
                return new CliResult(java.nio.ByteBuffer.wrap(data).getInt(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
            }
            (type == 1 ? out : err).write(data);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
