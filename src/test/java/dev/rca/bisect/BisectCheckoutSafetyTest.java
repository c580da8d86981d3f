package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's work tree, index, HEAD and refs stay byte-identical through a bisection: with local
 * changes, from a linked worktree, and when rca is killed with SIGKILL in the middle of a step.
 */
class BisectCheckoutSafetyTest {
    @TempDir
    Path tmp;

    private GeneratedHistory history(Path repo) {
        return new GeneratedHistory(repo, 120, 42, 0.0, 0.6);
    }

    private static void makeDirty(Path tree) throws IOException {
        Files.writeString(tree.resolve("f1"), "edited but not staged\n");
        Files.writeString(tree.resolve("f2"), "staged\n");
        NativeGit.run(tree, "add", "f2");
        Files.writeString(tree.resolve("f2"), "staged, then edited again\n");
        Files.writeString(tree.resolve("untracked.txt"), "new\n");
        Files.writeString(tree.resolve("bug"), "a file the candidates do not all have\n");
    }

    @Test
    void dirtyCheckoutStaysByteIdentical() throws IOException {
        Path repo = tmp.resolve("repo");
        GeneratedHistory h = history(repo);
        makeDirty(repo);
        WorkTreeSnapshot before = WorkTreeSnapshot.of(repo, repo.resolve(".git"));

        CliResult start = Cli.run(repo, "bisect-helper", "start", "--bad=" + h.shas.get(h.bad),
            "--good=" + h.shas.get(h.good));
        assertEquals(0, start.exitCode(), start.toString());
        CliResult next = Cli.run(repo, "bisect-helper", "next");
        assertEquals(repo.resolve(".git/rca/bisect").toRealPath() + "\n", Path.of(next.out().trim()).toRealPath() + "\n");
        CliResult run = Cli.run(repo, "bisect-helper", "run", "--", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("first bad commit: " + h.shas.get(h.culprit) + " commit " + h.culprit + "\n"),
            run.out());
        assertEquals(before, WorkTreeSnapshot.of(repo, repo.resolve(".git")));
        assertTrue(Files.isDirectory(repo.resolve(".git/rca/bisect")));

        CliResult reset = Cli.run(repo, "bisect-helper", "reset");
        assertEquals("bisection reset\n", reset.out());
        assertFalse(Files.exists(repo.resolve(".git/rca/bisect")));
        assertFalse(Files.exists(repo.resolve(".git/rca/bisect.yaml")));
        assertEquals(before, WorkTreeSnapshot.of(repo, repo.resolve(".git")));
    }

    @Test
    void linkedWorktreeKeepsItsStateInItsOwnGitDir() throws IOException {
        Path repo = tmp.resolve("repo");
        GeneratedHistory h = history(repo);
        Path linked = tmp.resolve("linked");
        NativeGit.run(repo, "worktree", "add", "-q", "--detach", linked.toString(), "main~3");
        makeDirty(linked);
        WorkTreeSnapshot mainBefore = WorkTreeSnapshot.of(repo, repo.resolve(".git"));
        Path linkedGitDir = repo.resolve(".git/worktrees/linked");
        WorkTreeSnapshot linkedBefore = WorkTreeSnapshot.of(linked, linkedGitDir);

        assertEquals(0, Cli.run(linked, "bisect-helper", "start", "--bad=" + h.shas.get(h.bad),
            "--good=" + h.shas.get(h.good)).exitCode());
        CliResult run = Cli.run(linked, "bisect-helper", "run", "--format=json", "--", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("{\"first_bad\":\"" + h.shas.get(h.culprit) + "\""), run.out());
        assertTrue(Files.isRegularFile(linkedGitDir.resolve("rca/bisect.yaml")));
        assertTrue(Files.isDirectory(linkedGitDir.resolve("rca/bisect")));
        assertFalse(Files.exists(repo.resolve(".git/rca")));
        assertEquals(mainBefore, WorkTreeSnapshot.of(repo, repo.resolve(".git")));
        assertEquals(linkedBefore, WorkTreeSnapshot.of(linked, linkedGitDir));
    }

    @Test
    void sigkillMidRunThenResume() throws Exception {
        Path repo = tmp.resolve("repo");
        GeneratedHistory h = history(repo);
        makeDirty(repo);
        WorkTreeSnapshot before = WorkTreeSnapshot.of(repo, repo.resolve(".git"));
        Path counter = tmp.resolve("count");
        Path block = tmp.resolve("block");
        Path ready = tmp.resolve("ready");
        Files.writeString(block, "");
        String test = "echo \"$RCA_COMMIT\" >> '" + counter + "'; n=$(wc -l < '" + counter + "');"
            + " if [ \"$n\" -eq 3 ] && [ -f '" + block + "' ]; then touch '" + ready + "'; sleep 600; fi; test ! -f bug";
        assertEquals(0, Cli.run(repo, "bisect-helper", "start", "--bad=" + h.shas.get(h.bad),
            "--good=" + h.shas.get(h.good)).exitCode());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process rca = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.rca.cli.Rca",
            "-C", repo.toString(), "bisect-helper", "run", "--", test)
            .redirectErrorStream(true).redirectOutput(tmp.resolve("rca.log").toFile()).start();
        while (!Files.exists(ready)) {
            assertTrue(rca.isAlive(), () -> "rca ended before the third test: " + read(tmp.resolve("rca.log")));
            Thread.sleep(20);
        }
        List<ProcessHandle> children = rca.descendants().toList();
        rca.destroyForcibly();
        rca.waitFor(60, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
        assertEquals(137, rca.exitValue());

        assertEquals(before, WorkTreeSnapshot.of(repo, repo.resolve(".git")));
        CliResult log = Cli.run(repo, "bisect-helper", "log", "--format=json");
        assertEquals(0, log.exitCode(), log.toString());
        List<String> tested = Files.readAllLines(counter);
        assertEquals(3, tested.size());
        assertEquals(2, log.out().split("\"commit\"").length - 1, log.out());

        Files.delete(block);
        CliResult resumed = Cli.run(repo, "bisect-helper", "run", "--format=json", "--", test);
        assertEquals(0, resumed.exitCode(), resumed.toString());
        List<String> all = Files.readAllLines(counter);
        assertEquals(tested.get(2), all.get(3), "the interrupted step is run again first");
        List<String> distinct = new ArrayList<>(all);
        distinct.remove(3);
        assertEquals("{\"first_bad\":\"" + h.shas.get(h.culprit) + "\",\"runs\":" + distinct.size() + ",\"steps\":"
            + distinct.size() + ",\"confidence\":1.0}\n", resumed.out());
        assertEquals(before, WorkTreeSnapshot.of(repo, repo.resolve(".git")));

        NativeGit.run(repo, "stash", "-u");
        NativeGit.run(repo, "bisect", "start", h.shas.get(h.bad), h.shas.get(h.good));
        Path gitCounter = tmp.resolve("git-count");
        NativeGit.run(repo, "bisect", "run", "sh", "-c", "git rev-parse HEAD >> '" + gitCounter + "'; test ! -f bug");
        assertEquals(Files.readAllLines(gitCounter), distinct, "same commits as an uninterrupted git bisect run");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
