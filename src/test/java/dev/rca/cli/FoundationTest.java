package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoundationTest {
    @TempDir
    Path tmp;

    @Test
    void versionNamesRcaAndJgit() {
        CliResult r = Cli.run(tmp, "--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("rca "), r.out());
        assertTrue(r.out().contains("\nJGit 7."), r.out());
        assertEquals("", r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        CliResult r = Cli.run(tmp);
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().endsWith("rca: error: no command given\n"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOptionIsOneLineWithHint() {
        CliResult r = Cli.run(tmp, "--frobnicate");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("rca: error: Unknown option: '--frobnicate'\nhint: see 'rca --help'\n", r.err());
    }

    @Test
    void fixedClockGivesStableShas() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit first = repo.commit("first").add("a.txt", "a\n").create();
            RevCommit second = repo.commit("second").add("b.txt", "b\n").create();
            assertEquals(first.name() + "\n", NativeGit.run(repo.directory(), "rev-parse", "main~1"));
            assertEquals(second.name() + "\n", NativeGit.run(repo.directory(), "rev-parse", "main"));
            assertEquals("2026-01-01T00:02:00+00:00\n",
                NativeGit.run(repo.directory(), "log", "-1", "--format=%cI", second.name()));
            assertEquals("e1b5d2cdf4a3dd2d3c6d31ec0c4c2ea41d1c5c1d".length(), second.name().length());
        }
    }

    @Test
    void opensFromSubdirectoryBareAndLinkedWorktree() throws Exception {
        Path main = tmp.resolve("main");
        try (TestRepo repo = TestRepo.init(main)) {
            RevCommit tip = repo.commit("first").add("src/a/A.java", "class A {}\n").create();
            repo.checkout();
            Files.createDirectories(main.resolve("src/a"));
            try (GitWorkspace ws = GitWorkspace.open(main.resolve("src/a"))) {
                assertEquals(main.toRealPath(), ws.workTree().toRealPath());
                assertEquals(tip, ws.resolveCommit("HEAD"));
            }
            Path linked = tmp.resolve("linked");
            NativeGit.run(main, "worktree", "add", "-q", "--detach", linked.toString(), "HEAD");
            try (GitWorkspace ws = GitWorkspace.open(linked)) {
                assertEquals(linked.toRealPath(), ws.workTree().toRealPath());
                assertEquals(tip, ws.resolveCommit("HEAD"));
                assertTrue(ws.gitDir().toString().contains("worktrees"), ws.gitDir().toString());
            }
            Path bare = tmp.resolve("bare.git");
            NativeGit.run(tmp, "clone", "-q", "--bare", main.toString(), bare.toString());
            try (GitWorkspace ws = GitWorkspace.open(bare)) {
                assertTrue(ws.isBare());
                assertEquals(tip, ws.resolveCommit("main"));
            }
        }
    }

    @Test
    void notARepositoryAndUnknownRevisionAreBadInput() {
        RcaException notRepo = assertThrows(RcaException.class, () -> GitWorkspace.open(tmp));
        assertEquals(ExitCode.BAD_INPUT, notRepo.exitCode());
        assertTrue(notRepo.render().startsWith("rca: error: not a git repository"), notRepo.render());
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"));
             GitWorkspace ws = GitWorkspace.open(repo.directory())) {
            repo.commit("first").add("a", "a").create();
            RcaException unknown = assertThrows(RcaException.class, () -> ws.resolveCommit("nope"));
            assertEquals("rca: error: unknown revision 'nope'", unknown.render());
            assertFalse(ws.isBare());
        }
    }
}
