package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rca's cache ({@code .git/rca/cache}) never changes an answer: {@code rca log} and {@code rca history} against
 * {@code git log} with the cache cold, warm, with the changed-path table, after new commits, after a branch is
 * rewound and rewritten, and after the files are corrupted or come from another repository.
 */
class CommitCacheTest {
    @TempDir
    Path tmp;

    private static List<String> rcaArgs(String command, List<String> query) {
        List<String> args = new ArrayList<>(List.of(command, "--format=sha"));
        args.addAll(query);
        return args;
    }

    /** Every log query of the differential suite, plus history of the generator's paths, matches git. */
    private static void assertAllMatchGit(Path dir, HistoryRepoGenerator g, String state, boolean coldEachTime)
        throws IOException {
        List<List<String>> queries = new ArrayList<>(LogDifferentialTest.queriesFor(g));
        for (List<String> query : queries) {
            if (coldEachTime) {
                deleteCache(dir);
            }
            List<String> gitArgs = new ArrayList<>(List.of("log", "--format=%H"));
            gitArgs.addAll(query);
            CliResult r = Cli.run(dir, rcaArgs("log", query).toArray(new String[0]));
            assertEquals(0, r.exitCode(), r.toString());
            List<String> expected = NativeGit.lines(dir, gitArgs.toArray(new String[0]));
            if (!expected.equals(r.outLines())) {
                List<String> extra = new ArrayList<>(r.outLines());
                extra.removeAll(expected);
                List<String> missing = new ArrayList<>(expected);
                missing.removeAll(r.outLines());
                String first = !extra.isEmpty() ? extra.get(0) : !missing.isEmpty() ? missing.get(0) : null;
                throw new AssertionError(state + ": rca log " + query + ": extra " + extra + ", missing " + missing
                    + (first == null ? ", order differs" : "\n" + NativeGit.run(dir, "cat-file", "commit", first)));
            }
        }
        for (String path : g.touchedPaths) {
            CliResult r = Cli.run(dir, "history", path, "--format=sha");
            assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", path), r.outLines(),
                state + ": rca history " + path);
        }
    }

    private static void deleteCache(Path dir) throws IOException {
        Path cache = dir.resolve(".git/rca/cache");
        if (Files.isDirectory(cache)) {
            try (var files = Files.list(cache)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static Path commits(Path dir) {
        return dir.resolve(".git/rca/cache/commits");
    }

    private static Path paths(Path dir) {
        return dir.resolve(".git/rca/cache/paths");
    }

    private static CommitCache.Indexed index(Path dir) throws IOException {
        try (GitWorkspace ws = GitWorkspace.open(dir)) {
            return CommitCache.index(ws, Progress.NONE);
        }
    }

    /** "cache answers N, ..." of a history walk of {@code path}. */
    private static String pathStats(Path dir, String path) {
        try (GitWorkspace ws = GitWorkspace.open(dir); CommitWalk walk = new CommitWalk(ws, Progress.NONE)) {
            walk.run(LogQuery.everything().withPaths(List.of(path)), c -> true);
            return walk.pathStats();
        }
    }

    @Test
    void answersMatchGitColdWarmIndexedAndAfterNewCommits() throws IOException {
        Path dir = tmp.resolve("r");
        HistoryRepoGenerator g = HistoryRepoGenerator.generate(dir, 11, 260);
        assertFalse(Files.exists(commits(dir)));
        assertAllMatchGit(dir, g, "cold", true);

        deleteCache(dir);
        assertEquals(0, Cli.run(dir, "log", "--format=sha", "-n", "1").exitCode());
        assertFalse(Files.exists(commits(dir)), "a bounded walk does not build the table");
        assertEquals(0, Cli.run(dir, "log", "--format=sha").exitCode());
        assertTrue(Files.isRegularFile(commits(dir)), "a whole walk builds it");
        long built = Files.getLastModifiedTime(commits(dir)).toMillis();
        assertAllMatchGit(dir, g, "warm", false);
        assertEquals(built, Files.getLastModifiedTime(commits(dir)).toMillis(), "nothing new, nothing rewritten");
        assertTrue(pathStats(dir, "src").startsWith("cache answers 0,"), "no changed-path table before an index");

        CommitCache.Indexed indexed = index(dir);
        assertNotNull(indexed);
        assertEquals(NativeGit.lines(dir, "rev-list", "--all").size(), indexed.commits());
        assertTrue(pathStats(dir, "src").matches("cache answers [1-9]\\d*, bloom skips 0, tree diffs 0"),
            pathStats(dir, "src"));
        assertAllMatchGit(dir, g, "indexed", false);

        // new commits: a change, a rename, a non-ASCII ISO-8859-1 message, a merge, a skewed clock
        commitFile(dir, "src/cache.c", "appended\n", "fix: appended cache change", "2030-01-01T00:00:00Z");
        NativeGit.run(dir, "mv", "docs/readme.md", "docs/README.md");
        NativeGit.run(dir, "-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "-m", "rename readme",
            "--author=Ådam <adam@example.com>");
        NativeGit.run(dir, "merge", "-q", "-s", "ours", "--no-ff", "-m", "merge topic1 (ours)",
            g.branches.get(g.branches.size() - 1));
        commitFile(dir, "Ünïcode dir/new.txt", "x\n", "café fix crash", "2001-01-01T00:00:00Z");
        assertAllMatchGit(dir, g, "appended", false);
        assertTrue(pathStats(dir, "src/cache.c").matches("cache answers [1-9]\\d*, bloom skips 0, tree diffs 0"),
            "the changed-path table was extended: " + pathStats(dir, "src/cache.c"));

        // a rewound and rewritten branch
        NativeGit.run(dir, "reset", "-q", "--hard", "HEAD~3");
        commitFile(dir, "src/cache.c", "rewritten\n", "rewrite: cache", "2030-02-01T00:00:00Z");
        assertAllMatchGit(dir, g, "rewritten", false);
    }

    private static void commitFile(Path dir, String path, String content, String message, String date)
        throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        NativeGit.run(dir, "add", "-A");
        NativeGit.run(dir, "-c", "user.name=Test Committer", "commit", "-q", "-m", message, "--date=" + date);
    }

    @Test
    void changedPathTableAgreesWithTheTreesForEveryPathCommitAndParent() throws IOException {
        Path dir = tmp.resolve("t");
        HistoryRepoGenerator.generate(dir, 47, 220);
        java.util.Set<String> all = new java.util.TreeSet<>();
        for (String f : NativeGit.lines(dir, "-c", "core.quotePath=false", "log", "--all", "--format=",
            "--name-only")) {
            for (int k = f.indexOf('/'); k > 0; k = f.indexOf('/', k + 1)) {
                all.add(f.substring(0, k));
            }
            if (!f.isEmpty()) {
                all.add(f);
            }
        }
        all.add("no/such/path");
        assertNotNull(index(dir));
        int pairs = 0;
        try (GitWorkspace ws = GitWorkspace.open(dir);
             org.eclipse.jgit.lib.ObjectReader reader = ws.repository().newObjectReader()) {
            CommitTable commits = CommitTable.open(CommitCache.directory(ws));
            ChangedPathTable table = ChangedPathTable.open(CommitCache.directory(ws), commits);
            assertEquals(commits.size(), table.commits());
            // twice: the second time each path's lookup starts from what the first left with the table (the
            // daemon keeps it), and asks newest first instead of oldest first
            for (int pass = 0; pass < 2; pass++) {
                for (String path : all) {
                    ChangedPathTable.Lookup lookup = table.new Lookup(commits, List.of(path));
                    TreePaths trees = new TreePaths(reader, List.of(path));
                    for (int k = 0; k < commits.size(); k++) {
                        int c = pass == 0 ? k : commits.size() - 1 - k;
                        TreePaths.Entry[] mine = trees.lookup(commits.tree(c));
                        assertEquals(java.util.Arrays.stream(mine).allMatch(java.util.Objects::isNull), lookup.empty(c),
                            path + " empty in " + commits.id(c).name());
                        for (int n = 0; n < commits.parentCount(c); n++) {
                            int p = commits.parent(c, n);
                            assertEquals(java.util.Arrays.equals(mine, trees.lookup(commits.tree(p))),
                                lookup.same(p, c), path + " in " + commits.id(c).name() + " and parent " + n);
                            pairs++;
                        }
                    }
                }
            }
        }
        assertTrue(pairs > 20_000, "compared " + pairs);
    }

    @Test
    void changedPathFiltersAreJGitsOfEveryChangedPathAndCommitsReadFromTheTableAreTheirObjects() throws IOException {
        Path dir = tmp.resolve("f");
        HistoryRepoGenerator.generate(dir, 53, 160);
        assertNotNull(index(dir));
        int filters = 0;
        try (GitWorkspace ws = GitWorkspace.open(dir);
             org.eclipse.jgit.lib.ObjectReader plain = ws.repository().newObjectReader();
             org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(plain)) {
            CommitTable commits = CommitTable.open(CommitCache.directory(ws));
            ChangedPathTable table = ChangedPathTable.open(CommitCache.directory(ws), commits);
            TableCommitGraph graph = new TableCommitGraph(commits, table);
            for (int c = 0; c < commits.size(); c++) {
                java.util.Set<java.nio.ByteBuffer> changed = new java.util.HashSet<>();
                for (int e = table.entriesStart(c); e < table.entriesStart(c + 1); e++) {
                    changed.add(java.nio.ByteBuffer.wrap(table.pathBytes(table.entryPath(e))));
                }
                java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
                org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter.fromPaths(changed).writeTo(expected);
                java.io.ByteArrayOutputStream built = new java.io.ByteArrayOutputStream();
                table.changedPathFilter(c).writeTo(built);
                assertEquals(java.util.HexFormat.of().formatHex(expected.toByteArray()),
                    java.util.HexFormat.of().formatHex(built.toByteArray()), commits.id(c).name());
                if (commits.parentCount(c) == 1) {
                    // built once per commit and kept with the table, for every graph over it
                    assertSame(graph.getChangedPathFilter(c),
                        new TableCommitGraph(commits, table).getChangedPathFilter(c));
                    filters++;
                }
            }
            RevCommit head = walk.parseCommit(ws.resolveCommit("HEAD"));
            try (CachedGraphReader cached = CachedGraphReader.open(ws, head)) {
                assertNotNull(cached);
                for (int c = 0; c < commits.size(); c++) {
                    ObjectId id = commits.id(c);
                    assertEquals(java.util.HexFormat.of().formatHex(plain.open(id).getCachedBytes()),
                        java.util.HexFormat.of().formatHex(
                            cached.open(id, org.eclipse.jgit.lib.Constants.OBJ_COMMIT).getCachedBytes()), id.name());
                }
                // untyped reads (JGit reads .gitattributes so) are the objects, whether kept from a typed read or not
                int untyped = 0;
                try (org.eclipse.jgit.treewalk.TreeWalk tw = new org.eclipse.jgit.treewalk.TreeWalk(plain)) {
                    tw.addTree(head.getTree());
                    tw.setPostOrderTraversal(true);
                    tw.setRecursive(true);
                    while (tw.next()) {
                        ObjectId id = tw.getObjectId(0);
                        int type = tw.getFileMode(0).getObjectType();
                        for (int hint : new int[] {org.eclipse.jgit.lib.ObjectReader.OBJ_ANY, type,
                            org.eclipse.jgit.lib.ObjectReader.OBJ_ANY}) {
                            org.eclipse.jgit.lib.ObjectLoader loader = cached.open(id, hint);
                            assertEquals(type, loader.getType(), id.name());
                            assertEquals(java.util.HexFormat.of().formatHex(plain.open(id).getCachedBytes()),
                                java.util.HexFormat.of().formatHex(loader.getCachedBytes()), id.name());
                            untyped++;
                        }
                    }
                }
                assertTrue(untyped > 30, "read " + untyped);
            }
        }
        assertTrue(filters > 100, "compared " + filters);
    }

    /** Runs rca with the cache switched off, as the live walk answers. */
    private static CliResult live(Path dir, List<String> args) {
        String before = System.getProperty(CommitCache.PROPERTY);
        System.setProperty(CommitCache.PROPERTY, "off");
        try {
            return Cli.run(dir, args.toArray(new String[0]));
        } finally {
            if (before == null) {
                System.clearProperty(CommitCache.PROPERTY);
            } else {
                System.setProperty(CommitCache.PROPERTY, before);
            }
        }
    }

    @Test
    void everyOutputFormatIsTheSameWithAndWithoutTheCache() throws IOException {
        Path dir = tmp.resolve("f");
        HistoryRepoGenerator.generate(dir, 23, 150);
        List<List<String>> commands = new ArrayList<>();
        for (String format : List.of("table", "json", "oneline")) {
            commands.add(List.of("log", "--format=" + format));
            commands.add(List.of("log", "--format=" + format, "--grep=fix", "--author=Bob"));
            commands.add(List.of("log", "--format=" + format, "--merges", "--", "src"));
            commands.add(List.of("history", "src/cache.c", "--format=" + format));
            commands.add(List.of("history", "src", "--stat", "--format=" + format));
            commands.add(List.of("history", "docs", "--authors", "--format=" + format));
            commands.add(List.of("history", "src", "--follow", "--stat", "--format=" + format));
            commands.add(List.of("log", "--first-parent", "--format=" + format));
            commands.add(List.of("history", "src", "--first-parent", "--format=" + format));
        }
        List<CliResult> expected = new ArrayList<>();
        for (List<String> c : commands) {
            expected.add(live(dir, c));
        }
        assertFalse(Files.exists(commits(dir)), "the cache was off");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < commands.size(); i++) {
                CliResult r = Cli.run(dir, commands.get(i).toArray(new String[0]));
                assertEquals(expected.get(i).toString(), r.toString(), "round " + round + ": " + commands.get(i));
            }
            assertTrue(Files.isRegularFile(commits(dir)));
            assertNotNull(index(dir));
        }
    }

    @Test
    void corruptTruncatedOrForeignCachesAreIgnored() throws IOException {
        Path dir = tmp.resolve("c");
        HistoryRepoGenerator g = HistoryRepoGenerator.generate(dir, 23, 200);
        assertNotNull(index(dir));
        byte[] goodCommits = Files.readAllBytes(commits(dir));
        byte[] goodPaths = Files.readAllBytes(paths(dir));

        // a flipped byte in the middle of the raw commits, and in a changed-path entry
        byte[] bad = goodCommits.clone();
        bad[bad.length / 2] ^= 0x20;
        Files.write(commits(dir), bad);
        byte[] badPaths = goodPaths.clone();
        badPaths[badPaths.length / 3] ^= 0x01;
        Files.write(paths(dir), badPaths);
        try (GitWorkspace ws = GitWorkspace.open(dir)) {
            assertNull(CommitTable.open(CommitCache.directory(ws)));
        }
        assertAllMatchGit(dir, g, "corrupt", false);

        // truncated files
        Files.write(commits(dir), java.util.Arrays.copyOf(goodCommits, goodCommits.length - 7));
        Files.write(paths(dir), java.util.Arrays.copyOf(goodPaths, 100));
        assertAllMatchGit(dir, g, "truncated", false);

        // another repository's cache, valid in itself
        Path other = tmp.resolve("o");
        HistoryRepoGenerator.generate(other, 47, 150);
        assertNotNull(index(other));
        Files.copy(commits(other), commits(dir), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(paths(other), paths(dir), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertAllMatchGit(dir, g, "foreign", false);

        // garbage
        Files.writeString(commits(dir), "not a table");
        Files.writeString(paths(dir), "");
        assertAllMatchGit(dir, g, "garbage", false);
    }

    @Test
    void aReadOnlyGitDirectoryStillAnswers() throws IOException {
        Path dir = tmp.resolve("ro");
        HistoryRepoGenerator g = HistoryRepoGenerator.generate(dir, 47, 80);
        // a file where the cache directory would be fails every write, even for root, as a read-only .git does
        Path cache = dir.resolve(".git/rca/cache");
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "");
        CliResult r = Cli.run(dir, "log", "--format=sha", "--grep=fix");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--grep=fix"), r.outLines());
        r = Cli.run(dir, "history", "--format=sha", "src");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", "src"), r.outLines());
        assertTrue(Files.isRegularFile(cache));
        assertTrue(g.touchedPaths.size() > 0);
    }

    @Test
    void shallowRepositoriesWalkLive() throws IOException {
        Path origin = tmp.resolve("origin");
        HistoryRepoGenerator.generate(origin, 11, 60);
        Path dir = tmp.resolve("shallow");
        NativeGit.run(tmp, "clone", "-q", "--depth=5", "file://" + origin.toAbsolutePath(), dir.toString());
        CliResult r = Cli.run(dir, "log", "--format=sha");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(NativeGit.lines(dir, "log", "--format=%H"), r.outLines());
        assertFalse(Files.exists(commits(dir)), "no table for a shallow clone");
        assertNull(index(dir));
    }

    @Test
    void datesAfter2038KeepGitsOrder() throws IOException {
        Path dir = tmp.resolve("y2038");
        try (var repo = dev.rca.testing.TestRepo.init(dir)) {
            repo.clock(2_147_483_000L);
            var base = repo.commit("base").add("a", "0").create();
            for (int i = 0; i < 6; i++) {
                repo.tick(300);
                repo.commit("main " + i).add("a", "m" + i).create();
            }
            repo.branch("side", base).onBranch("side");
            for (int i = 0; i < 6; i++) {
                repo.tick(-200);
                repo.commit("side " + i).add("b", "s" + i).create();
            }
            repo.onBranch("main");
        }
        for (List<String> q : List.of(List.of("main", "side"), List.of("main", "side", "--", "b"),
            List.of("--since=@2147483600", "main", "side"))) {
            List<String> gitArgs = new ArrayList<>(List.of("log", "--format=%H"));
            gitArgs.addAll(q);
            List<String> expected = NativeGit.lines(dir, gitArgs.toArray(new String[0]));
            assertEquals(expected, live(dir, rcaArgs("log", q)).outLines(), "live " + q);
            assertEquals(expected, Cli.run(dir, rcaArgs("log", q).toArray(new String[0])).outLines(), "cached " + q);
        }
        assertTrue(Files.isRegularFile(commits(dir)));
    }

    @Test
    void rawMessageMatchingAgreesWithJGitDecoding() throws IOException {
        Path dir = tmp.resolve("enc");
        try (var repo = dev.rca.testing.TestRepo.init(dir)) {
            repo.commit("caf\u00e9 crash fix").add("a", "1").encoding("ISO-8859-1").create();
            repo.commit("na\u00efve fix").add("a", "2").create();
            repo.commit("fixed nothing").add("a", "3").by("\u00c5dam", "adam@example.com").create();
        }
        for (List<String> q : List.of(List.of("--grep=café"), List.of("--grep=caf"), List.of("--grep=fix"),
            List.of("--grep=crash", "--grep=fix", "--all-match"), List.of("--grep=FIX", "-i"),
            List.of("--author=Ådam"), List.of("--grep=ïve"), List.of("--grep=fix", "--invert-grep"))) {
            deleteCache(dir);
            List<String> cold = Cli.run(dir, rcaArgs("log", q).toArray(new String[0])).outLines();
            List<String> warm = Cli.run(dir, rcaArgs("log", q).toArray(new String[0])).outLines();
            List<String> gitArgs = new ArrayList<>(List.of("log", "--format=%H"));
            gitArgs.addAll(q);
            assertEquals(NativeGit.lines(dir, gitArgs.toArray(new String[0])), warm, q.toString());
            assertEquals(cold, warm, q.toString());
        }
        assertTrue(Files.isRegularFile(commits(dir)));
    }

    @Test
    void aTableWriteRemovesTemporariesKilledWritersLeftButNotALiveWritersOnes() throws IOException {
        Path dir = tmp.resolve("temps");
        try (var repo = dev.rca.testing.TestRepo.init(dir)) {
            repo.commit("one").add("a", "1").create();
            repo.commit("two").add("a", "2").create();
        }
        Path cache = dir.resolve(".git/rca/cache");
        Files.createDirectories(cache);
        // what kill -9 during a build leaves (CommitTable's data, AtomicFile's table), and a writer's file now
        Path killedData = Files.writeString(cache.resolve(".commits.0d4a6c1e-1111-4aaa-8bbb-000000000001.data.tmp"), "x");
        Path killedTable = Files.writeString(cache.resolve(".commits.0d4a6c1e-1111-4aaa-8bbb-000000000002.tmp"), "x");
        Path live = Files.writeString(cache.resolve(".paths.0d4a6c1e-1111-4aaa-8bbb-000000000003.tmp"), "x");
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(CommitCache.STALE_AFTER).minusSeconds(60));
        Files.setLastModifiedTime(killedData, longAgo);
        Files.setLastModifiedTime(killedTable, longAgo);
        CliResult r = Cli.run(dir, "log", "--format=sha");
        assertEquals(List.of(0, NativeGit.lines(dir, "log", "--format=%H")), List.of(r.exitCode(), r.outLines()));
        assertTrue(Files.isRegularFile(commits(dir)), "the walk wrote the table");
        assertEquals(List.of(false, false, true),
            List.of(Files.exists(killedData), Files.exists(killedTable), Files.exists(live)));
    }

    @Test
    void aBorrowedCommitItsAlternatePrunedIsNotListedFromTheTable() throws IOException {
        borrowedCommitsPruned("");
    }

    /**
     * The same through repositories kept open between commands, as the daemon keeps them: the source's deleted pack
     * was still read through the file the kept repository held, and the gone commits listed (reviewer-85 #1).
     */
    @Test
    void aBorrowedCommitItsAlternatePrunedIsNotListedByAKeptRepository() throws IOException {
        dev.rca.git.GitWorkspace.keepRepositoriesOpen(4);
        try {
            borrowedCommitsPruned("kept-");
        } finally {
            dev.rca.git.GitWorkspace.stopKeepingRepositoriesOpen();
        }
    }

    private void borrowedCommitsPruned(String prefix) throws IOException {
        Path source = tmp.resolve(prefix + "borrowed-from");
        try (var repo = dev.rca.testing.TestRepo.init(source)) {
            for (int i = 1; i <= 8; i++) {
                repo.commit("commit " + i).add(i % 2 == 0 ? "a.c" : "b.c", "v" + i + "\n").create();
            }
        }
        // packed, as a real source is: a kept repository holds the pack file open after a gc deleted it
        NativeGit.run(source, "gc", "-q");
        Path dir = tmp.resolve(prefix + "borrower");
        NativeGit.run(tmp, "clone", "-q", "--shared", source.toString(), dir.toString());
        assertEquals(8, Cli.run(dir, "log", "--format=sha").outLines().size());
        commitFile(dir, "a.c", "local\n", "local change", "2030-01-01T00:00:00Z");
        assertEquals(9, Cli.run(dir, "log", "--format=sha").outLines().size());
        assertTrue(Files.isRegularFile(commits(dir)), "the walk wrote the table");
        // the source drops its last three commits, which the clone still reaches (git's documented way to lose them)
        NativeGit.run(source, "reset", "-q", "--hard", "HEAD~3");
        NativeGit.run(source, "reflog", "expire", "--expire=now", "--all");
        NativeGit.run(source, "gc", "-q", "--prune=now");
        assertEquals(128, NativeGit.exec(dir, null, "log", "--format=%H").exitCode(), "git fails");
        for (List<String> query : List.of(List.of("log", "--format=sha"), List.of("history", "--format=sha", "a.c"),
            List.of("history", "--format=sha", "--follow", "a.c"))) {
            CliResult live = live(dir, query);
            assertEquals(3, live.exitCode(), live.toString());
            assertEquals(live, Cli.run(dir, query.toArray(new String[0])), query.toString());
        }
        assertTrue(Files.isRegularFile(commits(dir)), "the table is kept for when the objects come back");
    }
}
