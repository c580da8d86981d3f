package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rca history --follow} against {@code git log --follow} in trees of more than {@code diff.renameLimit}
 * (1000) files: git compares one followed file with every candidate source as long as sources × destinations
 * stays within the limit squared, so an edited copy or rename is found however many files lie around it.
 */
class FollowLargeTreeDifferentialTest {
    private static final int FILLER = 1100;

    @TempDir
    Path tmp;

    private static String numbers(int edited, String replacement) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            b.append(i == edited ? replacement : Integer.toString(i)).append('\n');
        }
        return b.toString();
    }

    private static TestRepo.CommitSpec withFiller(TestRepo.CommitSpec spec, String directory) {
        for (int i = 1; i <= FILLER; i++) {
            spec.add(directory + "f" + i + ".txt", "file " + i + "\n");
        }
        return spec;
    }

    @Test
    void anEditedCopyAmongMoreThanAThousandFilesIsFollowedToItsSource() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("copy"))) {
            RevCommit a = withFiller(repo.commit("A"), "").add("a.txt", numbers(0, "")).create();
            RevCommit b = repo.commit("B edit a").add("a.txt", numbers(5, "five")).create();
            RevCommit c = repo.commit("C copy a to c").add("c.txt", numbers(7, "seven")).create();
            assertSameAsGit(repo.checkout(), "c.txt", List.of(c.name(), b.name(), a.name()));
        }
    }

    @Test
    void anEditedRenameInACommitDeletingMoreThanAThousandFilesIsFollowed() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("rename"))) {
            RevCommit a = withFiller(repo.commit("A"), "old/").add("a.txt", numbers(0, "")).create();
            RevCommit b = repo.commit("B").add("a.txt", numbers(5, "five")).create();
            RevCommit c = repo.commit("C drop old, rename a->b edited").delete("old").delete("a.txt")
                .add("b.txt", numbers(5, "five").replace("\n7\n", "\nseven\n")).create();
            assertSameAsGit(repo.checkout(), "b.txt", List.of(c.name(), b.name(), a.name()));
        }
    }

    private static void assertSameAsGit(TestRepo repo, String file, List<String> expected) {
        Path dir = repo.directory();
        List<String> git = NativeGit.lines(dir, "log", "--follow", "--format=%H", "--", file);
        assertEquals(expected, git, "git log --follow");
        CliResult r = Cli.run(dir, "history", file, "--follow", "--format=sha");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(git, r.outLines());
        assertEquals("", r.err());
    }
}
