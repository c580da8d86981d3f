package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.config.RcaConfig;
import dev.rca.git.GitWorkspace;
import dev.rca.postmortem.ShaResolver.Resolution;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryShaResolverTest {
    @TempDir
    Path tmp;

    /** Differential: a hex run resolves to a commit exactly when {@code git rev-parse <hex>^{commit}} agrees. */
    @Test
    void agreesWithGitRevParse() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit first = repo.commit("first").add("a.txt", "a\n").create();
            RevCommit second = repo.commit("second").add("b.txt", "b\n").create();
            String blob = NativeGit.run(repo.directory(), "rev-parse", second.name() + ":b.txt").strip();
            // annotated tags: git peels one to its commit (and a tag of a tag), a tag of a blob is no commit
            NativeGit.run(repo.directory(), "-c", "user.name=T", "-c", "user.email=t@example.com", "tag", "-a", "v1",
                "-m", "one", first.name());
            NativeGit.run(repo.directory(), "-c", "user.name=T", "-c", "user.email=t@example.com", "tag", "-a", "v1b",
                "-m", "again", "v1");
            NativeGit.run(repo.directory(), "-c", "user.name=T", "-c", "user.email=t@example.com", "tag", "-a", "blob",
                "-m", "a blob", blob);
            String tag = NativeGit.run(repo.directory(), "rev-parse", "v1").strip();
            String tagOfTag = NativeGit.run(repo.directory(), "rev-parse", "v1b").strip();
            String tagOfBlob = NativeGit.run(repo.directory(), "rev-parse", "blob").strip();
            List<String> candidates = List.of(first.name(), second.abbreviate(7).name(), second.abbreviate(12).name(),
                second.getTree().name(), blob.substring(0, 9), "4e1d7c3b", "0badc0de1f2e3d4c5b6a79880706050403020100",
                tag, tag.substring(0, 12), tagOfTag.substring(0, 10), tagOfBlob);
            try (GitWorkspace ws = GitWorkspace.open(repo.directory())) {
                RepositoryShaResolver resolver = new RepositoryShaResolver(ws);
                for (String hex : candidates) {
                    boolean gitSaysCommit = NativeGit.exec(repo.directory(), null, "rev-parse", "--verify", "--quiet",
                        hex + "^{commit}").exitCode() == 0;
                    boolean gitKnowsObject = NativeGit.exec(repo.directory(), null, "cat-file", "-e", hex).exitCode() == 0;
                    Resolution expected = gitSaysCommit ? Resolution.COMMIT
                        : gitKnowsObject ? Resolution.NOT_A_COMMIT : Resolution.UNKNOWN;
                    assertEquals(expected, resolver.resolve(hex), hex);
                }
                assertEquals(Resolution.COMMIT, resolver.resolve(first.name()));
                assertEquals(Resolution.NOT_A_COMMIT, resolver.resolve(blob.substring(0, 9)));
                assertEquals(Resolution.UNKNOWN, resolver.resolve("4e1d7c3b"));
                assertEquals(Resolution.COMMIT, resolver.resolve(tag.substring(0, 12)));
                assertEquals(Resolution.NOT_A_COMMIT, resolver.resolve(tagOfBlob));
            }
        }
    }

    @Test
    void ambiguousPrefixIsReportedAsSuch() {
        PostmortemLinter linter = new PostmortemLinter(RcaConfig.defaults().lint(), hex -> Resolution.AMBIGUOUS);
        List<LintFinding> findings = linter.lint("pm.md", "# A-1: t\n\n## Summary\n\nSee abc1234.\n");
        assertEquals("pm.md:5:5: unknown-sha: abc1234 is ambiguous: more than one commit starts with it;"
            + " give more digits", findings.get(findings.size() - 1).render());
    }
}
