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
 * Where {@code rca history --follow} takes a copy or rename to come from, against {@code git log --follow}: in trees
 * of more than {@code diff.renameLimit} (1000) files, where git compares one followed file with every candidate
 * as long as sources × destinations stays within the limit squared; and where several files of the parent are
 * alike, as git's own scoring decides (JGit's would weigh in the paths' similarity).
 */
class FollowSourcesDifferentialTest {
    private static final int FILLER = 1100;

    @TempDir
    Path tmp;

    /** 200 lines, the first {@code shared} of them the copy's, the rest {@code filler}'s. */
    private static String lines(int shared, String filler) {
        return lines(200, shared, filler);
    }

    private static String lines(int total, int shared, String filler) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < total; i++) {
            b.append(i < shared ? "line" : filler).append(String.format(" %03d", i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void theMostSimilarContentWinsOverASimilarPath() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit add = repo.commit("add sources").add("lib/easyx.h", lines(400, 320, "xtra"))
                .add("tests/server/getpart.h", lines(400, 321, "othr")).create();
            repo.commit("edit the similar path").add("lib/easyx.h", lines(400, 320, "xtr2")).create();
            RevCommit edit = repo.commit("edit the similar content")
                .add("tests/server/getpart.h", lines(400, 321, "oth2"))
                .create();
            RevCommit copy = repo.commit("copy").add("lib/easy.h", lines(400, 400, "")).create();
            assertSameAsGit(repo.checkout(), "lib/easy.h", List.of(copy.name(), edit.name(), add.name()));
        }
    }

    @Test
    void aCarriageReturnBeforeALineFeedIsNoContent() {
        // the copy lost a.txt's CRs: 90% of a.txt's size is in it, against 85% of b.txt's
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit add = repo.commit("add sources").add("a.txt", lines(200, "").replace("\n", "\r\n"))
                .add("b.txt", lines(200, 170, "other")).create();
            RevCommit edit = repo.commit("edit a").add("a.txt", lines(200, "").replace("\n", "\r\n") + "x\r\n")
                .create();
            repo.commit("edit b").add("b.txt", lines(200, 170, "othe2")).create();
            RevCommit copy = repo.commit("copy").add("c.txt", lines(200, "")).create();
            assertSameAsGit(repo.checkout(), "c.txt", List.of(copy.name(), edit.name(), add.name()));
        }
    }

    @Test
    void aRenameComesBeforeAMoreSimilarCopy() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit add = repo.commit("add sources").add("kept.txt", lines(190, "kept"))
                .add("gone.txt", lines(130, "gone")).create();
            repo.commit("edit kept").add("kept.txt", lines(190, "kep2")).create();
            RevCommit edit = repo.commit("edit gone").add("gone.txt", lines(130, "gon2")).create();
            RevCommit move = repo.commit("move").delete("gone.txt").add("new.txt", lines(200, "")).create();
            assertSameAsGit(repo.checkout(), "new.txt", List.of(move.name(), edit.name(), add.name()));
        }
    }

    @Test
    void amongEquallySimilarSourcesGitsFourCandidatesDecide() {
        // git keeps four candidates, each new one in the place of the first of the worst kept: a5 takes a1's
        // place, ahead of a2 with the same score.
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit add = repo.commit("add sources").add("a1", lines(120, "one")).add("a2", lines(180, "two"))
                .add("a3", lines(120, "thr")).add("a4", lines(120, "fou")).add("a5", lines(180, "fiv")).create();
            repo.commit("edit a2").add("a2", lines(180, "tw2")).create();
            RevCommit edit = repo.commit("edit a5").add("a5", lines(180, "fi2")).create();
            RevCommit copy = repo.commit("copy").add("b", lines(200, "")).create();
            assertSameAsGit(repo.checkout(), "b", List.of(copy.name(), edit.name(), add.name()));
        }
    }

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
