package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CachedGraphReader;
import dev.rca.history.CommitCache;
import dev.rca.history.OpenedTables;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlamerTest {
    @TempDir
    Path tmp;

    @Test
    void contextIsBlamedOnlyAsFarBackAsAsked() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            RevCommit old = repo.commit("old").add("a.c", "one();\ntwo();\nthree();\n").create();
            RevCommit middle = repo.commit("middle").add("a.c", "one();\ntwo(2);\nthree();\n").create();
            RevCommit recent = repo.commit("recent").add("a.c", "one();\ntwo(2);\nthree(3);\n").create();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); Blamer blamer = new Blamer(ws.repository());
                 RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = walk.parseCommit(recent);
                assertArrayEquals(new Blamer.Origin[] {new Blamer.Origin(recent, "a.c", 2)},
                    blamer.blame(head, "a.c", 2, 3));
                // The walk has reached `recent` only: lines older than `middle` stay unattributed.
                assertArrayEquals(new Blamer.Origin[] {null, new Blamer.Origin(middle, "a.c", 1)},
                    blamer.blame(head, "a.c", 0, 2, middle.getCommitTime()));
                assertArrayEquals(new Blamer.Origin[] {new Blamer.Origin(old, "a.c", 0),
                    new Blamer.Origin(middle, "a.c", 1), new Blamer.Origin(recent, "a.c", 2), null},
                    blamer.blame(head, "a.c", 0, 4));
            }
        }
    }

    @Test
    void followingSomeLinesGivesTheWholeFileBlameOfThoseLines() throws Exception {
        Random random = new Random(7);
        try (TestRepo repo = TestRepo.init(tmp.resolve("m")).tick(3_600)) {
            List<String> main = numberedLines(30);
            String path = "a.c";
            repo.commit("initial").add(path, String.join("\n", main) + "\n").create();
            for (int c = 1; c <= 24; c++) {
                edit(main, random, "main" + c);
                if (c % 6 == 0) {
                    // a side branch, merged with edits of the merge's own
                    RevCommit base = repo.tip("main");
                    List<String> side = new ArrayList<>(main);
                    edit(side, random, "side" + c);
                    RevCommit sideTip = repo.commit("side " + c).parent(base).add(path, String.join("\n", side) + "\n")
                        .create();
                    repo.branch("main", base);
                    main.clear();
                    main.addAll(side);
                    edit(main, random, "merge" + c);
                    repo.commit("merge " + c).merge(sideTip).add(path, String.join("\n", main) + "\n").create();
                } else if (c == 13) {
                    repo.commit("rename").rename(path, "b.c").create();
                    path = "b.c";
                } else {
                    repo.commit("change " + c).add(path, String.join("\n", main) + "\n").create();
                }
            }
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = walk.parseCommit(repo.tip("main"));
                BlameResult whole;
                try (BlameGenerator generator = new BlameGenerator(ws.repository(), path)) {
                    generator.setTextComparator(RawTextComparator.WS_IGNORE_ALL);
                    generator.setFollowFileRenames(true);
                    generator.push(null, head);
                    whole = generator.computeBlameResult();
                }
                assertTrue(Blamer.followsLinesOnly(), "JGit's internals changed: blame follows whole files");
                int size = whole.getResultContents().size();
                for (int trial = 0; trial < 12; trial++) {
                    BitSet lines = new BitSet();
                    for (int k = 0; k < 1 + trial; k++) {
                        lines.set(random.nextInt(size));
                    }
                    try (Blamer blamer = new Blamer(ws.repository())) {
                        blamer.track(head, path, lines);
                        for (int i = lines.nextSetBit(0); i >= 0; i = lines.nextSetBit(i + 1)) {
                            Blamer.Origin origin = blamer.blame(head, path, i, i + 1)[0];
                            assertEquals(new Blamer.Origin(whole.getSourceCommit(i), whole.getSourcePath(i),
                                whole.getSourceLine(i)), origin, "line " + i + " of " + lines);
                        }
                    }
                }
            }
        }
    }

    @Test
    void blameThroughTheCacheTablesEqualsJGitsAndGits() throws Exception {
        Random random = new Random(11);
        try (TestRepo repo = TestRepo.init(tmp.resolve("c")).tick(3_600)) {
            List<String> main = numberedLines(40);
            String path = mergesAndRenames(repo, main, random);
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = indexedTip(ws, walk, repo);
                int size = main.size();
                Blamer.Origin[] plain = plainBlame(ws, head, path, size);
                Blamer.Origin[] cached;
                CachedGraphReader reader = CachedGraphReader.open(ws, head);
                assertNotNull(reader, "the cache tables were not used");
                try (Blamer blamer = new Blamer(ws.repository(), reader)) {
                    cached = blameWhole(blamer, head, path, size);
                }
                assertArrayEquals(plain, cached);
                List<String> porcelain = NativeGit.lines(repo.directory(), "blame", "-w", "--line-porcelain",
                    "--diff-algorithm=histogram", head.name(), "--", path);
                int line = 0;
                String[] header = null;
                String file = null;
                for (String row : porcelain) {
                    if (row.matches("[0-9a-f]{40} \\d+ \\d+( \\d+)?")) {
                        header = row.split(" ");
                    } else if (row.startsWith("filename ")) {
                        file = row.substring("filename ".length());
                    } else if (row.startsWith("\t")) {
                        Blamer.Origin got = cached[line];
                        assertEquals(new Blamer.Origin(ObjectId.fromString(header[0]), file,
                            Integer.parseInt(header[1]) - 1), got, "line " + line);
                        line++;
                    }
                }
                assertEquals(size, line);
            }
        }
    }

    @Test
    void attributeFilesAndRenamesWithEditsBlameThroughTheCacheAsJGitAndGitDo() throws Exception {
        // the generators' attribute lookups see stand-in trees (PathOnlyTrees): they must still find every path
        // blame loads a text at, a renamed file's older names and the .gitattributes files themselves included
        try (TestRepo repo = TestRepo.init(tmp.resolve("attributes")).tick(3_600)) {
            List<String> lines = numberedLines(12);
            repo.commit("initial").add(".gitattributes", "*.c diff=cpp\n").add("src/.gitattributes", "*.h text\n")
                .add("src/x-y/a.c", String.join("\n", lines) + "\n").create();
            lines.set(3, "changed_3();");
            repo.commit("edit").add("src/x-y/a.c", String.join("\n", lines) + "\n")
                .add(".gitattributes", "*.c diff=cpp\n*.md text\n").create();
            lines.set(7, "changed_7();");
            repo.commit("rename with an edit").rename("src/x-y/a.c", "src/x/a.c")
                .add("src/x/a.c", String.join("\n", lines) + "\n").create();
            lines.set(9, "changed_9();");
            repo.commit("rename again").rename("src/x/a.c", "src/x.c").add("src/x.c", String.join("\n", lines) + "\n")
                .add("src/.gitattributes", "*.h text\n*.c eol=lf\n").create();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = indexedTip(ws, walk, repo);
                for (String path : List.of("src/x.c", ".gitattributes", "src/.gitattributes")) {
                    int size = repo.read(head, path).split("\n", -1).length - 1;
                    Blamer.Origin[] plain = plainBlame(ws, head, path, size);
                    Blamer.Origin[] cached;
                    try (Blamer blamer = new Blamer(ws.repository(), CachedGraphReader.open(ws, head))) {
                        cached = blameWhole(blamer, head, path, size);
                    }
                    assertArrayEquals(plain, cached, path);
                    List<String> porcelain = NativeGit.lines(repo.directory(), "blame", "-w", "--line-porcelain",
                        head.name(), "--", path);
                    List<Blamer.Origin> git = new ArrayList<>();
                    String[] header = null;
                    for (String row : porcelain) {
                        if (row.matches("[0-9a-f]{40} \\d+ \\d+( \\d+)?")) {
                            header = row.split(" ");
                        } else if (row.startsWith("filename ")) {
                            git.add(new Blamer.Origin(ObjectId.fromString(header[0]), row.substring("filename ".length()),
                                Integer.parseInt(header[1]) - 1));
                        }
                    }
                    assertEquals(git, List.of(cached), path);
                }
                assertEquals("src/x-y/a.c", plainBlame(ws, head, "src/x.c", 12)[0].path(),
                    "the history does not reach the first name");
            }
        }
    }

    @Test
    void whatOneBlameKeptForTheProcessServesTheNextInAnyRepository() throws Exception {
        // blobs, trees and edits are kept for the process by object id: a second blame of the same history, and
        // one of another history holding the same blobs under other commits, answer as JGit does without them
        int size = 40;
        Blamer.Origin[][] first = new Blamer.Origin[2][];
        int pairsAfterFirst = 0;
        for (int run = 0; run < 2; run++) {
            Random random = new Random(41);
            try (TestRepo repo = TestRepo.init(tmp.resolve("kept" + run)).tick(3_600 + run)) {
                String path = mergesAndRenames(repo, numberedLines(size), random);
                try (GitWorkspace ws = GitWorkspace.open(repo.directory());
                     RevWalk walk = new RevWalk(ws.repository())) {
                    RevCommit head = indexedTip(ws, walk, repo);
                    Blamer.Origin[] plain = plainBlame(ws, head, path, size);
                    for (int again = 0; again < 2; again++) {
                        try (Blamer blamer = new Blamer(ws.repository(), CachedGraphReader.open(ws, head))) {
                            assertArrayEquals(plain, blameWhole(blamer, head, path, size),
                                "run " + run + ", blame " + again);
                        }
                    }
                    first[run] = plain;
                }
            }
            if (run == 0) {
                pairsAfterFirst = RememberedEdits.SHARED.size();
            }
        }
        assertFalse(first[0][0].commit().equals(first[1][0].commit()), "the two histories share commits");
        assertEquals(pairsAfterFirst, RememberedEdits.SHARED.size(),
            "the second history's diffs were all the first's: none was made again");
    }

    @Test
    void linesBlamedOneByOneThroughTheCacheEqualTheWholeFileBlame() throws Exception {
        // each line its own generator: they share one commit pool and one memory of diffs, and at a merge whose
        // earlier parents took the line, the diffs against the later ones are never worked out
        Random random = new Random(23);
        try (TestRepo repo = TestRepo.init(tmp.resolve("one")).tick(3_600)) {
            List<String> main = numberedLines(40);
            String path = mergesAndRenames(repo, main, random);
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = indexedTip(ws, walk, repo);
                int size = main.size();
                Blamer.Origin[] whole = plainBlame(ws, head, path, size);
                try (Blamer blamer = new Blamer(ws.repository(), CachedGraphReader.open(ws, head))) {
                    for (int i = size - 1; i >= 0; i--) {
                        BitSet one = new BitSet();
                        one.set(i);
                        blamer.track(head, path, one);
                        assertEquals(whole[i], blamer.blame(head, path, i, i + 1)[0], "line " + i);
                    }
                }
            }
        }
    }

    @Test
    void theClassifierReadingThroughTheBlamerAnswersAsOnItsOwn() throws Exception {
        // the classifier then takes blobs, trees and diffs from the blamer: the pairs blame diffed, and others
        Random random = new Random(31);
        try (TestRepo repo = TestRepo.init(tmp.resolve("classify")).tick(3_600)) {
            String path = classifiable(repo, random);
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository());
                 ObjectReader reader = ws.repository().newObjectReader()) {
                RevCommit head = indexedTip(ws, walk, repo);
                // memories that keep nothing: each classifier works everything out itself
                List<String> alone = classified(new ChangeClassifier(reader, walk, ws.repository().getConfig(),
                    new ClassifiedCommits(0)), walk, head);
                ChangeClassifier classifier = new ChangeClassifier(reader, walk, ws.repository().getConfig(),
                    new ClassifiedCommits(0));
                List<String> through;
                try (Blamer blamer = new Blamer(ws.repository(), CachedGraphReader.open(ws, head));
                     ChangeClassifier.Reading reading = classifier.readThrough(blamer)) {
                    assertNotNull(blamer.reader(), "the cache tables were not used");
                    blameWhole(blamer, head, path, (int) repo.read(head, path).chars().filter(c -> c == '\n').count());
                    through = classified(classifier, walk, head);
                }
                assertTrue(alone.stream().anyMatch(a -> a.contains(" moved from ") && !a.endsWith(" moved from -")),
                    "no moved line");
                assertTrue(alone.stream().anyMatch(a -> a.contains("FORMAT")), "no format-only commit");
                assertEquals(alone, through);
            }
        }
    }

    @Test
    void aClassifierTakingWhatAnotherLeftInTheProcessMemoryAnswersAsOneWorkingAlone() throws Exception {
        // the daemon's next query classifies with another walk what an earlier one kept; a small budget evicts
        Random random = new Random(37);
        try (TestRepo repo = TestRepo.init(tmp.resolve("memory")).tick(3_600)) {
            String path = classifiable(repo, random);
            try (GitWorkspace ws = GitWorkspace.open(repo.directory());
                 ObjectReader reader = ws.repository().newObjectReader()) {
                RevCommit head;
                List<String> alone;
                try (RevWalk walk = new RevWalk(reader)) {
                    head = walk.parseCommit(repo.repository().resolve("HEAD"));
                    alone = classified(new ChangeClassifier(reader, walk, ws.repository().getConfig(),
                        new ClassifiedCommits(0)), walk, head);
                }
                int[] written = new int[2];
                long[] budgets = {16L << 20, 40_000};
                for (int b = 0; b < budgets.length; b++) {
                    ClassifiedCommits memory = new ClassifiedCommits(budgets[b]);
                    for (int pass = 0; pass < 2; pass++) {
                        long hits = memory.hits();
                        try (RevWalk walk = new RevWalk(reader)) {
                            assertEquals(alone, classified(new ChangeClassifier(reader, walk,
                                ws.repository().getConfig(), memory), walk, walk.parseCommit(head)),
                                "budget " + budgets[b] + ", pass " + pass);
                        }
                        // (the small memory, scanned in order, has let go of each commit before it is asked again)
                        if (pass == 1 && b == 0) {
                            assertTrue(memory.hits() > hits + 10, "the second pass was not served from the memory: "
                                + (memory.hits() - hits) + " hits, " + memory.kinds() + " kinds kept");
                        }
                    }
                    written[b] = memory.writtenCommits();
                    // another rename limit is another question about the same commits
                    int kinds = memory.kinds();
                    org.eclipse.jgit.lib.Config limited = new org.eclipse.jgit.lib.Config(ws.repository().getConfig());
                    limited.setInt("diff", null, "renameLimit", 7);
                    try (RevWalk walk = new RevWalk(reader)) {
                        classified(new ChangeClassifier(reader, walk, limited, memory), walk, walk.parseCommit(head));
                    }
                    if (b == 0) {
                        assertEquals(2 * kinds, memory.kinds(), "budget " + budgets[b]);
                    }
                }
                assertTrue(written[1] > 0 && written[1] < written[0], "kept " + written[0] + " and " + written[1]);
                assertTrue(alone.stream().anyMatch(a -> a.contains(" moved from ") && !a.endsWith(" moved from -")),
                    "no moved line");
            }
        }
    }

    @Test
    void theNextBlamerOfTheSameRepositoryAndTablesTakesTheLastOnesCommitsAndAnswersAlike() throws Exception {
        // the first request leaves its "seen" flag on every commit it walked; the second follows each line with a
        // generator of its own across those commits
        OpenedTables.keep(true);
        try (TestRepo repo = TestRepo.init(tmp.resolve("pool")).tick(3_600)) {
            MergedHistory history = mergedHistory(repo, 53);
            String path = history.path();
            int size = history.lines();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = indexedTip(ws, walk, repo);
                Blamer.Origin[] plain = plainBlame(ws, head, path, size);
                long reused = BlamePool.REUSED.get();
                try (Blamer first = Blamer.at(ws, head)) {
                    assertNotNull(first.reader(), "the cache tables were not used");
                    assertArrayEquals(plain, blameWhole(first, head, path, size));
                }
                assertEquals(reused, BlamePool.REUSED.get(), "another test's pool was taken");
                try (Blamer second = Blamer.at(ws, head)) {
                    assertEquals(reused + 1, BlamePool.REUSED.get(), "the second blamer made a pool of its own");
                    for (int i = size - 1; i >= 0; i--) {
                        BitSet one = new BitSet();
                        one.set(i);
                        second.track(head, path, one);
                        assertEquals(plain[i], second.blame(head, path, i, i + 1)[0], "line " + i);
                    }
                }
                try (Blamer third = Blamer.at(ws, head)) {
                    assertEquals(reused + 2, BlamePool.REUSED.get(), "the pool was not handed back");
                    assertArrayEquals(plain, blameWhole(third, head, path, size));
                }
            }
        } finally {
            OpenedTables.keep(false);
        }
    }

    @Test
    void blamersOnSeveralThreadsEachHaveAPoolOfTheirOwn() throws Exception {
        // as the daemon's warm-up beside a command: a kept pool goes to one blamer at a time
        OpenedTables.keep(true);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (TestRepo repo = TestRepo.init(tmp.resolve("threads")).tick(3_600)) {
            MergedHistory history = mergedHistory(repo, 61);
            String path = history.path();
            int size = history.lines();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = indexedTip(ws, walk, repo);
                Blamer.Origin[] plain = plainBlame(ws, head, path, size);
                List<Future<Blamer.Origin[]>> blames = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    blames.add(threads.submit(() -> {
                        try (Blamer blamer = Blamer.at(ws, head)) {
                            return blameWhole(blamer, head, path, size);
                        }
                    }));
                }
                for (Future<Blamer.Origin[]> blame : blames) {
                    assertArrayEquals(plain, blame.get());
                }
            }
        } finally {
            threads.shutdownNow();
            OpenedTables.keep(false);
        }
    }

    @Test
    void newTablesOrAnotherRepositoryMeanANewPool() throws Exception {
        OpenedTables.keep(true);
        try (TestRepo repo = TestRepo.init(tmp.resolve("tables")).tick(3_600)) {
            MergedHistory history = mergedHistory(repo, 59);
            String path = history.path();
            int size = history.lines();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = indexedTip(ws, walk, repo);
                Blamer.Origin[] plain = plainBlame(ws, head, path, size);
                // the commit table alone, as before the changed-path table is written
                Files.delete(CommitCache.directory(ws).resolve("paths"));
                long reused = BlamePool.REUSED.get();
                try (Blamer blamer = Blamer.at(ws, head)) {
                    assertArrayEquals(plain, blameWhole(blamer, head, path, size));
                }
                assertNotNull(CommitCache.index(ws, Progress.NONE));
                assertEquals(reused, BlamePool.REUSED.get());
                try (Blamer blamer = Blamer.at(ws, head)) {
                    assertEquals(reused, BlamePool.REUSED.get(), "kept across a new changed-path table");
                    assertArrayEquals(plain, blameWhole(blamer, head, path, size));
                }
                // a commit made and indexed since: both tables are new
                RevCommit later = repo.commit("later").add("other.c", "later();\n").create();
                assertNotNull(CommitCache.index(ws, Progress.NONE));
                try (Blamer blamer = Blamer.at(ws, later)) {
                    assertEquals(reused, BlamePool.REUSED.get(), "kept across a new commit table");
                    assertArrayEquals(plain, blameWhole(blamer, later, path, size));
                }
                // the same files, opened again: another repository instance, the same tables
                try (GitWorkspace again = GitWorkspace.open(repo.directory())) {
                    assertNotSame(ws.repository(), again.repository());
                    try (Blamer blamer = Blamer.at(again, later)) {
                        assertEquals(reused, BlamePool.REUSED.get(), "kept for another repository");
                        assertArrayEquals(plain, blameWhole(blamer, later, path, size));
                    }
                }
                // each repository keeps its own pool: the other one's did not take this one's place
                try (Blamer blamer = Blamer.at(ws, later)) {
                    assertEquals(reused + 1, BlamePool.REUSED.get(), "the other repository's pool took this one's place");
                }
                try (Blamer blamer = Blamer.at(ws, later)) {
                    assertEquals(reused + 2, BlamePool.REUSED.get(), "nothing changed, yet the pool was not kept");
                    assertArrayEquals(plain, blameWhole(blamer, later, path, size));
                }
            }
        } finally {
            OpenedTables.keep(false);
        }
    }

    /** The file {@link #mergesAndRenames} wrote, and how many lines it ends with. */
    private record MergedHistory(String path, int lines) {
    }

    /** {@link #mergesAndRenames} from 40 numbered lines, its merges and edits drawn with {@code seed}. */
    private static MergedHistory mergedHistory(TestRepo repo, long seed) throws Exception {
        List<String> main = numberedLines(40);
        String path = mergesAndRenames(repo, main, new Random(seed));
        return new MergedHistory(path, main.size());
    }

    /**
     * {@link #mergesAndRenames} with every kind a classifier tells apart: then a commit that moves a block and one
     * that only re-indents; returns the file's path.
     */
    private static String classifiable(TestRepo repo, Random random) throws Exception {
        List<String> main = numberedLines(40);
        String path = mergesAndRenames(repo, main, random);
        List<String> moved = new ArrayList<>(main.subList(6, main.size()));
        moved.addAll(main.subList(0, 6));
        repo.commit("move").add(path, String.join("\n", moved) + "\n").create();
        repo.commit("indent").add(path, "  " + String.join("\n  ", moved) + "\n").create();
        return path;
    }

    /** Every answer of {@code classifier} about the commits reachable from {@code head}, one line each. */
    private static List<String> classified(ChangeClassifier classifier, RevWalk walk, RevCommit head)
        throws Exception {
        List<String> out = new ArrayList<>();
        try (RevWalk all = new RevWalk(walk.getObjectReader())) {
            all.markStart(all.parseCommit(head));
            for (RevCommit c : all) {
                out.add(c.name() + " " + classifier.change(c) + " " + classifier.addedIdentifiers(c));
                for (String path : List.of("src/a.c", "lib/b.c", "lib/c.c")) {
                    try (TreeWalk tw = TreeWalk.forPath(walk.getObjectReader(), path, c.getTree())) {
                        int lines = tw == null ? 0
                            : new RawText(walk.getObjectReader().open(tw.getObjectId(0)).getBytes()).size();
                        for (int i = 0; i < lines; i++) {
                            out.add(path + ":" + i + " in parent " + where(classifier.lineInParent(c, path, i))
                                + " moved from " + where(classifier.movedFrom(c, path, i)));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String where(ChangeClassifier.LineInParent at) {
        return at == null ? "-" : at.parent().name() + ":" + at.path() + ":" + at.line();
    }

    /**
     * A history of {@code src/a.c} (starting from {@code main}'s lines, left as the file ends) with side
     * branches merged back, edits on both sides and in the merges, whitespace-only edits and two renames;
     * returns the file's last path.
     */
    private static String mergesAndRenames(TestRepo repo, List<String> main, Random random) throws Exception {
        String path = "src/a.c";
        repo.commit("initial").add(path, String.join("\n", main) + "\n").add("other.c", "x();\n").create();
        for (int c = 1; c <= 40; c++) {
            edit(main, random, "main" + c);
            if (c % 5 == 0) {
                // a side branch that also renames or leaves the file alone, merged with edits of its own
                RevCommit base = repo.tip("main");
                List<String> side = new ArrayList<>(main);
                edit(side, random, "side" + c);
                RevCommit sideTip = repo.commit("side " + c).parent(base).add(path, String.join("\n", side) + "\n")
                    .create();
                sideTip = repo.commit("side other " + c).add("other.c", "x(" + c + ");\n").create();
                repo.branch("main", base);
                if (c % 10 == 5) {
                    // the file changed on both sides: the merge differs from each parent
                    List<String> ours = new ArrayList<>(main);
                    edit(ours, random, "ours" + c);
                    repo.commit("main other " + c).add("other.c", "y(" + c + ");\n")
                        .add(path, String.join("\n", ours) + "\n").create();
                } else {
                    repo.commit("main other " + c).add("other.c", "y(" + c + ");\n").create();
                }
                main.clear();
                main.addAll(side);
                if (c % 5 == 0) {
                    edit(main, random, "merge" + c);
                }
                repo.commit("merge " + c).merge(sideTip).add(path, String.join("\n", main) + "\n")
                    .add("other.c", "z(" + c + ");\n").create();
            } else if (c == 13 || c == 27) {
                String renamed = c == 13 ? "lib/b.c" : "lib/c.c";
                repo.commit("rename").rename(path, renamed).create();
                path = renamed;
            } else if (c % 7 == 0) {
                repo.commit("other " + c).add("other.c", "w(" + c + ");\n").create();
            } else {
                repo.commit("change " + c).add(path, String.join("\n", main) + "\n").create();
            }
        }
        return path;
    }

    /** Three random edits: a changed line, an inserted line, a whitespace-only change. */
    private static void edit(List<String> lines, Random random, String tag) {
        lines.set(random.nextInt(lines.size()), "changed_" + tag + "();");
        lines.add(random.nextInt(lines.size()), "added_" + tag + "();");
        int at = random.nextInt(lines.size());
        lines.set(at, "  " + lines.get(at).strip());
    }

    private static List<String> numberedLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("line_" + i + "(" + i + ");");
        }
        return lines;
    }

    /** Indexes the repository (rca's tables) and parses its main branch's tip. */
    private static RevCommit indexedTip(GitWorkspace ws, RevWalk walk, TestRepo repo) throws IOException {
        assertNotNull(CommitCache.index(ws, Progress.NONE));
        return walk.parseCommit(repo.tip("main"));
    }

    /** JGit's own whole-file blame, without rca's tables, line by line. */
    private static Blamer.Origin[] plainBlame(GitWorkspace ws, RevCommit head, String path, int size)
        throws IOException {
        try (Blamer blamer = new Blamer(ws.repository())) {
            return blameWhole(blamer, head, path, size);
        }
    }

    /** Every line of {@code path} at {@code head}, followed at once. */
    private static Blamer.Origin[] blameWhole(Blamer blamer, RevCommit head, String path, int size) throws IOException {
        BitSet all = new BitSet();
        all.set(0, size);
        blamer.track(head, path, all);
        return blamer.blame(head, path, 0, size);
    }
}
