package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.LogAgainstGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code --grep}, {@code --author} or {@code --committer} pattern holding a newline (a two-line subject pasted
 * whole) against {@code git log}: git makes each of its lines a pattern of its own, ORed, ANDed by
 * {@code --all-match}, all of them inverted by {@code --invert-grep}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrepPatternLinesDifferentialTest {
    @TempDir
    static Path tmp;

    private Path dir;

    @BeforeAll
    void history() {
        dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("first line\n").by("Alice Author", "alice@example.com").add("f", "1\n").create();
            repo.commit("tab here\n").by("Bob Builder", "bob@example.com").add("f", "2\n").create();
            repo.commit("tab first\n\nbody\n").by("Alice Author", "alice@example.com").add("f", "3\n").create();
            repo.committer("Dave Deployer", "dave@example.com");
            repo.commit("other\n").by("Bob Builder", "bob@example.com").add("f", "4\n").create();
        }
    }

    List<List<String>> queries() {
        return List.of(
            List.of("--grep=tab\nfirst"), List.of("--grep=tab\nfirst", "--all-match"),
            List.of("--grep=tab\nfirst", "--invert-grep"), List.of("--grep=tab\nfirst", "--invert-grep", "--all-match"),
            List.of("-F", "--grep=tab\nfirst"), List.of("-F", "--grep=tab\nfirst", "--all-match"),
            List.of("-i", "--grep=TAB\nFIRST"), List.of("--grep=^t.b h\nline$"), List.of("--grep=tab\nzz"),
            List.of("--grep=tab\nzz", "--grep=first", "--all-match"), List.of("--grep=tab\n"),
            List.of("--grep=tab\n", "--invert-grep"), List.of("-F", "--grep=\n", "--invert-grep"),
            List.of("--grep=bo\ndy", "--all-match"),
            List.of("--author=zz\nalice@"), List.of("--author=zz\nalice@", "--grep=tab", "--all-match"),
            List.of("--author=zz\nalice@", "--grep=tab", "--invert-grep"), List.of("--author=alice\nbob"),
            List.of("--committer=zz\ndave@"), List.of("--committer=zz\ndave@", "--author=Bob\nyy"));
    }

    @ParameterizedTest(name = "rca log {0}")
    @MethodSource("queries")
    void eachLineOfAPatternIsAPatternAsInGit(List<String> query) {
        LogAgainstGit.assertSame(dir, query);
    }

    /** The premise, git's reading: either line, both under --all-match, neither when inverted. */
    @Test
    void gitMakesEachLineAPatternOfItsOwn() {
        assertEquals(3, LogAgainstGit.assertSame(dir, List.of("--grep=tab\nfirst")).size());
        assertEquals(1, LogAgainstGit.assertSame(dir, List.of("--grep=tab\nfirst", "--all-match")).size());
        assertEquals(1, LogAgainstGit.assertSame(dir, List.of("--grep=tab\nfirst", "--invert-grep")).size());
        assertEquals(2, LogAgainstGit.assertSame(dir, List.of("--author=zz\nalice@")).size());
    }
}
