package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revision forms JGit's resolver lacks, against {@code git log} on the same repository: a remote's name, {@code @{u}}
 * and {@code @{push}}, {@code ^{/<text>}}, {@code ^{tag}}, reflog dates, and an abbreviation that only one commit
 * but also a blob has.
 */
class RevisionFormsDifferentialTest {
    @TempDir
    Path tmp;

    /**
     * A clone (origin/HEAD set) of a repository of three commits, the middle one tagged v1 (annotated); in the clone,
     * branch feat (checked out, no upstream) has one commit more than main (which tracks origin/main).
     */
    private Path cloned() {
        Path upstream = tmp.resolve("upstream");
        try (TestRepo repo = TestRepo.init(upstream).tick(60)) {
            repo.commit("first: add a\n").add("a.txt", "1\n").create();
            repo.commit("fix the cache\n").add("a.txt", "2\n").create();
            repo.commit("docs: the cache\n").add("a.txt", "3\n").create();
            repo.checkout();
        }
        NativeGit.run(upstream, "reset", "-q", "--hard");
        NativeGit.run(upstream, "tag", "-a", "-m", "v1", "v1", "HEAD~1");
        Path dir = tmp.resolve("clone");
        NativeGit.run(tmp, "clone", "-q", upstream.toString(), dir.toString());
        NativeGit.run(dir, "checkout", "-q", "-b", "feat");
        NativeGit.run(dir, "commit", "-q", "--allow-empty", "-m", "feat: start");
        return dir;
    }

    @Test
    void remoteNamesUpstreamPushMessageAndTagPeelsResolveAsInGit() {
        Path dir = cloned();
        for (String revision : List.of("origin", "origin..", "origin~1", "main@{u}", "main@{upstream}", "main@{U}",
            "main@{u}~1", "main@{push}", "HEAD^{/fix}", "HEAD^{/}", "HEAD^{/!-feat}", "origin^{/^docs}~1",
            "v1^{tag}", "v1^{tag}^{commit}", "main@{2099-12-31}", "@{2099-12-31}", "HEAD@{2000-01-01}")) {
            sameAsGit(dir, revision);
        }
        NativeGit.run(dir, "branch", "-q", "--set-upstream-to=origin/main");
        for (String revision : List.of("@{u}", "HEAD@{u}", "@{upstream}..", "@{u}...HEAD")) {
            sameAsGit(dir, revision);
        }
        NativeGit.run(dir, "branch", "-q", "--set-upstream-to=main");
        sameAsGit(dir, "feat@{u}"); // a local upstream: remote "."
        NativeGit.run(dir, "branch", "-q", "--set-upstream-to=origin/main");
        NativeGit.run(dir, "config", "push.default", "upstream");
        sameAsGit(dir, "@{push}");
    }

    /** Where git has no answer, rca says git's reason (exit 3 where git's is 128). */
    @Test
    void upstreamAndPushWithoutAnAnswerGiveGitsReason() {
        Path dir = cloned();
        for (String revision : List.of("@{u}", "HEAD@{u}", "feat@{upstream}", "nosuch@{u}", "@{push}", "HEAD^{tag}",
            "origin^{tag}")) {
            sameErrorAsGit(dir, revision);
        }
        NativeGit.run(dir, "branch", "-q", "--set-upstream-to=origin/main");
        sameErrorAsGit(dir, "@{push}"); // simple: feat pushes to origin/feat, not its upstream origin/main
        NativeGit.run(dir, "config", "push.default", "nothing");
        sameErrorAsGit(dir, "main@{push}");
        NativeGit.run(dir, "config", "push.default", "current");
        sameErrorAsGit(dir, "@{push}"); // origin/feat does not exist
        NativeGit.run(dir, "config", "remote.pushDefault", "elsewhere");
        sameErrorAsGit(dir, "main@{push}");
        NativeGit.run(dir, "checkout", "-q", "--detach");
        sameErrorAsGit(dir, "@{u}");
        // a merge without a remote, where no origin is configured, is no upstream (git sets none up)
        Path upstream = tmp.resolve("upstream");
        NativeGit.run(upstream, "config", "branch.main.merge", "refs/heads/main");
        sameErrorAsGit(upstream, "@{u}");
        NativeGit.run(upstream, "config", "branch.main.remote", "nowhere");
        sameErrorAsGit(upstream, "@{u}");
    }

    /** A reflog date between two entries names the newer of the entries at or before it. */
    @Test
    void aReflogDateNamesTheEntryOfThatTimeAsInGit() {
        Path dir = cloned();
        for (String date : List.of("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")) {
            NativeGit.Result made = NativeGit.exec(dir, Map.of("GIT_COMMITTER_DATE", date), null, "commit", "-q",
                "--allow-empty", "-m", "feat: at " + date);
            assertEquals(0, made.exitCode(), made.err());
        }
        for (String revision : List.of("feat@{2026-02-15 00:00:00 +0000}", "@{2026-01-15 00:00:00 +0000}",
            "HEAD@{2026-03-01 00:00:00 +0000}", "feat@{2026-02-15 00:00:00 +0000}~1")) {
            sameAsGit(dir, revision);
        }
    }

    /**
     * git reads a revision as commit-ish: a prefix that one commit and a blob share names the commit, in log, history
     * and bisect-helper; two commits sharing it stay ambiguous.
     */
    @Test
    void anAbbreviationSharedWithABlobNamesTheOneCommit() throws Exception {
        Path dir = tmp.resolve("abbrev");
        ObjectId commit;
        try (TestRepo repo = TestRepo.init(dir).tick(60)) {
            repo.commit("first\n").add("a.txt", "1\n").create();
            commit = repo.commit("second\n").add("a.txt", "2\n").create();
            repo.commit("third\n").add("a.txt", "3\n").create();
            repo.checkout();
            String prefix = commit.name().substring(0, 4);
            try (ObjectInserter inserter = repo.repository().newObjectInserter()) {
                for (int i = 0; ; i++) {
                    byte[] content = ("blob " + i + "\n").getBytes(StandardCharsets.UTF_8);
                    if (inserter.idFor(Constants.OBJ_BLOB, content).name().startsWith(prefix)) {
                        inserter.insert(Constants.OBJ_BLOB, content);
                        inserter.flush();
                        break;
                    }
                }
            }
        }
        NativeGit.run(dir, "reset", "-q", "--hard");
        String prefix = commit.name().substring(0, 4);
        assertEquals(2, NativeGit.lines(dir, "rev-parse", "--disambiguate=" + prefix).size(), "git's premise");
        sameAsGit(dir, prefix);
        sameAsGit(dir, prefix + "~1");
        assertEquals(new CliResult(0, String.join("\n", NativeGit.lines(dir, "log", "--format=%H", prefix, "--",
            "a.txt")) + "\n", ""), Cli.run(dir, "history", "a.txt", prefix, "--format=sha"));
        CliResult started = Cli.run(dir, "bisect-helper", "start", "--bad=" + prefix, "--good=" + prefix + "~1");
        assertEquals(0, started.exitCode(), started.err());
        NativeGit.Result git = NativeGit.exec(dir, null, "bisect", "start", "--no-checkout", prefix, prefix + "~1");
        assertEquals(0, git.exitCode(), git.err());
    }

    /**
     * git takes an abbreviation from four hex digits on (JGit from two): two or three are an unknown revision, in
     * every form that reads a name, unless a ref has that name; a deleted branch so named no longer resolves.
     */
    @Test
    void twoOrThreeHexDigitsNameARefOrNothingAsInGit() throws Exception {
        Path dir = tmp.resolve("short");
        ObjectId first;
        String two;
        String three;
        try (TestRepo repo = TestRepo.init(dir).tick(60)) {
            first = repo.commit("first\n").add("a.txt", "1\n").create();
            repo.commit("second\n").add("a.txt", "2\n").create();
            repo.commit("third\n").add("a.txt", "3\n").create();
            repo.checkout();
            two = first.name().substring(0, 2);
            three = first.name().substring(0, 3);
            try (ObjectReader reader = repo.repository().newObjectReader()) {
                assertEquals(List.of(first), List.copyOf(reader.resolve(AbbreviatedObjectId.fromString(two))),
                    "the premise: the two digits start one object, the first commit, as JGit reads them");
            }
        }
        for (String revision : List.of(two, three, three + "~0", three + "^{commit}", three + ":a.txt")) {
            sameErrorAsGit(dir, revision);
        }
        for (List<String> range : List.of(List.of(three + "..HEAD", three), List.of("^" + two, two))) {
            assertEquals(128, NativeGit.exec(dir, null, "log", range.get(0), "--").exitCode(), "git log " + range);
            assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: unknown revision '" + range.get(1) + "'\n"),
                Cli.run(dir, "log", "--format=sha", range.get(0), "--"), "rca log " + range);
        }
        sameAsGit(dir, first.name().substring(0, 4));
        NativeGit.run(dir, "branch", three, "HEAD~1");
        sameAsGit(dir, three);
        sameAsGit(dir, three + "~1");
        NativeGit.run(dir, "branch", "-D", three);
        sameErrorAsGit(dir, three);
    }

    /** rca log lists what git log lists for {@code revision}, with exit 0. */
    private static void sameAsGit(Path dir, String revision) {
        NativeGit.Result git = NativeGit.exec(dir, null, "log", "--format=%H", revision, "--");
        assertEquals(0, git.exitCode(), "git log " + revision + ": " + git.err());
        assertEquals(new CliResult(0, git.out(), ""), Cli.run(dir, "log", "--format=sha", revision, "--"),
            "rca log " + revision);
    }

    /** git log fails with {@code fatal: <reason>} (or its bad-revision line), rca with {@code rca: error: <reason>}. */
    private static void sameErrorAsGit(Path dir, String revision) {
        NativeGit.Result git = NativeGit.exec(dir, null, "log", "--format=%H", revision, "--");
        List<String> fatal = git.err().lines().filter(l -> l.startsWith("fatal: ")).toList();
        assertEquals(List.of(128, ""), List.of(git.exitCode(), git.out()), "git log " + revision);
        String reason = fatal.get(0).substring("fatal: ".length());
        // git's "bad revision" for a name that leads nowhere is rca's "unknown revision"
        String expected = reason.startsWith("bad revision") ? "unknown revision '" + revision + "'" : reason;
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: " + expected + "\n"),
            Cli.run(dir, "log", "--format=sha", revision, "--"), "rca log " + revision);
    }
}
