package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A criss-cross merge whose parents both lie behind a good commit, against git on the same history. */
class BisectBesideGoodTest {
    @TempDir
    Path tmp;

    private Path dir;

    private CliResult rca(String... args) {
        return Cli.run(dir, args);
    }

    /**
     * Root R; X and Y on it; M1 = merge(X, Y); M2 = merge(Y, X) also changing src; then F outside src, BUG adding
     * src/bug, and E merging M1 in. Between E and a good M1, with the path src, M2 is a candidate: it differs from
     * both its parents, which M1 reaches.
     */
    private List<RevCommit> crissCross() {
        dir = tmp.resolve("repo");
        List<RevCommit> c = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(dir)) {
            c.add(repo.commit("R").add("src/a", "0\n").add("f", "0\n").create());
            c.add(repo.commit("X").add("src/a", "x\n").create());
            c.add(repo.commit("Y").parent(c.get(0)).add("src/b", "y\n").create());
            c.add(repo.commit("M1").parent(c.get(1)).merge(c.get(2)).add("src/b", "y\n").create());
            c.add(repo.commit("M2").parent(c.get(2)).merge(c.get(1)).add("src/a", "x\n").add("src/c", "m2\n")
                .create());
            c.add(repo.commit("F").add("f", "1\n").create());
            c.add(repo.commit("BUG").add("src/bug", "1\n").add("bug", "1\n").create());
            c.add(repo.commit("E").merge(c.get(3)).create());
            repo.checkout();
        }
        return c;
    }

    @Test
    void aCrissCrossMergeBehindAGoodCommitIsACandidateWhenItChangesThePathsAsInGit() {
        List<RevCommit> c = crissCross();
        String bad = c.get(7).name();
        String good = c.get(3).name();
        assertEquals(0, rca("bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", "src").exitCode());
        assertEquals(c.get(6).name() + "\n" + c.get(4).name() + "\n",
            rca("bisect-helper", "range", "--format=sha").out());
        assertEquals(NativeGit.lines(dir, "rev-list", "--bisect-all", bad, "^" + good, "--", "src").stream()
            .map(l -> l.substring(0, 40)).sorted().toList(),
            rca("bisect-helper", "range", "--format=sha").outLines().stream().sorted().toList());
    }
}
