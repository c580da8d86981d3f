package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.DaemonClient;
import dev.rca.testing.TestRepo;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
