package dev.rca.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchCheckoutTest {
    @TempDir
    Path tmp;

    @Test
    void movesIncrementallyAndRecoversFromAnInterruptedMove() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit a = repo.commit("a").add("same.txt", "same\n").add("changes.txt", "one\n").add("gone.txt", "x\n")
                .create();
            RevCommit b = repo.commit("b").add("changes.txt", "two\n").delete("gone.txt").add("dir/new.txt", "new\n")
                .create();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory())) {
                ScratchCheckout scratch = ScratchCheckout.of(ws, "test");
                assertNull(scratch.current());
                Path dir = scratch.checkout(a.name());
                assertEquals(ws.rcaDir().resolve("test"), dir);
                assertEquals(a.name(), scratch.current());
                Files.writeString(dir.resolve("build-output.o"), "built\n");
                Object sameKey = Files.readAttributes(dir.resolve("same.txt"), BasicFileAttributes.class).fileKey();
                var sameTime = Files.getLastModifiedTime(dir.resolve("same.txt"));

                scratch.checkout(b.name());
                assertEquals("two\n", Files.readString(dir.resolve("changes.txt")));
                assertEquals("new\n", Files.readString(dir.resolve("dir/new.txt")));
                assertFalse(Files.exists(dir.resolve("gone.txt")));
                assertTrue(Files.exists(dir.resolve("build-output.o")), "untracked build output survives");
                assertEquals(sameKey, Files.readAttributes(dir.resolve("same.txt"), BasicFileAttributes.class).fileKey());
                assertEquals(sameTime, Files.getLastModifiedTime(dir.resolve("same.txt")), "unchanged file not rewritten");
                assertEquals(b.name() + "\n", NativeGit.run(dir, "rev-parse", "HEAD"));
                assertEquals("?? build-output.o\n", NativeGit.run(dir, "status", "--porcelain"));
                assertEquals("two\n", NativeGit.run(dir, "show", "HEAD:changes.txt"));
                assertEquals(1, NativeGit.lines(repo.directory(), "worktree", "list").size());

                // a move killed half-way: the record is gone and a file is half-written
                Files.delete(ws.rcaDir().resolve("test.head"));
                Files.writeString(dir.resolve("same.txt"), "garbage");
                scratch.checkout(a.name());
                assertEquals(Map.of("same.txt", "same\n", "changes.txt", "one\n", "gone.txt", "x\n"), files(dir));

                scratch.remove();
                assertFalse(Files.exists(dir));
                assertFalse(Files.exists(ws.rcaDir().resolve("test.git")));
                assertNull(scratch.current());
            }
        }
    }

    @Test
    void commandRunnerKillsTheWholeTreeOnTimeout() throws Exception {
        Path pidFile = tmp.resolve("pid");
        CommandRunner.Result r = CommandRunner.run(List.of("sleep 600 & echo $! > '" + pidFile + "'; wait"), tmp,
            Map.of("X", "1"), Duration.ofMillis(500));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        var child = ProcessHandle.of(pid);
        if (child.isPresent()) {
            child.get().onExit().get();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void commandRunnerCapturesOutputExitCodeAndEnvironment() {
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "echo \"$GREETING\"; echo oops >&2; exit 7"), tmp,
            Map.of("GREETING", "hello"), null);
        assertEquals(7, r.exitCode());
        assertFalse(r.timedOut());
        assertEquals("hello\noops\n", r.output());
    }

    private static Map<String, String> files(Path dir) throws Exception {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals(".git")) {
                    out.put(dir.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        return out;
    }
}
