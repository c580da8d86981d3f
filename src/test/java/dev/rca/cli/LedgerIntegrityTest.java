package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.testing.CartHistory;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the ledger keeps true across edits: comments a person wrote inside a list, commits named by SHA, no control
 * characters, each piece of evidence once.
 */
class LedgerIntegrityTest {
    private static final String F = "docs/postmortems/T-1.yaml:";
    @TempDir
    Path tmp;
    Path work;
    CartHistory cart;

    @BeforeEach
    void repository() {
        work = tmp.resolve("repo");
        cart = CartHistory.create(work);
        NativeGit.run(work, "tag", "v1", cart.offending().name());
    }

    private CliResult rca(String... args) {
        return Cli.run(work, args);
    }

    private Path ledger() {
        return work.resolve("docs/postmortems/T-1.yaml");
    }

    /** Opens T-1 and replaces its ledger with {@code rca: 1}, {@code ticket: T-1} and {@code sections}. */
    private void handWritten(String sections) throws Exception {
        assertEquals(0, rca("open", "T-1").exitCode());
        Files.writeString(ledger(), "rca: 1\nticket: T-1\n" + sections);
    }

    @Test
    void confirmAppendsToTheEvidenceListAndKeepsTheCommentsInIt() throws Exception {
        handWritten("""
            hypotheses:
              - id: H1
                text: cap() lost its min()
                evidence:
                  - E1   # the bisect Dana ran at 09:14
                  # E7 withdrawn: wrong host
              - id: H2
                text: the flag
                evidence: [E1,   # Dana's bisect, 09:14
                ]   # keep
            evidence:
              - {id: E1, kind: log, note: a}
              - {id: E2, kind: log, note: b}
            """);
        assertEquals(new CliResult(0, "H1 confirmed\n", ""), rca("confirm", "H1", "--evidence=E2"));
        assertEquals(new CliResult(0, "H2 confirmed\n", ""), rca("confirm", "H2", "--evidence=E2,E1"));
        assertEquals("""
            rca: 1
            ticket: T-1
            hypotheses:
              - id: H1
                text: cap() lost its min()
                status: confirmed
                evidence:
                  - E1   # the bisect Dana ran at 09:14
                  - E2
                  # E7 withdrawn: wrong host
              - id: H2
                text: the flag
                status: confirmed
                evidence: [E1, E2,   # Dana's bisect, 09:14
                ]   # keep
            evidence:
              - {id: E1, kind: log, note: a}
              - {id: E2, kind: log, note: b}
            """, Files.readString(ledger()));
    }

    @Test
    void checkReportsACommitNamedByARevisionWithTheShaItNamesNow() throws Exception {
        handWritten("""
            evidence:
              - {id: E1, kind: commit, commit: v1}
              - {id: E2, kind: commit, commit: %s}
            root_cause: {text: t, offending: [HEAD~1]}
            fix: {commits: [main]}
            """.formatted(cart.fix().name().substring(0, 7)));
        CliResult r = rca("check", "-t", "T-1");
        String later = "is a revision, not a commit SHA, and may name another commit later: write the SHA it names now, ";
        assertEquals(new CliResult(ExitCode.NEGATIVE,
            F + "4:36: 'v1' " + later + cart.offending().name() + "\n"
                + F + "6:35: 'HEAD~1' " + later + cart.offending().name() + "\n"
                + F + "7:17: 'main' " + later + cart.fix().name() + "\n", ""), r);
        assertEquals(ExitCode.NEGATIVE, rca("postmortem", "-t", "T-1").exitCode());
    }

    @Test
    void checkReportsATopLevelKeyCloseToAKnownOneAndLeavesOneFarFromAllAlone() throws Exception {
        handWritten("""
            how_fond: "bisect found it"
            why_symtom: x
            team_notes: a field of our own, kept
            slipd:
              category: ci-gap
            """);
        // the key's own place, not its value's (a block value starts on the next line)
        assertEquals(new CliResult(ExitCode.NEGATIVE,
            F + "3:1: 'how_fond' is not a ledger key: did you mean how_found? (rca reads nothing from it)\n"
                + F + "4:1: 'why_symtom' is not a ledger key: did you mean why_symptom? (rca reads nothing from it)\n"
                + F + "6:1: 'slipd' is not a ledger key: did you mean slipped? (rca reads nothing from it)\n",
            ""), rca("check", "-t", "T-1"));
        assertTrue(Files.readString(ledger()).contains("team_notes: a field of our own, kept\n"));
    }

    /** A key beside the known one it resembles, which the file has too, is a field of the user's own. */
    @Test
    void aKeyCloseToAKnownOneTheLedgerAlsoHasIsLeftAlone() throws Exception {
        handWritten("""
            how_found: "bisect found it"
            how_fond: "our own note"
            """);
        assertEquals(new CliResult(0, "", ""), rca("check", "-t", "T-1"));
    }

    static List<List<String>> textInputs() {
        return List.of(List.of("symptom", "log line \u001b]0;owned\u0007 end"),
            List.of("symptom", "s", "--source=CI\u001b[2J"),
            List.of("hypothesis", "bell\u0007"),
            List.of("reject", "H1", "--because=no\u001b[31m"),
            List.of("experiment", "poke", "--tests=H1", "--result=r\u0000"),
            List.of("evidence", "HEAD", "--note=n\u009b2J"),
            List.of("symptom", "carriage\rreturn"));
    }

    @ParameterizedTest
    @MethodSource("textInputs")
    void controlCharactersInTextAreRefusedAndNothingIsWritten(List<String> args) throws Exception {
        handWritten("hypotheses: [{id: H1, text: a}]\n");
        String before = Files.readString(ledger());
        CliResult r = rca(args.toArray(String[]::new));
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().matches("rca: error: (the symptom|--source|the hypothesis|--because|--result|--note) "
            + "contains the control character U\\+00(1B|07|00|9B|0D); a ledger holds text only\n"
            + "hint: remove it \\(a terminal colour or title sequence pasted with a log line\\?\\)\n"), r.err());
        assertEquals(before, Files.readString(ledger()));
    }

    @Test
    void openRefusesAControlCharacterInTheTitle() {
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: --title contains the control character U+001B; a "
            + "ledger holds text only\nhint: remove it (a terminal colour or title sequence pasted with a log line?)\n"),
            rca("open", "T-1", "--title=a\u001b[2Jb"));
        assertTrue(Files.notExists(ledger()));
    }

    @Test
    void checkReportsControlCharactersWrittenEscaped() throws Exception {
        handWritten("""
            symptoms:
              - {id: S1, text: "log line \\u001b]0;owned\\u0007 end"}
            hypotheses:
              - id: H1
                text: "tab\\tand\\nnewline are text"
                because: "\\x07"
            """);
        assertEquals(new CliResult(ExitCode.NEGATIVE,
            F + "4:20: symptoms.0.text holds the control character U+001B, which a terminal or a Markdown viewer acts "
                + "on: remove it\n"
                + F + "8:14: hypotheses.0.because holds the control character U+0007, which a terminal or a Markdown "
                + "viewer acts on: remove it\n", ""), rca("check"));
    }

    @Test
    void theSameQueryWithTheSameAnswerIsRecordedOnce() throws Exception {
        assertEquals(0, rca("open", "T-1").exitCode());
        assertEquals(new CliResult(0, cart.fix().name() + "\n", "recorded as E1 in docs/postmortems/T-1.yaml\n"),
            rca("log", "-n", "1", "--format=sha", "-t", "T-1"));
        assertEquals(new CliResult(0, cart.fix().name() + "\n", "rca: note: this query, with the same result, is already E1"
            + " in docs/postmortems/T-1.yaml; nothing added\n"), rca("log", "-n", "1", "--format=sha", "-t", "T-1"));
        assertEquals(0, rca("history", "-t", "T-1", "Cart.java").exitCode());
        CliResult again = rca("history", "-t", "T-1", "Cart.java");
        assertEquals("rca: note: this query, with the same result, is already E2 in docs/postmortems/T-1.yaml; "
            + "nothing added\n", again.err());
        CliResult ranked = rca("suspects", "HEAD", "-t", "T-1");
        assertEquals(0, ranked.exitCode(), ranked.toString());
        assertEquals("recorded as E3 in docs/postmortems/T-1.yaml\n", ranked.err());
        assertEquals(new CliResult(0, ranked.out(), "rca: note: this ranking, with the same result, is already E3 in "
            + "docs/postmortems/T-1.yaml; nothing added\n"), rca("suspects", "HEAD", "-t", "T-1"));
        // another answer to the same question is another finding
        NativeGit.run(work, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "--allow-empty",
            "-m", "later");
        assertEquals("recorded as E4 in docs/postmortems/T-1.yaml\n",
            rca("log", "-n", "1", "--format=sha", "-t", "T-1").err());
        String text = Files.readString(ledger());
        assertEquals(3, text.split("kind: query", -1).length - 1, text);
        assertEquals(1, text.split("kind: suspects", -1).length - 1, text);
    }

    @Test
    void aWriteOverTheSizeLimitNamesTheLimit() throws Exception {
        // three-byte characters: under SnakeYAML's limit in characters, over rca's in bytes
        String big = "€".repeat(830_000);
        StringBuilder symptoms = new StringBuilder("symptoms:\n");
        for (int i = 1; i <= 4; i++) {
            symptoms.append("  - id: S").append(i).append("\n    text: ").append(big).append('\n');
        }
        handWritten(symptoms.toString());
        String before = Files.readString(ledger());
        CliResult r = rca("symptom", "€".repeat(200_000));
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().matches("rca: error: this change would make docs/postmortems/T-1\\.yaml 10\\d{6} bytes, more "
            + "than the 10485760-byte limit of a ledger; nothing was written\n"
            + "hint: keep large logs in files and refer to them by path\n"), r.err());
        assertEquals(before, Files.readString(ledger()));
    }

    @Test
    void confirmKeepsTheCommentOnTheHeaderOfTheReasonItRemoves() throws Exception {
        handWritten("""
            hypotheses:
              - id: H1
                text: lock order
                status: rejected
                because: |   # from the dump
                  the thread dump
                  shows nothing
                explains: []
            """);
        CliResult r = rca("confirm", "H1");
        assertEquals(new CliResult(0, "H1 confirmed\n", "rca: note: H1 was rejected; now confirmed\n"), r);
        assertEquals("""
            rca: 1
            ticket: T-1
            hypotheses:
              - id: H1
                text: lock order
                status: confirmed
                # from the dump
                explains: []
            """, Files.readString(ledger()));
    }

    @Test
    void aSymptomNamedTwiceIsExplainedOnceAndCheckReportsARepeat() throws Exception {
        handWritten("""
            symptoms: [{id: S1, text: s}]
            hypotheses:
              - {id: H1, text: a, explains: [S1, S1]}
            """);
        assertEquals(new CliResult(ExitCode.NEGATIVE, F + "5:38: S1 is listed twice; once says it\n", ""),
            rca("check"));
        assertEquals(new CliResult(0, "H2\n", ""), rca("hypothesis", "b", "--explains=S1,S1"));
        assertTrue(Files.readString(ledger()).endsWith("  - id: H2\n    text: b\n    status: open\n    explains: [S1]\n"),
            Files.readString(ledger()));
    }

    @Test
    void rejectingAgainForAnotherReasonSaysWhichReasonIsReplaced() throws Exception {
        handWritten("hypotheses: [{id: H1, text: a}]\n");
        assertEquals(new CliResult(0, "H1 rejected\n", ""), rca("reject", "H1", "--because=thread dump"));
        assertEquals(new CliResult(0, "H1 rejected\n", ""), rca("reject", "H1", "--because=thread dump"));
        assertEquals(new CliResult(0, "H1 rejected\n",
            "rca: note: H1 was already rejected because: thread dump; that reason is replaced\n"),
            rca("reject", "H1", "--because=heap dump"));
        assertTrue(Files.readString(ledger()).contains("because: heap dump"), Files.readString(ledger()));
    }

    /** The note shows a reason written by hand with control characters made harmless, as the timeline does. */
    @Test
    void theReplacedReasonIsShownWithoutItsControlCharacters() throws Exception {
        handWritten("hypotheses: [{id: H1, text: a, status: rejected, because: \"old \\e[31mred\\e[0m \\a reason\"}]\n");
        assertEquals(new CliResult(0, "H1 rejected\n",
            "rca: note: H1 was already rejected because: old red \uFFFD reason; that reason is replaced\n"),
            rca("reject", "H1", "--because=heap dump"));
    }

    @Test
    void checkGivesItsFindingsAsJson() throws Exception {
        handWritten("hypotheses: [{id: H1, text: a, likelihood: 2}]\n");
        assertEquals(new CliResult(ExitCode.NEGATIVE, "[{\"file\":\"docs/postmortems/T-1.yaml\",\"line\":3,\"column\":"
            + "44,\"message\":\"H1 has likelihood 2.0, outside [0, 1]\"}]\n", ""), rca("check", "--format=json"));
        assertEquals(new CliResult(ExitCode.NEGATIVE, F + "3:44: H1 has likelihood 2.0, outside [0, 1]\n", ""),
            rca("check", "--format=table"));
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: --format=sha is not available here; use one of "
            + "table, json\n"), rca("check", "--format=sha"));
        Files.writeString(ledger(), "rca: 1\nticket: T-1\n");
        assertEquals(new CliResult(0, "[]\n", ""), rca("check", "--format=json"));
    }
}
