package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's JIT warm-up runs on a repository of its own: it changes no answer and writes nowhere else. */
class DaemonWarmUpTest {
    @TempDir
    Path tmp;

    @Test
    void theWarmUpWritesOnlyInItsCacheDirectoryAndChangesNoAnswer() throws Exception {
        Path repo;
        try (TestRepo r = TestRepo.init(tmp.resolve("user"))) {
            r.commit("add cache").add("src/cache.c", "a\nb\nc\n").create();
            r.commit("tune cache").add("src/cache.c", "a\nB\nc\n").create();
            r.commit("fix cache eviction").add("src/cache.c", "a\nB\nC\n").create();
            r.checkout();
            repo = r.directory();
        }
        String fix = Cli.run(repo, "log", "--format=sha", "-n", "1").out().strip();
        List<String[]> queries = List.of(new String[] {"log", "--format=oneline"},
            new String[] {"history", "--format=sha", "src/cache.c"}, new String[] {"suspects", "--no-trailers", fix});
        List<CliResult> before = queries.stream().map(q -> Cli.run(repo, q)).toList();
        Map<String, String> files = filesUnder(tmp);
        Path cache = tmp.resolve("warm-up");

        GitWorkspace.keepRepositoriesOpen(8);
        try {
            DaemonWarmUp warmUp = new DaemonWarmUp(cache, () -> false, 2, java.time.Duration.ofSeconds(15));
            warmUp.start();
            assertTrue(warmUp.awaitEnd() > 0, "the warm-up ran (it needs git on the PATH, as these tests do)");
            assertTrue(GitWorkspace.keptRepositories().stream().noneMatch(p -> p.startsWith(cache)),
                "its repository does not stay among the daemon's open ones");
        } finally {
            GitWorkspace.stopKeepingRepositoriesOpen();
        }

        assertTrue(Files.isDirectory(cache.resolve("v1/repo/.git/rca")), "its own repository got rca's state");
        Map<String, String> after = filesUnder(tmp);
        after.keySet().removeIf(p -> p.startsWith("warm-up/"));
        assertEquals(files, after, "nothing outside its cache directory changed");
        assertEquals(before, queries.stream().map(q -> Cli.run(repo, q)).toList());
    }

    @Test
    void aWarmUpStoppedWhileACommandRunsNeverStarts() throws Exception {
        Path cache = tmp.resolve("warm-up");
        DaemonWarmUp warmUp = new DaemonWarmUp(cache, () -> true);
        warmUp.start();
        warmUp.stop();
        assertEquals(0, warmUp.awaitEnd());
        assertFalse(Files.exists(cache), "nothing was generated while a command ran");
    }

    @Test
    void aCacheDirectoryThatCannotBeMadeLeavesTheWarmUpOutSilently() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("target"), "a file where the cache's parent would be");
        DaemonWarmUp warmUp = new DaemonWarmUp(notADirectory.resolve("rca-warmup"), () -> false);
        warmUp.start();
        assertEquals(0, warmUp.awaitEnd());
        assertEquals(List.of(notADirectory), listed(tmp));
    }

    private static List<Path> listed(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    /** Every file and directory under {@code root}, .git included, with a digest of each file's bytes. */
    private static Map<String, String> filesUnder(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                try {
                    files.put(Files.isDirectory(p) ? rel + "/" : rel,
                        Files.isDirectory(p) ? "dir" : digest(Files.readAllBytes(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
