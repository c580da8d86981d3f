package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code log} and {@code history} in a partial clone lacking what they read: an error that says it is a partial clone
 * whose objects rca does not fetch and how to have git fetch them (it said "a shallow or broken clone?"); once git
 * has, the same answer as git's. Elsewhere a missing object is damage, which {@code git fsck} reports.
 */
class PartialCloneHistoryTest {
    private static final String PARTIAL = "this is a partial clone, and rca reads only the objects on disk (it fetches"
        + " none)\nhint: git fetches a partial clone's missing objects for its own commands only: the same query run"
        + " once with git (git log <rev> -- <paths>, with --numstat for --stat and --authors) fetches what rca needs;"
        + " or clone without --filter\n";

    @TempDir
    Path tmp;

    private Path upstream() {
        Path dir = tmp.resolve("upstream");
        try (TestRepo repo = TestRepo.init(dir).tick(60)) {
            repo.commit("add a\n").add("a.c", "1\n").create();
            repo.commit("add b\n").add("b.c", "1\n").create();
            repo.commit("change a\n").add("a.c", "1\n2\n").create();
            repo.checkout();
        }
        NativeGit.run(dir, "config", "uploadpack.allowFilter", "true");
        return dir;
    }

    @Test
    void aTreelessCloneSaysWhatItIsAndAnswersAsGitOnceGitFetched() {
        Path upstream = upstream();
        Path clone = tmp.resolve("clone");
        NativeGit.run(tmp, "clone", "-q", "--filter=tree:0", "--no-checkout", upstream.toUri().toString(),
            clone.toString());
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: the repository lacks object <id>: " + PARTIAL),
            withoutId(Cli.run(clone, "log", "--format=sha", "--", "a.c")));
        String log = NativeGit.run(clone, "log", "--format=%H", "--", "a.c");
        assertEquals(new CliResult(0, log, ""), Cli.run(clone, "log", "--format=sha", "--", "a.c"));

        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: the repository lacks object <id>: " + PARTIAL),
            withoutId(Cli.run(clone, "history", "a.c", "--stat", "--format=oneline")));
        NativeGit.run(clone, "log", "--numstat", "--", "a.c");
        assertEquals(0, Cli.run(clone, "history", "a.c", "--stat", "--format=oneline").exitCode());
    }

    /** Which missing object the walk meets first is its own business. */
    private static CliResult withoutId(CliResult r) {
        return new CliResult(r.exitCode(), r.out(), r.err().replaceFirst("object [0-9a-f]{40}:", "object <id>:"));
    }

    @Test
    void elsewhereAMissingObjectIsNamedWithGitFsck() throws Exception {
        Path dir = tmp.resolve("damaged");
        RevCommit first;
        try (TestRepo repo = TestRepo.init(dir).tick(60)) {
            first = repo.commit("add a\n").add("a.c", "1\n").create();
            repo.commit("change a\n").add("a.c", "2\n").create();
        }
        String tree = first.getTree().name();
        Files.delete(dir.resolve(".git/objects/" + tree.substring(0, 2) + "/" + tree.substring(2)));
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: the repository is missing object " + tree
            + "\nhint: 'git fsck' says what the object store lost\n"), Cli.run(dir, "log", "--format=sha", "--", "a.c"));
    }
}
