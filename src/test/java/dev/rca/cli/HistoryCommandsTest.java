package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandsTest {
    @TempDir
    Path tmp;

    private Path dir;
    private RevCommit first;
    private RevCommit second;
    private RevCommit third;
    private RevCommit fourth;

    @BeforeEach
    void repository() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            first = repo.commit("add cache\n\nThe first cache.").add("src/cache.c", "a\nb\nc\n").create();
            second = repo.commit("café: fix cache eviction").encoding("ISO-8859-1")
                .add("src/cache.c", "a\nB\nc\nd\n").by("bob", "BOB@old.example.com").create();
            third = repo.commit("move cache").rename("src/cache.c", "lib/cache.c").create();
            fourth = repo.commit("add mailmap").add(".mailmap", "Bob Builder <bob@example.com> <BOB@old.example.com>\n")
                .add("lib/cache.c", "a\nB\nc\nd\ne\n").create();
            repo.checkout();
            dir = repo.directory();
        }
    }

    @Test
    void logTableShowsShortShaDateAuthorSubject() {
        CliResult r = Cli.run(dir, "log", "-n", "2", "--no-merges");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(fourth.name().substring(0, 7) + "  2026-01-01  Alice Author          add mailmap\n"
            + third.name().substring(0, 7) + "  2026-01-01  Alice Author          move cache\n", r.out());
    }

    @Test
    void aRepeatedOptionTakesItsLastValueAsInGit() {
        // a script that adds to a command line gets git's answer: the last -n, --since, --until, --format counts
        List<List<String>> repeats = List.of(List.of("-n", "3", "-n", "1"), List.of("-3", "-2"),
            List.of("--until=2020-01-01", "--until=2030-01-01"), List.of("--since=2030-01-01", "--after=2020-01-01"),
            List.of("--first-parent", "--first-parent", "--no-merges", "--no-merges"));
        for (List<String> options : repeats) {
            List<String> git = new ArrayList<>(List.of("log", "--format=%H"));
            git.addAll(options);
            List<String> rca = new ArrayList<>(List.of("log", "--format=json"));
            rca.addAll(options);
            rca.add("--format=sha");
            CliResult r = Cli.run(dir, rca.toArray(new String[0]));
            assertEquals(List.of(0, NativeGit.lines(dir, git.toArray(new String[0]))), List.of(r.exitCode(), r.outLines()),
                String.join(" ", rca));
        }
        CliResult history = Cli.run(dir, "history", "lib/cache.c", "--follow", "--follow", "-n", "5", "-n", "1",
            "--format=sha");
        assertEquals(List.of(0, fourth.name() + "\n"), List.of(history.exitCode(), history.out()));
    }

    @Test
    void onelineMatchesGitOneline() {
        CliResult r = Cli.run(dir, "log", "--format=oneline");
        assertEquals(NativeGit.run(dir, "log", "--oneline", "--no-decorate"), r.out());
    }

    @Test
    void jsonIsOneObjectPerCommitWithDecodedMessage() {
        CliResult r = Cli.run(dir, "log", "--format=json", "--grep=café");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("{\"sha\":\"" + second.name() + "\",\"parents\":[\"" + first.name() + "\"],"
            + "\"author\":{\"name\":\"bob\",\"email\":\"BOB@old.example.com\",\"date\":\"2026-01-01T00:02:00+00:00\"},"
            + "\"committer\":{\"name\":\"Carol Committer\",\"email\":\"carol@example.com\","
            + "\"date\":\"2026-01-01T00:02:00+00:00\"},\"subject\":\"café: fix cache eviction\",\"body\":\"\"}\n",
            r.out());
        CliResult body = Cli.run(dir, "log", "--format=json", "--grep=first cache");
        assertTrue(body.out().contains("\"subject\":\"add cache\",\"body\":\"The first cache."), body.out());
    }

    @Test
    void authorMatchingUsesTheMailmapLikeGit() {
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--author=Builder"),
            Cli.run(dir, "log", "--format=sha", "--author=Builder").outLines());
        assertEquals(1, Cli.run(dir, "log", "--format=sha", "--author=Builder").outLines().size());
    }

    @Test
    void pathsAreRelativeToTheDirectoryRcaRunsIn() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        assertEquals(NativeGit.lines(dir.resolve("lib"), "log", "--format=%H", "--", "cache.c"),
            Cli.run(dir.resolve("lib"), "log", "--format=sha", "--", "cache.c").outLines());
        assertEquals(2, Cli.run(dir.resolve("lib"), "history", "cache.c", "--format=sha").outLines().size());
    }

    @Test
    void historyFollowShowsThePathInEachCommit() {
        CliResult r = Cli.run(dir, "history", "lib/cache.c", "--follow", "--format=oneline");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(fourth.name().substring(0, 7) + " add mailmap  [lib/cache.c]\n"
            + third.name().substring(0, 7) + " move cache  [lib/cache.c]\n"
            + second.name().substring(0, 7) + " café: fix cache eviction  [src/cache.c]\n"
            + first.name().substring(0, 7) + " add cache  [src/cache.c]\n", r.out());
    }

    @Test
    void historyStatCountsLinesUnderThePath() {
        CliResult r = Cli.run(dir, "history", "lib/cache.c", "--follow", "--stat", "--format=json");
        assertEquals(0, r.exitCode(), r.toString());
        String[] rows = r.out().split("\n");
        assertEquals(4, rows.length, r.out());
        assertTrue(rows[0].endsWith("\"path\":\"lib/cache.c\",\"added\":1,\"removed\":0}"), rows[0]);
        assertTrue(rows[1].endsWith("\"added\":0,\"removed\":0}"), rows[1]);
        assertTrue(rows[2].endsWith("\"added\":2,\"removed\":1}"), rows[2]);
        assertTrue(rows[3].endsWith("\"added\":3,\"removed\":0}"), rows[3]);
    }

    @Test
    void historyAuthorsSummarisesWithTheMailmap() {
        CliResult r = Cli.run(dir, "history", "lib/cache.c", "--follow", "--authors");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("     3       +4      -0  2026-01-01  2026-01-01  Alice Author <alice@example.com>\n"
            + "     1       +2      -1  2026-01-01  2026-01-01  Bob Builder <bob@example.com>\n", r.out());
        CliResult json = Cli.run(dir, "history", "src", "--authors", "--format=json");
        assertEquals("{\"name\":\"Alice Author\",\"email\":\"alice@example.com\",\"commits\":2,\"added\":3,"
            + "\"removed\":4,\"first\":\"2026-01-01\",\"last\":\"2026-01-01\"}\n"
            + "{\"name\":\"Bob Builder\",\"email\":\"bob@example.com\",\"commits\":1,\"added\":2,\"removed\":1,"
            + "\"first\":\"2026-01-01\",\"last\":\"2026-01-01\"}\n", json.out());
    }

    @Test
    void historyTakesARevisionAfterThePaths() {
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", second.name(), "--", "src"),
            Cli.run(dir, "history", "src", second.name(), "--format=sha").outLines());
    }

    @Test
    void aLastOperandThatIsNeitherRevisionNorPathIsAnErrorAsInGit() {
        // a mistyped revision used to be taken for a path matching nothing: HEAD's history, exit 0
        assertError(ExitCode.BAD_INPUT, "rca: error: unknown revision or path not in the working tree: 'v1.O'\n"
            + "hint: rca history -- lib v1.O names paths that no longer exist\n", "history", "lib", "v1.O");
        // src no longer exists: like git, it goes after --
        assertEquals(ExitCode.BAD_INPUT, Cli.run(dir, "history", "lib", "src", "--format=sha").exitCode());
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", "lib", "src"),
            Cli.run(dir, "history", "--format=sha", "--", "lib", "src").outLines());
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", "lib", ".mailmap"),
            Cli.run(dir, "history", "lib", ".mailmap", "--format=sha").outLines());
    }

    @Test
    void gitsHabitsCountShorthandOnelineAndAll() {
        assertEquals(NativeGit.lines(dir, "log", "-2", "--oneline"), Cli.run(dir, "log", "-2", "--oneline").outLines());
        assertEquals(NativeGit.lines(dir, "log", "-3", "--format=%H", "--", "lib"),
            Cli.run(dir, "log", "-3", "--format=sha", "--", "lib").outLines());
        // the value of an option that takes one is never a count, whichever option it is
        for (String option : List.of("--grep", "--author", "--committer", "-n")) {
            CliResult r = Cli.run(dir, "log", option, "-1", "--format=sha");
            assertEquals(0, r.exitCode(), option + ": " + r);
            assertEquals(NativeGit.lines(dir, "log", option, "-1", "--format=%H"), r.outLines(), option);
        }
        // a side branch, a detached HEAD and a tag of a tree: --all starts from every ref that leads to a commit
        NativeGit.run(dir, "branch", "side", second.name());
        NativeGit.run(dir, "checkout", "-q", "side");
        NativeGit.run(dir, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "--allow-empty",
            "-m", "on side");
        NativeGit.run(dir, "checkout", "-q", "--detach", "HEAD");
        NativeGit.run(dir, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "--allow-empty",
            "-m", "detached");
        NativeGit.run(dir, "tag", "a-tree", fourth.getTree().name());
        CliResult all = Cli.run(dir, "log", "--all", "--format=sha");
        assertEquals(NativeGit.lines(dir, "log", "--all", "--format=%H"), all.outLines(), all.toString());
        assertEquals(NativeGit.lines(dir, "log", "--all", "--format=%H", "--", "src"),
            Cli.run(dir, "log", "--all", "--format=sha", "--", "src").outLines());
    }

    @Test
    void allStartsFromTheOtherWorktreesHeadsToo() {
        // a commit on a detached HEAD in a linked worktree is reachable from no ref: git log --all still lists it
        Path linked = tmp.resolve("linked");
        NativeGit.run(dir, "worktree", "add", "-q", "--detach", linked.toString(), second.name());
        NativeGit.run(linked, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit",
            "-q", "--allow-empty", "-m", "work in the linked worktree");
        String detached = NativeGit.lines(linked, "rev-parse", "HEAD").get(0);
        NativeGit.run(dir, "checkout", "-q", "--detach", third.name());
        NativeGit.run(dir, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "--allow-empty",
            "-m", "work in the main worktree");
        String mainDetached = NativeGit.lines(dir, "rev-parse", "HEAD").get(0);
        NativeGit.run(dir, "checkout", "-q", "main");
        // the main worktree's HEAD now names main again; its detached commit is lost to --all as to git
        for (Path in : List.of(dir, linked)) {
            CliResult all = Cli.run(in, "log", "--all", "--format=sha");
            assertEquals(0, all.exitCode(), all.toString());
            assertEquals(NativeGit.lines(in, "log", "--all", "--format=%H"), all.outLines(), in.toString());
            assertTrue(all.outLines().contains(detached), in.toString());
            assertFalse(all.outLines().contains(mainDetached), in.toString());
        }
        NativeGit.run(linked, "checkout", "-q", "--detach", mainDetached);
        CliResult fromLinked = Cli.run(linked, "log", "--all", "--format=sha");
        assertEquals(NativeGit.lines(linked, "log", "--all", "--format=%H"), fromLinked.outLines());
        assertTrue(fromLinked.outLines().contains(mainDetached));
        assertFalse(fromLinked.outLines().contains(detached), "no longer any worktree's HEAD");
    }

    @Test
    void historyTakesMaxCountLikeGitLog() {
        for (String[] n : List.of(new String[] {"-n", "2"}, new String[] {"-2"}, new String[] {"--max-count=1"},
            new String[] {"-n", "0"}, new String[] {"-n", "-1"})) {
            List<String> git = new java.util.ArrayList<>(List.of("log", "--format=%H"));
            git.addAll(List.of(n));
            git.addAll(List.of("--", "lib", "src"));
            List<String> rca = new java.util.ArrayList<>(List.of("history", "--format=sha", "--follow"));
            rca.addAll(List.of(n));
            rca.add("lib/cache.c");
            List<String> plain = new java.util.ArrayList<>(List.of("history", "--format=sha"));
            plain.addAll(List.of(n));
            plain.addAll(List.of("--", "lib", "src"));
            assertEquals(NativeGit.lines(dir, git.toArray(String[]::new)),
                Cli.run(dir, plain.toArray(String[]::new)).outLines(), String.join(" ", n));
            assertEquals(Math.min(Cli.run(dir, "history", "--format=sha", "--follow", "lib/cache.c").outLines().size(),
                    n[n.length - 1].equals("-1") ? 99 : Integer.parseInt(n[n.length - 1].replaceAll("\\D", ""))),
                Cli.run(dir, rca.toArray(String[]::new)).outLines().size(), String.join(" ", n));
        }
        assertError(ExitCode.USAGE, "rca: error: -n counts listed commits; --authors summarises them all\n",
            "history", "-n", "3", "--authors", "lib");
    }

    @Test
    void pathPatternsAreRefusedRatherThanMatchingNothing() throws Exception {
        assertError(ExitCode.USAGE, "rca: error: path patterns are not supported: 'lib/*.c'\n"
            + "hint: name files or directories (a directory covers everything below it), or let the shell expand the"
            + " pattern to the files that exist now: leave it unquoted; :(literal)lib/*.c names a path that holds such"
            + " characters\n", "history", "lib/*.c");
        assertError(ExitCode.USAGE, "rca: error: path patterns are not supported: ':(exclude)lib'\n"
            + "hint: name the files or directories to include; a directory covers everything below it\n",
            "log", "--", ":(exclude)lib");
        assertEquals(ExitCode.USAGE, Cli.run(dir, "log", "--", "src/cache.?").exitCode());
        // a file really named with a wildcard is a path, as in git
        Files.writeString(dir.resolve("lib/[x].c"), "x\n");
        NativeGit.run(dir, "add", "lib/[x].c");
        NativeGit.run(dir, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "-m", "odd name");
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", "lib/[[]x].c"),
            Cli.run(dir, "history", "--format=sha", "lib/[x].c").outLines());
        // once gone from the work tree, git's :(literal) still names it
        NativeGit.run(dir, "rm", "-q", "lib/[x].c");
        NativeGit.run(dir, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "-m", "gone");
        assertEquals(ExitCode.USAGE, Cli.run(dir, "history", "--format=sha", "lib/[x].c").exitCode());
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", ":(literal)lib/[x].c"),
            Cli.run(dir, "history", "--format=sha", ":(literal)lib/[x].c").outLines());
        assertEquals(2, Cli.run(dir, "history", "--format=sha", ":(literal)lib/[x].c").outLines().size());
    }

    @Test
    void repeatedDashCEachRelativeToTheLastAsInGit() {
        List<String> expected = NativeGit.lines(dir, "log", "--format=%H", "--", "lib/cache.c");
        assertEquals(expected, Cli.run(tmp, "-C", "r", "-C", "lib", "history", "--format=sha", "cache.c").outLines());
        assertEquals(expected, Cli.run(tmp, "-C", "r", "history", "-C", "lib", "--format=sha", "cache.c").outLines());
        assertEquals(expected,
            Cli.run(tmp, "-C", "r", "-C", "lib", "-C", "..", "history", "--format=sha", "lib/cache.c").outLines());
    }

    @Test
    void aMistypedPathIsAnErrorAndADeletedFilesHistoryNeedsNoDoubleDash() {
        // git: "ambiguous argument ...: unknown revision or path not in the working tree", 128; rca printed nothing
        assertEquals(128, NativeGit.exec(dir, null, "log", "lib/cahce.c").exitCode());
        assertError(ExitCode.BAD_INPUT, "rca: error: path in neither the working tree nor the history of HEAD:"
            + " 'lib/cahce.c'\nhint: check its spelling; after --, as in git, a path is taken as it is: rca history --"
            + " lib/cahce.c\n", "history", "lib/cahce.c");
        assertError(ExitCode.BAD_INPUT, "rca: error: path in neither the working tree nor the history of "
            + second.name() + ": 'src/cahce.c'\nhint: check its spelling; after --, as in git, a path is taken as it"
            + " is: rca history " + second.name() + " -- src/cache.c src/cahce.c\n",
            "history", "src/cache.c", "src/cahce.c", second.name());
        // src/cache.c is gone from the work tree, not from the history
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--", "src/cache.c"),
            Cli.run(dir, "history", "src/cache.c", "--format=sha").outLines());
        assertEquals(3, Cli.run(dir, "history", "src/cache.c", "--format=sha").outLines().size());
        // after --, git's meaning: a path that matches nothing lists nothing
        CliResult dashed = Cli.run(dir, "history", "--format=sha", "--", "lib/cahce.c");
        assertEquals(0, dashed.exitCode(), dashed.toString());
        assertEquals("", dashed.out() + dashed.err());
        Path bare = tmp.resolve("typo.git");
        NativeGit.run(tmp, "clone", "-q", "--bare", dir.toString(), bare.toString());
        CliResult inBare = Cli.run(bare, "history", "lib/cahce.c");
        assertEquals(ExitCode.BAD_INPUT, inBare.exitCode(), inBare.toString());
        assertTrue(inBare.err().startsWith("rca: error: path in neither the HEAD commit nor the history of HEAD:"
            + " 'lib/cahce.c'\n"), inBare.err());
        assertEquals(3, Cli.run(bare, "history", "src/cache.c", "--format=sha").outLines().size());
    }

    @Test
    void anUnbornCurrentBranchIsSaidToHaveNoCommitsYet() {
        NativeGit.run(dir, "checkout", "-q", "--orphan", "fresh");
        assertTrue(NativeGit.exec(dir, null, "log").err().contains("current branch 'fresh' does not have any commits"));
        String err = "rca: error: the current branch 'fresh' has no commits yet\nhint: commit something first, or name a"
            + " revision that has commits ('rca log --all' reads every branch)\n";
        assertError(ExitCode.BAD_INPUT, err, "log");
        assertError(ExitCode.BAD_INPUT, err, "history", "lib/cache.c");
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--all"), Cli.run(dir, "log", "--all", "--format=sha")
            .outLines());
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "main", "--", "lib"),
            Cli.run(dir, "history", "lib", "main", "--format=sha").outLines());
    }

    @Test
    void replaceRefsAreIgnoredAsByNoReplaceObjectsWithANote() {
        NativeGit.run(dir, "replace", "--graft", third.name());
        assertEquals(2, NativeGit.lines(dir, "log", "--format=%H").size(), "git follows the graft");
        String note = "rca: note: rca reads commits as they are written, ignoring 1 replace ref under refs/replace/"
            + " as 'git --no-replace-objects' does; git log shows the replaced history\n";
        CliResult log = Cli.run(dir, "log", "--format=sha");
        assertEquals(List.of(0, NativeGit.lines(dir, "--no-replace-objects", "log", "--format=%H"), note),
            List.of(log.exitCode(), log.outLines(), log.err()));
        CliResult history = Cli.run(dir, "history", "lib", "--format=sha");
        assertEquals(List.of(0, NativeGit.lines(dir, "--no-replace-objects", "log", "--format=%H", "--", "lib"), note),
            List.of(history.exitCode(), history.outLines(), history.err()));
        CliResult bisect = Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=" + first.name());
        assertEquals(0, bisect.exitCode(), bisect.toString());
        assertEquals(note, bisect.err());
        Cli.run(dir, "bisect-helper", "reset");
        // where git would not use them either, nothing to say
        NativeGit.run(dir, "config", "core.useReplaceRefs", "false");
        assertEquals("", Cli.run(dir, "log", "--format=sha").err());
    }

    @Test
    void graftsGiveCommitsTheParentsGitGivesThem() throws Exception {
        assertEquals(4, Cli.run(dir, "log", "--format=sha").outLines().size());
        // written before the grafts, it holds the parents the objects name: git no longer reads it, nor may rca
        NativeGit.run(dir, "commit-graph", "write", "--reachable");
        // fourth becomes a merge of second and first (third drops out), second a root; git skips the bad line
        Files.createDirectories(dir.resolve(".git/info"));
        Files.writeString(dir.resolve(".git/info/grafts"), "# grafted by hand\n\n" + fourth.name() + " "
            + second.name() + " " + first.name() + "\n" + second.name() + "\n" + third.name() + " nonsense\n");
        assertEquals(3, NativeGit.lines(dir, "-c", "advice.graftFileDeprecated=false", "log", "--format=%H").size());
        List<List<String>> queries = List.of(List.of("log"), List.of("log", "--first-parent"),
            List.of("log", "--merges"), List.of("log", "--all"), List.of("log", "--", "lib"),
            List.of("log", "--", "src/cache.c"), List.of("history", "src/cache.c"), List.of("history", "lib/cache.c"));
        for (List<String> query : queries) {
            List<String> git = new ArrayList<>(List.of("-c", "advice.graftFileDeprecated=false", "log", "--format=%H"));
            git.addAll(query.get(0).equals("log") ? query.subList(1, query.size()) : List.of("--", query.get(1)));
            List<String> rca = new ArrayList<>(query);
            rca.add(1, "--format=sha");
            CliResult r = Cli.run(dir, rca.toArray(String[]::new));
            assertEquals(List.of(0, NativeGit.lines(dir, git.toArray(String[]::new)), ""),
                List.of(r.exitCode(), r.outLines(), r.err()), String.join(" ", rca));
        }
        CliResult bisect = Cli.run(dir, "bisect-helper", "start", "--bad=HEAD", "--good=" + second.name());
        String candidates = NativeGit.run(dir, "-c", "advice.graftFileDeprecated=false", "rev-list", "--count",
            second.name() + "..HEAD").strip();
        assertEquals(List.of(0, "candidates: 2", "candidates: " + candidates),
            List.of(bisect.exitCode(), bisect.outLines().get(0), bisect.outLines().get(0)), bisect.toString());
        Cli.run(dir, "bisect-helper", "reset");
        Files.delete(dir.resolve(".git/info/grafts"));
        assertEquals(NativeGit.lines(dir, "log", "--format=%H"), Cli.run(dir, "log", "--format=sha").outLines());
    }

    @Test
    void aPathTheCommandLineCouldNotDecodeGetsANoteWhenItMatchesNothing() {
        // a Latin-1 name typed under a UTF-8 locale reaches the JVM with U+FFFD for the byte it could not decode
        String typed = "lib/caf\uFFFD.c";
        String note = "rca: note: " + dev.rca.history.Pathspecs.undecodedNote(typed) + "\n";
        assertTrue(note.contains("holds bytes that are not valid ") && note.contains("matches nothing"), note);
        for (String command : List.of("history", "log")) {
            CliResult r = Cli.run(dir, command, "--format=sha", "--", typed);
            assertEquals(List.of(0, "", note), List.of(r.exitCode(), r.out(), r.err()), command);
        }
        assertEquals("", Cli.run(dir, "history", "--format=sha", "--", "lib/cache.c", "lib/nothing.c").err(),
            "a decoded path that matches nothing is git's business");
    }

    @Test
    void inABareRepositoryTheLastOperandIsAPathWhenHeadHoldsIt() {
        Path bare = tmp.resolve("bare.git");
        NativeGit.run(tmp, "clone", "-q", "--bare", dir.toString(), bare.toString());
        assertEquals(NativeGit.lines(bare, "log", "--format=%H", "--", "lib", ".mailmap"),
            Cli.run(bare, "history", "lib", ".mailmap", "--format=sha").outLines());
        assertEquals(NativeGit.lines(bare, "log", "--format=%H", second.name(), "--", "src"),
            Cli.run(bare, "history", "src", second.name(), "--format=sha").outLines());
        assertEquals(NativeGit.lines(bare, "log", "--format=%H", "--", "lib", ".mailmap"),
            Cli.run(bare, "history", "lib", "./lib/../.mailmap", "--format=sha").outLines(), "a path as typed");
        CliResult typo = Cli.run(bare, "history", "lib", "v1.O");
        assertEquals(ExitCode.BAD_INPUT, typo.exitCode(), typo.toString());
        assertEquals("", typo.out());
        assertTrue(typo.err().startsWith("rca: error: unknown revision or path not in the HEAD commit: 'v1.O'\n"),
            typo.err());
    }

    /**
     * Paths typed from a subdirectory, with {@code .}, {@code ..}, doubled slashes and absolute forms, are read as git
     * reads them (rca reads them from their text, so that a name the JVM cannot hold as a file name is still one).
     */
    @Test
    void typedPathFormsNameWhatGitsDo() {
        Path lib = dir.resolve("lib");
        for (String typed : List.of("cache.c", "./cache.c", ".//cache.c", "../src/cache.c", "../lib/../src",
            "..", ".", "../", lib.resolve("cache.c").toString(), dir.toString(), dir + "/./src/../lib//",
            "/" + dir + "/lib/x/../cache.c")) {
            CliResult log = Cli.run(lib, "log", "--format=sha", "--", typed);
            assertEquals(List.of(0, NativeGit.lines(lib, "log", "--format=%H", "--", typed), ""),
                List.of(log.exitCode(), log.outLines(), log.err()), typed);
        }
        assertError(ExitCode.USAGE, "rca: error: path '../../x' is outside the repository " + dir + "\n", "-C",
            lib.toString(), "log", "--", "../../x");
        assertError(ExitCode.USAGE, "rca: error: path '" + tmp + "' is outside the repository " + dir + "\n", "log",
            "--", tmp.toString());
    }

    @Test
    void aRangeIsRefusedWithAPointerToLogWhichTakesIt() {
        String range = first.name().substring(0, 7) + ".." + third.name().substring(0, 7);
        for (String[] args : List.of(new String[] {"history", "lib", range}, new String[] {"history", range, "--", "lib"})) {
            assertError(ExitCode.USAGE, "rca: error: history takes one revision, not a range: '" + range + "'\n"
                + "hint: rca log " + range + " -- lib lists the commits of a range\n", args);
        }
        assertError(ExitCode.USAGE, "rca: error: history takes one revision, not a range: '^HEAD~1'\n"
            + "hint: rca log ^HEAD~1 -- lib lists the commits of a range\n", "history", "^HEAD~1", "--", "lib");
        // ../src is a path gone from the work tree, not a range: git's advice, after --
        CliResult gone = Cli.run(dir.resolve("lib"), "history", "cache.c", "../src");
        assertEquals(List.of(ExitCode.BAD_INPUT, "rca: error: unknown revision or path not in the working tree:"
            + " '../src'"), List.of(gone.exitCode(), gone.err().lines().findFirst().orElse("")));
        // so is a deleted file named with two dots, whose ends are no commits
        CliResult dotted = Cli.run(dir, "history", "lib", "notes..old.txt");
        assertEquals(List.of(ExitCode.BAD_INPUT, "rca: error: unknown revision or path not in the working tree:"
            + " 'notes..old.txt'"), List.of(dotted.exitCode(), dotted.err().lines().findFirst().orElse("")));
    }

    /**
     * git log leaves out a revision that names a blob or a tree (alone, excluded, at an end of A..B) and lists
     * nothing for it, exit 0; rca lists the same and says why in a note. Where git fails (A...B) and for history,
     * which starts from one commit, the error says what the revision names.
     */
    @Test
    void aRevisionNamingABlobOrTreeIsLeftOutOfLogAsInGit() {
        assertEquals(new CliResult(0, "", "rca: note: 'HEAD:lib/cache.c' names a blob, not a commit: left out, as git"
            + " log leaves it out\n"), Cli.run(dir, "log", "HEAD:lib/cache.c"));
        assertEquals(new NativeGit.Result(0, "", ""), NativeGit.exec(dir, null, "log", "HEAD:lib/cache.c"));
        for (List<String> revisions : List.of(List.of("HEAD^{tree}"), List.of("^HEAD:lib/cache.c", "HEAD~1"),
            List.of("HEAD:lib..HEAD~1"), List.of("HEAD~2..HEAD^{tree}", "HEAD"))) {
            List<String> git = new ArrayList<>(List.of("log", "--format=%H"));
            git.addAll(revisions);
            List<String> rca = new ArrayList<>(List.of("log", "--format=sha"));
            rca.addAll(revisions);
            CliResult r = Cli.run(dir, rca.toArray(new String[0]));
            assertEquals(List.of(0, NativeGit.lines(dir, git.toArray(new String[0]))), List.of(r.exitCode(),
                r.outLines()), String.join(" ", rca));
            assertTrue(r.err().startsWith("rca: note: '"), r.err());
        }
        assertTrue(NativeGit.exec(dir, null, "log", "HEAD^{tree}...HEAD").exitCode() != 0);
        assertError(ExitCode.BAD_INPUT, "rca: error: revision 'HEAD^{tree}' names a tree, not a commit\n",
            "log", "HEAD^{tree}...HEAD");
        assertError(ExitCode.BAD_INPUT, "rca: error: revision 'HEAD:lib/cache.c' names a blob, not a commit\n",
            "history", "lib/cache.c", "HEAD:lib/cache.c");
        assertError(ExitCode.BAD_INPUT, "rca: error: revision 'HEAD:lib' names a tree, not a commit\n",
            "history", "HEAD:lib", "--", "lib/cache.c");
    }

    @Test
    void errorsAreOneLineAndPrintNothing() {
        assertError(ExitCode.BAD_INPUT, "rca: error: unknown revision 'nope'\n", "log", "nope");
        CliResult regex = Cli.run(dir, "log", "--grep=(");
        assertEquals(ExitCode.USAGE, regex.exitCode());
        assertTrue(regex.err().startsWith("rca: error: --grep: bad regular expression '('"), regex.err());
        assertTrue(regex.err().contains("hint: use -F"), regex.err());
        CliResult date = Cli.run(dir, "log", "--since=someday");
        assertEquals(ExitCode.USAGE, date.exitCode());
        assertTrue(date.err().startsWith("rca: error: cannot understand the date 'someday'\nhint: "), date.err());
        assertError(ExitCode.USAGE, "rca: error: --format=csv is not available here; use one of table, sha, json,"
            + " oneline\n", "log", "--format=csv");
        assertError(ExitCode.BAD_INPUT, "rca: error: unknown revision 'nope'\n", "history", "nope", "--", "src");
    }

    private void assertError(int code, String err, String... args) {
        CliResult r = Cli.run(dir, args);
        assertEquals(code, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals(err, r.err());
    }
}
