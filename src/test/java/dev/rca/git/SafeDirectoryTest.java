package dev.rca.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.DaemonClient;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * git's ownership check ({@code safe.directory}): a repository that belongs to another user is refused before
 * anything in it runs. Giving a repository to another user takes root; where the tests do not run as root (a
 * developer's machine, some CI runners) the tests that need it are skipped, and the rules themselves are checked
 * below without a foreign repository.
 */
class SafeDirectoryTest {
    @TempDir
    Path tmp;

    /** {@code ~user/} names that user's home, as git's getpwnam reads it; an unknown user leaves the value as is. */
    @Test
    void aTildeUserValueNamesThatUsersHome(@TempDir Path etc) throws IOException {
        Path passwd = Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
            + "dana:x:1000:1000:Dana,,,:/home/dana:/bin/sh\nbroken line\n");
        assertEquals("/home/dana/src/shop", SafeDirectory.expandHome("~dana/src/shop", passwd));
        assertEquals("/home/dana", SafeDirectory.expandHome("~dana", passwd));
        assertEquals("/root/*", SafeDirectory.expandHome("~root/*", passwd));
        assertEquals("~nobody/src", SafeDirectory.expandHome("~nobody/src", passwd));
        assertEquals("/srv/repo", SafeDirectory.expandHome("/srv/repo", passwd));
        assertEquals("~dana/x", SafeDirectory.expandHome("~dana/x", etc.resolve("missing")));
    }

    @Test
    void aRepositoryOfAnotherUserIsRefusedAsGitRefusesItAndNothingInItRuns() throws Exception {
        Path work = tmp.resolve("foreign");
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("base").add(".gitattributes", "* filter=f\n").add("f.c", "1\n").create();
            repo.commit("two").add("f.c", "2\n").create();
            repo.commit("three").add("f.c", "3\n").create();
            repo.checkout();
        }
        Path mark = tmp.resolve("ran");
        Files.writeString(work.resolve(".git/config"), "[filter \"f\"]\n\tsmudge = touch '" + mark + "'; cat\n"
            + "[safe]\n\tdirectory = *\n", java.nio.file.StandardOpenOption.APPEND);
        Path hook = work.resolve(".git/hooks/pre-commit");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\ntouch '" + mark + "'\n");
        hook.toFile().setExecutable(true);
        giveToNobody(work);
        Path real = work.toRealPath();
        assumeNotAllowedHere(real);

        NativeGit.Result git = NativeGit.exec(work, null, "log", "--oneline");
        assertEquals(128, git.exitCode(), git.toString());
        assertTrue(git.err().contains("detected dubious ownership in repository at '" + real + "'"), git.err());
        assertTrue(git.err().contains("git config --global --add safe.directory " + real), git.err());

        String refusal = "rca: error: detected dubious ownership in repository at '" + real + "' (it belongs to"
            + " another user, whose git hooks and filters rca would run); to trust it, call: git config --global --add"
            + " safe.directory " + real + "\n";
        Files.createDirectories(work.resolve("sub"));
        for (Path dir : List.of(work, work.resolve("sub"))) {
            for (List<String> args : List.of(List.of("log"), List.of("status"),
                List.of("bisect-helper", "start", "--bad=HEAD", "--good=HEAD~2"), List.of("open", "T-1"))) {
                assertEquals(new CliResult(3, "", refusal), Cli.run(dir, args.toArray(String[]::new)), args.toString());
            }
        }
        assertFalse(Files.exists(mark), "a hook or filter of the other user ran");
        assertFalse(Files.exists(work.resolve(".git/rca")), "rca wrote into the other user's repository");

        try (DaemonClient client = DaemonClient.start(tmp)) {
            assertEquals(new CliResult(3, "", refusal), client.run(work, Map.of(), "log").cli());
            assertEquals(new CliResult(3, "", refusal),
                client.run(work, Map.of(), "bisect-helper", "start", "--bad=HEAD", "--good=HEAD~2").cli());
        }
        assertFalse(Files.exists(mark), "a hook or filter of the other user ran through the daemon");
    }

    @Test
    void aLinkedWorktreeWhoseGitFileBelongsToAnotherUserIsRefused() throws IOException {
        Path main = tmp.resolve("main");
        committedOnce(main);
        Path linked = tmp.resolve("linked");
        NativeGit.run(main, "worktree", "add", "-q", linked.toString());
        giveToNobody(linked.resolve(".git"));
        Path real = linked.toRealPath();
        assumeNotAllowedHere(real);
        assertEquals(128, NativeGit.exec(linked, null, "log").exitCode());

        CliResult result = Cli.run(linked, "log", "--oneline");
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("rca: error: detected dubious ownership in repository at '" + real + "'"),
            result.err());
        assertEquals(0, Cli.run(main, "log", "--oneline").exitCode(), "the main work tree is still the caller's");
    }

    @Test
    void safeDirectoryValuesAreReadInOrderWithWildcardsAndResolvedPaths() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("a/repo")).toRealPath();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), repo);
        Path elsewhere = Files.createDirectories(tmp.resolve("b"));
        assertFalse(SafeDirectory.allows(List.of(), repo, elsewhere));
        assertTrue(SafeDirectory.allows(List.of("*"), repo, elsewhere));
        assertTrue(SafeDirectory.allows(List.of(repo.toString()), repo, elsewhere));
        assertTrue(SafeDirectory.allows(List.of(repo + "/"), repo, elsewhere), "a trailing slash");
        assertTrue(SafeDirectory.allows(List.of(link.toString()), repo, elsewhere), "through a symbolic link");
        assertTrue(SafeDirectory.allows(List.of(tmp.resolve("a") + "/*"), repo, elsewhere), "everything under a/");
        assertFalse(SafeDirectory.allows(List.of(repo + "/*"), repo, elsewhere), "under it, not itself");
        assertFalse(SafeDirectory.allows(List.of("*", ""), repo, elsewhere), "an empty value forgets the ones before");
        assertTrue(SafeDirectory.allows(List.of("", repo.toString()), repo, elsewhere));
        assertFalse(SafeDirectory.allows(List.of("a/repo"), repo, tmp), "a relative path names nothing");
        assertTrue(SafeDirectory.allows(List.of("."), repo, repo), "'.' is the directory rca started in");
        assertFalse(SafeDirectory.allows(List.of("."), repo, elsewhere));
        assertFalse(SafeDirectory.allows(List.of(tmp.resolve("a/rep").toString()), repo, elsewhere), "no prefix match");
    }

    /** git checks the physical directory: a link someone else made to your repository is not theirs. */
    @Test
    void aSymbolicLinkOfAnotherUserToYourRepositoryIsAcceptedAsGitAcceptsIt() throws IOException {
        Path work = tmp.resolve("mine");
        committedOnce(work);
        Path link = Files.createSymbolicLink(tmp.resolve("their-link"), work);
        giveToNobody(link);
        assertEquals(0, NativeGit.exec(link, null, "log", "--oneline").exitCode());
        CliResult result = Cli.run(link, "log", "--format=sha");
        assertEquals(List.of(0, ""), List.of(result.exitCode(), result.err()), result.toString());
    }

    /** Inside the git directory git knows no work tree, and checks the git directory's owner alone. */
    @Test
    void insideYourGitDirectoryATopOfAnotherUserIsNotChecked() throws IOException {
        Path work = tmp.resolve("top");
        committedOnce(work);
        giveToNobody(work, false);
        assumeNotAllowedHere(work.toRealPath());
        assertEquals(128, NativeGit.exec(work, null, "log", "--oneline").exitCode(), "the premise: git refuses the top");
        assertEquals(0, NativeGit.exec(work.resolve(".git"), null, "log", "--oneline").exitCode());
        CliResult result = Cli.run(work.resolve(".git"), "log", "--format=sha");
        assertEquals(List.of(0, ""), List.of(result.exitCode(), result.err()), result.toString());
    }

    /** git's way to reset the list in a file: {@code directory =} (JGit reads it as null; that was a crash). */
    @Test
    void anEmptyValueInAConfigurationFileResetsTheList() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("r")).toRealPath();
        Path config = tmp.resolve("global.cfg");
        Files.writeString(config, "[safe]\n\tdirectory = *\n\tdirectory =\n\tdirectory\n\tdirectory = " + repo + "\n");
        List<String> values = SafeDirectory.fileValues(config.toFile());
        assertEquals(List.of("*", "", "", repo.toString()), values);
        assertTrue(SafeDirectory.allows(values, repo, tmp));
        assertFalse(SafeDirectory.allows(values.subList(0, 3), repo, tmp), "the reset forgets '*'");
    }

    @Test
    void commandLineConfigurationIsReadAsGitPassesItToTheProcessesItStarts() {
        Map<String, String> env = Map.of(
            "GIT_CONFIG_PARAMETERS", "'core.bare'='false' 'safe.directory'='/it'\\''s' 'Safe.Directory=/old' 'safe.directory'",
            "GIT_CONFIG_COUNT", "2", "GIT_CONFIG_KEY_0", "user.name", "GIT_CONFIG_VALUE_0", "x",
            "GIT_CONFIG_KEY_1", "safe.directory", "GIT_CONFIG_VALUE_1", "*");
        assertEquals(java.util.Arrays.asList("/it's", "/old", null, "*"), SafeDirectory.commandLineValues(env::get));
    }

    /** A repository at {@code dir} with one commit of one file, checked out. */
    private static void committedOnce(Path dir) {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("base").add("a", "1\n").create();
            repo.checkout();
        }
    }

    private static void giveToNobody(Path root) throws IOException {
        giveToNobody(root, true);
    }

    private static void giveToNobody(Path root, boolean everythingBelow) throws IOException {
        UserPrincipal nobody;
        try {
            nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (IOException | UnsupportedOperationException noSuchUser) {
            Assumptions.abort("no user 'nobody' to give the repository to: " + noSuchUser);
            return;
        }
        try (Stream<Path> all = everythingBelow ? Files.walk(root) : Stream.of(root)) {
            for (Path p : all.toList()) {
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
            }
        } catch (java.nio.file.FileSystemException notRoot) {
            Assumptions.abort("giving a file to another user takes root, and the tests do not run as root: " + notRoot);
        }
    }

    /** A machine whose own configuration trusts every directory ({@code safe.directory=*}) cannot show a refusal. */
    private static void assumeNotAllowedHere(Path repository) {
        Assumptions.assumeFalse(SafeDirectory.allows(SafeDirectory.configuredValues(), repository, repository),
            "this machine's git configuration already trusts " + repository);
    }
}
