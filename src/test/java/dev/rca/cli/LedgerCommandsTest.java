package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.ledger.LedgerLock;
import dev.rca.testing.CartHistory;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerCommandsTest {
    @TempDir
    Path tmp;
    Path work;
    RevCommit offending;
    RevCommit fix;

    @BeforeEach
    void repository() {
        work = tmp.resolve("repo");
        CartHistory history = CartHistory.create(work);
        offending = history.offending();
        fix = history.fix();
    }

    private CliResult rca(String... args) {
        return Cli.run(work, args);
    }

    private Path ledger(String ticket) {
        return work.resolve("docs/postmortems/" + ticket + ".yaml");
    }

    /** Opens T-1 and replaces its ledger with a hand-written one holding {@code sections}. */
    private void handWritten(String sections) throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        Files.writeString(ledger("T-1"), "rca: 1\nticket: T-1\n" + sections);
    }

    private void ok(CliResult r, String out) {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(out, r.out(), r.toString());
    }

    @Test
    void aWholeInvestigationPrintsEachNewId() throws Exception {
        ok(rca("open", "PAY-142", "--title=Checkout hangs after cache refactor", "--owner=Payments team"),
            "docs/postmortems/PAY-142.yaml\n");
        ok(rca("symptom", "CheckoutIT times out after 30 s", "--kind=test", "--source=CI run 4411",
            "--at=2026-11-20T09:12:00Z"), "S1\n");
        ok(rca("symptom", "p99 latency up 4x"), "S2\n");
        ok(rca("hypothesis", "Lock ordering between CartCache.evict and OrderLock", "--likelihood=0.4",
            "--explains=S1,S2"), "H1\n");
        ok(rca("hypothesis", "evict re-enters the loader", "--likelihood=0.7", "--explains=S1"), "H2\n");
        ok(rca("hypothesis", "GC pauses"), "H3\n");
        ok(rca("experiment", "thread dump during the hang", "--tests=H1", "--result=no OrderLock holder",
            "--at=2026-11-20T10:00:00Z"), "X1\n");
        ok(rca("reject", "H1", "--because=thread dump shows no thread holding OrderLock"), "H1 rejected\n");
        ok(rca("evidence", offending.name().substring(0, 10), "--note=introduced evict"), "E1\n");
        ok(rca("confirm", "H2", "--evidence=E1,X1"), "H2 confirmed\n");

        String text = Files.readString(ledger("PAY-142"));
        assertTrue(text.contains("""
              - id: E1
                kind: commit
                commit: %s
                subject: refactor CartCache.evict
                author: "Ada <ada@example.com>"
                date: "2026-01-01T00:02:00Z"
                note: introduced evict
            """.formatted(offending.name())), text);
        assertTrue(text.contains("""
              - id: X1
                tests: H1
                action: thread dump during the hang
                result: no OrderLock holder
                at: "2026-11-20T10:00:00Z"
            """), text);
        assertTrue(text.contains("""
              - id: H1
                text: Lock ordering between CartCache.evict and OrderLock
                likelihood: 0.4
                status: rejected
                because: thread dump shows no thread holding OrderLock
                explains: [S1, S2]
            """), text);

        ok(rca("status"), """
            PAY-142: Checkout hangs after cache refactor (bug, open)

            Post-mortem inputs:
              repro       missing: repro.command is empty
              root cause  missing: root_cause.text is empty
              fix         missing: fix.commits is empty
              validation  missing: validation.checks is empty and there is no passing 'rca verify' record

            Open hypotheses (most likely first):
              H3      ?  GC pauses

            Bisect: not started
            Next: make the bug reproducible and write repro.command and repro.rate in the ledger (repro.command is empty)
            """);
        ok(rca("check"), "");

        Files.writeString(ledger("PAY-142"), text
            .replace("  command:                     #", "  command: mvn -q -Dtest=CheckoutIT test  #")
            .replace("  rate:                        #", "  rate: \"9/10\"                #")
            .replace("  text:                        # the mechanism", "  text: CartCache.evict() drops OrderLock # the mechanism")
            .replace("  offending: []", "  offending: [" + offending.name() + "]")
            .replace("  commits: []", "  commits: [" + fix.name() + "]")
            .replace("  checks: []", "  checks: [{what: CheckoutIT passes, evidence: 20/20}]"));
        CliResult json = rca("status", "--format=json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"ready\":true") || json.out().contains("\"ready\": true"), json.out());
        assertTrue(json.out().contains("rca postmortem -t PAY-142"), json.out());
        ok(rca("check"), "");
    }

    @Test
    void checkReportsEveryFindingWithItsPosition() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        Files.writeString(ledger("T-1"), """
            rca: 1
            ticket: T-2
            symptoms: [{id: S1, text: boom}]
            hypotheses:
              - {id: H1, text: a, likelihood: 1.5, explains: [S1, S7]}
              - {id: H2, text: b, status: rejected}
              - {id: H3, text: c, evidence: [E4]}
            experiments: [{id: X1, tests: H9, action: poke}]
            evidence: [{id: E1, kind: commit, commit: 0123456789012345678901234567890123456789}]
            root_cause: {text: t, offending: [%s]}
            fix: {commits: [%s]}
            """.formatted(fix.name(), offending.name()));
        CliResult r = rca("check", "-t", "T-1");
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        String f = "docs/postmortems/T-1.yaml:";
        assertEquals(f + "2:9: ticket T-2 does not match the file name T-1.yaml\n"
            + f + "5:35: H1 has likelihood 1.5, outside [0, 1]\n"
            + f + "5:55: S7 is referenced but not in the ledger\n"
            + f + "6:31: H2 is rejected without a reason: add because: (rca reject H2 --because=\"…\")\n"
            + f + "7:34: E4 is referenced but not in the ledger\n"
            + f + "8:31: H9 is referenced but not in the ledger\n"
            + f + "9:43: commit 0123456789012345678901234567890123456789 does not resolve in the repository\n"
            + f + "10:35: offending commit " + fix.name() + " is not an ancestor of fix commit " + offending.name() + "\n",
            r.out());
    }

    @Test
    void aChangeOfMindIsSaidAndConfirmingDropsTheReasonForRejecting() throws Exception {
        ok(rca("open", "R-1"), "docs/postmortems/R-1.yaml\n");
        ok(rca("symptom", "s1", "-t", "R-1"), "S1\n");
        ok(rca("hypothesis", "h", "--explains=S1", "-t", "R-1"), "H1\n");
        ok(rca("evidence", "HEAD", "-t", "R-1"), "E1\n");
        assertEquals(new CliResult(0, "H1 confirmed\n", ""), rca("confirm", "H1", "--evidence=E1", "-t", "R-1"));
        assertEquals(new CliResult(0, "H1 rejected\n", "rca: note: H1 was confirmed; now rejected\n"),
            rca("reject", "H1", "--because=typo: meant H2", "-t", "R-1"));
        assertTrue(Files.readString(ledger("R-1")).contains("""
              - id: H1
                text: h
                status: rejected
                because: "typo: meant H2"
                explains: [S1]
                evidence: [E1]
            """), Files.readString(ledger("R-1")));
        assertEquals(new CliResult(0, "H1 rejected\n", "rca: note: H1 was already rejected because: typo: meant H2; "
            + "that reason is replaced\n"), rca("reject", "H1", "--because=still no", "-t", "R-1"));

        assertEquals(new CliResult(0, "H1 confirmed\n", "rca: note: H1 was rejected; now confirmed\n"),
            rca("confirm", "H1", "-t", "R-1"));
        String confirmed = Files.readString(ledger("R-1"));
        assertTrue(confirmed.contains("""
              - id: H1
                text: h
                status: confirmed
                explains: [S1]
                evidence: [E1]
            experiments:"""), confirmed);
        assertFalse(confirmed.contains("because:"), confirmed);
        ok(rca("check"), "");
        assertEquals(new CliResult(0, "H1 confirmed\n", ""), rca("confirm", "H1", "-t", "R-1"));
        assertEquals(confirmed, Files.readString(ledger("R-1")));

        CliResult missing = rca("reject", "H2", "--because=x", "-t", "R-1");
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: no hypothesis H2 in the ledger (it has H1)\n"),
            missing);
        assertEquals(confirmed, Files.readString(ledger("R-1")));
    }

    @Test
    void aCommitAlreadyRecordedAsEvidenceIsNotAddedTwice() throws Exception {
        ok(rca("open", "R-3"), "docs/postmortems/R-3.yaml\n");
        ok(rca("evidence", "HEAD", "--note=first", "-t", "R-3"), "E1\n");
        String once = Files.readString(ledger("R-3"));
        String sha = fix.name();
        assertEquals(new CliResult(0, "E1\n", "rca: note: " + sha.substring(0, 12) + " is already E1; nothing added\n"),
            rca("evidence", sha, "-t", "R-3"));
        assertEquals(new CliResult(0, "E1\n", "rca: note: " + sha.substring(0, 12) + " is already E1; nothing added"
            + " (edit its note: in the ledger)\n"), rca("evidence", "HEAD", "--note=second", "-t", "R-3"));
        assertEquals(once, Files.readString(ledger("R-3")));
    }

    @Test
    void confirmingWithAnExperimentThatTestsAnotherHypothesisSaysSo() throws Exception {
        ok(rca("open", "R-2"), "docs/postmortems/R-2.yaml\n");
        ok(rca("symptom", "s1", "-t", "R-2"), "S1\n");
        ok(rca("hypothesis", "h1", "--explains=S1", "-t", "R-2"), "H1\n");
        ok(rca("hypothesis", "h2", "--explains=S1", "-t", "R-2"), "H2\n");
        ok(rca("experiment", "x1", "--tests=H2", "--result=r", "-t", "R-2"), "X1\n");
        ok(rca("experiment", "x2", "--tests=H1", "--result=r", "-t", "R-2"), "X2\n");
        assertEquals(new CliResult(0, "H1 confirmed\n", "rca: note: X1 was recorded as testing H2, not H1; linked as "
            + "evidence all the same\n"), rca("confirm", "H1", "--evidence=X1,X2", "-t", "R-2"));
        assertTrue(Files.readString(ledger("R-2")).contains("    evidence: [X1, X2]\n"), Files.readString(ledger("R-2")));
        // one experiment can test both: no note then, for either
        ok(rca("experiment", "x3", "--tests=H1,H2", "--result=r", "-t", "R-2"), "X3\n");
        assertTrue(Files.readString(ledger("R-2")).contains("    tests: \"H1, H2\"\n"), Files.readString(ledger("R-2")));
        assertEquals(new CliResult(0, "H2 confirmed\n", ""), rca("confirm", "H2", "--evidence=X3", "-t", "R-2"));
        ok(rca("check", "-t", "R-2"), "");
        assertEquals(3, rca("experiment", "x4", "--tests=H1,H7", "--result=r", "-t", "R-2").exitCode());
    }

    @Test
    void anIdOfTheWrongKindIsNamedWithTheRightArticle() {
        ok(rca("open", "R-3"), "docs/postmortems/R-3.yaml\n");
        ok(rca("symptom", "s1", "-t", "R-3"), "S1\n");
        ok(rca("hypothesis", "h1", "--explains=S1", "-t", "R-3"), "H1\n");
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: --evidence: 'S1' is not an evidence id (E<n>) or an"
            + " experiment id (X<n>)\n"), rca("confirm", "H1", "--evidence=S1", "-t", "R-3"));
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: --explains: 'H1' is not a symptom id (S<n>)\n"),
            rca("hypothesis", "h2", "--explains=H1", "-t", "R-3"));
    }

    @Test
    void checkReportsAConfirmedHypothesisThatKeepsAReasonForRejecting() throws Exception {
        handWritten("""
            hypotheses:
              - id: H1
                text: a
                status: confirmed
                because: typo, meant H2   # hand-edited
              - {id: H2, text: b, status: rejected, because: no}
            """);
        CliResult r = rca("check");
        assertEquals(new CliResult(ExitCode.NEGATIVE, "docs/postmortems/T-1.yaml:7:14: H1 is confirmed but keeps the "
            + "reason it was rejected: remove because: (rca confirm H1 does)\n", ""), r);
        ok(rca("confirm", "H1"), "H1 confirmed\n");
        assertEquals("""
            rca: 1
            ticket: T-1
            hypotheses:
              - id: H1
                text: a
                status: confirmed
                # hand-edited
              - {id: H2, text: b, status: rejected, because: no}
            """, Files.readString(ledger("T-1")));
        ok(rca("check"), "");
    }

    /**
     * A second item with an id already used is a finding of rca check at that item (exit 1, beside the others),
     * not a malformed ledger; every other command still refuses the ledger, since the id would name either item.
     */
    @Test
    void checkListsADuplicateIdAsAFindingAtItsSecondUse() throws Exception {
        handWritten("""
            symptoms:
              - {id: S1, text: boom}
              - {id: S2, text: bang}
              - {id: S1, text: boom again}
            hypotheses:
              - {id: H1, text: a, explains: [S1, S3]}
              - {id: H1, text: b}
            """);
        String f = "docs/postmortems/T-1.yaml:";
        assertEquals(new CliResult(ExitCode.NEGATIVE, f + "6:10: duplicate id S1 (the first S1 is on line 4): an id "
            + "names one item\n" + f + "8:38: S3 is referenced but not in the ledger\n" + f + "9:10: duplicate id H1 "
            + "(the first H1 is on line 8): an id names one item\n", ""), rca("check"));
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: malformed ledger: duplicate id S1 (the first S1"
            + " is on line 4): an id names one item at " + f + "6:10\n"), rca("symptom", "more"));
    }

    /**
     * A new item's id is one above the highest of its kind that an item has or is named by: an id removed by hand
     * that a hypothesis or experiment still names is not given again, so that reference never moves to the new item.
     */
    @Test
    void anIdRemovedByHandThatIsStillNamedIsNotReused() throws Exception {
        handWritten("""
            symptoms:
              - {id: S1, text: boom}
            hypotheses:
              - {id: H1, text: a, explains: [S1, S3], evidence: [X2, E5]}
            experiments:
              - {id: X1, tests: "H1, H4", action: poke}
            """);
        ok(rca("symptom", "new"), "S4\n");
        ok(rca("hypothesis", "new"), "H5\n");
        ok(rca("experiment", "poke", "--tests=H1", "--result=r"), "X3\n");
        ok(rca("evidence", "HEAD"), "E6\n");
    }

    /**
     * A write advances status: to what the ledger then establishes (root_cause.text with a confirmed hypothesis:
     * root-caused; and fix commits that resolve: fixed; and validation: validated) and says so; never backwards.
     */
    @Test
    void theStatusAdvancesToWhatTheLedgerEstablishesAndNeverBack() throws Exception {
        handWritten("""
            status: open   # kept
            hypotheses:
              - {id: H1, text: a}
            root_cause:
              text: CartCache.evict releases OrderLock early
            fix:
              commits: []
            validation:
              checks: []
            """);
        ok(rca("symptom", "boom"), "S1\n");
        assertTrue(Files.readString(ledger("T-1")).contains("status: open   # kept\n"), "no cause confirmed yet");
        assertEquals(new CliResult(0, "H1 confirmed\n", "rca: note: T-1's status is now root-caused (was open): "
            + "root_cause.text, H1 confirmed\n"), rca("confirm", "H1"));
        edit("commits: []", "commits: [" + fix.name() + "]");
        assertEquals(new CliResult(0, "S2\n", "rca: note: T-1's status is now fixed (was root-caused): fix.commits "
            + "resolve\n"), rca("symptom", "bang"));
        edit("checks: []", "checks: [{what: CheckoutIT passes, evidence: 20/20 runs}]");
        assertEquals(new CliResult(0, "S3\n", "rca: note: T-1's status is now validated (was fixed): "
            + "validation.checks recorded\n"), rca("symptom", "crash"));
        assertTrue(Files.readString(ledger("T-1")).contains("status: validated   # kept\n"));
        // the fix taken out again by hand: the status stays where it got to
        edit("commits: [" + fix.name() + "]", "commits: []");
        assertEquals(new CliResult(0, "S4\n", ""), rca("symptom", "hang"));
        assertTrue(Files.readString(ledger("T-1")).contains("status: validated   # kept\n"));
    }

    /** An offending commit backs root_cause.text as a confirmed hypothesis does; the fix alone establishes nothing. */
    @Test
    void anOffendingCommitEstablishesTheRootCauseAndAFixAloneNothing() throws Exception {
        handWritten("""
            root_cause:
              text: ""
              offending: [%s]
            fix: {commits: [%s]}
            """.formatted(offending.name(), fix.name()));
        ok(rca("symptom", "boom"), "S1\n");
        assertTrue(Files.readString(ledger("T-1")).indexOf("status:") < 0, "without root_cause.text: open");
        edit("text: \"\"", "text: CartCache.evict releases OrderLock early");
        assertEquals(new CliResult(0, "S2\n", "rca: note: T-1's status is now fixed (was open): fix.commits resolve\n"),
            rca("symptom", "bang"));
        assertTrue(Files.readString(ledger("T-1")).contains("\nstatus: fixed\n"));
    }

    private void edit(String from, String to) throws Exception {
        String text = Files.readString(ledger("T-1"));
        assertTrue(text.contains(from), from);
        Files.writeString(ledger("T-1"), text.replace(from, to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-02-30T10:00:00Z", "2026-13-45T99:00:00Z", "2026-02-30 10:00 +0100", " ",
        "2026-02-30 10:00:00,120", "2026-11-22 09:00:07,1234567890", "Nov 22 09:00:07"})
    void anAtThatIsNoTimeIsAUsageErrorThatWritesNothing(String at) throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        ok(rca("hypothesis", "h"), "H1\n");
        byte[] before = Files.readAllBytes(ledger("T-1"));
        CliResult refused = new CliResult(ExitCode.USAGE, "", "rca: error: --at: '" + at + "' is not a time rca can "
            + "read\nhint: write ISO-8601, e.g. --at=2026-11-20T09:12:00Z or --at=2026-11-20T10:12:00+01:00\n");
        assertEquals(refused, rca("symptom", "late", "--at=" + at));
        assertEquals(refused, rca("experiment", "poke", "--tests=H1", "--result=r", "--at=" + at));
        assertArrayEquals(before, Files.readAllBytes(ledger("T-1")));
    }

    @Test
    void atTakesATimeAsALogLinePrintsIt() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        List<String> printed = List.of("logback", "2026-11-22 09:00:07,120", "python", "2026-11-22 09:00:06.5",
            "java", "2026-11-22T10:00:05.250+0100", "iso", "2026-11-22T09:00:08,5Z",
            "offset", "2026-11-22 09:00:09.120+0100", "zulu", "2026-11-22 09:00:10Z", "spaced", "2026-11-22T11:00:11 +0200");
        for (int i = 0; i < printed.size(); i += 2) {
            ok(rca("symptom", printed.get(i), "--at=" + printed.get(i + 1)), "S" + (i / 2 + 1) + "\n");
        }
        ok(rca("check"), "");
        ok(rca("timeline"), """
            TIME                      KIND     TEXT         SOURCE
            2026-11-22T08:00:09.120Z  symptom  S5: offset   -
            2026-11-22T09:00:05.250Z  symptom  S3: java     -
            2026-11-22T09:00:06.500Z  symptom  S2: python   -
            2026-11-22T09:00:07.120Z  symptom  S1: logback  -
            2026-11-22T09:00:08.500Z  symptom  S4: iso      -
            2026-11-22T09:00:10Z      symptom  S6: zulu     -
            2026-11-22T09:00:11Z      symptom  S7: spaced   -
            """);
    }

    @Test
    void atTakesTheTimesTheLedgerReads() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        ok(rca("symptom", "a", "--at=2026-12-05T10:00:00Z"), "S1\n");
        ok(rca("symptom", "b", "--at=2026-12-05T10:30:00+01:00"), "S2\n");
        ok(rca("symptom", "c", "--at=2026-12-04 23:00:00 -0200"), "S3\n");
        ok(rca("symptom", "d", "--at=2026-12-04"), "S4\n");
        ok(rca("hypothesis", "h"), "H1\n");
        ok(rca("experiment", "poke", "--tests=H1", "--result=r", "--at=2026-02-28T10:00"), "X1\n");
        String text = Files.readString(ledger("T-1"));
        assertTrue(text.contains("""
              - id: S1
                text: a
                at: "2026-12-05T10:00:00Z"
              - id: S2
                text: b
                at: "2026-12-05T10:30:00+01:00"
              - id: S3
                text: c
                at: "2026-12-04 23:00:00 -0200"
              - id: S4
                text: d
                at: "2026-12-04"
            """), text);
        assertTrue(text.contains("    at: \"2026-02-28T10:00\"\n"), text);
        ok(rca("check"), "");
        ok(rca("timeline"), """
            TIME                  KIND        TEXT          SOURCE
            2026-02-28T10:00:00Z  experiment  X1: poke → r  tests H1
            2026-12-04T00:00:00Z  symptom     S4: d         -
            2026-12-05T01:00:00Z  symptom     S3: c         -
            2026-12-05T09:30:00Z  symptom     S2: b         -
            2026-12-05T10:00:00Z  symptom     S1: a         -
            """);
    }

    @Test
    void checkReportsTimesItCannotRead() throws Exception {
        handWritten("""
            symptoms:
              - {id: S1, text: late, at: yesterday}
              - {id: S2, text: slow, at: "2026-12-05T10:00:00Z"}
            timeline:
              - {at: "2026-13-45T99:00:00Z", event: deploy}
              - {event: pager fired}
            hypotheses: [{id: H1, text: h}]
            experiments:
              - id: X1
                tests: H1
                action: poke
                at: "2026-02-30T10:00:00Z"
            """);
        String f = "docs/postmortems/T-1.yaml:";
        assertEquals(new CliResult(ExitCode.NEGATIVE, ""
            + f + "4:30: S1 is at 'yesterday', which is not a time rca can read: write ISO-8601, "
            + "e.g. 2026-11-20T09:12:00Z\n"
            + f + "7:10: timeline entry 1 is at '2026-13-45T99:00:00Z', which is not a time rca can read: write "
            + "ISO-8601, e.g. 2026-11-20T09:12:00Z\n"
            + f + "14:9: X1 is at '2026-02-30T10:00:00Z', which is not a time rca can read: write ISO-8601, "
            + "e.g. 2026-11-20T09:12:00Z\n", ""), rca("check"));
    }

    @Test
    void changingAPublishedLedgerSaysItsPostmortemMustBeRegenerated() throws Exception {
        ok(rca("open", "DPLL-1"), "docs/postmortems/DPLL-1.yaml\n");
        ok(rca("hypothesis", "h"), "H1\n");
        Files.writeString(ledger("DPLL-1"),
            Files.readString(ledger("DPLL-1")).replace("status: open ", "status: published "));
        String note = "rca: note: DPLL-1's post-mortem was already published and no longer matches its ledger; "
            + "regenerate it with 'rca postmortem -t DPLL-1'\n";

        assertEquals(new CliResult(0, "S1\n", note), rca("symptom", "late", "-t", "DPLL-1"));
        String text = Files.readString(ledger("DPLL-1"));
        assertTrue(text.contains("status: published ") && text.contains("""
              - id: S1
                text: late
            """), text);
        assertEquals(new CliResult(0, "H1 rejected\n", note), rca("reject", "H1", "--because=no", "-t", "DPLL-1"));
        assertEquals(new CliResult(0, "E1\n", note), rca("evidence", "HEAD", "-t", "DPLL-1"));
        assertEquals(new CliResult(0, fix.name() + "\n", note + "recorded as E2 in docs/postmortems/DPLL-1.yaml\n"),
            rca("log", "-n", "1", "--format=sha", "-t", "DPLL-1"));

        String published = Files.readString(ledger("DPLL-1"));
        assertEquals(new CliResult(0, "H1 rejected\n", ""), rca("reject", "H1", "--because=no", "-t", "DPLL-1"));
        assertEquals(new CliResult(0, "", ""), rca("check", "-t", "DPLL-1"));
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: the symptom must not be empty\n"),
            rca("symptom", " ", "-t", "DPLL-1"));
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: no hypothesis H9 in the ledger (it has H1)\n"),
            rca("confirm", "H9", "-t", "DPLL-1"));
        assertEquals(published, Files.readString(ledger("DPLL-1")));
    }

    @Test
    void theTicketRule() throws Exception {
        CliResult none = rca("symptom", "x");
        assertEquals(ExitCode.USAGE, none.exitCode(), none.toString());
        assertEquals("rca: error: no ledger in docs/postmortems/\nhint: start one with 'rca open <TICKET>'\n", none.err());
        ok(rca("open", "A-1"), "docs/postmortems/A-1.yaml\n");
        ok(rca("open", "B-2"), "docs/postmortems/B-2.yaml\n");
        CliResult two = rca("symptom", "x");
        assertEquals(ExitCode.USAGE, two.exitCode(), two.toString());
        assertEquals("rca: error: several ledgers are open (A-1, B-2); name one with -t <TICKET>\n", two.err());
        Files.writeString(ledger("A-1"), Files.readString(ledger("A-1")).replace("status: open ", "status: published "));
        ok(rca("symptom", "x"), "S1\n");
        assertTrue(Files.readString(ledger("B-2")).contains("text: x"));
        ok(rca("symptom", "-t", "A-1", "y"), "S1\n");
        CliResult unknown = rca("symptom", "-t", "C-3", "x");
        assertEquals(ExitCode.BAD_INPUT, unknown.exitCode(), unknown.toString());
        assertEquals("rca: error: no ledger for C-3 (docs/postmortems/C-3.yaml does not exist)\n"
            + "hint: ledgers here: A-1, B-2; or start one with 'rca open C-3'\n", unknown.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "..", "a..b", "a/b", "/etc/passwd", "-x", "1abc", "", "a\u0000b", "a b",
        "x.yaml/../../y", "ÄBC"})
    void pathTraversalTicketIdsAreRefusedBeforeAnyPathIsBuilt(String id) throws Exception {
        CliResult open = rca("open", "--", id);
        assertEquals(ExitCode.BAD_INPUT, open.exitCode(), open.toString());
        assertTrue(open.err().startsWith("rca: error: bad ticket id '"), open.err());
        assertEquals(2, open.err().lines().count(), open.err());
        CliResult symptom = rca("symptom", "--ticket=" + id, "x");
        assertEquals(ExitCode.BAD_INPUT, symptom.exitCode(), symptom.toString());
        assertFalse(Files.exists(work.resolve("docs")));
        assertFalse(Files.exists(tmp.resolve("evil.yaml")));
    }

    @Test
    void openTakesTheTicketOnceAsArgumentOrOption() {
        ok(rca("open", "-t", "T-9"), "docs/postmortems/T-9.yaml\n");
        assertEquals(ExitCode.USAGE, rca("open").exitCode());
        assertEquals(ExitCode.USAGE, rca("open", "T-8", "-t", "T-8").exitCode());
    }

    @Test
    void longTicketIdsAreRefused() {
        ok(rca("open", "A" + "b".repeat(63)), "docs/postmortems/A" + "b".repeat(63) + ".yaml\n");
        assertEquals(ExitCode.BAD_INPUT, rca("open", "A" + "b".repeat(64)).exitCode());
    }

    @Test
    void refusedCommandsWriteNothing() throws Exception {
        ok(rca("open", "T-1", "--kind=incident"), "docs/postmortems/T-1.yaml\n");
        byte[] before = Files.readAllBytes(ledger("T-1"));
        assertEquals(ExitCode.USAGE, rca("reject", "H1").exitCode());
        assertEquals(ExitCode.USAGE, rca("reject", "H1", "--because=  ").exitCode());
        assertEquals(ExitCode.BAD_INPUT, rca("reject", "H1", "--because=no").exitCode());
        assertEquals(ExitCode.USAGE, rca("hypothesis", "x", "--likelihood=1.5").exitCode());
        assertEquals(ExitCode.USAGE, rca("hypothesis", "x", "--explains=H1").exitCode());
        assertEquals(ExitCode.BAD_INPUT, rca("hypothesis", "x", "--explains=S1").exitCode());
        assertEquals(ExitCode.BAD_INPUT, rca("experiment", "x", "--tests=H1", "--result=y").exitCode());
        CliResult evidence = rca("evidence", "no-such-rev");
        assertEquals("rca: error: unknown revision 'no-such-rev'\n", evidence.err());
        // git rev-parse accepts a range: it is not unknown, it is more than the one commit evidence names
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: 'HEAD~1..HEAD' is a range, and one commit is"
            + " needed here\nhint: name one commit, such as 'HEAD'\n"), rca("evidence", "HEAD~1..HEAD"));
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: '^HEAD~1' is a range, and one commit is"
            + " needed here\nhint: name one commit, such as 'HEAD~1'\n"), rca("evidence", "^HEAD~1"));
        assertEquals(ExitCode.USAGE, rca("confirm", "H1", "--evidence=S1").exitCode());
        assertEquals(ExitCode.USAGE, rca("symptom", " ").exitCode());
        CliResult again = rca("open", "T-1");
        assertEquals(ExitCode.BAD_INPUT, again.exitCode());
        assertTrue(again.err().startsWith("rca: error: a ledger for T-1 already exists: docs/postmortems/T-1.yaml\n"));
        assertArrayEquals(before, Files.readAllBytes(ledger("T-1")));
    }

    @Test
    void incidentsWarnThatTheyNeedTheirOwnReport() {
        CliResult r = rca("open", "INC-7", "--kind=incident");
        assertEquals(0, r.exitCode());
        assertEquals("rca: warning: an incident needs its own incident report (timeline, blast radius, paging history, "
            + "communications); this ledger covers the root-cause analysis only\n", r.err());
    }

    @Test
    void hostileLedgersAreOneLineExitThree() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        byte[] hostile = "rca: 1\nticket: T-1\nsymptoms: &a [*a]\n".getBytes();
        Files.write(ledger("T-1"), hostile);
        for (String[] args : new String[][] {{"symptom", "x"}, {"status"}, {"check"}, {"reject", "H1", "--because=x"}}) {
            CliResult r = rca(args);
            assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
            assertEquals("rca: error: malformed ledger: anchors and aliases (&a) are not allowed in a ledger at "
                + "docs/postmortems/T-1.yaml:3:11\n", r.err());
        }
        assertArrayEquals(hostile, Files.readAllBytes(ledger("T-1")));
    }

    @Test
    void checkListsEverySchemaErrorWhileOtherCommandsStopAtTheFirst() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        Files.writeString(ledger("T-1"), "rca: 1\nticket: T-1\nstatus: done\nhypotheses: [{id: H1, likelihood: x}]\n");
        CliResult check = rca("check");
        assertEquals(ExitCode.BAD_INPUT, check.exitCode(), check.toString());
        assertEquals("""
            rca: error: malformed ledger: status must be open, root-caused, fixed, validated or published, not 'done' at docs/postmortems/T-1.yaml:3:9
            rca: error: malformed ledger: hypotheses.0 has no 'text:' at docs/postmortems/T-1.yaml:4:19
            rca: error: malformed ledger: hypotheses.0.likelihood must be a number, not 'x' at docs/postmortems/T-1.yaml:4:35
            """, check.err());
        CliResult status = rca("status", "-t", "T-1");
        assertEquals(ExitCode.BAD_INPUT, status.exitCode(), status.toString());
        assertEquals(check.err().lines().findFirst().orElseThrow() + "\n", status.err());
    }

    @Test
    void otherCommandsRecordQueriesThroughTheLibrary() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        try (dev.rca.git.GitWorkspace workspace = dev.rca.git.GitWorkspace.open(work)) {
            String line = dev.rca.ledger.Ledgers.commandLine("rca", "log", "--grep=evict", "-n", "2");
            java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-20T09:40:00.750Z"),
                java.time.ZoneOffset.UTC);
            assertEquals("E1", dev.rca.ledger.Ledgers.recordQuery(workspace, "T-1", line,
                java.util.List.of(fix.name(), offending.name()), clock).id());
            assertEquals("E2", dev.rca.ledger.Ledgers.recordQuery(workspace, null, line, java.util.List.of(), clock)
                .id());
        }
        assertTrue(Files.readString(ledger("T-1")).contains("""
            evidence:                      # rca evidence <rev> --note="…"
              - id: E1
                kind: query
                command: rca log --grep=evict -n 2
                at: "2026-11-20T09:40:00Z"
                commits:
                  - %s
                  - %s
              - id: E2
                kind: query
                command: rca log --grep=evict -n 2
                at: "2026-11-20T09:40:00Z"
                commits: []
            """.formatted(fix.name(), offending.name())), Files.readString(ledger("T-1")));
        ok(rca("check"), "");
    }

    @Test
    void aQueryWhoseRecordCannotBeWrittenPrintsNothing() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        String before = Files.readString(ledger("T-1"));
        Path lock = LedgerLock.lockFileFor(ledger("T-1"));
        Process other = dev.rca.testing.HoldLock.start(lock, null);
        System.setProperty("rca.lockTimeoutMillis", "50");
        try {
            for (String[] args : List.of(new String[] {"log", "-t", "T-1", "--format=sha"},
                new String[] {"history", "-t", "T-1", "Cart.java"},
                new String[] {"history", "-t", "T-1", "--authors", "Cart.java"})) {
                CliResult r = rca(args);
                assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
                assertEquals("", r.out(), String.join(" ", args));
                assertTrue(r.err().startsWith("rca: error: docs/postmortems/T-1.yaml is locked by process "
                    + other.pid()), r.err());
            }
        } finally {
            System.clearProperty("rca.lockTimeoutMillis");
            other.destroyForcibly().waitFor();
        }
        assertEquals(before, Files.readString(ledger("T-1")));
        CliResult recorded = rca("log", "-t", "T-1", "-n", "2", "--format=sha");
        assertEquals(new CliResult(0, fix.name() + "\n" + offending.name() + "\n",
            "recorded as E1 in docs/postmortems/T-1.yaml\n"), recorded);
    }

    /**
     * A ledger whose directory cannot be written (as root, immutable through {@code chattr +i}) is refused before
     * anything is written, in one line that says why, not a stack trace nor the bare path of the lock file it failed
     * to create (until 2026-12-06).
     */
    @Test
    void aLedgerWhoseDirectoryIsReadOnlyIsRefusedInOneLine() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        String before = Files.readString(ledger("T-1"));
        Path directory = ledger("T-1").getParent();
        boolean root = "root".equals(System.getProperty("user.name"));
        Process readOnly = new ProcessBuilder(root ? List.of("chattr", "+i", directory.toString())
            : List.of("chmod", "a-w", directory.toString())).redirectErrorStream(true).start();
        readOnly.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(readOnly.waitFor() == 0, "no chattr here");
        try {
            CliResult r = rca("symptom", "-t", "T-1", "x");
            assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: cannot lock docs/postmortems/T-1.yaml:"
                + " cannot write " + LedgerLock.lockFileFor(ledger("T-1")) + " (" + (root ? "Operation not permitted"
                : "permission denied") + ")\n"), r);
        } finally {
            new ProcessBuilder(root ? List.of("chattr", "-i", directory.toString())
                : List.of("chmod", "u+w", directory.toString())).start().waitFor();
        }
        assertEquals(before, Files.readString(ledger("T-1")));
    }

    /** With .git/rca itself not writable, the hint names it, not .git (reviewer-106). */
    @Test
    void aStateDirectoryThatIsNotWritableIsNamedInTheHint() throws Exception {
        Path state = work.resolve(".git/rca");
        Files.createDirectories(state);
        boolean root = "root".equals(System.getProperty("user.name"));
        Process readOnly = new ProcessBuilder(root ? List.of("chattr", "+i", state.toString())
            : List.of("chmod", "a-w", state.toString())).redirectErrorStream(true).start();
        readOnly.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(readOnly.waitFor() == 0, "no chattr here");
        try {
            CliResult r = rca("bisect-helper", "start", "--bad=HEAD", "--good=" + offending.name() + "^");
            assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
            assertTrue(r.err().contains("\nhint: make " + state + " writable, or work in a clone"), r.err());
        } finally {
            new ProcessBuilder(root ? List.of("chattr", "-i", state.toString())
                : List.of("chmod", "u+w", state.toString())).start().waitFor();
        }
    }

    /**
     * A symbolic link where the ledger's lock file goes (a cloned repository can ship one) is refused: the lock's text
     * was written through it into the file it named, anywhere the user can write (reviewer-106).
     */
    @Test
    void aSymbolicLinkWhereTheLockGoesIsRefusedAndItsTargetLeftAlone() throws Exception {
        ok(rca("open", "T-1"), "docs/postmortems/T-1.yaml\n");
        Path target = tmp.resolve("precious.txt");
        Files.writeString(target, "keep me\n");
        Path lock = LedgerLock.lockFileFor(ledger("T-1"));
        Files.createSymbolicLink(lock, target);
        String before = Files.readString(ledger("T-1"));
        CliResult r = rca("symptom", "-t", "T-1", "x");
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: cannot lock docs/postmortems/T-1.yaml: " + lock
            + " is a symbolic link, where rca keeps a lock file of its own\nhint: remove the link (rm " + lock
            + ") if no one made it on purpose, and rerun\n"), r);
        assertEquals("keep me\n", Files.readString(target));
        assertTrue(Files.isSymbolicLink(lock));
        assertEquals(before, Files.readString(ledger("T-1")));
    }

    @Test
    void bareRepositoriesHaveNoLedgers() {
        Path bare = tmp.resolve("bare.git");
        try (TestRepo repo = TestRepo.init(bare, true)) {
            repo.commit("x").add("a", "a\n").create();
        }
        CliResult r = Cli.run(bare, "open", "T-1");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("rca: error: ledgers live in docs/postmortems/ of a work tree"), r.err());
    }
}
