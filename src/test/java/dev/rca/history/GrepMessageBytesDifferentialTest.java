package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.LogAgainstGit;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rca log --grep} against {@code git log --grep} on messages as git stores them: Latin-1 bytes in a message
 * that declares no encoding (git matches its bytes, so a pattern typed in UTF-8 does not find them), the same
 * bytes under {@code encoding ISO-8859-1} (re-encoded first), and messages with and without a final newline or a
 * blank line, against patterns that match an empty line (git greps from the blank line after the headers, so they
 * match every commit).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrepMessageBytesDifferentialTest {
    @TempDir
    static Path tmp;

    private Path dir;

    @BeforeAll
    void history() {
        dir = tmp.resolve("repo");
        String parent;
        try (TestRepo repo = TestRepo.init(dir)) {
            parent = repo.commit("base\n").add("f", "1\n").create().name();
        }
        String tree = NativeGit.run(dir, "rev-parse", parent + "^{tree}").trim();
        byte[][] messages = {
            latin1("Merci Bj\u00f6rn\n\nfix the caf\u00e9 parser\n"),
            utf8("Merci Bj\u00f6rn, in UTF-8\n\nno caf\u00e9 here\n"),
            latin1("no newline and no blank line, Bj\u00f6rn"),
            utf8("subject only\n"),
            utf8("subject\n\nbody without a final newline"),
            utf8("trailing blank line\n\n"),
        };
        long when = TestRepo.EPOCH_SECONDS;
        for (byte[] message : messages) {
            parent = commit(tree, parent, when += 60, null, message);
        }
        parent = commit(tree, parent, when += 60, "ISO-8859-1", latin1("declared Bj\u00f6rn\n"));
        NativeGit.run(dir, "update-ref", "refs/heads/main", parent);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A commit object written byte for byte: git writes no encoding header for UTF-8, nor when told nothing. */
    private String commit(String tree, String parent, long when, String encoding, byte[] message) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String who = "Alice Author <alice@example.com> " + when + " +0000\n";
        raw.writeBytes(utf8("tree " + tree + "\nparent " + parent + "\nauthor " + who + "committer " + who
            + (encoding == null ? "" : "encoding " + encoding + "\n") + "\n"));
        raw.writeBytes(message);
        return NativeGit.runWithInput(dir, raw.toByteArray(), "hash-object", "-t", "commit", "-w", "--stdin").trim();
    }

    List<List<String>> queries() {
        return List.of(
            List.of("--grep=Bj\u00f6rn"), List.of("-F", "--grep=\u00e9"), List.of("--grep=caf\u00e9"),
            List.of("--grep=Bj\u00f6rn", "-i"), List.of("--grep=Bj"), List.of("--grep=rn$"), List.of("--grep=^fix"),
            List.of("--grep=Bj\u00f6rn", "--invert-grep"),
            List.of("--grep=^$"), List.of("--grep=^$", "--invert-grep"), List.of("--grep=^[^a-z]*$"),
            List.of("--grep=x*"), List.of("--grep=^$", "--grep=Bj", "--all-match"),
            List.of("--grep=^$", "--grep=newline", "--all-match", "--invert-grep"));
    }

    @ParameterizedTest(name = "rca log {0}")
    @MethodSource("queries")
    void grepMatchesWhatGitMatches(List<String> query) {
        LogAgainstGit.assertSame(dir, query);
    }

    /** The premise: git tells the undeclared Latin-1 message from the UTF-8 and declared ones. */
    @ParameterizedTest(name = "git log {0}")
    @MethodSource("premises")
    void theHistoryHoldsWhatTheQueriesTellApart(String pattern, int commits) {
        assertEquals(commits, NativeGit.lines(dir, "log", "--format=%H", "--grep=" + pattern).size(), pattern);
    }

    List<Object[]> premises() {
        return List.of(new Object[] {"Bj\u00f6rn", 2}, new Object[] {"Bj", 4}, new Object[] {"^$", 8});
    }
}
