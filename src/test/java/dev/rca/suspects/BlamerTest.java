package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rca.git.GitWorkspace;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlamerTest {
    @TempDir
    Path tmp;

    @Test
    void contextIsBlamedOnlyAsFarBackAsAsked() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            RevCommit old = repo.commit("old").add("a.c", "one();\ntwo();\nthree();\n").create();
            RevCommit middle = repo.commit("middle").add("a.c", "one();\ntwo(2);\nthree();\n").create();
            RevCommit recent = repo.commit("recent").add("a.c", "one();\ntwo(2);\nthree(3);\n").create();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory()); Blamer blamer = new Blamer(ws.repository());
                 RevWalk walk = new RevWalk(ws.repository())) {
                RevCommit head = walk.parseCommit(recent);
                assertArrayEquals(new Blamer.Origin[] {new Blamer.Origin(recent, "a.c", 2)},
                    blamer.blame(head, "a.c", 2, 3));
                // The walk has reached `recent` only: lines older than `middle` stay unattributed.
                assertArrayEquals(new Blamer.Origin[] {null, new Blamer.Origin(middle, "a.c", 1)},
                    blamer.blame(head, "a.c", 0, 2, middle.getCommitTime()));
                assertArrayEquals(new Blamer.Origin[] {new Blamer.Origin(old, "a.c", 0),
                    new Blamer.Origin(middle, "a.c", 1), new Blamer.Origin(recent, "a.c", 2), null},
                    blamer.blame(head, "a.c", 0, 4));
            }
        }
    }
}
