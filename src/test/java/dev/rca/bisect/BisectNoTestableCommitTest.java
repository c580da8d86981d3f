package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path-limited bisection whose bug is outside the paths: once no candidate touching them is left, nothing is left to
 * test; git says "No testable commit found", rca says why, before and during a run.
 */
class BisectNoTestableCommitTest {
    @TempDir
    Path tmp;

    /** A root commit with {@code src/a}, a commit touching {@code src} if asked, then the bug in {@code docs}. */
    private static List<RevCommit> bugOutsideSrc(Path dir, boolean srcChange) {
        try (TestRepo repo = TestRepo.init(dir)) {
            List<RevCommit> c = new java.util.ArrayList<>(List.of(repo.commit("root").add("src/a", "0\n").create()));
            if (srcChange) {
                c.add(repo.commit("src change").add("src/b", "1\n").create());
            }
            c.add(repo.commit("bug outside src").add("docs/bug", "1\n").create());
            repo.checkout();
            return c;
        }
    }

    @Test
    void aRunThatLeavesNoCandidateTouchingThePathsSaysSoAsGitDoes() {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c = bugOutsideSrc(dir, true);
        String bad = c.get(2).name();
        String good = c.get(0).name();
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", "src");
        assertEquals("candidates: 1\nsteps: roughly 0\nnext: " + c.get(1).name() + " src change\n", start.out());
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "test ! -f docs/bug");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("no testable commit left: no candidate left touches the paths, so the first bad commit does not"
            + " touch them\n", run.out());
        CliResult json = Cli.run(dir, "bisect-helper", "run", "--format=json", "--", "test ! -f docs/bug");
        assertEquals("{\"first_bad\":null,\"runs\":1,\"steps\":1,\"confidence\":0.0,\"outside_paths\":true}\n", json.out(), json.toString());
        CliResult status = Cli.run(dir, "bisect-helper", "status");
        assertEquals(1, status.exitCode());
        assertTrue(status.out().endsWith("steps taken: 1 (1 run)\nno testable commit left: no candidate left touches"
            + " the paths, so the first bad commit does not touch them\n"), status.out());

        NativeGit.run(dir, "bisect", "start", bad, good, "--", "src");
        NativeGit.Result git = NativeGit.exec(dir, null, "bisect", "run", "sh", "-c", "test ! -f docs/bug");
        assertTrue(git.err().contains("No testable commit found.\n"), git.err());
        NativeGit.run(dir, "bisect", "reset");
    }

    /** --flaky on a range where no candidate touches the paths ends as a run without it does, testing nothing. */
    @Test
    void aFlakyRunWithNoCandidateTouchingThePathsSaysSoAsADeterministicOneDoes() {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c = bugOutsideSrc(dir, false);
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=" + c.get(1).name(), "--good=" + c.get(0).name(),
            "--", "src");
        assertEquals(1, start.exitCode(), start.toString());
        assertEquals("no testable commit: no candidate touches the paths\n", start.out());
        for (String mode : new String[] {"--flaky", "--repeat=1"}) {
            CliResult run = Cli.run(dir, "bisect-helper", "run", mode, "--", "test ! -f docs/bug");
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(start.out(), run.out());
            assertEquals("rca: note: nothing was tested: the bisection had already ended\n", run.err());
            CliResult json = Cli.run(dir, "bisect-helper", "run", mode, "--format=json", "--", "test ! -f docs/bug");
            assertEquals("{\"first_bad\":null,\"runs\":0,\"steps\":0,\"confidence\":0.0,\"outside_paths\":true}\n", json.out(), json.toString());
        }
        assertEquals(1, Cli.run(dir, "bisect-helper", "status").exitCode());
    }

    /**
     * --flaky where every candidate touching the paths passes and the bad commit, which does not touch them, fails: the
     * deterministic run's "no testable commit left", with its probability, not "the failure is a flake".
     */
    @Test
    void aFlakyRunWhoseBugIsOutsideThePathsSaysNoTestableCommitIsLeftNotThatItIsAFlake() throws Exception {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c = bugOutsideSrc(dir, true);
        Cli.run(dir, "bisect-helper", "start", "--bad=" + c.get(2).name(), "--good=" + c.get(0).name(), "--", "src");
        Path tested = tmp.resolve("tested");
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--flaky", "--",
            "echo $RCA_COMMIT >> " + tested + "; test ! -f docs/bug");
        assertEquals(1, run.exitCode(), run.toString());
        String noTestable = "no testable commit left: no candidate left touches the paths, so the first bad commit does"
            + " not touch them (probability 0.9923";
        assertEquals(noTestable + " after 5 runs)\n", run.out());
        assertTrue(Files.readAllLines(tested).contains(c.get(2).name()), "the bad commit is tested: " + run.err());
        CliResult status = Cli.run(dir, "bisect-helper", "status");
        assertTrue(status.out().endsWith("steps taken: 5 (5 runs)\n" + run.out()), status.toString());
        assertTrue(Cli.run(dir, "bisect-helper", "status", "--format=json").out().endsWith(
            ",\"first_bad\":null,\"suspects\":[],\"outside_paths\":true,\"confidence\":0.9923627684964202}\n"));
        CliResult again = Cli.run(dir, "bisect-helper", "run", "--flaky", "--format=json", "--", "test ! -f docs/bug");
        assertEquals("{\"first_bad\":null,\"runs\":5,\"steps\":5,\"confidence\":0.9923627684964202,"
            + "\"outside_paths\":true}\n", again.out(),
            again.toString());
    }

    /** Stopped by --max-runs while that answer leads, the run is undecided, and says which answer leads. */
    @Test
    void aFlakyRunStoppedShortSaysThatTheMostProbableFirstBadCommitIsOutsideThePaths() {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c = bugOutsideSrc(dir, true);
        Cli.run(dir, "bisect-helper", "start", "--bad=" + c.get(2).name(), "--good=" + c.get(0).name(), "--", "src");
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--flaky", "--max-runs=3", "--", "test ! -f docs/bug");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("undecided after 3 runs: the most probable answer is that the first bad commit does not touch the"
            + " paths (probability 0.9679), short of the 0.99 asked\nDecide it with more runs: rca bisect-helper run"
            + " --flaky --max-runs=6 -- sh -c 'test ! -f docs/bug'\n", run.out());
        CliResult status = Cli.run(dir, "bisect-helper", "status");
        assertEquals(1, status.exitCode(), status.toString());
        assertTrue(status.out().endsWith("steps taken: 3 (3 runs)\n" + run.out()), status.toString());
        String json = Cli.run(dir, "bisect-helper", "run", "--flaky", "--max-runs=3", "--format=json", "--",
            "test ! -f docs/bug").out();
        assertEquals("{\"first_bad\":null,\"runs\":3,\"steps\":3,\"confidence\":0.9679012345679012,\"outside_paths\":true,"
            + "\"undecided\":true,\"most_probable\":null}\n", json);
        assertTrue(Cli.run(dir, "bisect-helper", "status", "--format=json").out().endsWith(",\"first_bad\":null,"
            + "\"suspects\":[],\"outside_paths\":true,\"undecided\":true,\"most_probable\":null,\"confidence\":0.9679012345679012}\n"));
    }

    /**
     * A generated history (found by differential fuzzing) where history simplification depends on the walk's object
     * pool: git bisect start, which walks once more first, chooses a merge that a walk in a new process drops. git
     * bisect run still tests that merge, the commit it has checked out; so does rca's run, then finds nothing left.
     */
    @Test
    void theCommitStartChoseIsTestedFirstEvenWhereANewWalkWouldChooseNothingAsGitDoes() throws IOException {
        Path dir = tmp.resolve("repo");
        NativeGit.run(tmp, "init", "-q", "-b", "main", dir.toString());
        try (InputStream in = getClass().getResourceAsStream("pool-dependent-simplification.fi")) {
            NativeGit.runWithInput(dir, in.readAllBytes(), "fast-import", "--quiet");
        }
        NativeGit.run(dir, "checkout", "-q", "-f", "main");
        String merge = "74651eccb5c32bff4fe1f75bd65c2df1a2910c64";
        List<String> goods = List.of("ed7bf44f33a01e847709e89619934a30a4895ee0",
            "23c6128f365355b697aa3740bbc433400f144b7a", "b6a2ebec6de633bde5bab05725094d239fb88f91");
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=main", "--good=" + goods.get(0),
            "--good=" + goods.get(1), "--good=" + goods.get(2), "--", "lib", "other");
        assertEquals("candidates: 3\nsteps: roughly 2\nnext: " + merge + " commit 49 merge\n", start.out());
        assertEquals("a8797a0ab8a3eb15137a9451ea73d96b896f8aeb (HEAD -> main, dist=0)\n", NativeGit.run(dir, "rev-list",
            "--bisect-all", "main", "^" + goods.get(0), "^" + goods.get(1), "^" + goods.get(2), "--", "lib", "other"));
        assertEquals("next: " + merge + " commit 49 merge", Cli.run(dir, "bisect-helper", "status").outLines().get(8));
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "test ! -f src/BUG");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("no testable commit left: no candidate left touches the paths, so the first bad commit does not"
            + " touch them\n", run.out());
        assertEquals("bad " + merge + " commit 49 merge", Cli.run(dir, "bisect-helper", "log").outLines().get(1));

        NativeGit.run(dir, "bisect", "start", "main", goods.get(0), goods.get(1), goods.get(2), "--", "lib", "other");
        NativeGit.Result git = NativeGit.exec(dir, null, "bisect", "run", "sh", "-c", "test ! -f src/BUG");
        assertTrue(git.err().contains("No testable commit found.\n"), git.err());
        assertTrue(NativeGit.run(dir, "bisect", "log").contains("\ngit bisect bad " + merge + "\n"));
        NativeGit.run(dir, "bisect", "reset");
    }
}
