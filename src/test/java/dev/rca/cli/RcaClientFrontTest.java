package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.DaemonClient;
import dev.rca.testing.TestRepo;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rca-client front}, which {@code scripts/rca} execs: the daemon's answer when one answers, and otherwise the
 * launcher in the client's place, told why.
 */
class RcaClientFrontTest {
    @TempDir
    Path tmp;

    private Path repo;
    private Path launcher;

    @BeforeEach
    void repositoryAndLauncher() throws Exception {
        try (TestRepo r = TestRepo.init(tmp.resolve("repo"))) {
            r.commit("first").add("a.txt", "a\n").create();
            r.checkout();
            repo = r.directory();
        }
        // stands in for launch.bash: what it was started with
        launcher = Files.writeString(tmp.resolve("launcher.bash"),
            "printf '%s|' \"$_rca_client_status\" \"$@\"; printf '\\n'\n");
    }

    @Test
    void aDaemonAnswersAsItDoesForRun() throws Exception {
        try (DaemonClient client = DaemonClient.start(tmp)) {
            DaemonClient.Result front = client.front(repo, Map.of(), launcher, "log", "--format=sha", "-n", "1");
            assertEquals(Cli.run(repo, "log", "--format=sha", "-n", "1").out(), front.out(), front.toString());
            assertEquals(0, front.exitCode());
            DaemonClient.Result failed = client.front(repo, Map.of(), launcher, "log", "--bogus");
            assertEquals(Cli.run(repo, "log", "--bogus"), failed.cli());
        }
    }

    @Test
    void theTerminalTypeAndNoColorShareOneDaemonAndTheTimeZoneDoesNot() throws Exception {
        try (DaemonClient client = DaemonClient.compiled(tmp)) {
            Path xterm = client.socket(Map.of("TERM", "xterm-256color"));
            for (Map<String, String> env : List.of(Map.of("TERM", "screen-256color"), Map.of("TERM", "dumb"),
                Map.of("TERM", "xterm-256color", "NO_COLOR", "1"))) {
                assertEquals(xterm, client.socket(env), env.toString());
            }
            assertNotEquals(xterm, client.socket(Map.of("TERM", "xterm-256color", "TZ", "Asia/Tokyo")));
        }
    }

    @Test
    void helpIsNeverColouredThoughPicocliWouldColourIt() {
        String forced = System.getProperty("picocli.ansi");
        System.setProperty("picocli.ansi", "true");
        try {
            CliResult help = Cli.run(repo, "log", "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().startsWith("Usage: rca log [") && !help.out().contains("\u001b"), help.out());
            assertFalse(Cli.run(repo, "log", "--bogus").err().contains("\u001b"));
        } finally {
            if (forced == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", forced);
            }
        }
    }

    @Test
    void withNoDaemonTheLauncherTakesOverWithTheArgumentsAnd125() throws Exception {
        try (DaemonClient client = DaemonClient.compiled(tmp)) {
            DaemonClient.Result r = client.front(repo, Map.of(), launcher, "-C", ".", "log", "--grep=a b", "");
            assertEquals(new DaemonClient.Result(0, "125|-C|.|log|--grep=a b||\n", ""), r);
        }
    }

    @Test
    void aBusyDaemonHandsOverWith124() throws Exception {
        try (DaemonClient client = DaemonClient.compiled(tmp);
             ServerSocketChannel busy = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Path socket = client.socket();
            busy.bind(UnixDomainSocketAddress.of(socket));
            // as a daemon busy with another command: the connection is closed before any frame
            CompletableFuture<Void> turnAway = CompletableFuture.runAsync(() -> {
                try (SocketChannel caller = busy.accept()) {
                    caller.read(java.nio.ByteBuffer.allocate(4));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            DaemonClient.Result r = client.front(repo, Map.of(), launcher, "suspects", "HEAD");
            turnAway.get();
            assertEquals(new DaemonClient.Result(0, "124|suspects|HEAD|\n", ""), r);
        }
    }
}
