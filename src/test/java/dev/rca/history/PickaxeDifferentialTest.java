package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.LogAgainstGit;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rca log -S}/{@code -G} against {@code git log} on the same repositories: the same commits in the same
 * order, with and without rca's changed-path table, on a repository built for each of the pickaxe's corners and on
 * a generated history with merges and renames.
 */
class PickaxeDifferentialTest {
    @TempDir
    Path tmp;

    /** Every query asked of {@link #corners}, each with the subjects git answers (newest first). */
    private static final Map<List<String>, List<String>> CORNERS = new LinkedHashMap<>();

    static {
        CORNERS.put(List.of("-S", "foo"), List.of("rename with an edit", "three on one line", "root"));
        // per file: one file gains what the other loses
        CORNERS.put(List.of("-S", "needle"), List.of("delete ctx.txt", "crlf", "binary", "needle moves", "root"));
        CORNERS.put(List.of("-S", "NEEDLE", "-i"),
            List.of("delete ctx.txt", "crlf", "binary", "needle moves", "root"));
        CORNERS.put(List.of("-S", "NEEDLE"), List.of());
        CORNERS.put(List.of("-S", "f.o", "--pickaxe-regex"), List.of("rename with an edit", "three on one line",
            "root"));
        CORNERS.put(List.of("-S", "f.o"), List.of());
        CORNERS.put(List.of("-S", "foo foo", "--pickaxe-regex"), List.of("three on one line"));
        // -G: a changed line must match; a binary file is left out, a line only in the context is not looked at
        CORNERS.put(List.of("-G", "needle"), List.of("delete ctx.txt", "crlf", "needle moves", "root"));
        CORNERS.put(List.of("-G", "ne+dle$"), List.of("needle moves", "root"));
        CORNERS.put(List.of("-G", "needle.$"), List.of("crlf"));
        CORNERS.put(List.of("-G", "context"), List.of("delete ctx.txt", "root"));
        CORNERS.put(List.of("-G", "NEEDLE", "-i"), List.of("delete ctx.txt", "crlf", "needle moves", "root"));
        CORNERS.put(List.of("-S", "ünïcode"), List.of());
        CORNERS.put(List.of("-S", "ÜNÏCODE"), List.of("unicode case"));
        CORNERS.put(List.of("-S", "side"), List.of("side adds"));
        CORNERS.put(List.of("-S", "side", "--first-parent"), List.of("merge side"));
        CORNERS.put(List.of("-S", "side", "--merges"), List.of());
        CORNERS.put(List.of("-S", "needle", "--", "ctx.txt"), List.of("delete ctx.txt", "root"));
        CORNERS.put(List.of("-S", "needle", "-n", "2"), List.of("delete ctx.txt", "crlf"));
        CORNERS.put(List.of("-S", "needle", "--grep=^[cr]"), List.of("crlf", "root"));
        CORNERS.put(List.of("-S", "needle", "--grep=crlf", "--grep=root", "--all-match"), List.of());
        CORNERS.put(List.of("-S", "needle", "--no-merges", "--author=Bob"), List.of("needle moves"));
        CORNERS.put(List.of("-S", "x", "-S", "foo"), List.of("rename with an edit", "three on one line", "root"));
        CORNERS.put(List.of("-S", "foo", "--pickaxe-all"), List.of("rename with an edit", "three on one line",
            "root"));
        CORNERS.put(List.of("-G", "f.o", "-F"), List.of("rename with an edit", "three on one line", "root"));
        // --text: -G reads the binary file too
        CORNERS.put(List.of("-G", "needle", "--text"), List.of("delete ctx.txt", "crlf", "binary", "needle moves",
            "root"));
        CORNERS.put(List.of("-aG", "needle", "--", "bin.dat"), List.of("binary"));
        // a short option takes what follows its letter, as in git: -S=foo looks for "=foo"
        CORNERS.put(List.of("-S=foo"), List.of());
        CORNERS.put(List.of("-Sfoo"), List.of("rename with an edit", "three on one line", "root"));
        // POSIX classes inside brackets, git's idiom, read as git's regcomp reads them (Java alone reads [:space:]
        // as the characters ":space"), in -G and --grep alike
        CORNERS.put(List.of("-G", "^[[:alpha:]]+[[:space:]][[:alpha:]]+[[:space:]]"), List.of("delete ctx.txt",
            "three on one line", "root"));
        CORNERS.put(List.of("-G", "^[^[:digit:][:space:]]+$"), List.of("main moves on", "side adds", "unicode case",
            "delete ctx.txt", "context only", "needle moves", "rename with an edit", "three on one line", "root"));
        CORNERS.put(List.of("--grep=^[[:lower:]]*[[:blank:]]on[[:space:]]"), List.of("three on one line"));
    }

    /**
     * A history with each corner of the pickaxe: several occurrences on one line, a pure rename and one with an edit,
     * one file gaining what another loses, a binary file, CRLF lines, a match only in a diff's context, a deleted
     * file, non-ASCII case, and a side branch whose merge git diffs only with --first-parent.
     */
    private Path corners() {
        Path dir = tmp.resolve("corners");
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit root = repo.commit("root").add("a.txt", "foo\n").add("x.txt", "needle\n")
                .add("ctx.txt", "one\ntwo\nthe needle context\nfour\n").create();
            repo.commit("three on one line").add("a.txt", "foo foo foo\n").create();
            repo.commit("pure rename").rename("a.txt", "b.txt").create();
            repo.commit("rename with an edit").rename("b.txt", "c.txt").add("c.txt", "foo foo foo\nfoo\n").create();
            repo.commit("needle moves").by("Bob", "bob@example.com").add("x.txt", "hay\n").add("y.txt", "needle\n")
                .create();
            repo.commit("binary").add("bin.dat", "needle\0\1\2".getBytes(StandardCharsets.ISO_8859_1)).create();
            repo.commit("crlf").add("crlf.txt", "needle\r\nother\r\n").create();
            repo.commit("context only").add("ctx.txt", "one\ntwo\nthe needle context\nfive\n").create();
            repo.commit("delete ctx.txt").delete("ctx.txt").create();
            RevCommit side = repo.commit("unicode case").add("u.txt", "ÜNÏCODE\n").create();
            repo.branch("side", side);
            repo.onBranch("side");
            RevCommit sideAdds = repo.commit("side adds").add("s.txt", "side\n").create();
            repo.onBranch("main");
            repo.commit("main moves on").add("m.txt", "main\n").create();
            repo.commit("merge side").merge(sideAdds).add("s.txt", "side\n").create();
            assertTrue(root != null);
            repo.checkout();
        }
        return dir;
    }

    @Test
    void cornersAnswerAsGitDoesWithAndWithoutTheChangedPathTable() throws Exception {
        Path dir = corners();
        assertAllSame(dir);
        assertEquals(0, Cli.run(dir, "index").exitCode());
        assertTrue(Files.isRegularFile(dir.resolve(".git/rca/cache/paths")));
        assertAllSame(dir);
    }

    private static void assertAllSame(Path dir) {
        for (Map.Entry<List<String>, List<String>> q : CORNERS.entrySet()) {
            assertEquals(q.getValue(), subjects(dir, LogAgainstGit.assertSame(dir, q.getKey())), "git log " + q.getKey());
        }
    }

    @Test
    void renameDetectionFollowsDiffRenamesAsGitDoes() {
        Path dir = corners();
        NativeGit.run(dir, "config", "diff.renames", "false");
        // the pure rename now deletes a.txt and adds b.txt, each with a count that changed
        assertEquals(List.of("rename with an edit", "pure rename", "three on one line", "root"),
            subjects(dir, LogAgainstGit.assertSame(dir, List.of("-S", "foo"))));
        NativeGit.run(dir, "config", "log.showRoot", "false");
        assertEquals(List.of("rename with an edit", "pure rename", "three on one line"),
            subjects(dir, LogAgainstGit.assertSame(dir, List.of("-S", "foo"))));
    }

    @Test
    void attributesDecideWhatMinusGCallsBinaryAsGitDoes() throws Exception {
        Path dir = corners();
        Files.writeString(dir.resolve(".gitattributes"), "*.dat diff\ncrlf.txt -diff\n");
        assertEquals(List.of("delete ctx.txt", "binary", "needle moves", "root"),
            subjects(dir, LogAgainstGit.assertSame(dir, List.of("-G", "needle"))));
        // -S counts in binary files whatever the attributes say
        assertFalse(LogAgainstGit.assertSame(dir, List.of("-S", "needle")).isEmpty());
    }

    @Test
    void ignoringCaseFoldsNonAsciiLettersAsGitInAUtf8Locale() {
        Path dir = corners();
        for (List<String> q : List.of(List.of("-S", "Ünïcode", "-i"), List.of("-G", "ünï", "-i"),
            List.of("-S", "ünï.ode", "-i", "--pickaxe-regex"))) {
            List<String> git = new ArrayList<>(List.of("log", "--format=%H"));
            git.addAll(q);
            NativeGit.Result expected = NativeGit.exec(dir, Map.of("LC_ALL", "C.UTF-8"), null,
                git.toArray(String[]::new));
            List<String> rca = new ArrayList<>(List.of("log", "--format=sha"));
            rca.addAll(q);
            assertEquals(new CliResult(0, expected.out(), ""), Cli.run(dir, rca.toArray(String[]::new)),
                "rca " + rca);
            assertEquals(List.of("unicode case"), subjects(dir, List.of(expected.out().strip())));
        }
    }

    private static List<String> subjects(Path dir, List<String> shas) {
        List<String> subjects = new ArrayList<>();
        for (String sha : shas) {
            subjects.add(NativeGit.run(dir, "log", "-1", "--format=%s", sha).strip());
        }
        return subjects;
    }

    @Test
    void aGeneratedHistoryWithMergesAndRenamesAnswersAsGitDoes() throws Exception {
        Path dir = tmp.resolve("generated");
        HistoryRepoGenerator g = HistoryRepoGenerator.generate(dir, 23, 160);
        String topic = g.branches.get(g.branches.size() - 1);
        List<List<String>> queries = List.of(List.of("-S", "tweak"), List.of("-S", "tweak", "--first-parent"),
            List.of("-S", "file 1 "), List.of("-S", "edit [0-9]*7 ", "--pickaxe-regex"), List.of("-G", "^edit 1[0-9] "),
            List.of("-G", "tweak"), List.of("-G", "TWEAK", "-i", "--first-parent"), List.of("-S", "Edit", "-i", "-n", "4"),
            List.of("-S", "tweak", "main", topic, "--no-merges"), List.of("-S", "tweak", "--", "moved"),
            List.of("-G", "tweak", "--first-parent", "--", "src", "moved"), List.of("-S", "tweak", "--grep=rename"),
            List.of("-S", "file", "--since=@" + g.earlyTime, "--until=@" + g.lateTime),
            List.of("-G", "edit", g.tags.get(0) + "..main", "--", "src/cache.c"));
        List<List<String>> answers = new ArrayList<>();
        for (List<String> q : queries) {
            answers.add(LogAgainstGit.assertSame(dir, q));
        }
        assertTrue(answers.stream().filter(a -> !a.isEmpty()).count() >= queries.size() - 2, answers::toString);
        assertEquals(0, Cli.run(dir, "index").exitCode());
        for (int i = 0; i < queries.size(); i++) {
            assertEquals(answers.get(i), LogAgainstGit.assertSame(dir, queries.get(i)), "from the table");
        }
    }

    @Test
    void minusGDiffsWithMyersWhateverDiffAlgorithmSays() {
        Path dir = tmp.resolve("algorithm");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("one").add("f", "}\nb\n}\n{\na\n{\nb\na\n").create();
            // histogram removes and adds a '}' here, Myers keeps both
            repo.commit("two").add("f", "x\nb\n}\nc\nb\n}\nb\na\n").create();
        }
        NativeGit.run(dir, "config", "diff.algorithm", "histogram");
        assertTrue(NativeGit.run(dir, "show", "--format=", "HEAD").contains("\n-}\n"));
        assertEquals(List.of("one"), subjects(dir, LogAgainstGit.assertSame(dir, List.of("-G", "^}$"))));
    }

    @Test
    void aTextconvDriverGetsANoteSinceRcaSearchesTheStoredBytes() {
        Path dir = corners();
        NativeGit.run(dir, "config", "diff.upper.textconv", "tr a-z A-Z");
        assertEquals(new CliResult(0, NativeGit.run(dir, "log", "--format=%H", "-S", "foo"),
            "rca: note: diff.upper.textconv is not run: -S and -G search the files as stored, where git log searches"
                + " the converted text\n"), Cli.run(dir, "log", "--format=sha", "-S", "foo"));
        assertEquals("", Cli.run(dir, "log", "--format=sha", "-n", "1").err());
    }

    @Test
    void whatGitRefusesIsAUsageError() {
        Path dir = corners();
        assertEquals(new CliResult(2, "", "rca: error: -S needs a non-empty string\n"), Cli.run(dir, "log", "-S", ""));
        assertEquals(new CliResult(2, "", "rca: error: options '-G' and '-S' cannot be used together\n"),
            Cli.run(dir, "log", "-S", "a", "-G", "b"));
        CliResult both = Cli.run(dir, "log", "-G", "a", "--pickaxe-regex");
        assertEquals(2, both.exitCode(), both.toString());
        assertTrue(both.err().startsWith("rca: error: options '-G' and '--pickaxe-regex' cannot be used together\n"),
            both.err());
        CliResult bad = Cli.run(dir, "log", "-G", "a(");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().startsWith("rca: error: -G: bad regular expression 'a(': "), bad.err());
        // git: "Trailing backslash"; Java says "Unexpected internal error"
        assertEquals(new CliResult(2, "", "rca: error: -G: bad regular expression 'a\\': trailing backslash\n"),
            Cli.run(dir, "log", "-G", "a\\"));
        assertEquals("", bad.out());
        assertEquals(new CliResult(2, "", "rca: error: option '-S' needs a value: '--' ends the options, as in git\n"
            + "hint: to search for '--', attach it: -S--\n"), Cli.run(dir, "log", "-S", "--", "a.txt"));
        CliResult findObject = Cli.run(dir, "log", "--find-object=HEAD:m.txt");
        assertEquals(2, findObject.exitCode(), findObject.toString());
        assertEquals("", findObject.out());
    }
}
