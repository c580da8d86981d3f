package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path-limited bisection whose bug is outside the paths: once the only candidate touching them is good, nothing is
 * left to test; git says "No testable commit found", rca says why, before and during a run.
 */
class BisectNoTestableCommitTest {
    @TempDir
    Path tmp;

    @Test
    void aRunThatLeavesNoCandidateTouchingThePathsSaysSoAsGitDoes() {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c;
        try (TestRepo repo = TestRepo.init(dir)) {
            c = List.of(repo.commit("root").add("src/a", "0\n").create(),
                repo.commit("src change").add("src/b", "1\n").create(),
                repo.commit("bug outside src").add("docs/bug", "1\n").create());
            repo.checkout();
        }
        String bad = c.get(2).name();
        String good = c.get(0).name();
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", "src");
        assertEquals("candidates: 1\nsteps: roughly 0\nnext: " + c.get(1).name() + " src change\n", start.out());
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "test ! -f docs/bug");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("no testable commit left: no candidate left touches the paths, so the first bad commit does not"
            + " touch them\n", run.out());
        CliResult json = Cli.run(dir, "bisect-helper", "run", "--format=json", "--", "test ! -f docs/bug");
        assertEquals("{\"first_bad\":null,\"runs\":1,\"steps\":1,\"confidence\":0.0}\n", json.out(), json.toString());
        CliResult status = Cli.run(dir, "bisect-helper", "status");
        assertEquals(1, status.exitCode());
        assertTrue(status.out().endsWith("done: 1 steps, 1 runs\nno testable commit left: no candidate left touches"
            + " the paths, so the first bad commit does not touch them\n"), status.out());

        NativeGit.run(dir, "bisect", "start", bad, good, "--", "src");
        NativeGit.Result git = NativeGit.exec(dir, null, "bisect", "run", "sh", "-c", "test ! -f docs/bug");
        assertTrue(git.err().contains("No testable commit found.\n"), git.err());
        NativeGit.run(dir, "bisect", "reset");
    }
}
