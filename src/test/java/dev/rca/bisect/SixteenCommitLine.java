package dev.rca.bisect;

import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;

/** The bisect tests' history: 16 commits in a line, the file {@code bug} added by commit 11 and kept after it. */
final class SixteenCommitLine {
    static final int CULPRIT = 11;

    private SixteenCommitLine() {
    }

    /** Creates the repository in {@code dir}, checks out its tip, and returns the commits oldest first. */
    static List<RevCommit> create(Path dir) {
        List<RevCommit> commits = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(dir)) {
            for (int i = 0; i < 16; i++) {
                var spec = repo.commit("change " + i).add("src/f" + (i % 3), "v" + i + "\n");
                if (i == CULPRIT) {
                    spec.add("bug", "here\n");
                }
                commits.add(spec.create());
            }
            repo.checkout();
        }
        return commits;
    }
}
