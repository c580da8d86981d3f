package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rca log} and {@code rca history} against the {@code git} command line on generated repositories
 * with merges, renames, non-ASCII paths and messages, equal commit times and clock skew: the same SHAs in
 * the same order for every query (and, with {@code --follow}, at least git's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogDifferentialTest {
    private static final long[] SEEDS = {11, 23, 47};
    private static final int COMMITS = 320;

    @TempDir
    static Path tmp;

    private final Map<Long, HistoryRepoGenerator> repos = new HashMap<>();
    private int queriesRun;

    private synchronized HistoryRepoGenerator repo(long seed) {
        return repos.computeIfAbsent(seed, s -> HistoryRepoGenerator.generate(dir(s), s, COMMITS));
    }

    private Path dir(long seed) {
        return tmp.resolve("repo-" + seed);
    }

    Stream<Arguments> logQueries() {
        List<Arguments> all = new ArrayList<>();
        for (long seed : SEEDS) {
            HistoryRepoGenerator g = repo(seed);
            for (List<String> q : queriesFor(g)) {
                all.add(Arguments.of(seed, q));
            }
        }
        return all.stream();
    }

    static List<List<String>> queriesFor(HistoryRepoGenerator g) {
        String early = "@" + g.earlyTime;
        String late = "@" + g.lateTime;
        String earlyIso = Instant.ofEpochSecond(g.earlyTime).toString();
        String lateIso = Instant.ofEpochSecond(g.lateTime).toString().replace("T", " ").replace("Z", " +0000");
        String t0 = g.tags.get(0);
        String tMid = g.tags.get(g.tags.size() / 2);
        String tLast = g.tags.get(g.tags.size() - 1);
        String topic = g.branches.get(g.branches.size() - 1);
        List<List<String>> qs = new ArrayList<>(List.of(
            List.of(), List.of("--first-parent"), List.of("--no-merges"), List.of("--merges"), List.of("-n", "7"),
            List.of("-n", "-3"), List.of("--max-count=-1", "--no-merges"),
            List.of("--all-match"), List.of("main", topic), List.of(t0 + ".." + "main"), List.of(tMid + "..main"),
            List.of("^" + tMid, "main", topic), List.of(t0 + "..." + tLast), List.of(tLast + "..", "--no-merges"),
            List.of(topic + "..main", "--first-parent"), List.of("main.." + topic),
            // only excluded revisions: git adds HEAD only when no revision is given, and lists nothing
            List.of("^" + tMid), List.of("^" + t0, "^" + tLast, "--no-merges"),
            // git's @ for HEAD
            List.of("@"), List.of("@~3..@^", "--first-parent"),
            List.of("--grep=fix"), List.of("--grep=Fix"), List.of("--grep=fix", "-i"),
            List.of("--grep=fix", "--grep=cache"), List.of("--grep=fix", "--grep=cache", "--all-match"),
            List.of("--grep=fix", "--invert-grep"), List.of("--grep=a.b", "-F"), List.of("--grep=^tidy"),
            List.of("--grep=café"), List.of("--grep=second line"),
            List.of("--author=Bob"), List.of("--author=bob", "-i"), List.of("--author=adam@", "--grep=fix"),
            List.of("--author=Alice", "--author=Ådam"), List.of("--committer=Carol", "--grep=cache", "--all-match"),
            List.of("--author=Bob", "--grep=fix", "--invert-grep"),
            List.of("--since=" + early), List.of("--until=" + late), List.of("--since=" + early, "--until=" + late),
            List.of("--since=" + earlyIso), List.of("--until=" + lateIso), List.of("--since=" + early, "--no-merges"),
            List.of(t0 + "..main", "--since=" + early), List.of("--since=" + late, "--first-parent"),
            List.of("--since=10.years.ago", "-n", "3"),
            List.of("-n", "5", "--grep=fix"), List.of("-n", "0"), List.of("--merges", "-n", "3", "main", topic),
            List.of("--merges", "--no-merges"), List.of("--no-merges", "--merges", "--first-parent")));
        Set<String> paths = new LinkedHashSet<>(List.of("src", "docs", "src/cache.c", "Ünïcode dir", "moved",
            "src/ñ/ação.c", "a.b", "top.txt", "lib/util.c", "src/", "Ünïcode dir/", "src/cache.c/"));
        paths.addAll(g.touchedPaths.subList(0, Math.min(6, g.touchedPaths.size())));
        for (String p : paths) {
            qs.add(List.of("--", p));
            qs.add(List.of("--first-parent", "--", p));
            qs.add(List.of(tMid + "..main", "--", p));
        }
        qs.add(List.of("--", "src", "docs"));
        qs.add(List.of("--no-merges", "--", "src/cache.c", "top.txt"));
        qs.add(List.of("--since=" + early, "--", "src"));
        qs.add(List.of("--until=" + late, "-n", "4", "--", "docs"));
        qs.add(List.of("--merges", "--", "src"));
        qs.add(List.of("main", topic, "--", "src/net"));
        qs.add(List.of("--grep=fix", "--", "src"));
        qs.add(List.of("--", "."));
        qs.add(List.of("--", "no/such/path"));
        qs.add(List.of("^" + tMid, "--", "src"));
        return qs;
    }

    @ParameterizedTest(name = "seed {0}: rca log {1}")
    @MethodSource("logQueries")
    void logMatchesGit(long seed, List<String> query) {
        Path dir = dir(seed);
        List<String> gitArgs = new ArrayList<>(List.of("log", "--format=%H"));
        gitArgs.addAll(query);
        List<String> rcaArgs = new ArrayList<>(List.of("log", "--format=sha"));
        rcaArgs.addAll(query);
        List<String> expected = NativeGit.lines(dir, gitArgs.toArray(new String[0]));
        CliResult r = Cli.run(dir, rcaArgs.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected, r.outLines(), "rca " + String.join(" ", rcaArgs));
        queriesRun++;
    }

    Stream<Arguments> historyQueries() {
        List<Arguments> all = new ArrayList<>();
        for (long seed : SEEDS) {
            HistoryRepoGenerator g = repo(seed);
            // a spread of paths: originals, renamed ones, non-ASCII ones
            int step = Math.max(1, g.touchedPaths.size() / 10);
            for (int i = 0; i < g.touchedPaths.size(); i += step) {
                all.add(Arguments.of(seed, g.touchedPaths.get(i)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "seed {0}: rca history {1}")
    @MethodSource("historyQueries")
    void historyMatchesGitAndFollowFindsAtLeastGitsFollow(long seed, String path) {
        Path dir = dir(seed);
        List<String> git = NativeGit.lines(dir, "log", "--format=%H", "--", path);
        assertEquals(git, Cli.run(dir, "history", "--format=sha", "--", path).outLines(), "rca history -- " + path);
        // without --, a path only a side branch had is a mistake, as in git
        CliResult undashed = Cli.run(dir, "history", path, "--format=sha");
        assertEquals(git.isEmpty() ? List.of(ExitCode.BAD_INPUT, List.of()) : List.of(0, git),
            List.of(undashed.exitCode(), undashed.outLines()), "rca history " + path);
        List<String> gitFollow = NativeGit.lines(dir, "log", "--follow", "--format=%H", "--", path);
        CliResult follow = Cli.run(dir, "history", "--follow", "--format=sha", "--", path);
        assertEquals(0, follow.exitCode(), follow.toString());
        Set<String> ours = new LinkedHashSet<>(follow.outLines());
        List<String> missing = gitFollow.stream().filter(c -> !ours.contains(c)).toList();
        assertTrue(missing.isEmpty(), "rca history --follow " + path + " misses " + missing);
        assertEquals(ours.size(), follow.outLines().size(), "no commit twice");
    }

    /**
     * Relative dates at a fixed clock (git's GIT_TEST_DATE_NOW, rca's {@link Cli#runAt}), a few hours after the last
     * commit: the same commits as git for each form, in {@code log} and {@code history}.
     */
    @Test
    void relativeDatesAtAFixedClockMatchGit() {
        HistoryRepoGenerator g = repo(SEEDS[0]);
        Path dir = dir(SEEDS[0]);
        ZonedDateTime clock = Instant.ofEpochSecond(g.lateTime + 3 * 3600).atZone(ZoneOffset.UTC);
        Map<String, String> env = Map.of("GIT_TEST_DATE_NOW", String.valueOf(clock.toEpochSecond()), "TZ", "UTC");
        int nonEmpty = 0;
        for (String date : List.of("5 hours ago", "5.hours.ago", "yesterday", "yesterday noon", "midnight", "noon",
            "tea", "6am", "1 day 2 hours ago", "last week", "two days ago", "Jan 1 2026 18:00", "2026/01/01",
            "@" + g.earlyTime)) {
            for (String option : List.of("--since=", "--until=")) {
                for (List<String> rest : List.of(List.<String>of(), List.of("--", "src"))) {
                    List<String> git = new ArrayList<>(List.of("log", "--format=%H", option + date));
                    git.addAll(rest);
                    NativeGit.Result expected = NativeGit.exec(dir, env, null, git.toArray(new String[0]));
                    assertEquals(0, expected.exitCode(), expected.err());
                    List<String> rca = new ArrayList<>(List.of(rest.isEmpty() ? "log" : "history", "--format=sha",
                        option + date));
                    rca.addAll(rest);
                    CliResult r = Cli.runAt(clock, dir, rca.toArray(new String[0]));
                    assertEquals(List.of(0, expected.out(), ""), List.of(r.exitCode(), r.out(), r.err()),
                        "rca " + String.join(" ", rca));
                    nonEmpty += expected.out().isEmpty() ? 0 : 1;
                }
            }
        }
        assertTrue(nonEmpty > 20, "the dates fall inside the history: " + nonEmpty);
        // git reads "today" as now and lists nothing since; rca says it does not understand it
        assertEquals("", NativeGit.exec(dir, env, null, "log", "--format=%H", "--since=today").out());
        CliResult today = Cli.runAt(clock, dir, "log", "--since=today");
        assertEquals(List.of(2, "", "rca: error: cannot understand the date 'today'"),
            List.of(today.exitCode(), today.out(), today.err().lines().findFirst().orElse("")));
    }

    @Test
    void aPatternAttachedWithAnEqualsSignIsTakenAsTypedEvenWhenItIsTheDelimiter() {
        // picocli reads an attached "--" as the end of the options; git searches for it
        Path dir = tmp.resolve("dashes");
        try (dev.rca.testing.TestRepo repo = dev.rca.testing.TestRepo.init(dir).tick(60)) {
            repo.commit("plain").add("src/a.c", "1\n").create();
            repo.commit("retry: pass --max-runs through").add("src/a.c", "2\n").create();
            repo.commit("docs").add("docs/b.md", "1\n").create();
            repo.commit("cache -- evict early").add("docs/b.md", "2\n").create();
        }
        for (List<String> query : List.of(List.of("--grep=--"), List.of("--grep=--", "--", "src"),
            List.of("--grep=--", "--invert-grep"), List.of("--grep=x", "--grep=--"), List.of("--author=--"),
            List.of("--committer=--"))) {
            List<String> git = new ArrayList<>(List.of("log", "--format=%H"));
            git.addAll(query);
            List<String> rca = new ArrayList<>(List.of("log", "--format=sha"));
            rca.addAll(query);
            CliResult r = Cli.run(dir, rca.toArray(String[]::new));
            assertEquals(0, r.exitCode(), query + ": " + r);
            assertEquals(NativeGit.lines(dir, git.toArray(String[]::new)), r.outLines(), query.toString());
        }
        assertEquals(2, Cli.run(dir, "log", "--grep=--", "--format=sha").outLines().size(), "the test's own premise");
    }

    /**
     * git's log finds the first {@code --} before it reads an option, so {@code --grep --} leaves the option without
     * its value: git refuses it, and so does rca (exit 2), saying how to search for {@code --}.
     */
    @Test
    void aLoneDoubleDashAfterAPatternOptionEndsTheOptionsAsInGit() {
        Path dir = tmp.resolve("lone-dashes");
        try (dev.rca.testing.TestRepo repo = dev.rca.testing.TestRepo.init(dir).tick(60)) {
            repo.commit("cache -- evict early").add("src/a.c", "1\n").create();
        }
        for (String option : List.of("--grep", "--author", "--committer")) {
            for (List<String> rest : List.of(List.of("--"), List.of("--", "src"))) {
                List<String> args = new ArrayList<>(List.of("log", option));
                args.addAll(rest);
                NativeGit.Result git = NativeGit.exec(dir, null, args.toArray(String[]::new));
                assertEquals(List.of(128, "fatal: Option '" + option + "' requires a value\n"),
                    List.of(git.exitCode(), git.err()), "git " + args);
                assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: option '" + option + "' needs a value:"
                    + " '--' ends the options, as in git\nhint: to search for '--', attach it: " + option + "=--\n"),
                    Cli.run(dir, args.toArray(String[]::new)), "rca " + args);
            }
        }
    }

    /**
     * Without {@code --}, git reads the operands as revisions up to the first that is none, which starts the paths
     * when it and every one after it is in the working tree: {@code rca log -3 .} in a subdirectory lists what
     * {@code git log -3 .} lists there. An operand that is neither stays an unknown revision, a later one not in the
     * working tree is refused (both exit 3; git: 128), and with {@code --} an operand before it is a revision.
     */
    @Test
    void pathsWithoutDoubleDashAreReadAsGitReadsThem() {
        Path dir = threeDirectories("undashed", 4);
        Path src = dir.resolve("src");
        for (List<String> operands : List.of(List.of("-3", "."), List.of("."), List.of("a.c"),
            List.of("HEAD~2", "a.c", "../docs"), List.of("HEAD", "^HEAD~4", "."), List.of("HEAD~6..HEAD~1", "../top.txt"),
            List.of(dir.resolve("docs").toString()))) {
            listsAsGitLists(src, operands);
        }
        assertEquals(128, NativeGit.exec(src, null, "log", "a.c", "gone.c").exitCode());
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: path not in the working tree: 'gone.c'\n"
            + "hint: after --, as in git, a path is taken as it is: rca log HEAD -- a.c gone.c\n"),
            Cli.run(src, "log", "HEAD", "a.c", "gone.c"));
        // the options typed are kept (-3 as rca reads it), and a word the shell would split is quoted
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: path not in the working tree: 'gone c'\n"
            + "hint: after --, as in git, a path is taken as it is: rca log -n 3 --format=json -- a.c 'gone c'\n"),
            Cli.run(src, "log", "-3", "--format=json", "a.c", "gone c"));
        for (List<String> operands : List.of(List.of("gone.c"), List.of(".", "--"), List.of("^.", "a.c"))) {
            List<String> args = new ArrayList<>(List.of("log"));
            args.addAll(operands);
            assertEquals(128, NativeGit.exec(src, null, args.toArray(String[]::new)).exitCode(), "git " + args);
            String unknown = operands.get(0).replace("^", "");
            assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: unknown revision '" + unknown + "'\n"),
                Cli.run(src, args.toArray(String[]::new)), "rca " + args);
        }
    }

    @Test
    void aLoneDotDotIsTheParentDirectoryAndARevisionThatIsAlsoAFileIsAmbiguousAsInGit() {
        Path dir = threeDirectories("dotdot", 3);
        NativeGit.run(dir, "branch", "docs", "HEAD~2");
        Path src = dir.resolve("src");
        for (List<String> operands : List.of(List.of(".."), List.of("-2", ".."), List.of("HEAD~6..HEAD~1", ".."),
            List.of("docs", "../top.txt"))) {
            listsAsGitLists(src, operands);
        }
        assertEquals(128, NativeGit.exec(dir, null, "log", "..").exitCode());
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: path '..' is outside the repository " + dir + "\n"),
            Cli.run(dir, "log", ".."));
        assertEquals(128, NativeGit.exec(dir, null, "log", "docs").exitCode());
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: ambiguous argument 'docs': both revision and"
            + " filename\nhint: use '--' to separate paths from revisions, as in git: rca log [<revision>...] --"
            + " [<path>...]\n"), Cli.run(dir, "log", "docs"));
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "docs", "--"),
            Cli.run(dir, "log", "--format=sha", "docs", "--").outLines());
        for (String magic : List.of(":!top.txt", ":^top.txt", ":/top.txt", ":(exclude)top.txt")) {
            assertEquals(0, NativeGit.exec(dir, null, "log", magic).exitCode(), "git takes " + magic + " as a path");
            assertEquals(Cli.run(dir, "log", "--", magic), Cli.run(dir, "log", magic), magic);
        }
        assertEquals(128, NativeGit.exec(dir, null, "log", "").exitCode());
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: bad revision ''\n"), Cli.run(dir, "log", ""));
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: bad revision ' '\n"),
            Cli.run(dir, "log", "HEAD", " ", "--"));
        // a name the locale could not decode is read as the path it must be, as after '--'
        assertEquals(Cli.run(dir, "log", "--format=sha", "HEAD", "--", "\uFFFD.txt"),
            Cli.run(dir, "log", "--format=sha", "HEAD", "\uFFFD.txt"));
    }

    /** rca log lists what git log lists in {@code dir} with these operands, and that is not nothing. */
    private static void listsAsGitLists(Path dir, List<String> operands) {
        List<String> git = new ArrayList<>(List.of("log", "--format=%H"));
        git.addAll(operands);
        List<String> rca = new ArrayList<>(List.of("log", "--format=sha"));
        rca.addAll(operands);
        List<String> expected = NativeGit.lines(dir, git.toArray(String[]::new));
        assertTrue(!expected.isEmpty(), "git " + git);
        assertEquals(new CliResult(0, String.join("\n", expected) + "\n", ""),
            Cli.run(dir, rca.toArray(String[]::new)), "rca " + rca);
    }

    /** A history that changes a top-level file, src/ and docs/ in turn, checked out (the work tree git and rca look in). */
    private Path threeDirectories(String name, int rounds) {
        Path dir = tmp.resolve(name);
        try (dev.rca.testing.TestRepo repo = dev.rca.testing.TestRepo.init(dir).tick(60)) {
            for (int i = 1; i <= rounds; i++) {
                repo.commit("top " + i).add("top.txt", i + "\n").create();
                repo.commit("src " + i).add("src/a.c", i + "\n").create();
                repo.commit("docs " + i).add("docs/b.md", i + "\n").create();
            }
        }
        NativeGit.run(dir, "reset", "-q", "--hard");
        return dir;
    }

    @Test
    void historyWithRevisionMatchesGit() {
        HistoryRepoGenerator g = repo(SEEDS[0]);
        Path dir = dir(SEEDS[0]);
        String tag = g.tags.get(g.tags.size() / 2);
        for (String path : List.of("src", "docs/readme.md", "Ünïcode dir")) {
            assertEquals(NativeGit.lines(dir, "log", "--format=%H", tag, "--", path),
                Cli.run(dir, "history", path, tag, "--format=sha").outLines(), path + " at " + tag);
            assertEquals(NativeGit.lines(dir, "log", "--format=%H", "--first-parent", tag, "--", path),
                Cli.run(dir, "history", "--first-parent", "--format=sha", tag, "--", path).outLines());
        }
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", "@~2", "--", "src"),
            Cli.run(dir, "history", "src", "@~2", "--format=sha").outLines(), "src at @~2");
    }

    @Test
    void parentShorthandsMatchGit() {
        Path dir = dir(SEEDS[0]);
        repo(SEEDS[0]);
        String merge = NativeGit.lines(dir, "rev-list", "--merges", "-n", "1", "main").get(0);
        for (List<String> revisions : List.of(List.of(merge + "^@"), List.of(merge + "^-"), List.of(merge + "^-2"),
            List.of(merge + "^-1", "--first-parent"), List.of("main^@", "--no-merges"), List.of(merge + "^!"))) {
            List<String> git = new ArrayList<>(List.of("log", "--format=%H"));
            git.addAll(revisions);
            List<String> rca = new ArrayList<>(List.of("log", "--format=sha"));
            rca.addAll(revisions);
            CliResult r = Cli.run(dir, rca.toArray(new String[0]));
            List<String> expected = NativeGit.lines(dir, git.toArray(new String[0]));
            assertTrue(!expected.isEmpty(), String.join(" ", git));
            assertEquals(List.of(0, expected), List.of(r.exitCode(), r.outLines()), String.join(" ", rca));
        }
        // git has no parent 0 to leave out: a bad revision, not an empty answer
        assertTrue(NativeGit.exec(dir, null, "log", merge + "^-0").exitCode() != 0);
        assertEquals(3, Cli.run(dir, "log", merge + "^-0").exitCode());
    }

    /**
     * A path with a trailing slash matches a directory or a submodule there, never a file of that name, as git's
     * pathspec: the same commits as git, walking trees and (after rca index) from the changed-path table and the
     * Bloom filters. On a history where t/x is a file, then a directory, then a file again, and t a directory,
     * then a file, then a directory.
     */
    @Test
    void aTrailingSlashMatchesOnlyADirectoryOrSubmoduleAsInGit() {
        Path dir = AwkwardShapes.create(tmp.resolve("shapes"));
        List<String> paths = List.of("t/x/", "t/x", "t/", "t/sub/", "t/link/", "t/a.txt/", "t/d/", "other/");
        Map<String, List<String>> git = new HashMap<>();
        for (String path : paths) {
            git.put(path, NativeGit.lines(dir, "log", "--format=%H", "--", path));
        }
        assertEquals(List.of(2, 4, 3, 4, 0, 0), Stream.of("t/x/", "t/x", "t/sub/", "t/d/", "t/link/", "t/a.txt/")
            .map(p -> git.get(p).size()).toList(), "what git lists");
        for (String when : List.of("walking trees", "from rca index's tables")) {
            for (String path : paths) {
                CliResult log = Cli.run(dir, "log", "--format=sha", "--", path);
                assertEquals(List.of(0, git.get(path)), List.of(log.exitCode(), log.outLines()),
                    "rca log -- " + path + ", " + when);
                CliResult history = Cli.run(dir, "history", "--format=sha", "--", path);
                assertEquals(List.of(0, git.get(path)), List.of(history.exitCode(), history.outLines()),
                    "rca history -- " + path + ", " + when);
            }
            assertEquals(0, Cli.run(dir, "index").exitCode());
        }
        // as git: without --, a directory-only path that is a file in the work tree is a path it does not know
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", """
            rca: error: path in neither the working tree nor the history of HEAD: 't/a.txt/'
            hint: check its spelling; after --, as in git, a path is taken as it is: rca history -- t/a.txt/
            """), Cli.run(dir, "history", "t/a.txt/"));
        assertTrue(NativeGit.exec(dir, null, "log", "t/a.txt/").exitCode() != 0, "git refuses it too");
    }

    /**
     * Both spellings of a name asked one after the other while the changed-path table is kept between commands, as the
     * daemon keeps it, in either order, and together in one command: each answers as git does. The table's memory of
     * what each commit holds at a name once kept the directory-only verdict of whichever spelling came first: after
     * {@code -- t/x/}, {@code -- t/x} listed nothing of the file (RCA-11).
     */
    @Test
    void bothSpellingsOfANameAnswerAsGitInEitherOrderWhileTheTableIsKept() {
        List<List<String>> orders = List.of(List.of("t/x/", "t/x", "t/a.txt/", "t/a.txt", "t/x/ t/x"),
            List.of("t/x", "t/x/", "t/a.txt", "t/a.txt/", "t/x t/x/"));
        OpenedTables.keep(true);
        try {
            for (int o = 0; o < orders.size(); o++) {
                Path dir = AwkwardShapes.create(tmp.resolve("shapes-kept-" + o));
                assertEquals(0, Cli.run(dir, "index").exitCode());
                for (String query : orders.get(o)) {
                    List<String> paths = List.of(query.split(" "));
                    List<String> gitArgs = new ArrayList<>(List.of("log", "--format=%H", "--"));
                    gitArgs.addAll(paths);
                    List<String> rcaArgs = new ArrayList<>(List.of("log", "--format=sha", "--"));
                    rcaArgs.addAll(paths);
                    CliResult log = Cli.run(dir, rcaArgs.toArray(String[]::new));
                    assertEquals(List.of(0, NativeGit.lines(dir, gitArgs.toArray(String[]::new))),
                        List.of(log.exitCode(), log.outLines()), "rca log -- " + query + " in order " + orders.get(o));
                }
            }
        } finally {
            OpenedTables.keep(false);
        }
    }

    /**
     * {@code --follow} with a trailing slash follows the name only where it is a directory (or submodule), at every
     * commit, as git's pathspec matches it: where no directory was renamed, git's {@code log --follow} plus the
     * merges that changed the directory against every parent (git's follow shows no merge), from any start, whether
     * the name is a directory, a file or nothing there.
     */
    @Test
    void historyFollowWithATrailingSlashFollowsOnlyTheDirectory() {
        Path dir = AwkwardShapes.create(tmp.resolve("shapes-follow"));
        int listed = 0;
        for (String start : List.of("main", "main~8")) {
            List<String> walk = NativeGit.lines(dir, "log", "--format=%H", start);
            for (String path : List.of("t/x/", "t/", "t/sub/", "t/link/", "t/a.txt/", "t/d/", "other/")) {
                Set<String> expected = new HashSet<>(NativeGit.lines(dir, "log", "--follow", "--format=%H", start,
                    "--", path));
                expected.addAll(NativeGit.lines(dir, "log", "--merges", "--format=%H", start, "--", path));
                CliResult follow = Cli.run(dir, "history", "--follow", "--format=sha", start, "--", path);
                assertEquals(List.of(0, walk.stream().filter(expected::contains).toList()),
                    List.of(follow.exitCode(), follow.outLines()), "rca history --follow " + start + " -- " + path);
                listed += expected.size();
            }
        }
        assertTrue(listed > 10, "the paths have histories: " + listed);
    }

    /**
     * A directory t/ that was a file before, then moved to u/, which later became a file: {@code --follow u/} lists
     * git's commits for u/ (where u is a directory) and follows the directory back to t/, but not into the file t;
     * {@code --follow t/} lists only where t was a directory, as git. {@code --stat} counts the files under it.
     */
    @Test
    void historyFollowWithATrailingSlashFollowsAMovedDirectoryButNoFileOfItsName() throws IOException {
        Path dir = tmp.resolve("file-dir-file");
        NativeGit.run(tmp, "init", "-q", "-b", "main", dir.toString());
        String[][] steps = {{"t", "f1\n", "t file"}, {"t", "f1\nf2\n", "t file edit"}, {"-t", null, null},
            {"t/a", "d1\n", "t dir"}, {"t/a", "d1\nd2\n", "t dir edit"}, {">t u", null, "t dir moved to u"},
            {"u/a", "d1\nd2\nu\n", "u edit"}, {"-u", null, null}, {"u", "f3\n", "u now a file"},
            {"u", "f3\nf4\n", "u file edit"}};
        int day = 1;
        for (String[] step : steps) {
            if (step[0].startsWith("-")) {
                NativeGit.run(dir, "rm", "-rq", step[0].substring(1));
                continue;
            }
            if (step[0].startsWith(">")) {
                String[] move = step[0].substring(1).split(" ");
                NativeGit.run(dir, "mv", move[0], move[1]);
            } else {
                Files.createDirectories(dir.resolve(step[0]).getParent());
                Files.writeString(dir.resolve(step[0]), step[1]);
                NativeGit.run(dir, "add", step[0]);
            }
            String date = "2026-01-%02dT00:00:00Z".formatted(day++);
            NativeGit.Result commit = NativeGit.exec(dir, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date),
                null, "commit", "-qm", step[2]);
            assertEquals(0, commit.exitCode(), commit.err());
        }
        assertEquals(List.of("u now a file", "u edit", "t dir moved to u"),
            NativeGit.lines(dir, "log", "--follow", "--format=%s", "--", "u/"));
        assertEquals(List.of("t dir moved to u", "t dir edit", "t dir"),
            NativeGit.lines(dir, "log", "--follow", "--format=%s", "--", "t/"));
        assertEquals(new CliResult(0, """
            1bbf8a2  2026-01-07  Test Author               +0     -3  u  u now a file
            a003d84  2026-01-06  Test Author               +1     -0  u  u edit
            79c4dac  2026-01-05  Test Author               +0     -0  u  t dir moved to u
            ef1c2c4  2026-01-04  Test Author               +1     -0  t  t dir edit
            d9045ee  2026-01-03  Test Author               +1     -0  t  t dir
            """, ""), Cli.run(dir, "history", "--follow", "--stat", "--format=table", "--", "u/"));
        assertEquals(NativeGit.lines(dir, "log", "--follow", "--format=%H", "--", "t/"),
            Cli.run(dir, "history", "--follow", "--format=sha", "--", "t/").outLines());
        // without the slash the name is followed back through the time it was a file, also beside it with one
        assertEquals(8, Cli.run(dir, "history", "--follow", "--format=sha", "--", "u").outLines().size());
        assertEquals(Cli.run(dir, "history", "--follow", "--format=sha", "--", "t"),
            Cli.run(dir, "history", "--follow", "--format=sha", "--", "t/", "t"));
    }

    /**
     * The path {@code history --follow} shows is quoted as git prints it when the name holds a double quote, a
     * backslash or a control character (a tab here); JSON keeps the name as it is.
     */
    @Test
    void historyFollowQuotesPathsAsGitDoes() throws IOException {
        Path dir = tmp.resolve("quoted-names");
        NativeGit.run(tmp, "init", "-q", "-b", "main", dir.toString());
        String[][] steps = {{"a\"b\\c.txt", "one\n"}, {"a\"b\\c.txt", "one\ntwo\n"}, {"a\"b\\c.txt", "tab\there.txt"},
            {"tab\there.txt", "one\ntwo\nthree\n"}};
        int day = 1;
        for (String[] step : steps) {
            if (step[1].endsWith(".txt")) {
                NativeGit.run(dir, "mv", step[0], step[1]);
            } else {
                Files.writeString(dir.resolve(step[0]), step[1]);
                NativeGit.run(dir, "add", step[0]);
            }
            String date = "2026-01-%02dT00:00:00Z".formatted(day++);
            NativeGit.Result commit = NativeGit.exec(dir, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date),
                null, "commit", "-qm", "c" + day);
            assertEquals(0, commit.exitCode(), commit.err());
        }
        List<String> git = NativeGit.lines(dir, "log", "--follow", "--name-only", "--format=%h %s", "--",
            "tab\there.txt").stream().filter(l -> !l.isEmpty()).toList();
        assertEquals(List.of("\"tab\\there.txt\"", "\"tab\\there.txt\"", "\"a\\\"b\\\\c.txt\"",
            "\"a\\\"b\\\\c.txt\""), java.util.stream.IntStream.range(0, git.size()).filter(i -> i % 2 == 1)
            .mapToObj(git::get).toList(), "git's names");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < git.size(); i += 2) {
            rows.add(git.get(i) + "  [" + git.get(i + 1) + "]");
        }
        CliResult follow = Cli.run(dir, "history", "--follow", "--format=oneline", "--", "tab\there.txt");
        assertEquals(List.of(0, rows), List.of(follow.exitCode(), follow.outLines()));
        CliResult json = Cli.run(dir, "history", "--follow", "--format=json", "-n", "1", "--", "tab\there.txt");
        assertTrue(json.out().contains("\"path\":\"tab\\there.txt\""), json.toString());
    }

    /** Both apply, in either order, as in git: at least two parents and at most one, which no commit has. */
    @Test
    void mergesAndNoMergesTogetherListNothing() {
        Path dir = dir(SEEDS[0]);
        repo(SEEDS[0]);
        assertTrue(!NativeGit.run(dir, "log", "--merges").isEmpty(), "the history has merges");
        assertEquals("", NativeGit.run(dir, "log", "--no-merges", "--merges"));
        assertEquals(new CliResult(0, "", ""), Cli.run(dir, "log", "--merges", "--no-merges"));
        assertEquals(new CliResult(0, "", ""), Cli.run(dir, "log", "--no-merges", "--format=sha", "--merges"));
    }

    /**
     * {@code --format=oneline} abbreviates as {@code core.abbrev} says, as git log --oneline does: a length (four
     * digits growing where they are ambiguous), {@code auto}, or {@code no} and the other false words for whole ids;
     * a value git refuses stops both.
     */
    @Test
    void onelineAbbreviatesAsCoreAbbrevSaysAsInGit() {
        Path dir = dir(SEEDS[1]);
        repo(SEEDS[1]);
        try {
            for (String value : List.of("12", "4", "40", "auto", "AUTO", "no", "off", "")) {
                NativeGit.run(dir, "config", "core.abbrev", value);
                String git = NativeGit.run(dir, "log", "--oneline", "-n", "60");
                assertEquals(new CliResult(0, git, ""), Cli.run(dir, "log", "--oneline", "-n", "60"), value);
                assertEquals(new CliResult(0, NativeGit.run(dir, "log", "--oneline", "--", "src"), ""),
                    Cli.run(dir, "history", "src", "--format=oneline"), value);
            }
            assertTrue(NativeGit.run(dir, "-c", "core.abbrev=4", "log", "--oneline").lines()
                .anyMatch(line -> line.indexOf(' ') > 4), "the premise: four digits are ambiguous for some commit");
            for (List<String> refused : List.of(
                List.of("3", "abbrev length out of range: 3 (core.abbrev takes 4 to 40, auto or no)"),
                List.of("41", "abbrev length out of range: 41 (core.abbrev takes 4 to 40, auto or no)"),
                List.of("yes", "bad numeric config value 'yes' for 'core.abbrev'"))) {
                NativeGit.run(dir, "config", "core.abbrev", refused.get(0));
                assertEquals(128, NativeGit.exec(dir, null, "log", "--oneline", "-1").exitCode(), refused.get(0));
                assertEquals(new CliResult(dev.rca.ExitCode.BAD_INPUT, "", "rca: error: " + refused.get(1) + "\n"),
                    Cli.run(dir, "log", "--oneline", "-1"), refused.get(0));
            }
        } finally {
            NativeGit.run(dir, "config", "--unset", "core.abbrev");
        }
    }

    @AfterAll
    void ranQueries() {
        assertTrue(queriesRun == 0 || queriesRun > 100, "ran " + queriesRun + " log queries");
    }
}
