package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.bench.SyntheticHistory;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.NativeGit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CachedGraphReader#changedFiles} and {@link CachedGraphReader#fileAt} answer from the changed-path table
 * what git's tree diff and JGit's tree lookup answer from the trees, on every commit of three histories.
 */
class TableFileChangesTest {
    @TempDir
    Path tmp;

    @Test
    void awkwardShapes() throws Exception {
        Counts counts = compareEveryCommit(AwkwardShapes.create(tmp.resolve("shapes")));
        assertTrue(counts.answered >= 4, counts.toString());
        assertTrue(counts.declined >= 4, "type changes, symlinks and submodules are declined: " + counts);
    }

    @Test
    void aHistoryWithRenamesMergesAndNonAsciiPaths() throws Exception {
        Path dir = tmp.resolve("gen");
        HistoryRepoGenerator.generate(dir, 47, 240);
        assertEveryCommitAnswered(dir, 150);
    }

    @Test
    void aSyntheticBenchHistory() throws Exception {
        Path dir = tmp.resolve("syn");
        NativeGit.run(tmp, "init", "-q", "-b", "main", dir.toString());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        SyntheticHistory.write(stream, 300, 11);
        NativeGit.runWithInput(dir, stream.toByteArray(), "fast-import", "--quiet");
        NativeGit.run(dir, "reset", "-q", "--hard", "main");
        assertEveryCommitAnswered(dir, 250);
    }

    @Test
    void modesGitWroteOtherwiseThanItReadsThem() throws Exception {
        // old trees hold modes such as 100664, which git and JGit read as 100644: a commit that only spells a mode
        // otherwise changes nothing (fast-import writes modes as read, so the trees are made by hand)
        Path dir = tmp.resolve("modes");
        NativeGit.run(tmp, "init", "-q", "-b", "main", dir.toString());
        String x = NativeGit.runWithInput(dir, "int x;\n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin")
            .trim();
        String y = NativeGit.runWithInput(dir, "int y;\n".getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin")
            .trim();
        String[][] trees = {
            {"100644 " + x + " f.c", "100644 " + x + " g.c"},
            {"100664 " + x + " f.c", "100644 " + x + " g.c"},
            {"100664 " + y + " f.c", "100664 " + x + " g.c"},
            {"100775 " + y + " f.c", "100644 " + y + " g.c"},
            {"100755 " + y + " f.c", "100644 " + y + " g.c"},
        };
        String parent = null;
        for (int i = 0; i < trees.length; i++) {
            StringBuilder listing = new StringBuilder();
            for (String entry : trees[i]) {
                String[] f = entry.split(" ");
                listing.append(f[0]).append(" blob ").append(f[1]).append('\t').append(f[2]).append('\n');
            }
            String tree = NativeGit.runWithInput(dir, listing.toString().getBytes(StandardCharsets.UTF_8), "mktree")
                .trim();
            String commit = NativeGit.runWithInput(dir, ("c" + i + "\n").getBytes(StandardCharsets.UTF_8),
                parent == null ? new String[] {"commit-tree", tree} : new String[] {"commit-tree", tree, "-p", parent})
                .trim();
            parent = commit;
        }
        NativeGit.run(dir, "update-ref", "refs/heads/main", parent);
        Counts counts = compareEveryCommit(dir);
        assertEquals(4, counts.answered, counts.toString());
    }

    private static final class Counts {
        int answered;
        int declined;

        @Override
        public String toString() {
            return answered + " answered, " + declined + " declined";
        }
    }

    /** Every commit of {@code dir} the table answers for, at least {@code atLeast} of them, none declined. */
    private static void assertEveryCommitAnswered(Path dir, int atLeast) throws Exception {
        Counts counts = compareEveryCommit(dir);
        assertEquals(0, counts.declined, counts.toString());
        assertTrue(counts.answered >= atLeast, counts.toString());
    }

    private static Counts compareEveryCommit(Path dir) throws Exception {
        assertEquals(0, Cli.run(dir, "index").exitCode());
        Counts counts = new Counts();
        TreeSet<String> paths = new TreeSet<>();
        for (String line : NativeGit.lines(dir, "-c", "core.quotepath=off", "log", "--all", "--format=",
            "--name-only", "--no-renames", "-m")) {
            for (String p = line; !p.isEmpty(); p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "") {
                paths.add(p);
            }
        }
        paths.add("no/such/path");
        try (GitWorkspace ws = GitWorkspace.open(dir); RevWalk walk = new RevWalk(ws.repository());
             ObjectReader plain = ws.repository().newObjectReader()) {
            RevCommit head = walk.parseCommit(ws.repository().resolve("HEAD"));
            CachedGraphReader reader = CachedGraphReader.open(ws, head);
            assertNotNull(reader, "rca index wrote the tables");
            for (String sha : NativeGit.lines(dir, "rev-list", "--all")) {
                RevCommit c = walk.parseCommit(ObjectId.fromString(sha));
                List<FileChange> files = reader.changedFiles(c);
                if (c.getParentCount() != 1) {
                    assertNull(files, "a root or a merge: " + sha);
                    continue;
                }
                List<String> git = gitDiffTree(dir, c);
                if (files == null) {
                    assertTrue(awkward(git), "declined without cause at " + sha + ": " + git);
                    counts.declined++;
                } else {
                    assertEquals(git, files.stream().map(TableFileChangesTest::asGitWould).toList(), sha);
                    assertEquals(jgitScan(plain, walk, c), files.stream().map(TableFileChangesTest::asJGitWould).toList(),
                        sha);
                    counts.answered++;
                }
                for (String path : paths) {
                    assertEquals(jgitFileAt(plain, c, path), reader.fileAt(c, path), sha + ":" + path);
                }
            }
            reader.close();
        }
        return counts;
    }

    /** {@code git diff-tree -r --no-renames} of a single-parent commit: "old-mode new-mode old new status path". */
    private static List<String> gitDiffTree(Path dir, RevCommit c) {
        String out = NativeGit.run(dir, "diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", c.getParent(0).name(),
            c.name());
        String[] fields = out.split("\0");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            rows.add(fields[i].substring(1) + " " + fields[i + 1]);
        }
        return rows;
    }

    private static String asGitWould(FileChange f) {
        String status = f.added() ? "A" : f.deleted() ? "D" : "M";
        return String.format("%06o %06o %s %s %s %s", f.oldMode(), f.newMode(), f.oldId().name(), f.newId().name(),
            status, f.path());
    }

    /** JGit's tree diff of a single-parent commit, as {@link #asJGitWould} writes a change. */
    private static List<String> jgitScan(ObjectReader reader, RevWalk walk, RevCommit c) throws Exception {
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(walk.parseCommit(c.getParent(0)).getTree());
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            List<String> rows = new ArrayList<>();
            for (org.eclipse.jgit.diff.DiffEntry e : org.eclipse.jgit.diff.DiffEntry.scan(tw)) {
                String path = e.getChangeType() == org.eclipse.jgit.diff.DiffEntry.ChangeType.DELETE ? e.getOldPath()
                    : e.getNewPath();
                rows.add(e.getOldMode().getBits() + " " + e.getOldId().name() + " " + e.getNewMode().getBits() + " "
                    + e.getNewId().name() + " " + path);
            }
            return rows;
        }
    }

    private static String asJGitWould(FileChange f) {
        return f.oldMode() + " " + f.oldId().name() + " " + f.newMode() + " " + f.newId().name() + " " + f.path();
    }

    /** A type change, a symlink or submodule, or a file and a directory at one path. */
    private static boolean awkward(List<String> git) {
        List<String> changed = new ArrayList<>();
        for (String row : git) {
            String[] f = row.split(" ", 6);
            for (String mode : List.of(f[0], f[1])) {
                if (!mode.equals("000000") && !mode.equals("100644") && !mode.equals("100755")) {
                    return true;
                }
            }
            if (f[4].equals("T")) {
                return true;
            }
            changed.add(f[5]);
        }
        for (String p : changed) {
            for (String q : changed) {
                if (q.startsWith(p + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What fileAt should say, from JGit's own walk of the tree. */
    private static ObjectId jgitFileAt(ObjectReader reader, RevCommit c, String path) throws Exception {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
            if (tw == null) {
                return ObjectId.zeroId();
            }
            int type = tw.getRawMode(0) & FileMode.TYPE_MASK;
            return type == FileMode.TYPE_FILE ? tw.getObjectId(0) : null;
        }
    }

    @Test
    void aFileChangeExistsOnOneSideAtLeast() {
        assertEquals("a changed file exists on at least one side: p",
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FileChange("p", 0, ObjectId.zeroId(), 0, ObjectId.zeroId())).getMessage());
    }
}
