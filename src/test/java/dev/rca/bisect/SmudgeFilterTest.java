package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.DaemonClient;
import dev.rca.testing.NativeGit;
import dev.rca.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scratch checkout runs the repository's smudge filters as git does: one that fails is told in one line (not as
 * JGit's exception), and one still running when the daemon's client is interrupted is killed, as ^C kills git's.
 */
class SmudgeFilterTest {
    @TempDir
    Path tmp;

    private Path dir;
    private List<RevCommit> commits;
    /** Where a hanging filter writes its pid: it is killed after the test whatever the test found. */
    private Path filterPid;

    @AfterEach
    void killALeftFilter() throws Exception {
        if (filterPid != null && Files.exists(filterPid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(filterPid).trim()))
                .ifPresent(dev.rca.git.CommandRunner::killTree);
        }
    }

    @BeforeEach
    void history() throws Exception {
        dir = tmp.resolve("repo");
        commits = SixteenCommitLine.create(dir);
        Files.createDirectories(dir.resolve(".git/info"));
        Files.writeString(dir.resolve(".git/info/attributes"), "src/f1 filter=up\n");
        NativeGit.run(dir, "config", "filter.up.required", "true");
    }

    @Test
    void aFailingFilterIsToldInOneLine() throws Exception {
        NativeGit.run(dir, "config", "filter.up.smudge", "cat >/dev/null; echo 'object 1234 is missing' >&2; exit 7");
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name())
            .exitCode());
        assertEquals(new CliResult(3, "", "rca: error: cannot check out " + commits.get(7).name() + " into "
            + dir.resolve(".git/rca/bisect") + ": src/f1: smudge filter 'cat >/dev/null; echo 'object 1234 is missing'"
            + " >&2; exit 7' failed (exit 7): object 1234 is missing\n"), Cli.run(dir, "bisect-helper", "next"));
    }

    /**
     * A failing filter that is not {@code filter.<driver>.required} fails no checkout: as git does, it is a warning and
     * the file is written unfiltered (reviewer-100); the test then runs.
     */
    @Test
    void aFailingFilterThatIsNotRequiredWarnsAndWritesTheBlobAsGitDoes() throws Exception {
        NativeGit.run(dir, "config", "--unset", "filter.up.required");
        String filter = "cat >/dev/null; echo oops >&2; exit 1";
        NativeGit.run(dir, "config", "filter.up.smudge", filter);
        String seven = commits.get(7).name();
        NativeGit.Result git = NativeGit.exec(dir, null, "worktree", "add", "--detach", tmp.resolve("wt").toString(),
            seven);
        assertEquals(0, git.exitCode(), git.toString());
        assertTrue(git.err().contains("error: external filter '" + filter + "' failed 1"), git.err());
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name())
            .exitCode());
        String warning = "rca: warning: src/f1: smudge filter '" + filter + "' failed (exit 1): oops; written"
            + " unfiltered, as git does when the filter is not required\n";
        assertEquals(new CliResult(0, dir.resolve(".git/rca/bisect") + "\n", warning),
            Cli.run(dir, "bisect-helper", "next"));
        assertEquals("v7\n", Files.readString(tmp.resolve("wt/src/f1")));
        assertEquals(Files.readString(tmp.resolve("wt/src/f1")), Files.readString(dir.resolve(".git/rca/bisect/src/f1")));

        CliResult run = Cli.run(dir, "bisect-helper", "run", "--", "test ! -f bug");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("first bad commit: " + commits.get(11).name()), run.out());
        assertTrue(run.err().startsWith("rca: warning: src/f1: smudge filter '" + filter + "' failed (exit 1)"),
            run.err());
    }

    @Test
    void aHangingFilterDiesWithTheDaemonsInterruptedClient() throws Exception {
        Path pid = tmp.resolve("filter.pid");
        NativeGit.run(dir, "config", "filter.up.smudge", "cat >/dev/null; echo $$ > " + pid + ".tmp; mv " + pid
            + ".tmp " + pid + "; sleep 600");
        assertEquals(0, Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=" + commits.get(0).name())
            .exitCode());
        try (DaemonClient client = DaemonClient.start(Files.createDirectories(tmp.resolve("daemon")))) {
            Process next = client.start(dir, Map.of(), "bisect-helper", "next");
            filterPid = pid;
            Waits.untilExists(pid);
            ProcessHandle filter = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
            List<ProcessHandle> tree = Waits.untilItsChildStarted(filter);

            next.destroyForcibly();
            next.waitFor();
            Waits.untilGone(filter);
            for (ProcessHandle p : tree) {
                Waits.untilGone(p);
            }
            DaemonClient.Result status = client.run(dir, Map.of(), "bisect-helper", "status");
            for (int i = 0; i < 3000 && status.exitCode() == 124; i++) {
                Thread.sleep(10);
                status = client.run(dir, Map.of(), "bisect-helper", "status");
            }
            assertEquals(0, status.exitCode(), "the daemon is free again: " + status);
            assertTrue(status.out().contains("\nnext: " + commits.get(7).name() + " "), status.out());
        }
    }
}
