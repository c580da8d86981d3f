package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bisection paths as git bisect reads them, from the top of the repository, on a history where {@code d} is a file,
 * then a directory, then a file: {@code d/} is the directory {@code d} and what is under it, never a file so named;
 * {@code ./d} and {@code a/../d} are {@code d}, {@code .} the whole tree.
 */
class BisectPathspecTest {
    @TempDir
    Path tmp;

    /** Ten commits: {@code d} a file, then a directory whose {@code d/x} gets the bug, then a file again. */
    private static List<RevCommit> fileThenDirectoryThenFile(Path dir) {
        List<RevCommit> c = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(dir)) {
            c.add(repo.commit("root").add("a", "1\n").create());
            c.add(repo.commit("file d").add("d", "1\n").create());
            c.add(repo.commit("edit a").add("a", "2\n").create());
            c.add(repo.commit("edit file d").add("d", "2\n").create());
            c.add(repo.commit("d becomes a directory").delete("d").add("d/x", "x\n").create());
            c.add(repo.commit("edit d/x: the bug").add("d/x", "bug\n").add("bug", "1\n").create());
            c.add(repo.commit("edit a 3").add("a", "3\n").create());
            c.add(repo.commit("d a file again").delete("d/x").add("d", "4\n").create());
            c.add(repo.commit("edit file d again").add("d", "5\n").create());
            c.add(repo.commit("tip").add("a", "6\n").create());
            repo.checkout();
        }
        return c;
    }

    @Test
    void pathsAreReadFromTheTopAsGitBisectReadsThem() {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c = fileThenDirectoryThenFile(dir);
        String bad = c.get(9).name();
        String good = c.get(0).name();
        for (String path : List.of("./d/", "a/../d", ".", "./")) {
            CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", path);
            assertEquals(0, start.exitCode(), path + ": " + start);
            assertEquals(NativeGit.run(dir, "rev-list", bad, "^" + good, "--", path),
                Cli.run(dir, "bisect-helper", "range", "--format=sha").out(), path);
        }
        assertEquals("start --bad=" + bad + " --good=" + good + " -- ./",
            Cli.run(dir, "bisect-helper", "log").outLines().get(0), "kept as typed, as git keeps BISECT_NAMES");
        CliResult outside = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", "d/../../x");
        assertEquals(2, outside.exitCode(), outside.toString());
        assertEquals("rca: error: path 'd/../../x' is outside the repository " + dir + "\n", outside.err());
    }

    @Test
    void aPatternIsRefusedAsLogRefusesItAndALiteralPathIsBisected() throws Exception {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c = fileThenDirectoryThenFile(dir);
        String bad = c.get(9).name();
        String good = c.get(0).name();
        for (String pattern : List.of("d/*", ":/d", ":(glob)d/**")) {
            CliResult r = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", pattern);
            assertEquals(2, r.exitCode(), pattern + ": " + r);
            assertEquals("rca: error: path patterns are not supported: '" + pattern + "'",
                r.err().lines().findFirst().orElseThrow(), pattern);
            assertEquals("", r.out(), pattern);
        }
        CliResult literal = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--",
            ":(literal)d");
        assertEquals(0, literal.exitCode(), literal.toString());
        assertEquals(NativeGit.run(dir, "rev-list", bad, "^" + good, "--", ":(literal)d"),
            Cli.run(dir, "bisect-helper", "range", "--format=sha").out());
    }

    @Test
    void aTrailingSlashLimitsTheBisectionToADirectoryAsGitDoes() throws Exception {
        Path dir = tmp.resolve("repo");
        List<RevCommit> c = fileThenDirectoryThenFile(dir);
        String bad = c.get(9).name();
        String good = c.get(0).name();
        CliResult start = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", "d//");
        assertEquals(0, start.exitCode(), start.toString());
        assertEquals("candidates: 3\nsteps: roughly 2\nnext: " + c.get(4).name() + " d becomes a directory\n",
            start.out());
        Path tested = tmp.resolve("rca-tested");
        CliResult run = Cli.run(dir, "bisect-helper", "run", "--format=json", "--",
            "echo $RCA_COMMIT >> " + tested + "; test ! -f bug");
        assertEquals("{\"first_bad\":\"" + c.get(5).name() + "\",\"runs\":2,\"steps\":2,\"confidence\":1.0}\n",
            run.out(), run.toString());
        assertEquals("start --bad=" + bad + " --good=" + good + " -- d//",
            Cli.run(dir, "bisect-helper", "log").outLines().get(0));

        NativeGit.run(dir, "bisect", "start", bad, good, "--", "d/");
        Path gitTested = tmp.resolve("git-tested");
        NativeGit.Result git = NativeGit.exec(dir, null, "bisect", "run", "sh", "-c",
            "git rev-parse HEAD >> " + gitTested + "; test ! -f bug");
        NativeGit.run(dir, "bisect", "reset");
        assertEquals(Files.readAllLines(gitTested), Files.readAllLines(tested), git.out());

        // without the slash the file's commits are candidates too, as in git
        CliResult file = Cli.run(dir, "bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", "d");
        assertEquals(c.get(8).name() + "\n" + c.get(7).name() + "\n" + c.get(5).name() + "\n" + c.get(4).name() + "\n"
            + c.get(3).name() + "\n" + c.get(1).name() + "\n", Cli.run(dir, "bisect-helper", "range", "--format=sha").out(),
            file.toString());
        assertEquals(NativeGit.run(dir, "rev-list", bad, "^" + good, "--", "d"),
            Cli.run(dir, "bisect-helper", "range", "--format=sha").out());
    }
}
