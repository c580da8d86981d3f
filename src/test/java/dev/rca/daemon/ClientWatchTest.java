package dev.rca.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Interruption;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon's command whose client was stopped (^C) records nothing, as a JVM of its own that died with it would not:
 * the client is noticed gone, and the ledger refuses the write.
 */
class ClientWatchTest {
    @TempDir
    Path tmp;

    @Test
    void aClientThatClosesItsSocketIsNoticedGoneAndOneThatWaitsIsNot() throws Exception {
        Path socket = tmp.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            try (SocketChannel accepted = server.accept()) {
                BooleanSupplier gone = ClientWatch.start(accepted);
                // the answer can still be written while the watch waits on the same channel
                accepted.write(ByteBuffer.wrap(new byte[] {42}));
                ByteBuffer got = ByteBuffer.allocate(1);
                assertEquals(1, client.read(got));
                assertFalse(gone.getAsBoolean(), "a client waiting for its answer is there");
                client.close();
                for (int i = 0; i < 1000 && !gone.getAsBoolean(); i++) {
                    Thread.sleep(10);
                }
                assertTrue(gone.getAsBoolean(), "a closed client is noticed");
            }
        }
    }

    @Test
    void aQueryWhoseRequesterHasGoneRecordsNothingAndPrintsNothing() throws Exception {
        Path dir;
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            repo.commit("add cache").add("cache.c", "a\n").create();
            repo.checkout();
            dir = repo.directory();
        }
        assertEquals(0, Cli.run(dir, "open", "T-1").exitCode());
        Path ledger = dir.resolve("docs/postmortems/T-1.yaml");
        String before = Files.readString(ledger);
        CliResult[] result = new CliResult[1];
        Interruption.during(() -> true, () -> {
            result[0] = Cli.run(dir, "log", "--format=sha", "-t", "T-1");
            return result[0].exitCode();
        });
        assertEquals(3, result[0].exitCode(), result[0].toString());
        assertEquals("", result[0].out());
        assertEquals("rca: error: interrupted: nothing was recorded in docs/postmortems/T-1.yaml\n", result[0].err());
        assertEquals(before, Files.readString(ledger));
        CliResult seen = Cli.run(dir, "log", "--format=sha", "-t", "T-1");
        assertEquals(0, seen.exitCode(), seen.toString());
        assertTrue(Files.readString(ledger).contains("kind: query"));
    }

    @Test
    void aLongWalkWhoseRequesterHasGoneStopsAtItsNextProgressReport() {
        // 1100 commits: the walk reports its progress every 1024, where it notices that nobody waits any more
        Path dir = tmp.resolve("long");
        NativeGit.run(tmp, "init", "-q", "-b", "main", dir.toString());
        StringBuilder stream = new StringBuilder();
        for (int i = 1; i <= 1100; i++) {
            stream.append("commit refs/heads/main\ncommitter A <a@example.com> ").append(1_700_000_000L + i)
                .append(" +0000\ndata 2\nc").append(i % 10).append("\n")
                .append("M 100644 inline f\ndata ").append(String.valueOf(i).length() + 1).append("\n").append(i)
                .append("\n\n");
        }
        NativeGit.runWithInput(dir, stream.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "fast-import", "--quiet");
        CliResult[] result = new CliResult[1];
        Interruption.during(() -> true, () -> {
            result[0] = Cli.run(dir, "history", "f", "main", "--stat", "--format=sha");
            return result[0].exitCode();
        });
        assertEquals(3, result[0].exitCode(), result[0].toString());
        assertEquals("rca: error: interrupted: the command was given up while walking history\n", result[0].err());
        // what was printed before nobody read it is cut short
        assertTrue(result[0].outLines().size() < 1100, result[0].outLines().size() + " lines");
        assertEquals(1100, Cli.run(dir, "history", "f", "main", "--format=sha").outLines().size());
    }
}
