package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths as git reads them in every command that takes paths ({@code log}, {@code history}, {@code bisect-helper
 * start}): an absolute path inside the work tree, also through a symbolic link to it, names the path from its top;
 * one outside is refused; a backslash is a character of a name.
 */
class AbsolutePathsTest {
    @TempDir
    Path tmp;

    private Path dir;
    private String good;
    private String bad;

    @BeforeEach
    void repository() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            good = repo.commit("root").add("README", "r\n").create().name();
            repo.commit("add x").add("src/x.c", "1\n").create();
            repo.commit("other").add("lib/y.c", "1\n").create();
            repo.commit("edit x").add("src/x.c", "2\n").create();
            repo.commit("a backslash in a name").add("a\\b.txt", "1\n").create();
            bad = repo.commit("more").add("lib/y.c", "2\n").create().name();
            repo.checkout();
            dir = repo.directory();
        }
    }

    /** What git log lists for {@code path} (git's own exit code must be 0). */
    private List<String> gitLog(Path from, String path) {
        NativeGit.Result git = NativeGit.exec(from, null, "log", "--format=%H", "--", path);
        assertEquals(0, git.exitCode(), git.err());
        return git.out().lines().toList();
    }

    @Test
    void logAndHistoryTakeAnAbsolutePathInTheWorkTreeAsGitDoes() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        Path src = dir.resolve("src");
        for (String path : List.of(dir.resolve("src/x.c").toString(), dir + "/src/", dir.toString(),
            dir + "/lib/../src/x.c", link.resolve("src/x.c").toString(), link.toString(), "a\\b.txt")) {
            for (Path from : List.of(dir, src)) {
                if (!path.startsWith("/") && from == src) {
                    continue;
                }
                List<String> expected = gitLog(from, path);
                assertTrue(!expected.isEmpty(), path);
                assertEquals(expected, Cli.run(from, "log", "--format=sha", "--", path).outLines(), path + " from " + from);
                assertEquals(expected, Cli.run(from, "history", "--format=sha", "--", path).outLines(), path);
                assertEquals(expected, Cli.run(from, "history", "--format=sha", path).outLines(), path);
            }
        }
    }

    @Test
    void aPathOutsideTheWorkTreeIsRefusedByEveryCommandAsGitRefusesIt() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        for (String path : List.of(elsewhere.toString(), "../elsewhere", tmp.toString())) {
            NativeGit.Result git = NativeGit.exec(dir, null, "log", "--", path);
            assertEquals(128, git.exitCode(), path);
            assertEquals("fatal: " + path + ": '" + path + "' is outside repository at '" + dir + "'\n", git.err());
            NativeGit.Result bisect = NativeGit.exec(dir, null, "bisect", "start", "HEAD", good, "--", path);
            NativeGit.exec(dir, null, "bisect", "reset");
            assertEquals(128, bisect.exitCode(), path);
            assertEquals(git.err(), bisect.err());
            String refused = "rca: error: path '" + path + "' is outside the repository " + dir + "\n";
            for (String[] command : List.of(new String[] {"log", "--", path}, new String[] {"history", "--", path},
                new String[] {"bisect-helper", "start", "--bad=HEAD", "--good=" + good, "--", path})) {
                CliResult r = Cli.run(dir, command);
                assertEquals(ExitCode.USAGE, r.exitCode(), path + ": " + r);
                assertEquals("", r.out());
                assertEquals(refused, r.err());
            }
        }
    }

    @Test
    void bisectStartTakesAnAbsolutePathInTheWorkTreeAndKeepsItFromTheTop() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        for (String path : List.of(dir.resolve("src/x.c").toString(), link + "/src/", dir.toString(), "a\\b.txt")) {
            NativeGit.Result git = NativeGit.exec(dir, null, "bisect", "start", "HEAD", good, "--", path);
            assertEquals(0, git.exitCode(), git.err());
            NativeGit.run(dir, "bisect", "reset");
            for (Path from : List.of(dir, dir.resolve("src"))) {
                CliResult start = Cli.run(from, "bisect-helper", "start", "--bad=HEAD", "--good=" + good, "--", path);
                assertEquals(0, start.exitCode(), path + ": " + start);
                assertEquals(NativeGit.run(dir, "rev-list", "HEAD", "^" + good, "--", path),
                    Cli.run(dir, "bisect-helper", "range", "--format=sha").out(), path);
            }
        }
        // the ledger and the log keep what git reads, not a directory of this machine
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=" + good, "--", link + "/src/")
            .exitCode());
        assertEquals("start --bad=" + bad + " --good=" + good + " -- src/", Cli.run(dir, "bisect-helper", "log").outLines().get(0));
        Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=" + good, "--", dir.toString());
        assertEquals("start --bad=" + bad + " --good=" + good + " -- .", Cli.run(dir, "bisect-helper", "log").outLines().get(0));
    }
}
