package dev.rca.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's first commands, run as a user runs them: through scripts/ and the packaged jar. Runs after
 * 'package' (failsafe), so the launcher finds a fresh jar and does not rebuild.
 */
class ScriptsIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void demoNarratesTheWholeInvestigationAndLeavesTheCheckoutClean() throws Exception {
        String statusBefore = projectStatus();
        // a directory with a space in its name: the lines the demo offers to paste must quote it
        Path base = Files.createDirectories(tmp.resolve("demo dir"));
        Path shop = base.resolve("shop");
        Run demo = run(List.of("bash", "scripts/demo", base.toString()), 600);
        assertEquals(0, demo.exitCode(), demo.output());
        String out = demo.output();
        for (String step : List.of("$ rca open SHOP-7", "$ rca log --grep=discount", "$ rca history shop/pricing.py --follow --authors",
            "$ rca bisect-helper run -- sh scripts/test.sh", "first bad commit: ", "$ rca suspects HEAD",
            "$ rca reject H1", "$ rca confirm H2", "$ rca verify --runs=2", "$ rca postmortem --graph --commit",
            "$ rca dag -t SHOP-7", "The post-mortem is ")) {
            assertTrue(out.contains(step), "demo output lacks '" + step + "':\n" + out);
        }
        assertTrue(out.contains("first bad commit: ") && out.contains("pricing: tidy bulk threshold check"), out);
        Path postmortem = shop.resolve("docs/postmortems/SHOP-7.md");
        assertTrue(Files.isRegularFile(postmortem), "no post-mortem written");
        String md = Files.readString(postmortem);
        assertTrue(md.startsWith("# SHOP-7: Bulk discount missing at exactly ten items\n"), md);
        Run lint = run(List.of("scripts/rca", "-C", shop.toString(), "lint", postmortem.toString()), 120);
        assertEquals(0, lint.exitCode(), lint.output());
        Run log = run(List.of("git", "-C", shop.toString(), "show", "--stat", "--format=%s", "HEAD"), 60);
        assertTrue(log.output().startsWith("Post-mortem for SHOP-7: Bulk discount missing at exactly ten items"), log.output());
        assertTrue(log.output().contains("2 files changed"), log.output());
        // the README's copy is the demo's, but for what the demo makes when it runs: the fix's SHA, the verify time
        String readme = Files.readString(PROJECT.resolve("README.md"));
        int start = readme.indexOf("````markdown\n") + "````markdown\n".length();
        assertEquals(runIndependent(readme.substring(start, readme.indexOf("\n````\n", start) + 1)), runIndependent(md));
        // the lines it offers to paste work, here too
        List<String> last = out.lines().toList().subList((int) out.lines().count() - 3, (int) out.lines().count());
        String quoted = "'" + shop + "'";
        assertEquals(List.of("Read it with:   less " + quoted.replace("shop'", "shop/docs/postmortems/SHOP-7.md'"),
            "Its ledger:     " + shop + "/docs/postmortems/SHOP-7.yaml",
            "Try more:       cd " + quoted + " && rca status -t SHOP-7 && rca history shop --authors"), last);
        ProcessBuilder tryMore = new ProcessBuilder("bash", "-c", last.get(2).substring("Try more:".length()).strip())
            .directory(tmp.toFile()).redirectErrorStream(true);
        tryMore.environment().put("PATH", PROJECT.resolve("scripts") + ":" + System.getenv("PATH"));
        Run more = run(tryMore, 120);
        assertEquals(0, more.exitCode(), more.output());
        assertTrue(more.output().startsWith("SHOP-7: Bulk discount missing at exactly ten items (bug, published)\n"),
            more.output());
        assertEquals(statusBefore, projectStatus(), "the demo must leave the rca checkout as it found it");
    }

    /** A post-mortem of the demo with what differs from run to run (the fix's SHA, the time of verify) as names. */
    private static String runIndependent(String md) {
        java.util.regex.Matcher fix = java.util.regex.Pattern.compile("\nFix commit: ([0-9a-f]{12}) ").matcher(md);
        assertTrue(fix.find(), md);
        return md.replace(fix.group(1), "<fix>").replaceAll("the fix is verified \\(\\S+\\)", "the fix is verified (<at>)");
    }

    @Test
    void gitRcaWorksWithScriptsOnPath() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("git", "rca", "--version").directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", PROJECT.resolve("scripts") + ":" + System.getenv("PATH"));
        Run r = run(pb, 120);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("rca ") && r.output().contains("JGit "), r.output());
    }

    @Test
    void aDirectoryThatIsNotARepositoryGetsOneLineAndExitThree() throws Exception {
        Run r = run(List.of(PROJECT.resolve("scripts/rca").toString(), "-C", tmp.toString(), "log"), 120);
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("rca: error: not a git repository"), r.output());
    }

    /**
     * From a current directory that was removed (the repository deleted and cloned again in another terminal) git
     * stops with one line, exit 128, unless a leading -C names where to go; rca says one line too, exit 3, through the
     * daemon's front and without it, where the JVM died with its stack trace, exit 1. (The shell running the launcher
     * warns first that it cannot read the directory.)
     */
    @Test
    void aRemovedWorkingDirectoryIsOneLineAsInGitUnlessDashCNamesWhereToGo() throws Exception {
        Path repo = repositoryWithOneFile("a.c");
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        String rca = PROJECT.resolve("scripts/rca").toString();
        // $0 is where to make the directory that is removed under the command "$@"
        String inRemoved = "cd \"$0\" && mkdir gone && cd gone && rmdir ../gone && exec \"$@\"";
        Run git = run(launcher(List.of("sh", "-c", inRemoved, tmp.toString(), "git", "log", "-n1"), runtime, "off"), 60);
        assertEquals(128, git.exitCode(), git.output());
        String expected = run(List.of("git", "-C", repo.toString(), "log", "--format=%h %s"), 60).output();
        try {
            for (String daemon : List.of("off", "on", "on")) {
                Run refused = run(launcher(List.of("sh", "-c", inRemoved, tmp.toString(), rca, "log", "-n1"), runtime,
                    daemon), 120);
                assertEquals(3, refused.exitCode(), refused.output());
                assertEquals(List.of("rca: error: cannot read the current directory: it was removed (or replaced) since"
                    + " this shell entered it", "hint: cd into the repository again, or name it with -C <dir>"),
                    ownLines(refused), "daemon " + daemon);
                for (String dir : List.of(repo.toString(), "../repo")) {
                    Run named = run(launcher(List.of("sh", "-c", inRemoved, tmp.toString(), rca, "-C", dir, "log",
                        "--format=oneline"), runtime, daemon), 120);
                    assertEquals(List.of(0, List.of(expected.strip())), List.of(named.exitCode(), ownLines(named)),
                        "-C " + dir + ", daemon " + daemon + ": " + named.output());
                }
                Run nowhere = run(launcher(List.of("sh", "-c", inRemoved, tmp.toString(), rca, "-C", "nosuch", "log"),
                    runtime, daemon), 120);
                assertEquals(List.of(3, List.of("rca: error: cannot change to 'nosuch': no such directory")),
                    List.of(nowhere.exitCode(), ownLines(nowhere)), "daemon " + daemon);
                // as git --version and git --help, from anywhere
                Run version = run(launcher(List.of("sh", "-c", inRemoved, tmp.toString(), rca, "--version"), runtime,
                    daemon), 120);
                assertEquals(0, version.exitCode(), version.output());
                assertTrue(ownLines(version).get(0).startsWith("rca "), version.output());
                Run help = run(launcher(List.of("sh", "-c", inRemoved, tmp.toString(), rca, "-h"), runtime, daemon), 120);
                assertEquals(0, help.exitCode(), help.output());
                assertTrue(ownLines(help).get(0).startsWith("Usage: rca "), help.output());
            }
        } finally {
            run(launcher(List.of(PROJECT.resolve("target/rca-client").toString(), PROJECT.resolve("target/rca.jar")
                .toString(), javaBinary(), "stop"), runtime, "on"), 60);
        }
    }

    /** The output but for the shell's own warnings about a directory it cannot read. */
    private static List<String> ownLines(Run run) {
        return run.output().lines().filter(l -> !l.contains("getcwd")).toList();
    }

    @Test
    void aChainOfRelativeLinksToTheLauncherFindsTheProject() throws Exception {
        Path first = Files.createDirectories(tmp.resolve("links/a"));
        Path second = Files.createDirectories(tmp.resolve("links/b"));
        // a target naming the script through "." once left the project one directory too deep
        Files.createSymbolicLink(first.resolve("rca"), PROJECT.resolve("scripts/./rca"));
        Files.createSymbolicLink(second.resolve("r"), Path.of("../a/rca"));
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Run r = run(List.of(second.resolve("r").toString(), "-C", plain.toString(), "log"), 120);
        // gone before the temporary directory is cleaned up, which warns about links leading out of it
        Files.delete(second.resolve("r"));
        Files.delete(first.resolve("rca"));
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("rca: error: not a git repository"), r.output());
    }

    @Test
    void benchSmokeRunsEveryRow() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/bench", "--smoke").directory(PROJECT.toFile())
            .redirectErrorStream(true);
        pb.environment().put("RCA_BENCH_CACHE", tmp.resolve("bench").toString());
        Run r = run(pb, 600);
        assertEquals(0, r.exitCode(), r.output());
        String out = r.output();
        assertTrue(out.contains("| repository | work | rca median (ms) | git median (ms) |"), out);
        // 2 x (6 history rows + 2 suspects), 2 fresh-clone suspects rows, 3 bisect rows, 2 x 3 timed scale
        // rows + 3 ratios, 4 heap rows
        assertEquals(34, out.lines().filter(l -> l.startsWith("| synthetic 1")).count(), out);
        for (String row : List.of("| synthetic 1500 (no commit-graph) | suspects <fix> vs git blame -L | ",
            "| synthetic 1500 (after rca index) | suspects, each pair a fix not asked before | ",
            "| synthetic 1500 (no commit-graph) | suspects, fresh clone, no daemon: first question | ",
            "| synthetic 1500 (no commit-graph) | suspects, fresh clone, before rca's tables | ",
            "| synthetic 1500 | bisect: test runs per session | ", "| synthetic 1500 | bisect: ms per step (rca ",
            "| synthetic 1500/1000 | scale: log --format=sha, t(1500)/t(1000) ",
            "| synthetic 1500/1000 | scale: history src, t(1500)/t(1000) ",
            "| synthetic 1500/1000 | scale: log --format=sha, rca cache off, t(1500)/t(1000) ",
            "| synthetic 1500 (cold) | -Xmx256m: log | ok, ", "| synthetic 1500 (cold) | -Xmx256m: history --authors <dir> | ok, ")) {
            assertTrue(out.contains(row), "bench output lacks '" + row + "':\n" + out);
        }
    }

    @Test
    void theDaemonAnswersAsAJvmOfItsOwnDoes() throws Exception {
        Path repo = repositoryWithOneFile("a.c");
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        List<String> log = List.of(PROJECT.resolve("scripts/rca").toString(), "-C", repo.toString(), "log",
            "--format=oneline");
        Run alone = run(launcher(log, runtime, "off"), 120);
        assertEquals(0, alone.exitCode(), alone.output());
        Run first = run(launcher(log, runtime, "on"), 120);
        assertEquals(alone, first, "the command that starts the daemon runs in its own JVM");
        String client = PROJECT.resolve("target/rca-client").toString();
        String jar = PROJECT.resolve("target/rca.jar").toString();
        String java = javaBinary();
        try {
            Run served = null;
            // 125: no daemon listening yet; 124: connected, but it answered nothing
            for (int i = 0; i < 200 && (served == null || served.exitCode() == 125 || served.exitCode() == 124);
                 i++) {
                Thread.sleep(50);
                served = run(launcher(List.of(client, jar, java, "run", "-C", repo.toString(), "log", "--format=oneline"),
                    runtime, "on"), 60);
            }
            assertEquals(alone, served, "the daemon, asked directly by rca-client");
            assertEquals(alone, run(launcher(log, runtime, "on"), 120), "through the launcher");
            Run refused = run(launcher(List.of(client, jar, java, "run", "-C", repo.toString(), "open", "X-1"), runtime,
                "on"), 60);
            assertEquals(2, refused.exitCode(), refused.output());
        } finally {
            run(launcher(List.of(client, jar, java, "stop"), runtime, "on"), 60);
        }
    }

    /**
     * Under {@code LC_ALL=C} a JVM reads no non-ASCII letter from its command line (each such byte becomes U+FFFD)
     * and can hold no such name as a file name: a UTF-8 path then matches nothing, with a note that says why, and
     * the daemon, which is sent the argument's bytes, reads them as a JVM of its own does. Both used to end in an
     * internal error (exit 4); the daemon, given the chance, would have read UTF-8 and answered otherwise.
     */
    @Test
    void underTheCLocaleANonAsciiPathGetsTheSameNoteFromTheDaemonAsFromAJvmOfItsOwn() throws Exception {
        Path repo = repositoryWithOneFile("naïve.c");
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        // a Latin-1 name too, typed as its bytes
        String history = " -C \"$1\" history --format=oneline -- naïve.c \"$(printf 'caf\\351.c')\"";
        String rca = PROJECT.resolve("scripts/rca").toString();
        String client = PROJECT.resolve("target/rca-client").toString();
        String jar = PROJECT.resolve("target/rca.jar").toString();
        String note = "rca: note: path '%s' holds bytes that are not valid ANSI_X3.4-1968: rca cannot name a file whose"
            + " name is not in that encoding, so it matches nothing (git log -- <path> can); the locale sets the"
            + " encoding: under a UTF-8 one (LC_ALL=C.UTF-8) rca reads UTF-8 names\n";
        Run expected = new Run(0, note.formatted("na\uFFFD\uFFFDve.c") + note.formatted("caf\uFFFD.c"));
        Run alone = run(inCLocale(launcher(List.of("sh", "-c", "exec \"$0\"" + history, rca, repo.toString()), runtime,
            "off")), 120);
        assertEquals(expected, alone, "a JVM of its own");
        try {
            run(inCLocale(launcher(List.of("sh", "-c", "exec \"$0\"" + history, rca, repo.toString()), runtime, "on")),
                120);
            Run served = null;
            // 125: no daemon listening yet; 124: connected, but it answered nothing
            for (int i = 0; i < 200 && (served == null || served.exitCode() == 125 || served.exitCode() == 124);
                 i++) {
                Thread.sleep(50);
                served = run(inCLocale(launcher(List.of("sh", "-c", "exec \"$0\" \"$2\" \"$3\" run" + history, client,
                    repo.toString(), jar, javaBinary()), runtime, "on")), 60);
            }
            assertEquals(expected, served, "the daemon, asked directly by rca-client");
        } finally {
            run(inCLocale(launcher(List.of(client, jar, javaBinary(), "stop"), runtime, "on")), 60);
        }
    }

    @Test
    void underTheCLocaleAnAbsolutePathIsReadFromTheTopThroughASymlinkTooAndOneOutsideIsRefused() throws Exception {
        Path repo = repositoryWithOneFile("naïve.c");
        Files.writeString(repo.resolve("naïve.c"), "int b;\n");
        run(List.of("git", "-C", repo.toString(), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q",
            "-am", "change naïve.c"), 60);
        String good = run(List.of("git", "-C", repo.toString(), "rev-parse", "HEAD~1"), 60).output().trim();
        String bad = run(List.of("git", "-C", repo.toString(), "rev-parse", "HEAD"), 60).output().trim();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), repo);
        // a directory outside whose name the JVM cannot hold as a Path under LC_ALL=C either
        Files.createDirectories(tmp.resolve("café"));
        String script = "\"$0\" -C \"$1\" log --format=oneline -- \"$2/naïve.c\"; echo \"exit $?\";"
            + " \"$0\" -C \"$1\" log --format=oneline -- \"$3/café/x.c\"; echo \"exit $?\";"
            + " \"$0\" -C \"$1\" bisect-helper start --bad=HEAD --good=HEAD~1 -- \"$2/naïve.c\"; echo \"exit $?\";"
            + " \"$0\" -C \"$1\" bisect-helper log";
        Run answer = run(inCLocale(launcher(List.of("sh", "-c", script, PROJECT.resolve("scripts/rca").toString(),
            repo.toString(), link.toString(), tmp.toString()), Files.createDirectories(tmp.resolve("runtime")), "off")),
            120);
        String name = "na\uFFFD\uFFFDve.c";
        String note = "rca: note: path '" + link + "/" + name + "' holds bytes that are not valid ANSI_X3.4-1968: rca"
            + " cannot name a file whose name is not in that encoding, so it matches nothing (git log -- <path> can);"
            + " the locale sets the encoding: under a UTF-8 one (LC_ALL=C.UTF-8) rca reads UTF-8 names\n";
        assertEquals(new Run(0, note + "exit 0\n"
            + "rca: error: path '" + tmp + "/caf\uFFFD\uFFFD/x.c' is outside the repository " + repo + "\nexit 2\n"
            + note + "no testable commit: no candidate touches the paths\nexit 1\n"
            + "start --bad=" + bad + " --good=" + good + " -- " + name + "\n"), answer);
    }

    /** A repository in {@code tmp} whose one commit adds {@code file}. */
    private Path repositoryWithOneFile(String file) throws Exception {
        Path repo = tmp.resolve("repo");
        run(List.of("git", "init", "-q", "-b", "main", repo.toString()), 60);
        Files.writeString(repo.resolve(file), "int a;\n");
        run(List.of("git", "-C", repo.toString(), "add", file), 60);
        run(List.of("git", "-C", repo.toString(), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q",
            "-m", "add " + file), 60);
        return repo;
    }

    /**
     * {@code GIT_DIR} without {@code GIT_WORK_TREE}: git takes the current directory for the top of the work tree,
     * and so does rca, which put ledgers under the git directory's parent (JGit's choice).
     */
    @Test
    void gitDirWithoutAWorkTreeMakesTheCurrentDirectoryTheTopAsInGit() throws Exception {
        Path repo = repositoryWithOneFile("a.c");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/sub"));
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        ProcessBuilder git = new ProcessBuilder("git", "rev-parse", "--show-toplevel").directory(elsewhere.toFile())
            .redirectErrorStream(true);
        git.environment().put("GIT_DIR", repo.resolve(".git").toString());
        assertEquals(new Run(0, elsewhere.toRealPath() + "\n"), run(git, 60));
        ProcessBuilder open = launcher(List.of(PROJECT.resolve("scripts/rca").toString(), "open", "WT2", "--title=x"),
            runtime, "off").directory(elsewhere.toFile());
        open.environment().put("GIT_DIR", repo.resolve(".git").toString());
        assertEquals(new Run(0, "docs/postmortems/WT2.yaml\n"), run(open, 120));
        assertTrue(Files.isRegularFile(elsewhere.resolve("docs/postmortems/WT2.yaml")));
        assertFalse(Files.exists(repo.resolve("docs")));
    }

    /**
     * A relative {@code GIT_DIR} names a place from {@code -C}'s directory, as git reads it after its chdir; rca
     * resolved it from the JVM's directory (the daemon's is /), with the daemon and without.
     */
    @Test
    void aRelativeGitDirIsReadFromTheDirectoryMinusCNames() throws Exception {
        Path repo = repositoryWithOneFile("a.c");
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        ProcessBuilder git = new ProcessBuilder("git", "-C", repo.toString(), "log", "--format=%H")
            .directory(tmp.toFile()).redirectErrorStream(true);
        git.environment().put("GIT_DIR", ".git");
        Run expected = run(git, 60);
        assertEquals(0, expected.exitCode(), expected.output());
        for (String daemon : List.of("off", "on")) {
            ProcessBuilder log = launcher(List.of(PROJECT.resolve("scripts/rca").toString(), "-C", repo.toString(),
                "log", "--format=sha"), runtime, daemon).directory(tmp.toFile());
            log.environment().put("GIT_DIR", ".git");
            assertEquals(expected, run(log, 120), "RCA_DAEMON=" + daemon);
        }
    }

    /**
     * git's ownership check reads {@code safe.directory} from the command line ({@code git -c}, passed on as
     * {@code GIT_CONFIG_PARAMETERS} or {@code GIT_CONFIG_COUNT}) and trusts, under sudo, the repositories of
     * {@code SUDO_UID}; so does rca. Giving a repository to another user takes root: skipped elsewhere.
     */
    @Test
    void safeDirectoryFromTheCommandLineAndSudoUidTrustARepositoryOfAnotherUserAsInGit() throws Exception {
        Path repo = repositoryWithOneFile("a.c");
        Run chown = run(List.of("chown", "-R", "nobody", repo.toString()), 60);
        Assumptions.assumeTrue(chown.exitCode() == 0, "giving a file to another user takes root: " + chown.output());
        String uid = run(List.of("id", "-u", "nobody"), 60).output().strip();
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        String real = repo.toRealPath().toString();
        List<Map<String, String>> trusting = List.of(Map.of("GIT_CONFIG_PARAMETERS", "'safe.directory'='" + real + "'"),
            Map.of("GIT_CONFIG_COUNT", "1", "GIT_CONFIG_KEY_0", "safe.directory", "GIT_CONFIG_VALUE_0", "*"),
            Map.of("SUDO_UID", uid));
        Map<String, String> isolated = Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1");
        Run refused = run(rcaLog(repo, runtime, "off", isolated), 120);
        assertEquals(3, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("git config --global --add safe.directory " + real), refused.output());
        for (Map<String, String> trust : trusting) {
            Map<String, String> env = new java.util.HashMap<>(isolated);
            env.putAll(trust);
            ProcessBuilder git = new ProcessBuilder("git", "log", "--format=%H").directory(repo.toFile())
                .redirectErrorStream(true);
            git.environment().putAll(env);
            Run expected = run(git, 60);
            assertEquals(0, expected.exitCode(), env + ": " + expected.output());
            assertEquals(expected, run(rcaLog(repo, runtime, "off", env), 120), env.toString());
        }
        // the daemon is keyed on SUDO_UID: one started without it does not answer for it, nor the other way round
        Map<String, String> sudo = new java.util.HashMap<>(isolated);
        sudo.put("SUDO_UID", uid);
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(refused, run(rcaLog(repo, runtime, "on", isolated), 120), "the daemon, run " + i);
                assertEquals(0, run(rcaLog(repo, runtime, "on", sudo), 120).exitCode(), "the daemon under sudo, run " + i);
            }
        } finally {
            for (Map<String, String> env : List.of(isolated, sudo)) {
                ProcessBuilder stop = launcher(List.of(PROJECT.resolve("target/rca-client").toString(),
                    PROJECT.resolve("target/rca.jar").toString(), javaBinary(), "stop"), runtime, "on");
                stop.environment().putAll(env);
                run(stop, 60);
            }
        }
    }

    private ProcessBuilder rcaLog(Path repo, Path runtime, String daemon, Map<String, String> env) {
        ProcessBuilder pb = launcher(List.of(PROJECT.resolve("scripts/rca").toString(), "log", "--format=sha"), runtime,
            daemon).directory(repo.toFile());
        pb.environment().putAll(env);
        return pb;
    }

    @Test
    void underTheCLocaleANonAsciiDirectoryForDashCIsRefusedWithTheReasonNotAnInternalMessage() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dïr"));
        Run answer = run(inCLocale(launcher(List.of("sh", "-c", "\"$0\" -C \"$1\" log", PROJECT.resolve("scripts/rca")
            .toString(), dir.toString()), Files.createDirectories(tmp.resolve("runtime")), "off")), 120);
        String shown = dir.toString().replace("ï", "\uFFFD\uFFFD");
        assertEquals(new Run(3, "rca: error: cannot change to '" + shown + "': its name is not valid ANSI_X3.4-1968\n"
            + "hint: the locale sets the encoding: under a UTF-8 one (LC_ALL=C.UTF-8) rca reads UTF-8 names\n"), answer);
    }

    /**
     * Under {@code LC_ALL=C} the JVM cannot reach a directory with a non-ASCII name by its name: started there, rca
     * says so, in a JVM of its own and in the daemon, which is sent the directory's bytes (it said "no such
     * directory", naming the directory with '?' for each byte, or, in the daemon, failed and left the command to a
     * JVM of its own). An absolute {@code -C} still works there; a relative one is read from that directory.
     */
    @Test
    void underTheCLocaleANonAsciiWorkingDirectoryIsRefusedWithTheReasonByTheDaemonToo() throws Exception {
        Path repo = repositoryWithOneFile("a.c");
        Path dir = Files.createDirectories(repo.resolve("dïr/sub"));
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        String rca = PROJECT.resolve("scripts/rca").toString();
        String client = PROJECT.resolve("target/rca-client").toString();
        String jar = PROJECT.resolve("target/rca.jar").toString();
        String refusal = "rca: error: cannot run in '" + dir.getParent().toString().replace("ï", "\uFFFD\uFFFD")
            + "': its name is not valid ANSI_X3.4-1968\n"
            + "hint: the locale sets the encoding: under a UTF-8 one (LC_ALL=C.UTF-8) rca reads UTF-8 names\n";
        String commit = run(List.of("git", "-C", repo.toString(), "log", "--format=%h add a.c"), 60).output();
        for (List<String> args : List.of(List.of("log"), List.of("-C", "sub", "log"))) {
            List<String> command = new java.util.ArrayList<>(List.of(rca));
            command.addAll(args);
            assertEquals(new Run(3, refusal), run(inCLocale(launcher(command, runtime, "off"))
                .directory(dir.getParent().toFile()), 120), String.join(" ", args));
        }
        assertEquals(new Run(0, commit), run(inCLocale(launcher(List.of(rca, "-C", repo.toString(), "log",
            "--format=oneline"), runtime, "off")).directory(dir.getParent().toFile()), 120), "an absolute -C");
        try {
            run(inCLocale(launcher(List.of(rca, "log"), runtime, "on")).directory(dir.getParent().toFile()), 120);
            Run served = null;
            // 125: no daemon listening yet; 124: connected, but it answered nothing
            for (int i = 0; i < 200 && (served == null || served.exitCode() == 125 || served.exitCode() == 124);
                 i++) {
                Thread.sleep(50);
                served = run(inCLocale(launcher(List.of(client, jar, javaBinary(), "run", "log"), runtime, "on"))
                    .directory(dir.getParent().toFile()), 60);
            }
            assertEquals(new Run(3, refusal), served, "the daemon, asked directly by rca-client");
            assertEquals(new Run(0, commit), run(inCLocale(launcher(List.of(client, jar, javaBinary(), "run", "-C",
                repo.toString(), "log", "--format=oneline"), runtime, "on")).directory(dir.getParent().toFile()), 60),
                "the daemon, an absolute -C");
        } finally {
            run(inCLocale(launcher(List.of(client, jar, javaBinary(), "stop"), runtime, "on")), 60);
        }
    }

    /**
     * Under {@code LC_ALL=C}, a {@code .gitattributes} in a directory whose name the JVM cannot hold as a file name
     * is read as git reads it: {@code history --stat} counts what git log --numstat counts (it ended in an internal
     * error, exit 4).
     */
    @Test
    void underTheCLocaleAttributesInANonAsciiDirectoryAreHonouredAsGitHonoursThem() throws Exception {
        Path repo = repositoryWithOneFile("plain.txt");
        Path dir = Files.createDirectories(repo.resolve("dé/sub"));
        Files.writeString(dir.getParent().resolve(".gitattributes"), "*.dat -diff\n*.raw diff=raw\n");
        run(List.of("git", "-C", repo.toString(), "config", "diff.raw.binary", "true"), 60);
        for (String[] contents : new String[][] {{"a\nb\n", "a\n"}, {"a\nc\nd\n", "a\nb\nc\n"}}) {
            Files.writeString(dir.getParent().resolve("x.dat"), contents[0]);
            Files.writeString(dir.resolve("y.raw"), contents[1]);
            Files.writeString(repo.resolve("z.dat"), contents[1]);
            run(List.of("git", "-C", repo.toString(), "add", "."), 60);
            run(List.of("git", "-C", repo.toString(), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit",
                "-q", "-m", "edit " + contents[0].length()), 60);
        }
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        // git's per-commit sums, as history --stat --format=oneline prints them
        String git = run(inCLocale(new ProcessBuilder("sh", "-c", "git log --numstat --format='@%h %s' | awk"
            + " '/^@/ { if (h) print h \" +\" a \" -\" r; h = substr($0, 2); a = 0; r = 0; next }"
            + " NF == 3 && $1 != \"-\" { a += $1; r += $2 } END { print h \" +\" a \" -\" r }'")
            .directory(repo.toFile()).redirectErrorStream(true)), 60).output();
        assertEquals(3, git.lines().count(), git);
        assertTrue(git.contains(" edit 6 +2 -0\n"), "git counts z.dat alone: " + git);
        assertEquals(new Run(0, git), run(inCLocale(launcher(List.of(PROJECT.resolve("scripts/rca").toString(), "-C",
            repo.toString(), "history", "--stat", "--format=oneline", "."), runtime, "off")), 120));
    }

    private static ProcessBuilder inCLocale(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        pb.environment().put("LC_ALL", "C");
        return pb;
    }

    @Test
    void bisectRunServedByTheDaemonAnswersAsAJvmOfItsOwnAndItsClientStartsTheTest() throws Exception {
        Path repo = tmp.resolve("repo");
        run(List.of("git", "init", "-q", "-b", "main", repo.toString()), 60);
        for (int i = 0; i < 12; i++) {
            Files.writeString(repo.resolve("value.txt"), i >= 7 ? "broken\n" : "fine\n");
            run(List.of("git", "-C", repo.toString(), "add", "value.txt"), 60);
            run(List.of("git", "-C", repo.toString(), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit",
                "-q", "--allow-empty", "-m", "c" + i), 60);
        }
        String good = run(List.of("git", "-C", repo.toString(), "rev-list", "--max-parents=0", "HEAD"), 60).output().trim();
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        String rca = PROJECT.resolve("scripts/rca").toString();
        // the test's parent: java in a JVM of its own, rca-client when the daemon serves the run
        String test = "echo \"$RCA_COMMIT $(cat /proc/$PPID/comm) $CALLER_MARK\" >> ../../tested; grep -q fine value.txt";
        List<String> session = List.of("start --bad=HEAD --good=" + good, "run -- " + test, "status", "reset");
        List<String> answers = new java.util.ArrayList<>();
        for (String daemon : List.of("off", "on")) {
            if (daemon.equals("on")) {
                startDaemon(repo, runtime);
            }
            StringBuilder out = new StringBuilder();
            for (String step : session) {
                List<String> command = new java.util.ArrayList<>(List.of(rca, "-C", repo.toString(), "bisect-helper"));
                int split = step.indexOf(" -- ");
                command.addAll(List.of((split < 0 ? step : step.substring(0, split)).split(" ")));
                if (split >= 0) {
                    command.addAll(List.of("--", step.substring(split + 4)));
                }
                ProcessBuilder pb = launcher(command, runtime, daemon);
                pb.environment().put("CALLER_MARK", "caller-" + daemon);
                Run r = run(pb, 120);
                out.append(r.exitCode()).append('\n').append(r.output());
            }
            answers.add(out.toString());
        }
        try {
            assertEquals(answers.get(0), answers.get(1), "the same session, without and with the daemon");
            assertTrue(answers.get(0).contains("first bad commit: "), answers.get(0));
            List<String> tested = Files.readAllLines(repo.resolve(".git/tested"));
            int half = tested.size() / 2;
            assertTrue(half >= 3, tested.toString());
            for (int i = 0; i < half; i++) {
                assertEquals(tested.get(i).split(" ")[0], tested.get(half + i).split(" ")[0], "the same commits tested");
                assertTrue(tested.get(i).endsWith(" java caller-off"), tested.get(i));
                assertTrue(tested.get(half + i).endsWith(" rca-client caller-on"), tested.get(half + i));
            }
        } finally {
            run(launcher(List.of(PROJECT.resolve("target/rca-client").toString(), PROJECT.resolve("target/rca.jar").toString(),
                javaBinary(), "stop"), runtime, "on"), 60);
        }
    }

    @Test
    void killingTheLauncherDuringABisectRunStopsItsClientAndTheTest() throws Exception {
        Path repo = tmp.resolve("repo");
        run(List.of("git", "init", "-q", "-b", "main", repo.toString()), 60);
        for (int i = 0; i < 4; i++) {
            run(List.of("git", "-C", repo.toString(), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit",
                "-q", "--allow-empty", "-m", "c" + i), 60);
        }
        String good = run(List.of("git", "-C", repo.toString(), "rev-list", "--max-parents=0", "HEAD"), 60).output().trim();
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        String rca = PROJECT.resolve("scripts/rca").toString();
        try {
            startDaemon(repo, runtime);
            assertEquals(0, run(launcher(List.of(rca, "-C", repo.toString(), "bisect-helper", "start", "--bad=HEAD",
                "--good=" + good), runtime, "on"), 60).exitCode());
            // the pid file appears only once written; the test hangs in a child of its own
            String test = "echo $$ > ../../test.tmp && mv ../../test.tmp ../../test.pid && sleep 300";
            ProcessBuilder pb = launcher(List.of(rca, "-C", repo.toString(), "bisect-helper", "run", "--", test),
                runtime, "on");
            pb.environment().put("RCA_DAEMON_INDEX", "off"); // as run() has it, or another daemon would be keyed
            pb.environment().put("RCA_DAEMON_WARMUP", "off");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process launcher = pb.start();
            Path pid = repo.resolve(".git/test.pid");
            for (int i = 0; i < 6000 && !Files.exists(pid); i++) {
                Thread.sleep(10);
            }
            ProcessHandle testProcess = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
            List<ProcessHandle> tree = new java.util.ArrayList<>(testProcess.descendants().toList());
            for (int i = 0; i < 3000 && tree.isEmpty(); i++) {
                Thread.sleep(10);
                tree.addAll(testProcess.descendants().toList());
            }
            List<ProcessHandle> client = launcher.toHandle().children().toList();
            assertEquals(1, client.size(), "the launcher's one child, rca-client: " + client);
            tree.add(testProcess);
            tree.addAll(client);

            launcher.destroy(); // SIGTERM to its pid alone, as a CI runner's or a script's timeout sends it
            assertEquals(128 + 15, launcher.waitFor(), "signalled: no JVM takes the run over");
            for (ProcessHandle p : tree) {
                // the test's sleep is re-parented and reaped by init, which may take a moment
                for (int i = 0; i < 3000 && p.isAlive(); i++) {
                    Thread.sleep(10);
                }
                assertFalse(p.isAlive(), p.pid() + " " + p.info().commandLine().orElse("") + " still runs");
            }
        } finally {
            run(launcher(List.of(PROJECT.resolve("target/rca-client").toString(), PROJECT.resolve("target/rca.jar").toString(),
                javaBinary(), "stop"), runtime, "on"), 60);
        }
    }

    @Test
    void theGlobalConfigurationIsReadFromHomeAsGitReadsIt() throws Exception {
        // a CI job's or a container's HOME is often not the account's directory, which is the JVM's user.home
        Path repo = tmp.resolve("repo");
        Path home = Files.createDirectories(tmp.resolve("home"));
        run(List.of("git", "init", "-q", "-b", "main", repo.toString()), 60);
        for (String who : List.of("Old Name <old@example.com>", "Other <other@example.com>")) {
            run(List.of("git", "-C", repo.toString(), "-c", "user.name=x", "-c", "user.email=x@example.com", "commit",
                "-q", "--allow-empty", "--author=" + who, "-m", who), 60);
        }
        Files.writeString(home.resolve(".gitconfig"), "[mailmap]\n\tfile = ~/people.map\n");
        Files.writeString(home.resolve("people.map"), "Mapped Name <old@example.com>\n");
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        ProcessBuilder git = new ProcessBuilder("git", "-C", repo.toString(), "log", "--author=Mapped Name",
            "--format=%H").redirectErrorStream(true);
        git.environment().put("HOME", home.toString());
        String expected = run(git, 60).output();
        assertEquals(1, expected.lines().count(), "git reads the mailmap its HOME's configuration names");
        List<String> rca = List.of(PROJECT.resolve("scripts/rca").toString(), "-C", repo.toString(), "log",
            "--author=Mapped Name", "--format=sha");
        try {
            // daemon on: the first command starts it in a JVM of its own, the next ones are the daemon's
            for (String daemon : List.of("off", "on", "on", "on")) {
                ProcessBuilder pb = launcher(rca, runtime, daemon);
                pb.environment().put("HOME", home.toString());
                Run r = run(pb, 120);
                assertEquals(0, r.exitCode(), r.output());
                assertEquals(expected, r.output(), "daemon " + daemon);
            }
        } finally {
            ProcessBuilder stop = launcher(List.of(PROJECT.resolve("target/rca-client").toString(),
                PROJECT.resolve("target/rca.jar").toString(), javaBinary(), "stop"), runtime, "on");
            stop.environment().put("HOME", home.toString());
            run(stop, 60);
        }
    }

    /** The first command starts the daemon (and runs in a JVM of its own); returns once the daemon answers. */
    private void startDaemon(Path repo, Path runtime) throws Exception {
        run(launcher(List.of(PROJECT.resolve("scripts/rca").toString(), "-C", repo.toString(), "bisect-helper", "status"),
            runtime, "on"), 60);
        Run served = null;
        for (int i = 0; i < 200 && (served == null || served.exitCode() == 125 || served.exitCode() == 124); i++) {
            Thread.sleep(50);
            served = run(launcher(List.of(PROJECT.resolve("target/rca-client").toString(),
                PROJECT.resolve("target/rca.jar").toString(), javaBinary(), "run", "-C", repo.toString(),
                "bisect-helper", "status"), runtime, "on"), 60);
        }
    }

    private static String javaBinary() {
        String javaHome = System.getenv("JAVA_HOME");
        return javaHome != null && Files.isExecutable(Path.of(javaHome, "bin", "java"))
            ? Path.of(javaHome, "bin", "java").toString() : "java";
    }

    private ProcessBuilder launcher(List<String> command, Path runtime, String daemon) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().put("RCA_DAEMON", daemon);
        pb.environment().put("RCA_DAEMON_IDLE", "30");
        return pb;
    }

    private String projectStatus() throws Exception {
        return run(List.of("git", "-C", PROJECT.toString(), "status", "--porcelain", "--untracked-files=all"), 60).output();
    }

    private Run run(List<String> command, int timeoutSeconds) throws Exception {
        return run(new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true), timeoutSeconds);
    }

    private static Run run(ProcessBuilder pb, int timeoutSeconds) throws IOException, InterruptedException {
        // A daemon started by a script under test leaves soon after the tests instead of after ten minutes.
        pb.environment().putIfAbsent("RCA_DAEMON_IDLE", "20");
        // and writes nothing in the background that a test's temporary directory would be deleted under
        pb.environment().putIfAbsent("RCA_DAEMON_INDEX", "off");
        // nor warms up on two cores that the scripts under test need
        pb.environment().putIfAbsent("RCA_DAEMON_WARMUP", "off");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + pb.command());
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {
    }
}
