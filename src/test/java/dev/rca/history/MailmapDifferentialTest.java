package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.LogAgainstGit;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which mailmap {@code --author} and {@code --committer} see, against {@code git log} on the same repository. */
class MailmapDifferentialTest {
    @TempDir
    Path tmp;

    private Path repository() {
        Path dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir).tick(60)) {
            repo.commit("one\n").by("Old Name", "old@example.com").add("a.txt", "1\n").create();
            repo.commit("two\n").add("a.txt", "2\n").create();
            repo.checkout();
        }
        NativeGit.run(dir, "reset", "-q", "--hard");
        return dir;
    }

    /** A relative {@code mailmap.file} is read from the top of the work tree, also when rca runs in a subdirectory. */
    @Test
    void aRelativeMailmapFileIsReadFromTheTopOfTheWorkTree() throws Exception {
        Path dir = repository();
        Files.writeString(tmp.resolve("people.mailmap"), "New Name <new@example.com> <old@example.com>\n");
        NativeGit.run(dir, "config", "mailmap.file", "../people.mailmap");
        Files.createDirectories(dir.resolve("sub"));
        for (Path where : List.of(dir, dir.resolve("sub"))) {
            sameAsGit(where, "--author=New Name", 1);
            sameAsGit(where, "--author=Old Name", 0);
        }
    }

    /** With {@code log.mailmap=false} git log matches the identities as recorded. */
    @Test
    void logMailmapFalseMatchesTheRecordedIdentities() throws Exception {
        Path dir = repository();
        Files.writeString(dir.resolve(".mailmap"), "New Name <new@example.com> <old@example.com>\n");
        sameAsGit(dir, "--author=New Name", 1);
        NativeGit.run(dir, "config", "log.mailmap", "false");
        sameAsGit(dir, "--author=Old Name", 1);
        sameAsGit(dir, "--author=New Name", 0);
        sameAsGit(dir, "--author=new@example", 0);
    }

    /**
     * git 2.38 to 2.50, the installed 2.39 among them, map the committer before {@code --committer} matches only when
     * a mailmap entry applied to the author (git 2.51 maps it always): the first commit's committer is matched as
     * written, the third's as mapped.
     */
    @Test
    void committerPatternsSeeTheCommitterMappedOnlyAfterTheAuthorAsInGit239() throws Exception {
        Path dir = tmp.resolve("committers");
        try (TestRepo repo = TestRepo.init(dir).tick(60)) {
            repo.committer("Old Name", "old@example.com");
            repo.commit("one\n").by("Alice Author", "alice@example.com").add("a.txt", "1\n").create();
            repo.committer("Carol Committer", "carol@example.com");
            repo.commit("two\n").by("Old Name", "old@example.com").add("a.txt", "2\n").create();
            repo.committer("Old Name", "old@example.com");
            repo.commit("three\n").by("Old Name", "old@example.com").add("a.txt", "3\n").create();
            repo.checkout();
        }
        NativeGit.run(dir, "reset", "-q", "--hard");
        Files.writeString(dir.resolve(".mailmap"), "New Name <new@example.com> <old@example.com>\n");
        sameAsGit(dir, "--committer=old@", 1);
        sameAsGit(dir, "--committer=Old Name", 1);
        sameAsGit(dir, "--committer=new@", 1);
        sameAsGit(dir, "--committer=New Name", 1);
        sameAsGit(dir, "--committer=carol@", 1);
        sameAsGit(dir, "--author=old@", 0);
        sameAsGit(dir, "--author=new@", 2);
    }

    /** rca log lists what git log lists with {@code filter} in {@code where}: {@code count} commits. */
    private static void sameAsGit(Path where, String filter, int count) {
        assertEquals(count, LogAgainstGit.assertSame(where, List.of(filter)).size(), "git log " + filter);
    }
}
