package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AncestryTest {
    @TempDir
    Path tmp;

    @Test
    void theTableAndAWalkOfTheObjectsFindTheSameAncestorsAsGit() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            List<RevCommit> all = history(repo);
            try (GitWorkspace ws = GitWorkspace.open(repo.directory())) {
                assertNotNull(CommitCache.index(ws, Progress.NONE));
            }
            RevCommit newer = repo.clock(1_600_090_000).commit("after the table").merge(all.get(7))
                .add("n.txt", "1\n").create();
            Map<String, Set<String>> tabled = answers(repo, all, newer);
            // without the commit table every walk reads the objects
            java.nio.file.Files.delete(repo.directory().resolve(".git/rca/cache/commits"));
            Map<String, Set<String>> live = answers(repo, all, newer);
            assertEquals(live.keySet(), tabled.keySet());
            for (String startAndStop : live.keySet()) {
                assertEquals(live.get(startAndStop), tabled.get(startAndStop), startAndStop);
            }
            for (RevCommit start : all) {
                Set<String> reached = new TreeSet<>(List.of(NativeGit.run(repo.directory(), "rev-list",
                    start.name()).split("\n")));
                assertEquals(reached, tabled.get(start.name() + " " + Long.MIN_VALUE), start.getShortMessage());
            }
        }
    }

    /**
     * Two branches merged back and forth, one with a clock that went back an hour, so that where the walk stops
     * depends on the order it takes the commits in.
     */
    private static List<RevCommit> history(TestRepo repo) {
        List<RevCommit> all = new ArrayList<>();
        long t = 1_600_000_000;
        RevCommit main = repo.clock(t).commit("root").add("a.txt", "0\n").create();
        all.add(main);
        RevCommit side = main;
        for (int i = 1; i <= 6; i++) {
            t += 600;
            repo.branch("side", side);
            side = repo.onBranch("side").clock(i == 3 ? t - 3_600 : t).commit("side " + i)
                .add("s.txt", i + "\n").create();
            all.add(side);
            repo.branch("main", main);
            main = repo.onBranch("main").clock(t + (i % 2 == 0 ? 0 : 300)).commit("main " + i)
                .add("a.txt", i + "\n").create();
            all.add(main);
            if (i % 2 == 0) {
                main = repo.clock(t + 400).commit("merge side " + i).merge(side).create();
                all.add(main);
            }
        }
        repo.branch("main", main);
        return all;
    }

    /** Every commit and the newer one as start, every commit as target, and every commit time (and none) as stop. */
    private static Map<String, Set<String>> answers(TestRepo repo, List<RevCommit> all, RevCommit newer)
        throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        List<RevCommit> starts = new ArrayList<>(all);
        starts.add(newer);
        try (GitWorkspace ws = GitWorkspace.open(repo.directory());
             ObjectReader reader = ws.repository().newObjectReader();
             RevWalk rw = new RevWalk(reader)) {
            List<Long> stops = new ArrayList<>(List.of(Long.MIN_VALUE));
            for (RevCommit c : all) {
                stops.add((long) c.getCommitTime());
            }
            for (RevCommit s : starts) {
                RevCommit start = rw.parseCommit(s);
                // as rca suspects reads: through rca's cache where it has a table, else the repository's reader
                CachedGraphReader cached = CachedGraphReader.open(ws, start);
                ObjectReader through = cached != null ? cached : reader;
                for (long stop : stops) {
                    Set<String> found = new TreeSet<>();
                    for (ObjectId id : Ancestry.among(through, start, Set.copyOf(all), stop)) {
                        found.add(id.name());
                    }
                    out.put(s.name() + " " + stop, found);
                }
                if (cached != null) {
                    cached.close();
                }
            }
        }
        return out;
    }
}
