package dev.rca.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commit subjects, author names and paths come from whoever made the commits: in the table and line formats of
 * {@code log}, {@code history}, {@code suspects} and {@code bisect-helper} no control character of theirs reaches
 * the terminal (a carriage return and an erase-line could forge a row), as {@code timeline} and the post-mortem
 * already clean ledger text; JSON escapes them.
 */
class TerminalEscapesTest {
    private static final String FORGED = "introduce bug\r1     0.990  0123456789ab  2026-01-01  trusted refactor\u001b[K";
    private static final String SHOWN = "introduce bug\uFFFD1     0.990  0123456789ab  2026-01-01  trusted refactor\uFFFD[K";

    @TempDir
    Path work;

    RevCommit bug;

    @BeforeEach
    void repository() {
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("base").add("f.c", "a\nb\n").create();
            bug = repo.commit(FORGED).by("Mallory\u001b]0;pwned\u0007 \u202egnp.exe", "m@example.com")
                .add("f.c", "a\nBUG\n").add("odd\u001b[2Jname.c", "x\n").create();
            repo.commit("fix").add("f.c", "a\nfixed\n").create();
            repo.checkout();
        }
    }

    @Test
    void commitDataIsCleanedInTablesAndLinesAndEscapedInJson() {
        String sha12 = bug.name().substring(0, 12);
        List<List<String>> commands = List.of(List.of("log"), List.of("log", "--format=oneline"),
            List.of("history", "f.c"), List.of("history", "--authors", "f.c"), List.of("history", "--stat", "f.c"), List.of("suspects", "HEAD"),
            List.of("bisect-helper", "start", "--bad=HEAD", "--good=HEAD~2"), List.of("bisect-helper", "status"),
            List.of("bisect-helper", "range"));
        for (List<String> args : commands) {
            CliResult result = Cli.run(work, args.toArray(String[]::new));
            assertEquals(0, result.exitCode(), args + ": " + result);
            assertClean(args, result.out());
        }
        String sha7 = bug.name().substring(0, 7);
        assertTrue(Cli.run(work, "log", "--format=oneline").out().contains("\n" + sha7 + " " + SHOWN + "\n"));
        assertTrue(Cli.run(work, "log").out().contains("\n" + sha7 + "  2026-01-01  Mallory\uFFFD]0;pwned\uFFFD \uFFFD…  "
            + SHOWN + "\n"), Cli.run(work, "log").out());
        assertTrue(Cli.run(work, "suspects", "HEAD").out().contains("  " + sha12 + "  2026-01-01  " + SHOWN + "\n"),
            Cli.run(work, "suspects", "HEAD").out());
        assertTrue(Cli.run(work, "bisect-helper", "range").out().contains("\n" + bug.name() + " " + SHOWN + "\n"),
            Cli.run(work, "bisect-helper", "range").out());
        assertEquals(0, Cli.run(work, "bisect-helper", "reset").exitCode());
        assertEquals("candidates: 2\nsteps: roughly 1\nnext: " + bug.name() + " " + SHOWN + "\n",
            Cli.run(work, "bisect-helper", "start", "--bad=HEAD", "--good=HEAD~2").out());

        String json = Cli.run(work, "log", "--format=json", "-n1", bug.name()).out();
        assertTrue(json.contains("\"subject\":\"introduce bug\\r1     0.990  0123456789ab  2026-01-01  trusted"
            + " refactor\\u001b[K\""), json);
    }

    @Test
    void evidenceRecordsACommitSoThatCheckStillPasses() {
        assertEquals(0, Cli.run(work, "open", "T-1", "--title=x").exitCode());
        CliResult evidence = Cli.run(work, "evidence", "-t", "T-1", bug.name());
        assertEquals(0, evidence.exitCode(), evidence.toString());
        CliResult check = Cli.run(work, "check", "-t", "T-1");
        assertFalse(check.out().contains("control character") || check.err().contains("control character"),
            check.toString());
    }

    /**
     * An escape sequence other than a colour in a path or name shows as text after U+FFFD: dropped whole, the path
     * {@code odd<ESC>[2Jname.c} read as {@code oddname.c}, another plausible name. A log's own erase-line and
     * cursor sequences still go, as its colours do: there they are progress output, and say nothing.
     */
    @Test
    void anEscapeInAPathShowsWhereALogsProgressSequenceGoes() throws Exception {
        assertEquals(0, Cli.run(work, "bisect-helper", "start", "--bad=HEAD", "--good=HEAD~2").exitCode());
        CliResult culprit = Cli.run(work, "bisect-helper", "bad");
        assertEquals(0, culprit.exitCode(), culprit.toString());
        assertTrue(culprit.out().endsWith("\nFiles:\n    M f.c\n    A odd\uFFFD[2Jname.c\n"), culprit.out());
        assertTrue(Cli.run(work, "log", "-n1", "--format=oneline", bug.name()).out().endsWith(
            " trusted refactor\uFFFD[K\n"));
        java.nio.file.Files.writeString(work.resolve("build.log"),
            "2026-11-20 09:00:00,001 [main] INFO  a.B - \u001b[2K\u001b[1Gdownloading \u001b[32mdone\u001b[0m\n");
        CliResult log = Cli.run(work, "logs", "table", "build.log", "--format=csv");
        assertEquals(0, log.exitCode(), log.toString());
        assertTrue(log.out().contains(",downloading done"), log.out());
    }

    /** JSON escapes the C1 controls as it does ESC: U+009B is an 8-bit CSI, and jq -r would hand it on raw. */
    @Test
    void jsonEscapesC1ControlsToo() {
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("clear\u009b2Jscreen").add("g", "1\n").create();
        }
        String json = Cli.run(work, "log", "--format=json", "-n1").out();
        assertTrue(json.contains("\"subject\":\"clear\\u009b2Jscreen\""), json);
        assertFalse(json.contains("\u009b"), json);
    }

    @Test
    void aNulEndsTheMessageAsInGit() {
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("subj\u0000ect\n\nbody").add("g", "1\n").create();
        }
        String git = NativeGit.run(work, "log", "-1", "--format=%s");
        assertEquals("subj\n", git);
        assertTrue(Cli.run(work, "log", "-n1", "--format=oneline").out().endsWith(" subj\n"),
            Cli.run(work, "log", "-n1", "--format=oneline").out());
    }

    private static void assertClean(List<String> args, String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            assertFalse(control, args + " printed U+" + String.format("%04X", (int) c) + " raw:\n" + out);
        }
    }
}
