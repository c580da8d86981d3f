package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.io.OutputStream;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphWriter;
import org.eclipse.jgit.internal.storage.commitgraph.GraphCommits;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rca index} writes a commit-graph git accepts, and path queries use its Bloom filters. */
class IndexAndBloomTest {
    @TempDir
    Path tmp;

    @Test
    void indexWritesAGraphGitVerifiesAndHistoryUsesItsBloomFilters() throws Exception {
        Path dir = tmp.resolve("r");
        HistoryRepoGenerator g = HistoryRepoGenerator.generate(dir, 5, 150);
        List<String> paths = List.of("src", "docs/readme.md", "src/cache.c", "top.txt");
        List<List<String>> before = new ArrayList<>();
        for (String p : paths) {
            before.add(Cli.run(dir, "history", p, "--format=sha").outLines());
        }

        CliResult r = Cli.run(dir, "index");
        assertEquals(0, r.exitCode(), r.toString());
        int commits = NativeGit.lines(dir, "rev-list", "--all").size();
        assertTrue(r.out().matches("wrote objects/info/commit-graph: " + commits + " commits, " + commits
            + " changed-path Bloom filters, \\d+ bytes\n"
            + "wrote rca/cache/paths: changed paths of " + commits + " commits\n"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve(".git/objects/info/commit-graph")));
        NativeGit.run(dir, "commit-graph", "verify");
        // an up-to-date table is left as it is: a daemon keeping it open keeps what it learnt from it
        Path table = dir.resolve(".git/rca/cache/paths");
        Object fileKey = Files.readAttributes(table, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(table);
        CliResult second = Cli.run(dir, "index");
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().matches("wrote objects/info/commit-graph: " + commits + " commits, " + commits
            + " changed-path Bloom filters, \\d+ bytes\n"
            + "rca/cache/paths: changed paths of " + commits + " commits, already up to date\n"), second.out());
        assertEquals(fileKey, Files.readAttributes(table,
            java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        assertEquals(modified, Files.getLastModifiedTime(table));

        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            assertEquals(before.get(i), Cli.run(dir, "history", p, "--format=sha").outLines(), p);
            assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", p), before.get(i), p);
        }
        try (GitWorkspace ws = GitWorkspace.open(dir); CommitWalk walk = new CommitWalk(ws, Progress.NONE)) {
            walk.run(LogQuery.everything().withPaths(List.of("docs/readme.md")), c -> true);
            String stats = walk.pathStats();
            assertTrue(stats.matches("cache answers [1-9]\\d*, bloom skips 0, tree diffs 0"), stats);
        }
        // without rca's changed-path table, the Bloom filters answer
        Files.delete(dir.resolve(".git/rca/cache/paths"));
        try (GitWorkspace ws = GitWorkspace.open(dir); CommitWalk walk = new CommitWalk(ws, Progress.NONE)) {
            List<String> first = new ArrayList<>();
            walk.run(LogQuery.everything().withPaths(List.of("docs/readme.md")), c -> first.add(c.sha()));
            String stats = walk.pathStats();
            assertTrue(stats.matches("cache answers 0, bloom skips [1-9]\\d*, tree diffs \\d+"), stats);
            List<String> again = new ArrayList<>();
            walk.run(LogQuery.everything().withPaths(List.of("docs/readme.md")), c -> again.add(c.sha()));
            assertEquals(first, again, "a walk can run twice");
        }
        assertTrue(g.tags.size() > 0);
    }

    @Test
    void aShallowCloneGetsNoCommitGraphSoDeepeningItLaterLosesNothing() throws Exception {
        Path full = tmp.resolve("full");
        Path shallow = shallowCloneOfAGeneratedHistory(full, tmp.resolve("shallow"));
        assertTrue(Files.exists(shallow.resolve(".git/shallow")));

        CliResult r = Cli.run(shallow, "index");
        assertEquals(new CliResult(0, "", "rca: note: nothing written: this repository is a shallow clone, where some "
            + "commits' parents are not those their objects name; git writes no commit-graph here either\n"), r);
        assertTrue(!Files.exists(shallow.resolve(".git/objects/info/commit-graph")));

        // deepened, git sees the whole history (a graph recording the cut commits as roots would hide it)
        NativeGit.run(shallow, "-c", "protocol.file.allow=always", "fetch", "-q", "--unshallow");
        List<String> all = NativeGit.lines(full, "rev-list", "HEAD");
        assertEquals(all, NativeGit.lines(shallow, "rev-list", "HEAD"));
        CliResult deepened = Cli.run(shallow, "index");
        assertEquals(0, deepened.exitCode(), deepened.toString());
        assertTrue(deepened.out().startsWith("wrote objects/info/commit-graph: "), deepened.out());
        NativeGit.run(shallow, "commit-graph", "verify");
        assertEquals(all, NativeGit.lines(shallow, "rev-list", "HEAD"));

        Files.createDirectories(full.resolve(".git/info"));
        Files.writeString(full.resolve(".git/info/grafts"), all.get(1) + "\n");
        assertEquals(new CliResult(0, "", "rca: note: nothing written: this repository is grafted (info/grafts), "
            + "where some commits' parents are not those their objects name; git writes no commit-graph here "
            + "either\n"), Cli.run(full, "index"));
        // a graft file that grafts nothing is no graft: git writes its commit-graph there, and so does rca
        Files.writeString(full.resolve(".git/info/grafts"), "# none yet\n\n");
        NativeGit.run(full, "commit-graph", "write", "--reachable");
        CliResult empty = Cli.run(full, "index");
        assertEquals(0, empty.exitCode(), empty.toString());
        assertTrue(empty.out().startsWith("wrote objects/info/commit-graph: "), empty.out());
        NativeGit.run(full, "commit-graph", "verify");
    }

    @Test
    void aCommitGraphWrittenBeforeTheCloneWasDeepenedIsWrittenAgainFromTheCommits() throws Exception {
        Path full = tmp.resolve("full2");
        Path clone = shallowCloneOfAGeneratedHistory(full, tmp.resolve("deepened"));
        // what rca index did in a shallow clone before it refused to: the cut commits written as roots
        try (Repository repository = new FileRepositoryBuilder().setGitDir(clone.resolve(".git").toFile()).build();
             ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
             OutputStream out = Files.newOutputStream(clone.resolve(".git/objects/info/commit-graph"))) {
            new CommitGraphWriter(GraphCommits.fromWalk(NullProgressMonitor.INSTANCE,
                Set.of(repository.resolve("HEAD")), walk), true).write(NullProgressMonitor.INSTANCE, out);
        }
        NativeGit.run(clone, "-c", "protocol.file.allow=always", "fetch", "-q", "--unshallow");
        List<String> all = NativeGit.lines(full, "rev-list", "HEAD");
        assertTrue(NativeGit.lines(clone, "rev-list", "HEAD").size() < all.size(), "the old file hides history");
        assertTrue(Cli.run(clone, "log", "--format=sha").outLines().size() < all.size(), "from rca too");

        CliResult r = Cli.run(clone, "index");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("rca: note: the commit-graph it replaced recorded 1 commit without the parents their objects name"
            + " (written in a shallow clone since deepened?), which hid older history from git and rca; written again"
            + " from the commits themselves, and rca's cache rebuilt\n", r.err());
        NativeGit.run(clone, "commit-graph", "verify");
        assertEquals(all, NativeGit.lines(clone, "rev-list", "HEAD"));
        assertEquals(all, Cli.run(clone, "log", "--format=sha").outLines());
        assertEquals("", Cli.run(clone, "index").err(), "a sound file is left to be reused");
    }

    /** A history generated at {@code full}, and a clone of it at {@code clone} cut three commits deep. */
    private Path shallowCloneOfAGeneratedHistory(Path full, Path clone) {
        HistoryRepoGenerator.generate(full, 9, 40);
        NativeGit.run(tmp, "-c", "protocol.file.allow=always", "clone", "-q", "--no-local", "--depth", "3",
            "file://" + full, clone.toString());
        return clone;
    }

    @Test
    void historyIsCorrectWithAGraphGitWrote() {
        Path dir = tmp.resolve("g");
        HistoryRepoGenerator.generate(dir, 8, 120);
        NativeGit.run(dir, "commit-graph", "write", "--reachable", "--changed-paths");
        for (String p : List.of("src", "docs", "src/net/http.c", "a.b")) {
            assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", p),
                Cli.run(dir, "history", p, "--format=sha").outLines(), p);
        }
    }
}
