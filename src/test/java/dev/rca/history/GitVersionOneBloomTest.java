package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphWriter;
import org.eclipse.jgit.internal.storage.commitgraph.GraphCommits;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * git reads the changed-path filters of the commit-graph {@code rca index} writes as it reads its own, for paths
 * with bytes of 0x80 and above too (RCA-12: git hashes those sign-extended, JGit unsigned).
 */
class GitVersionOneBloomTest {
    /** Names of every length modulo 4, with non-ASCII bytes in whole blocks and in the tail. */
    private static final List<String> FILES = List.of("café.c", "dir é/ünï.txt", "日本/語.md", "ñ", "aé", "abcé",
        "gitweb/test/Märchen", "plain.txt");
    /** The directories among them, which the filters hold too. */
    private static final List<String> DIRECTORIES = List.of("dir é", "日本", "gitweb", "gitweb/test");

    @TempDir
    Path tmp;

    @Test
    void gitAnswersPathQueriesFromRcasCommitGraphAsWithoutOne() {
        Path dir = history();
        CliResult index = Cli.run(dir, "index");
        assertEquals(0, index.exitCode(), index.toString());
        assertGitAnswersAsWithoutTheGraph(dir);
    }

    @Test
    void everyBitGitSetsIsSetInTheFiltersRcaWrites() throws Exception {
        Path dir = history();
        assertEquals(0, Cli.run(dir, "index").exitCode());
        Path file = dir.resolve(".git/objects/info/commit-graph");
        byte[] ours = Files.readAllBytes(file);
        Files.delete(file);
        NativeGit.run(dir, "commit-graph", "write", "--reachable", "--changed-paths");
        byte[] gits = Files.readAllBytes(file);

        GitVersionOneBloom.Layout mine = GitVersionOneBloom.Layout.of(ours);
        GitVersionOneBloom.Layout theirs = GitVersionOneBloom.Layout.of(gits);
        assertEquals(theirs.commits(), mine.commits());
        int differing = 0;
        for (int i = 0; i < mine.commits(); i++) {
            assertEquals(theirs.commit(i), mine.commit(i));
            int length = mine.filterEnd(i) - mine.filterStart(i);
            assertEquals(theirs.filterEnd(i) - theirs.filterStart(i), length,
                "filter size of " + mine.commit(i).name());
            for (int b = 0; b < length; b++) {
                byte git = gits[theirs.filterStart(i) + b];
                byte rca = ours[mine.filterStart(i) + b];
                assertEquals(git, (byte) (git & rca), "a bit git sets is missing in " + mine.commit(i).name());
                differing += git != rca ? 1 : 0;
            }
        }
        // rca's filters also hold JGit's own bits for those paths, which git's lack
        assertTrue(differing > 0);
    }

    @Test
    void aFileWhoseFiltersJGitHashedIsMendedWithoutRcasCache() throws Exception {
        Path dir = history();
        Path file = dir.resolve(".git/objects/info/commit-graph");
        // the file rca wrote before RCA-12's fix: JGit's writer alone
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build();
             ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
             OutputStream out = Files.newOutputStream(file)) {
            Set<RevCommit> tips = Set.of(walk.parseCommit(repository.resolve("HEAD")));
            new CommitGraphWriter(GraphCommits.fromWalk(NullProgressMonitor.INSTANCE, tips, walk), true)
                .write(NullProgressMonitor.INSTANCE, out);
        }
        assertNotEquals(NativeGit.lines(dir, "-c", "core.commitGraph=false", "log", "--format=%H", "--", "café.c"),
            NativeGit.lines(dir, "log", "--format=%H", "--", "café.c"), "the test no longer shows git misreading it");

        // without rca's changed-path table the paths come from diffs; the filters JGit reuses are mended too
        System.setProperty("rca.cache", "off");
        try {
            CliResult index = Cli.run(dir, "index");
            assertEquals(0, index.exitCode(), index.toString());
        } finally {
            System.clearProperty("rca.cache");
        }
        assertGitAnswersAsWithoutTheGraph(dir);
    }

    private void assertGitAnswersAsWithoutTheGraph(Path dir) {
        NativeGit.run(dir, "commit-graph", "verify");
        List<String> paths = new ArrayList<>(FILES);
        paths.addAll(DIRECTORIES);
        for (String path : paths) {
            List<String> expected = NativeGit.lines(dir, "-c", "core.commitGraph=false", "log", "--format=%H", "--",
                path);
            assertTrue(expected.size() >= 2, path);
            assertEquals(expected, NativeGit.lines(dir, "log", "--format=%H", "--", path), path);
        }
        assertEquals(NativeGit.run(dir, "-c", "core.commitGraph=false", "blame", "-s", "HEAD", "--", "café.c"),
            NativeGit.run(dir, "blame", "-s", "HEAD", "--", "café.c"));
    }

    /**
     * A root commit with every file, a side branch merged back that changes them all (the merge's filter is against
     * its first parent), then commits that change one file each.
     */
    private Path history() {
        Path dir = tmp.resolve("r");
        try (TestRepo repo = TestRepo.init(dir)) {
            TestRepo.CommitSpec root = repo.commit("root");
            for (String f : FILES) {
                root.add(f, "1\n");
            }
            RevCommit base = root.create();
            repo.onBranch("side").branch("side", base);
            TestRepo.CommitSpec side = repo.commit("side");
            for (String f : FILES) {
                side.add(f, "1\nside\n");
            }
            RevCommit sideTip = side.create();
            repo.onBranch("main");
            repo.commit("other file").add("other.txt", "x\n").create();
            TestRepo.CommitSpec merge = repo.commit("merge side").merge(sideTip);
            for (String f : FILES) {
                merge.add(f, "1\nside\n");
            }
            merge.create();
            for (String f : FILES) {
                repo.commit("edit " + f).add(f, "1\nside\n" + f + "\n").create();
            }
        }
        return dir;
    }
}
