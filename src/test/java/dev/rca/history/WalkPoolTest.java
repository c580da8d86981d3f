package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkPoolTest {
    @TempDir
    Path tmp;

    @Test
    void aStartParsedBeforeThePoolWasIndexedLeadsToTheTablesCommitsToo() throws Exception {
        // history --follow parses its start commit, then indexes the pool: a start newer than the table, merging a
        // commit that its other parent also reaches, once reported that commit twice
        try (TestRepo repo = TestRepo.init(tmp.resolve("s")).tick(60)) {
            repo.commit("root").add("f.txt", "1\n").create();
            RevCommit middle = repo.commit("middle").add("f.txt", "2\n").create();
            index(repo);
            RevCommit top = repo.commit("top").add("f.txt", "3\n").create();
            RevCommit start = repo.commit("start").merge(middle).add("f.txt", "4\n").create();
            withPool(repo, (pool, table) -> {
                assertEquals(2, table.size());
                WalkCommit first = (WalkCommit) pool.parseCommit(start);
                WalkCommit[] byIndex = new WalkCommit[table.size()];
                pool.indexBy(table, byIndex, false);
                pool.parse(first, table, byIndex, true);
                assertEquals(top, first.walkParents[0]);
                WalkCommit topCommit = first.walkParents[0];
                pool.parse(topCommit, table, byIndex, true);
                assertEquals(middle, topCommit.walkParents[0]);
                assertSame(first.walkParents[1], topCommit.walkParents[0], "two objects for one commit");
                assertSame(byIndex[table.find(middle)], first.walkParents[1]);
            });
        }
    }

    @Test
    void aCommitReachedAgainAfterTheWalkLetItGoIsNeitherShownTwiceNorLost() throws Exception {
        // the merge's newer side reaches the shared parent, which the walk shows and lets go of before the older
        // side (a clock that went back) reads a commit whose parent it is: made again from the table, already seen
        // and processed
        try (TestRepo repo = TestRepo.init(tmp.resolve("skew"))) {
            RevCommit base = repo.clock(1_600_000_000).commit("base").add("src/a.txt", "1\n").create();
            RevCommit shared = repo.clock(1_600_004_000).commit("shared").add("src/a.txt", "2\n").create();
            RevCommit newer = repo.clock(1_600_004_500).commit("newer").add("src/b.txt", "1\n").create();
            repo.branch("old", shared);
            repo.onBranch("old").clock(1_600_000_090).commit("older, clock back").add("src/c.txt", "1\n").create();
            RevCommit older = repo.clock(1_600_000_100).commit("old tip").add("src/c.txt", "2\n").create();
            repo.onBranch("main").branch("main", newer);
            repo.clock(1_600_005_000).commit("merge").merge(older).add("src/d.txt", "1\n").create();
            index(repo);
            for (String[] query : new String[][] {{"log"}, {"history", "src"}, {"history", "src/a.txt"},
                {"history", "--follow", "src/a.txt"}}) {
                String[] rca = java.util.stream.Stream.concat(java.util.Arrays.stream(query),
                    java.util.stream.Stream.of("--format=sha")).toArray(String[]::new);
                String[] git = query[0].equals("log") ? new String[] {"log", "--format=%H"}
                    : query.length == 3 ? new String[] {"log", "--follow", "--format=%H", "--", query[2]}
                    : new String[] {"log", "--format=%H", "--", query[1]};
                assertEquals(dev.rca.testing.NativeGit.run(repo.directory(), git),
                    dev.rca.testing.Cli.run(repo.directory(), rca).out(), String.join(" ", query));
            }
            assertTrue(dev.rca.testing.NativeGit.run(repo.directory(), "log", "--format=%s").startsWith(
                "merge\nnewer\nshared\nold tip\nolder, clock back\nbase"), "the order the test relies on");
            assertNotNull(base);
        }
    }

    @Test
    void everyWayToATableCommitLeadsToOneObject() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(60)) {
            RevCommit root = repo.commit("root").add("a", "1\n").create();
            RevCommit side = repo.commit("side").parent(root).add("b", "1\n").create();
            repo.branch("main", root);
            RevCommit main = repo.commit("main").add("a", "2\n").create();
            RevCommit merge = repo.commit("merge").merge(side).create();
            index(repo);
            // newer than the table: parsed from their objects, their parents looked up by id
            RevCommit after = repo.commit("after").add("a", "3\n").create();
            RevCommit head = repo.commit("head").merge(side).add("c", "1\n").create();
            withPool(repo, (pool, table) -> {
                assertEquals(4, table.size());
                WalkCommit[] byIndex = new WalkCommit[table.size()];
                pool.indexBy(table, byIndex, false);
                WalkCommit top = (WalkCommit) pool.lookupCommit(head);
                pool.parse(top, table, byIndex, true);
                assertEquals(-1, top.tableIndex, "head is not in the table");
                WalkCommit afterCommit = top.walkParents[0];
                WalkCommit sideCommit = top.walkParents[1];
                assertEquals(after, afterCommit);
                assertSame(byIndex[table.find(side)], sideCommit, "a parent read from an object is the table's");
                pool.parse(afterCommit, table, byIndex, true);
                WalkCommit mergeCommit = afterCommit.walkParents[0];
                assertEquals(merge, mergeCommit);
                pool.parse(mergeCommit, table, byIndex, true);
                assertTrue(mergeCommit.tableIndex >= 0);
                assertSame(sideCommit, mergeCommit.walkParents[1], "the table's parent and the object's differ");
                assertSame(mergeCommit, pool.lookupCommit(merge));
                WalkCommit mainCommit = mergeCommit.walkParents[0];
                assertEquals(main, mainCommit);
                // JGit's own parse of a table commit from its object finds the same parents
                pool.parseHeaders(mergeCommit);
                assertSame(mainCommit, mergeCommit.getParent(0));
                assertSame(sideCommit, mergeCommit.getParent(1));
                pool.parse(sideCommit, table, byIndex, true);
                assertSame(pool.lookupCommit(root), sideCommit.walkParents[0]);
            });
            withPool(repo, (pool, table) -> {
                // an array left from a walk whose table was then dropped: ids are looked up as without one
                pool.indexBy(null, new WalkCommit[4], false);
                RevCommit c = pool.lookupCommit(merge);
                assertSame(c, pool.lookupCommit(merge));
                assertEquals(-1, ((WalkCommit) c).tableIndex);
            });
        }
    }

    private static void index(TestRepo repo) throws Exception {
        try (GitWorkspace ws = GitWorkspace.open(repo.directory())) {
            assertNotNull(CommitCache.index(ws, Progress.NONE));
        }
    }

    /** What a test does with a fresh pool and the repository's commit table. */
    private interface PoolUse {
        void accept(WalkPool pool, CommitTable table) throws Exception;
    }

    private static void withPool(TestRepo repo, PoolUse use) throws Exception {
        try (GitWorkspace ws = GitWorkspace.open(repo.directory());
             ObjectReader reader = ws.repository().newObjectReader();
             WalkPool pool = new WalkPool(reader)) {
            use.accept(pool, CommitTable.open(CommitCache.directory(ws)));
        }
    }
}
