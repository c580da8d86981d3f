package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code rca log} reads operands typed without {@code --}, against {@code git log} on the same repository: an
 * option after the first path, a backslash-escaped wildcard, and git's {@code :/<text>} message search.
 */
class LogOperandsDifferentialTest {
    @TempDir
    Path tmp;

    /**
     * A history of a.txt and src/b.c whose messages have bodies and end in a newline, a commit on a branch HEAD does
     * not reach (younger than HEAD's tip), and a tag; checked out.
     */
    private Path repository() {
        Path dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir).tick(60)) {
            repo.commit("first: add a\n").add("a.txt", "1\n").create();
            ObjectId fix = repo.commit("fix the cache\n\nevict before the lock\n").add("a.txt", "2\n").create();
            repo.tag("v1", fix);
            ObjectId b = repo.commit("add b\n").add("src/b.c", "b\n").create();
            repo.commit("docs: say how the cache is evicted\n").add("a.txt", "3\n").create();
            repo.branch("side", b).onBranch("side");
            repo.commit("side: fix a typo\n").add("src/b.c", "c\n").create();
            repo.onBranch("main").checkout();
        }
        NativeGit.run(dir, "reset", "-q", "--hard");
        return dir;
    }

    /** git refuses an option after the first path of a command line without {@code --} (exit 128); rca too (2). */
    @Test
    void anOptionAfterThePathsIsRefusedAsInGit() {
        Path dir = repository();
        for (List<String> args : List.of(List.of("a.txt", "-3"), List.of("a.txt", "-n", "3"),
            List.of("a.txt", "--oneline"), List.of("HEAD", "a.txt", "src", "--grep=cache"),
            List.of("a.txt", "-3", "nosuch"), List.of("--format=oneline", "a.txt", "--all"))) {
            String option = args.stream().filter(a -> a.startsWith("-") && args.indexOf(a) > args.indexOf("a.txt"))
                .findFirst().orElseThrow();
            NativeGit.Result git = NativeGit.exec(dir, null, withCommand("log", args));
            assertEquals(List.of(128, "", "fatal: option '" + option + "' must come before non-option arguments\n"),
                List.of(git.exitCode(), git.out(), git.err()), "git log " + args);
            CliResult rca = Cli.run(dir, withCommand("log", args));
            assertEquals(List.of(ExitCode.USAGE, "", "rca: error: option '" + option + "' must come before non-option"
                + " arguments"), List.of(rca.exitCode(), rca.out(), rca.err().lines().findFirst().orElse("")),
                "rca log " + args);
        }
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: option '-3' must come before non-option arguments\n"
            + "hint: as in git, put the options before the paths, or the paths after --: rca log -n 3 --format=json --"
            + " a.txt src\n"), Cli.run(dir, "log", "a.txt", "-3", "src", "--format=json"));
        // as git, a path before the option is checked first
        assertEquals(128, NativeGit.exec(dir, null, "log", "a.txt", "nosuch", "-3").exitCode());
        assertEquals(ExitCode.BAD_INPUT, Cli.run(dir, "log", "a.txt", "nosuch", "-3").exitCode());
        // before the paths, or with --, the options are read
        for (List<String> args : List.of(List.of("-3", "a.txt"), List.of("-n", "2", "HEAD", "a.txt", "src"),
            List.of("--grep", "fix", "a.txt"), List.of("HEAD", "-2", "--", "a.txt"))) {
            listsAsGitLists(dir, args);
        }
    }

    /**
     * git's {@code looks_like_pathspec}: a wildcard a backslash escapes makes no pathspec, so without {@code --} such
     * an operand is a path only when a file has that name; else it is an unknown revision, as in git.
     */
    @Test
    void anEscapedWildcardIsNoPathspecAsInGit() throws IOException {
        Path dir = repository();
        for (String operand : List.of("a\\*", "a\\?", "a\\[x]", "src/\\*.c")) {
            NativeGit.Result git = NativeGit.exec(dir, null, "log", operand);
            assertEquals(List.of(128, "fatal: ambiguous argument '" + operand + "': unknown revision or path not in"
                + " the working tree."), List.of(git.exitCode(), git.err().lines().findFirst().orElse("")), operand);
            assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: unknown revision '" + operand + "'\n"),
                Cli.run(dir, "log", operand), operand);
        }
        // an unescaped one still looks like a pathspec, which rca refuses as after --
        assertEquals(List.of(0, ""), List.of(NativeGit.exec(dir, null, "log", "a\\\\*").exitCode(),
            NativeGit.exec(dir, null, "log", "a\\\\*").out()));
        assertEquals(Cli.run(dir, "log", "--", "a\\\\*"), Cli.run(dir, "log", "a\\\\*"));
        assertEquals(ExitCode.USAGE, Cli.run(dir, "log", "a\\\\*").exitCode());
        // a file of that name is a path
        Files.writeString(dir.resolve("x\\*y"), "y\n");
        NativeGit.run(dir, "add", ".");
        NativeGit.run(dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "add x\\*y");
        listsAsGitLists(dir, List.of("x\\*y"));
    }

    /**
     * git reads {@code :/<text>} as the youngest commit reachable from any ref or HEAD whose message matches:
     * {@code rca log :/fix} lists from there, as {@code git log :/fix}, with git's {@code !-} and {@code !!}, its
     * anchors on the whole message, ranges and exclusions; one that no message answers is a path when what follows
     * {@code :/} is at the top of the work tree (pathspec magic, which rca refuses as after {@code --}), and else
     * unknown; one that is also such a file is ambiguous.
     */
    @Test
    void aColonSlashRevisionIsGitsMessageSearch() throws IOException {
        Path dir = repository();
        for (List<String> args : List.of(List.of(":/fix"), List.of(":/add"), List.of(":/!-cache"),
            List.of(":/cache..evict"), List.of(":/lock.$"), List.of(":/^fix"), List.of(":/the.cache", "a.txt"),
            List.of(":/fix", "--", "a.txt"), List.of(":/add..HEAD"), List.of("main", "^:/add"),
            List.of("-2", ":/side"), List.of(":/add", "a.txt"))) {
            List<String> shas = listsAsGitLists(dir, args);
            if (args.equals(List.of(":/fix"))) {
                // the youngest match: the side branch's typo fix, younger than HEAD and not reachable from it
                assertEquals(NativeGit.run(dir, "rev-parse", "side").strip(), shas.get(0), "git's premise");
            }
        }
        // short magic naming nothing in the work tree is no path either (git's check_filename)
        for (String unknown : List.of(":/nomatch", ":/lock$", ":/^evict", ":/!!fix", ":/!fix", ":/x(", ":/!-",
            ":!nosuch", ":^nosuch")) {
            NativeGit.Result git = NativeGit.exec(dir, null, "log", unknown);
            assertEquals(128, git.exitCode(), "git log " + unknown + ": " + git.out());
            assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: unknown revision '" + unknown + "'\n"),
                Cli.run(dir, "log", unknown), "rca log " + unknown);
        }
        // history takes it as its revision too
        assertEquals(NativeGit.lines(dir, "log", "--format=%H", ":/cache", "--", "a.txt"),
            Cli.run(dir, "history", "a.txt", ":/cache", "--format=sha").outLines());
        // no message says "src": the top's src, magic rca refuses as after --; so is :/ alone, the whole tree (it was
        // an internal error: JGit's resolver throws for the empty path after the colon)
        for (String magic : List.of(":/src", ":/")) {
            assertEquals(0, NativeGit.exec(dir, null, "log", magic).exitCode(), "git log " + magic);
            CliResult refused = Cli.run(dir, "log", magic);
            assertEquals(List.of(ExitCode.USAGE, Cli.run(dir, "log", "--", magic)), List.of(refused.exitCode(), refused),
                "rca log " + magic);
        }
        Files.writeString(dir.resolve("fix"), "x\n");
        NativeGit.Result git = NativeGit.exec(dir, null, "log", ":/fix");
        assertEquals(List.of(128, "fatal: ambiguous argument ':/fix': both revision and filename"),
            List.of(git.exitCode(), git.err().lines().findFirst().orElse("")));
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: ambiguous argument ':/fix': both revision and"
            + " filename\nhint: use '--' to separate paths from revisions, as in git: rca log [<revision>...] --"
            + " [<path>...]\n"), Cli.run(dir, "log", ":/fix"));
        listsAsGitLists(dir, List.of(":/fix", "--"));
    }

    /**
     * Where several commits of the same date match, git's search takes the one its date-sorted list holds first:
     * HEAD's, then the refs' in the reverse of their names' order; rca takes the same.
     */
    @Test
    void aMessageSearchBreaksTiesBetweenEqualDatesAsGit() {
        Path dir = tmp.resolve("ties");
        try (TestRepo repo = TestRepo.init(dir).tick(0)) {
            ObjectId base = repo.commit("base\n").add("a.txt", "0\n").create();
            for (String branch : List.of("x", "y", "z")) {
                repo.branch(branch, base).onBranch(branch);
                repo.commit("tip on " + branch + "\n").add(branch + ".txt", "1\n").create();
            }
            repo.branch("main", repo.tip("x")).onBranch("main").checkout();
        }
        NativeGit.run(dir, "reset", "-q", "--hard");
        for (String search : List.of(":/tip", ":/tip on [yz]", ":/!-base", ":/base")) {
            listsAsGitLists(dir, List.of("-1", search));
        }
        assertEquals(NativeGit.run(dir, "rev-parse", "z").strip(), NativeGit.run(dir, "rev-parse", ":/tip on [yz]")
            .strip(), "git's premise: the last ref by name");
    }

    /** rca log lists what git log lists in {@code dir} with these arguments, and that is not nothing; the SHAs. */
    private static List<String> listsAsGitLists(Path dir, List<String> args) {
        List<String> git = new ArrayList<>(List.of("--format=%H"));
        git.addAll(args);
        List<String> rca = new ArrayList<>(List.of("--format=sha"));
        rca.addAll(args);
        List<String> expected = NativeGit.lines(dir, withCommand("log", git));
        assertTrue(!expected.isEmpty(), "git log " + git);
        assertEquals(new CliResult(0, String.join("\n", expected) + "\n", ""), Cli.run(dir, withCommand("log", rca)),
            "rca log " + rca);
        return expected;
    }

    private static String[] withCommand(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return all.toArray(String[]::new);
    }
}
