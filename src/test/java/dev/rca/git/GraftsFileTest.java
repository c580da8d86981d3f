package dev.rca.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the graft file is read from, as git reads it (reviewer-85 #2). */
class GraftsFileTest {
    @TempDir
    Path tmp;

    @Test
    void aRelativeGraftFileIsReadFromTheTopOfTheWorkTreeAndEveryPathIsAbsolute() {
        Path dir = tmp.resolve("r");
        try (TestRepo repo = TestRepo.init(dir)) {
            Path top = dir.toAbsolutePath();
            assertEquals(top.resolve(".git/info/grafts"), Grafts.file(repo.repository(), null));
            assertEquals(top.resolve(".git/info/grafts"), Grafts.file(repo.repository(), ""));
            // git has moved to the top of the work tree when it reads $GIT_GRAFT_FILE, wherever it was typed
            assertEquals(top.resolve("mygrafts"), Grafts.file(repo.repository(), "mygrafts"));
            assertEquals(top.resolveSibling("elsewhere"), Grafts.file(repo.repository(), "../elsewhere"));
            assertEquals(Path.of("/etc/grafts"), Grafts.file(repo.repository(), "/etc/grafts"));
        }
        try (TestRepo bare = TestRepo.init(tmp.resolve("b.git"), true)) {
            assertEquals(tmp.resolve("b.git/mygrafts").toAbsolutePath(), Grafts.file(bare.repository(), "mygrafts"));
        }
    }
}
