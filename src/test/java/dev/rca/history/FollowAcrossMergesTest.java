package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rca history --follow} where a rename on one side of a merge meets edits on the other. */
class FollowAcrossMergesTest {
    @TempDir
    Path tmp;

    private static String lines(String prefix, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(prefix).append(' ').append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void editsUnderTheOldNameOnTheOtherSideOfTheMergeAreFound() {
        String base = lines("line", 20);
        RevCommit add;
        RevCommit moved;
        RevCommit editMoved;
        RevCommit editOld;
        RevCommit merge;
        RevCommit after;
        RevCommit unrelated;
        Path dir;
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            add = repo.commit("add a").add("a.txt", base).add("other.txt", "x\n").create();
            repo.onBranch("topic");
            moved = repo.commit("rename a to b").parent(add).rename("a.txt", "b.txt").create();
            editMoved = repo.commit("edit b").add("b.txt", base + "topic\n").create();
            repo.onBranch("main");
            editOld = repo.commit("edit a on main").add("a.txt", "main\n" + base).create();
            unrelated = repo.commit("touch other").add("other.txt", "y\n").create();
            merge = repo.commit("merge topic").merge(editMoved).delete("a.txt")
                .add("b.txt", "main\n" + base + "topic\n").create();
            after = repo.commit("edit b again").add("b.txt", "main\n" + base + "topic\nmore\n").create();
            repo.checkout();
            dir = repo.directory();
        }
        CliResult r = Cli.run(dir, "history", "--follow", "--format=sha", "b.txt");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(after.name(), merge.name(), editOld.name(), editMoved.name(), moved.name(), add.name()),
            r.outLines());
        List<String> git = NativeGit.lines(dir, "log", "--follow", "--format=%H", "--", "b.txt");
        assertTrue(r.outLines().containsAll(git), "git found " + git);
        assertTrue(!r.outLines().contains(unrelated.name()));

        assertEquals(0, Cli.run(dir, "index").exitCode());
        assertEquals(r.out(), Cli.run(dir, "history", "--follow", "--format=sha", "b.txt").out(), "with Bloom filters");
        CliResult rows = Cli.run(dir, "history", "--follow", "--format=oneline", "b.txt");
        assertEquals(after.name().substring(0, 7) + " edit b again  [b.txt]\n"
            + merge.name().substring(0, 7) + " merge topic  [b.txt]\n"
            + editOld.name().substring(0, 7) + " edit a on main  [a.txt]\n"
            + editMoved.name().substring(0, 7) + " edit b  [b.txt]\n"
            + moved.name().substring(0, 7) + " rename a to b  [b.txt]\n"
            + add.name().substring(0, 7) + " add a  [a.txt]\n", rows.out());
    }

    /**
     * A commit that moves some files of a directory that lives on into the followed directory: the followed
     * directory's older history is those files' (under their old names), not the old directory's; a directory
     * moved as a whole is still followed as a directory.
     */
    @Test
    void aPartialMoveIntoTheFollowedDirectoryFollowsTheMovedFilesOnly() {
        Path dir;
        try (TestRepo repo = TestRepo.init(tmp.resolve("partial"))) {
            repo.commit("add").add("old/a.c", lines("a", 10)).add("old/b.c", lines("b", 10))
                .add("old/keep.c", lines("keep", 10)).add("whole/w.c", lines("w", 10)).create();
            repo.commit("keep: tune").add("old/keep.c", lines("keep", 11)).create();
            repo.commit("a: fix").add("old/a.c", lines("a", 11)).create();
            repo.commit("whole: edit").add("whole/w.c", lines("w", 11)).create();
            repo.commit("move a and b").rename("old/a.c", "new/a.c").rename("old/b.c", "new/b.c").create();
            repo.commit("new a").add("new/a.c", lines("a", 12)).create();
            repo.commit("keep after").add("old/keep.c", lines("keep", 12)).create();
            repo.commit("move whole").rename("whole/w.c", "moved/w.c").create();
            repo.checkout();
            dir = repo.directory();
        }
        CliResult r = Cli.run(dir, "history", "--follow", "--format=oneline", "new");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> shas = NativeGit.lines(dir, "log", "--format=%h %s");
        assertEquals(shas.get(2) + "  [new]\n"
            + shas.get(3) + "  [new]\n"
            + shas.get(5) + "  [old/a.c]\n"
            + shas.get(7) + "  [old/a.c, old/b.c]\n", r.out());
        CliResult whole = Cli.run(dir, "history", "--follow", "--format=oneline", "moved");
        assertEquals(shas.get(0) + "  [moved]\n" + shas.get(4) + "  [whole]\n" + shas.get(7) + "  [whole]\n",
            whole.out());
    }

    @Test
    void firstParentFollowsOnlyTheMainLine() {
        String base = lines("line", 20);
        RevCommit add;
        RevCommit editOld;
        RevCommit merge;
        Path dir;
        try (TestRepo repo = TestRepo.init(tmp.resolve("fp"))) {
            add = repo.commit("add a").add("a.txt", base).create();
            repo.onBranch("topic");
            RevCommit moved = repo.commit("rename a to b").parent(add).rename("a.txt", "b.txt").create();
            repo.onBranch("main");
            editOld = repo.commit("edit a on main").add("a.txt", "main\n" + base).create();
            merge = repo.commit("merge topic").merge(moved).delete("a.txt").add("b.txt", "main\n" + base).create();
            repo.checkout();
            dir = repo.directory();
        }
        CliResult r = Cli.run(dir, "history", "--follow", "--first-parent", "--format=sha", "b.txt");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(merge.name(), editOld.name(), add.name()), r.outLines());
    }

    @Test
    void bloomFiltersChangeNothingOnAGeneratedHistory() {
        Path dir = tmp.resolve("gen");
        HistoryRepoGenerator g = HistoryRepoGenerator.generate(dir, 23, 200);
        List<String> paths = g.touchedPaths.subList(0, Math.min(8, g.touchedPaths.size()));
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            before.put(path, Cli.run(dir, "history", "--follow", "--format=oneline", "--", path).out());
        }
        assertEquals(0, Cli.run(dir, "index").exitCode());
        for (String path : paths) {
            String after = Cli.run(dir, "history", "--follow", "--format=oneline", "--", path).out();
            assertEquals(before.get(path), after, path);
            List<String> git = NativeGit.lines(dir, "log", "--follow", "--format=%H", "--", path);
            List<String> ours = Cli.run(dir, "history", "--follow", "--format=sha", "--", path).outLines();
            assertTrue(ours.containsAll(git), path + ": git found " + git + ", rca " + ours);
        }
    }

    @Test
    void followAnswersTheSameWithoutTheCacheWithTheCommitTableAndWithBothTables() {
        Path dir = tmp.resolve("gen-tables");
        HistoryRepoGenerator g = HistoryRepoGenerator.generate(dir, 31, 240);
        List<String> paths = new java.util.ArrayList<>(g.touchedPaths.subList(0, Math.min(6, g.touchedPaths.size())));
        for (String p : List.copyOf(paths)) {
            int slash = p.lastIndexOf('/');
            if (slash > 0 && !paths.contains(p.substring(0, slash))) {
                paths.add(p.substring(0, slash));
            }
        }
        java.util.Map<String, String> live = new java.util.LinkedHashMap<>();
        System.setProperty("rca.cache", "off");
        try {
            for (String path : paths) {
                live.put(path, Cli.run(dir, "history", "--follow", "--format=oneline", "--", path).out());
                live.put("--first-parent " + path,
                    Cli.run(dir, "history", "--follow", "--first-parent", "--format=sha", "--", path).out());
            }
        } finally {
            System.clearProperty("rca.cache");
        }
        for (String path : paths) {
            assertEquals(live.get(path), Cli.run(dir, "history", "--follow", "--format=oneline", "--", path).out(),
                "commit table: " + path);
        }
        assertTrue(java.nio.file.Files.exists(dir.resolve(".git/rca/cache/commits")), "the walks built the commit table");
        assertEquals(0, Cli.run(dir, "index").exitCode());
        assertTrue(java.nio.file.Files.exists(dir.resolve(".git/rca/cache/paths")));
        for (String path : paths) {
            String out = live.get(path);
            assertEquals(out, Cli.run(dir, "history", "--follow", "--format=oneline", "--", path).out(),
                "both tables: " + path);
            assertEquals(live.get("--first-parent " + path),
                Cli.run(dir, "history", "--follow", "--first-parent", "--format=sha", "--", path).out(),
                "both tables, first parent: " + path);
        }
        assertTrue(live.values().stream().anyMatch(out -> out.lines().count() > 3), live.toString());
    }
}
