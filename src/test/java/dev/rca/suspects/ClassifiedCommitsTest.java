package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifiedCommitsTest {
    @TempDir
    Path tmp;

    @Test
    void onlyARepositoryWithItsWholeHistoryAndEveryObjectSharesTheProcesssMemory() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            repo.commit("one").add("a.c", "int a;\n").create();
            assertSame(ClassifiedCommits.SHARED, ClassifiedCommits.of(repo.repository()));
            StoredConfig config = repo.repository().getConfig();
            config.setString("remote", "origin", "promisor", "true");
            assertNotSame(ClassifiedCommits.SHARED, ClassifiedCommits.of(repo.repository()), "a promisor remote");
            config.unsetSection("remote", "origin");
            config.setString("extensions", null, "partialClone", "origin");
            assertNotSame(ClassifiedCommits.SHARED, ClassifiedCommits.of(repo.repository()), "a partial clone");
            config.unsetSection("extensions", null);
            assertSame(ClassifiedCommits.SHARED, ClassifiedCommits.of(repo.repository()));
            // a shallow clone's boundary commits have no parents there: other answers than in a whole clone
            Path shallow = repo.repository().getDirectory().toPath().resolve("shallow");
            Files.writeString(shallow, repo.repository().resolve("HEAD").name() + "\n");
            assertNotSame(ClassifiedCommits.SHARED, ClassifiedCommits.of(repo.repository()), "a shallow clone");
        }
    }

    @Test
    void aPlaceIsAPathAndALineOrNeither() {
        new ClassifiedCommits.Place("a.c", 0);
        new ClassifiedCommits.Place(null, -1);
        assertThrows(IllegalArgumentException.class, () -> new ClassifiedCommits.Place(null, 3));
        assertThrows(IllegalArgumentException.class, () -> new ClassifiedCommits.Place("a.c", -1));
    }
}
