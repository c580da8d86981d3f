package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rca history --stat} and {@code --authors} count lines as {@code git log --numstat} does, on a
 * generated history and on contents that trip up line counting (binary, CR-LF, lone CR, no final newline,
 * one-line edits in large files); and the counts stay the same when they come from the numstat cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnDifferentialTest {
    private static final Pattern ROW = Pattern.compile("\"sha\":\"([0-9a-f]{40})\".*\"added\":(\\d+),\"removed\":(\\d+)\\}$");

    @TempDir
    static Path tmp;

    private Path generated;

    @BeforeAll
    void generate() {
        generated = tmp.resolve("gen");
        HistoryRepoGenerator.generate(generated, 47, 240);
    }

    /**
     * sha → {added, removed} as git's numstat sums them with {@code options}; merges, for which git lists nothing
     * (unless with {@code --first-parent}), as 0/0.
     */
    private static Map<String, List<Long>> gitNumstat(Path dir, String path, String... options) {
        Map<String, List<Long>> sums = new LinkedHashMap<>();
        String sha = null;
        List<String> args = new ArrayList<>(List.of("log", "--numstat", "--format=@%H"));
        args.addAll(List.of(options));
        args.addAll(List.of("--", path));
        for (String line : NativeGit.lines(dir, args.toArray(new String[0]))) {
            if (line.startsWith("@")) {
                sha = line.substring(1);
                sums.put(sha, new ArrayList<>(List.of(0L, 0L)));
            } else if (!line.isEmpty()) {
                String[] f = line.split("\t", 3);
                if (!f[0].equals("-")) {
                    List<Long> s = sums.get(sha);
                    s.set(0, s.get(0) + Long.parseLong(f[0]));
                    s.set(1, s.get(1) + Long.parseLong(f[1]));
                }
            }
        }
        return sums;
    }

    private static Map<String, List<Long>> rcaStat(Path dir, String path, String... options) {
        List<String> args = new ArrayList<>(List.of("history", path, "--stat", "--format=json"));
        args.addAll(List.of(options));
        CliResult r = Cli.run(dir, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, List<Long>> rows = new LinkedHashMap<>();
        for (String line : r.outLines()) {
            Matcher m = ROW.matcher(line);
            assertTrue(m.find(), line);
            rows.put(m.group(1), List.of(Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        }
        return rows;
    }

    @Test
    void statMatchesGitNumstatOnAGeneratedHistory() {
        for (String path : List.of("src", "docs", "src/cache.c", "Ünïcode dir", ".")) {
            Map<String, List<Long>> git = gitNumstat(generated, path);
            assertTrue(git.size() > 5, path + ": " + git.size());
            assertEquals(git, rcaStat(generated, path), "rca history " + path + " --stat");
        }
        // renames are paired by default, as git's diff.renames; turned off, both count whole files
        NativeGit.run(generated, "config", "diff.renames", "false");
        try {
            Map<String, List<Long>> git = gitNumstat(generated, "src");
            assertEquals(git, rcaStat(generated, "src"), "diff.renames=false");
            assertTrue(!git.equals(gitNumstatPairingRenames(generated, "src")), "the history holds renames under src");
        } finally {
            NativeGit.run(generated, "config", "--unset", "diff.renames");
        }
    }

    /**
     * Every value git takes for {@code diff.algorithm}, in any case, counts as git counts with it, patience (which
     * JGit lacks) as git's histogram does; JGit's own reading of the key took only myers and histogram and threw on
     * the rest, an internal error (exit 4). A value git refuses stops both.
     */
    @Test
    void everyDiffAlgorithmGitTakesCountsAsGitDoes() {
        Path dir = tmp.resolve("algorithms");
        HistoryRepoGenerator.generate(dir, 11, 80);
        for (String value : List.of("default", "myers", "Minimal", "patience", "histogram")) {
            NativeGit.run(dir, "config", "diff.algorithm", value);
            String asGit = value.equals("patience") ? "histogram" : value.toLowerCase(java.util.Locale.ROOT);
            assertEquals(gitNumstat(dir, "src", "--diff-algorithm=" + asGit), rcaStat(dir, "src"), value);
            CliResult authors = Cli.run(dir, "history", "src", "--authors");
            assertEquals(List.of(0, ""), List.of(authors.exitCode(), authors.err()), value);
        }
        NativeGit.run(dir, "config", "diff.algorithm", "bogus");
        assertEquals(128, NativeGit.exec(dir, null, "log", "--numstat", "--", "src").exitCode());
        for (String option : List.of("--stat", "--authors")) {
            assertEquals(new CliResult(dev.rca.ExitCode.BAD_INPUT, "", "rca: error: bad config value 'bogus' for 'diff.algorithm'\n"
                + "hint: git takes default, myers, minimal, patience or histogram\n"),
                Cli.run(dir, "history", "src", option), option);
        }
    }

    private static Map<String, List<Long>> gitNumstatPairingRenames(Path dir, String path) {
        NativeGit.run(dir, "config", "diff.renames", "true");
        try {
            return gitNumstat(dir, path);
        } finally {
            NativeGit.run(dir, "config", "diff.renames", "false");
        }
    }

    @Test
    void aMoveWithEditsOfMoreFilesThanJGitsRenameLimitIsPairedAsInGit() throws Exception {
        // 450 edited moves: 450 x 450 pairs is over JGit's own limit (400 squared), within git's (1000 squared)
        Path dir;
        try (TestRepo repo = TestRepo.init(tmp.resolve("moves"))) {
            TestRepo.CommitSpec add = repo.commit("add");
            TestRepo.CommitSpec move = repo.commit("move and edit");
            for (int i = 0; i < 450; i++) {
                String text = "file " + i + "\nalpha " + i + "\nbeta " + i + "\ngamma " + i + "\ndelta " + i + "\n";
                add.add("old/f" + i + ".c", text);
                move.add("new/f" + i + ".c", text.replace("gamma", "GAMMA")).delete("old/f" + i + ".c");
            }
            add.create();
            move.create();
            repo.checkout();
            dir = repo.directory();
        }
        Map<String, List<Long>> git = gitNumstat(dir, ".");
        assertEquals(List.of(450L, 450L), git.values().iterator().next(), "git pairs every move: one line each");
        assertEquals(git, rcaStat(dir, "."));
    }

    @Test
    void statMatchesGitNumstatOnAwkwardContents() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            big.append("int line").append(i % 7 == 0 ? "" : String.valueOf(i)).append(";\n");
        }
        String large = big.toString();
        Path dir;
        try (TestRepo repo = TestRepo.init(tmp.resolve("awkward"))) {
            repo.commit("add").add("f/bin.dat", new byte[] {1, 0, 2, 3, '\n'}).add("f/crlf.txt", "a\r\nb\r\nc\r\n")
                .add("f/cr.txt", "a\rb\nc\n").add("f/nonl.txt", "a\nb").add("f/large.c", large).add("f/empty", "")
                .create();
            repo.commit("edit").add("f/bin.dat", new byte[] {1, 0, 2, 4, '\n', 5}).add("f/crlf.txt", "a\r\nB\r\nc\r\n")
                .add("f/cr.txt", "a\rb\nC\n").add("f/nonl.txt", "a\nb\n").add("f/empty", "now text\n")
                .add("f/large.c", large.replace("int line1500;\n", "int line1500 = 1;\nint extra;\n")).create();
            repo.commit("more").add("f/nonl.txt", "b\n").add("f/large.c", "int line0;\n" + large + "tail")
                .add("f/crlf.txt", "a\nb\nc\n").delete("f/cr.txt").add("f/text-to-bin", new byte[] {'a', 0}).create();
            repo.commit("end").delete("f/large.c").add("f/empty", "").create();
            repo.checkout();
            dir = repo.directory();
        }
        Map<String, List<Long>> git = gitNumstat(dir, "f");
        assertEquals(4, git.size());
        assertEquals(git, rcaStat(dir, "f"), "cold");
        assertTrue(Files.isRegularFile(dir.resolve(".git/rca/cache/numstat-myers-v1.bin")));
        assertEquals(git, rcaStat(dir, "f"), "from the cache");
    }

    @Test
    void authorsAreTheSameColdWarmAndWithABrokenCache() throws Exception {
        Path cacheDir = generated.resolve(".git/rca/cache");
        deleteCache(cacheDir);
        CliResult cold = Cli.run(generated, "history", "src", "--authors", "--format=json");
        assertEquals(0, cold.exitCode(), cold.toString());
        Path file = cacheDir.resolve("numstat-myers-v1.bin");
        assertTrue(Files.size(file) > 100);
        CliResult warm = Cli.run(generated, "history", "src", "--authors", "--format=json");
        assertEquals(cold.out(), warm.out());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
        CliResult broken = Cli.run(generated, "history", "src", "--authors", "--format=json");
        assertEquals(cold.out(), broken.out());
        Files.writeString(file, "garbage", StandardCharsets.US_ASCII);
        assertEquals(cold.out(), Cli.run(generated, "history", "src", "--authors", "--format=json").out());
        assertTrue(Files.size(file) > 100, "a broken cache is replaced");
    }

    @Test
    void countsFromTheCommitTablesTreesAreThoseOfTheLiveWalk() throws Exception {
        // with the commit table, --stat and --authors take each commit's trees and first parent from it; without
        // rca's cache (-Drca.cache=off) from the parsed commits: roots, merges and renames alike
        Path cacheDir = generated.resolve(".git/rca/cache");
        List<String[]> queries = List.of(new String[] {"history", "src", "--stat", "--format=json"},
            new String[] {"history", "src", "--authors", "--format=json"},
            new String[] {"history", ".", "--stat", "--format=json"},
            new String[] {"history", "src", "--first-parent", "--stat"});
        List<String> live = new ArrayList<>();
        System.setProperty(CommitCache.PROPERTY, "off");
        try {
            deleteCache(cacheDir);
            for (String[] q : queries) {
                CliResult r = Cli.run(generated, q);
                assertEquals(0, r.exitCode(), r.toString());
                live.add(r.out());
            }
        } finally {
            System.clearProperty(CommitCache.PROPERTY);
        }
        deleteCache(cacheDir);
        assertEquals(0, Cli.run(generated, "log", "--format=sha").exitCode());
        assertTrue(Files.isRegularFile(cacheDir.resolve(CommitTable.FILE_NAME)));
        for (int i = 0; i < queries.size(); i++) {
            assertEquals(live.get(i), Cli.run(generated, queries.get(i)).out(), String.join(" ", queries.get(i)));
        }
        assertTrue(live.get(0).contains("\"added\""), live.get(0));
    }

    @Test
    void authorsTotalledAFewCommitsAtATimeWithAFullCacheAreTheSame() throws Exception {
        Path cacheDir = generated.resolve(".git/rca/cache");
        deleteCache(cacheDir);
        String whole = Cli.run(generated, "history", "src", "--authors", "--format=json").out();
        List<String> atHead = NativeGit.lines(generated, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only",
            "HEAD");
        String renamed = NativeGit.lines(generated, "-c", "core.quotePath=false", "log", "--format=", "--name-only",
                "--diff-filter=R", "-M")
            .stream().filter(atHead::contains).findFirst().orElseThrow();
        CliResult followedRun = Cli.run(generated, "history", "--follow", renamed, "--authors", "--format=json");
        assertEquals(0, followedRun.exitCode(), followedRun.toString());
        String followed = followedRun.out();
        deleteCache(cacheDir);
        int window = PathHistory.authorsWindow(3);
        int room = NumstatCache.freshLimit(5);
        try {
            CliResult windowed = Cli.run(generated, "history", "src", "--authors", "--format=json");
            assertEquals(0, windowed.exitCode(), windowed.toString());
            assertEquals(whole, windowed.out());
            assertEquals(followed, Cli.run(generated, "history", "--follow", renamed, "--authors", "--format=json").out());
        } finally {
            PathHistory.authorsWindow(window);
            NumstatCache.freshLimit(room);
        }
        assertTrue(whole.contains("\"added\""), whole);
        assertTrue(followed.contains("\"added\""), followed);
    }

    /**
     * With the changed-path table ({@code rca index}) the changes come from it instead of tree diffs: the same
     * counts as git's numstat and as without the table, on shapes the table records in one entry per path (a file
     * that becomes a directory and back, a deleted directory), symlinks, gitlinks, mode and type changes, a file
     * deleted then added again, a side branch and its merge.
     */
    @Test
    void theChangedPathTableGivesGitsCountsOnAwkwardShapes() throws Exception {
        Path dir = AwkwardShapes.create(tmp.resolve("shapes"));
        List<String> paths = List.of("t", "t/x", "t/d", "t/d/1", "t/a.txt", "t/sub", "other", ".", "t/x/", "t/sub/",
            "t/");
        Map<String, Map<String, List<Long>>> withoutTable = new LinkedHashMap<>();
        Map<String, String> authorsWithout = new LinkedHashMap<>();
        for (String path : paths) {
            withoutTable.put(path, rcaStat(dir, path));
            assertEquals(gitNumstat(dir, path), withoutTable.get(path), "rca history " + path + " --stat");
            authorsWithout.put(path, Cli.run(dir, "history", path, "--authors").out());
        }
        assertEquals(0, Cli.run(dir, "index").exitCode());
        assertTrue(Files.isRegularFile(dir.resolve(".git/rca/cache/paths")));
        deleteCache(dir.resolve(".git/rca/cache"), "numstat-myers-v1.bin");
        for (String path : paths) {
            assertEquals(withoutTable.get(path), rcaStat(dir, path), "rca history " + path + " --stat, from the table");
            assertEquals(authorsWithout.get(path), Cli.run(dir, "history", path, "--authors").out(),
                "rca history " + path + " --authors, from the table");
        }
        // without rename pairing the table's changes are the answer: t/x/ counts t/x/inner.txt, never the file t/x
        NativeGit.run(dir, "config", "diff.renames", "false");
        for (String path : List.of("t/x/", "t/")) {
            assertEquals(gitNumstat(dir, path), rcaStat(dir, path), "rca history " + path + " --stat, no renames");
        }
    }

    /**
     * With {@code --first-parent} git diffs a merge against its first parent (the option implies
     * {@code --diff-merges=first-parent}), and the merged commits are not walked: a merge counts what it brought in,
     * from tree diffs and from the changed-path table alike, and {@code --authors} credits it to the merge's author.
     */
    @Test
    void withFirstParentAMergeCountsItsChangesAgainstItsFirstParentAsInGit() throws Exception {
        for (String path : List.of("src", "docs", "src/cache.c", ".")) {
            Map<String, List<Long>> git = gitNumstat(generated, path, "--first-parent");
            assertEquals(git, rcaStat(generated, path, "--first-parent"), "rca history " + path + " --first-parent --stat");
        }
        Set<String> merges = Set.copyOf(NativeGit.lines(generated, "log", "--merges", "--first-parent", "--format=%H"));
        assertTrue(gitNumstat(generated, ".", "--first-parent").entrySet().stream()
            .anyMatch(e -> merges.contains(e.getKey()) && e.getValue().get(0) > 0), "some merge brought lines in");
        Path dir = AwkwardShapes.create(tmp.resolve("shapes-first-parent"));
        String merge = NativeGit.lines(dir, "rev-parse", "main~1").get(0);
        assertEquals(List.of(1L, 0L), gitNumstat(dir, "t", "--first-parent").get(merge), "t/merged.txt");
        Map<String, List<Long>> walked = rcaStat(dir, "t", "--first-parent");
        assertEquals(gitNumstat(dir, "t", "--first-parent"), walked);
        String authors = Cli.run(dir, "history", "t", "--first-parent", "--authors", "--format=json").out();
        assertEquals(0, Cli.run(dir, "index").exitCode());
        assertEquals(walked, rcaStat(dir, "t", "--first-parent"), "from the changed-path table");
        assertEquals(authors, Cli.run(dir, "history", "t", "--first-parent", "--authors", "--format=json").out());
        // A2's 6 added lines hold the merge's t/merged.txt
        assertEquals("""
            {"name":"A0","email":"a0@example.com","commits":4,"added":7,"removed":14,"first":"2023-11-15","last":"2023-11-19"}
            {"name":"A1","email":"a1@example.com","commits":4,"added":14,"removed":5,"first":"2023-11-14","last":"2023-11-15"}
            {"name":"A2","email":"a2@example.com","commits":4,"added":6,"removed":5,"first":"2023-11-15","last":"2023-11-19"}
            """, authors);
    }

    /**
     * Files {@code .gitattributes} calls binary ({@code -diff}, the {@code binary} macro, a macro of one's own, a
     * driver with {@code binary = true}) count nothing, and {@code diff} counts a file with a NUL as text, as in
     * {@code git log --numstat}, which reads the work tree's attribute files (here not the committed ones) and
     * {@code info/attributes}. The same pair of blobs counts differently under another name, whichever the numstat
     * cache met first, and the changed-path table gives the same counts; in a bare repository only
     * {@code info/attributes} applies, as in git.
     */
    @Test
    void gitattributesMarkFilesBinaryOrTextAsInGitNumstat() throws Exception {
        Path dir;
        byte[] withNul = {'a', '\n', 0, '\n', 'b', '\n'};
        byte[] withNulEdited = {'a', '\n', 0, '\n', 'B', '\n', 'c', '\n'};
        try (TestRepo repo = TestRepo.init(tmp.resolve("attributes"))) {
            String three = "one\ntwo\nthree\n";
            String edited = "one\nTWO\nthree\nfour\n";
            repo.commit("add").add(".gitattributes", "*.old -diff\n").add("a.txt", three).add("b.lock", three)
                .add("data.dat", withNul).add("same.bin", withNul).add("logo.svg", three).add("x.gen", three)
                .add("y.drv", three).add("sub/s.txt", three).add("sub/keep.lock", three).add("info.txt", three)
                .add("x.old", three).add("plain.c", three).create();
            repo.commit("edit").add("a.txt", edited).add("b.lock", edited).add("data.dat", withNulEdited)
                .add("same.bin", withNulEdited).add("logo.svg", edited).add("x.gen", edited).add("y.drv", edited)
                .add("sub/s.txt", edited).add("sub/keep.lock", edited).add("info.txt", edited).add("x.old", edited)
                .add("plain.c", edited).create();
            repo.commit("rename into a binary name").delete("plain.c").add("moved.lock", edited + "five\n")
                .add("sub/t.txt", "new\n").create();
            repo.checkout();
            dir = repo.directory();
        }
        // the work tree's files, not the commits': x.old is text for git
        Files.writeString(dir.resolve(".gitattributes"),
            "*.lock -diff\n*.svg binary\n[attr]generated -diff\n*.gen generated\n*.dat diff\n*.drv diff=blobby\n");
        Files.writeString(dir.resolve("sub/.gitattributes"), "*.txt -diff\nkeep.lock diff\n");
        Files.createDirectories(dir.resolve(".git/info"));
        Files.writeString(dir.resolve(".git/info/attributes"), "info.txt binary\n");
        NativeGit.run(dir, "config", "diff.blobby.binary", "true");
        List<String> files = List.of("same.bin", "data.dat", "a.txt", "b.lock", "logo.svg", "x.gen", "y.drv",
            "sub/s.txt", "sub/keep.lock", "sub/t.txt", "info.txt", "x.old", "plain.c", "moved.lock", "sub", ".");
        Map<String, Map<String, List<Long>>> git = new LinkedHashMap<>();
        for (String f : files) {
            git.put(f, gitNumstat(dir, f));
        }
        assertEquals(List.of(0L, 0L), git.get("b.lock").values().iterator().next(), "git: -diff counts nothing");
        assertEquals(List.of(2L, 1L), git.get("data.dat").values().iterator().next(), "git: diff counts a NUL file");
        assertEquals(List.of(2L, 1L), git.get("x.old").values().iterator().next(), "git: the work tree's attributes");
        for (String f : files) {
            assertEquals(git.get(f), rcaStat(dir, f), "rca history " + f + " --stat");
        }
        assertEquals(git.get("."), rcaStat(dir, "."), "from the cache");
        String authors = Cli.run(dir, "history", ".", "--authors").out();
        long added = git.get(".").values().stream().mapToLong(counts -> counts.get(0)).sum();
        long removed = git.get(".").values().stream().mapToLong(counts -> counts.get(1)).sum();
        assertEquals(String.format("     3  %7s  %6s  2026-01-01  2026-01-01  Alice Author <alice@example.com>%n",
            "+" + added, "-" + removed), authors);
        assertEquals(0, Cli.run(dir, "index").exitCode());
        deleteCache(dir.resolve(".git/rca/cache"), "numstat-myers-v1.bin");
        for (String f : files) {
            assertEquals(git.get(f), rcaStat(dir, f), "rca history " + f + " --stat, from the table");
        }
        assertEquals(authors, Cli.run(dir, "history", ".", "--authors").out(), "from the table");

        Path bare = tmp.resolve("attributes.git");
        NativeGit.run(tmp, "clone", "-q", "--bare", dir.toString(), bare.toString());
        Files.createDirectories(bare.resolve("info"));
        Files.writeString(bare.resolve("info/attributes"), "*.txt -diff\n");
        Map<String, List<Long>> gitBare = gitNumstat(bare, ".");
        assertEquals(gitBare, rcaStat(bare, "."), "bare");
        assertTrue(!gitBare.equals(git.get(".")), "a bare repository reads no .gitattributes");
    }

    /** Deletes the cache's files, or only those named. */
    private static void deleteCache(Path cacheDir, String... only) throws Exception {
        if (Files.isDirectory(cacheDir)) {
            try (var files = Files.list(cacheDir)) {
                for (Path p : files.toList()) {
                    if (only.length == 0 || List.of(only).contains(p.getFileName().toString())) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
