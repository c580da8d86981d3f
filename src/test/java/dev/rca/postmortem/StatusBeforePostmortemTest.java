package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rca status} calls a ledger ready once its four inputs are present, as {@code rca postmortem} then writes the
 * post-mortem, and lists what that would warn about.
 */
class StatusBeforePostmortemTest {
    @TempDir
    Path tmp;

    private static final String TITLE = "title: Checkout hangs after cache refactor\n";

    @Test
    void aLedgerWithoutATitleIsReadyAndStatusListsWhatPostmortemWouldWarnAbout() {
        CliResult written = postmortemOf(t -> t.replace(TITLE, ""));
        String line = "title: the ledger has no title, so the heading is '# PAY-142' (needs title: one line naming the"
            + " bug, e.g. 'Checkout hangs after cache refactor')";
        assertEquals(new CliResult(0, "docs/postmortems/PAY-142.md\n", "rca: warning: " + line + "\n"), written);
        assertEquals("Next: correct the ledger where the line below points: rca postmortem would write the post-mortem"
            + " as it is, but warn, and it would not pass rca lint\n"
            + "  " + line + "\n", tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));
        String json = Cli.run(tmp, "status", "-t", "PAY-142", "--format=json").out();
        assertTrue(json.contains("\"ready\":true,\"warnings\":[\"" + line + "\"]"), json);
    }

    @Test
    void ledgerWordsThatFailTheLintAreListedAtTheirPlaceInTheLedger() {
        CliResult written = postmortemOf(t -> t.replace("why_symptom: CheckoutIT blocks",
            "why_symptom: CheckoutIT probably blocks").replace("owner: \"Payments team\", tracking", "tracking"));
        assertEquals(0, written.exitCode(), written.toString());
        assertEquals(2, written.err().lines().count(), written.err());
        String status = Cli.run(tmp, "status", "-t", "PAY-142").out();
        assertEquals("Next: correct the ledger where each line below points: rca postmortem would write the"
            + " post-mortem as it is, but warn, and it would not pass rca lint\n"
            + written.err().lines().map(l -> "  " + l.substring("rca: warning: ".length()) + "\n")
            .reduce("", String::concat), tailFrom(status, "Next: "));
    }

    /** Under a step of its own (no symptom yet) the warnings get a heading, not to read as that step's details. */
    @Test
    void warningsUnderAnotherStepAreHeadedAsPostmortemWarnings() {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace(TITLE, "")
            .replace("  - {id: S1, kind: test, text: \"CheckoutIT times out after 30 s\", source: \"CI run 4411\", at:"
                + " \"2026-11-20T09:12:00Z\"}\n  - {id: S2, kind: customer, text: \"Checkout seems stuck, spinner never"
                + " stops\", source: \"support ticket 8812\"}\n", "  []\n"));
        String status = tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: ");
        assertTrue(status.startsWith("Next: record what was observed: rca symptom \"<what you saw>\" --source=<where>"
            + " --at=<when>\nrca postmortem would warn:\n  title: the ledger has no title"), status);
    }

    /** Not only the lint's findings: what else rca postmortem would warn about is listed before it is run. */
    @Test
    void aReproOutsideTheWorkTreeIsListedAsPostmortemWouldWarnAboutIt() {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml",
            t -> t.replace("command: \"sh test.sh\"", "command: \"sh ../outside.sh\""));
        String status = tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: ");
        String json = Cli.run(tmp, "status", "-t", "PAY-142", "--format=json").out();
        CliResult written = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(0, written.exitCode(), written.toString());
        assertEquals(1, written.err().lines().count(), written.err());
        String line = written.err().strip().substring("rca: warning: ".length());
        assertTrue(line.startsWith("repro.command names ../outside.sh, outside the work tree"), line);
        // the post-mortem would pass the lint, so drafting it stays the next step, the warning under a heading
        assertEquals("Next: draft the post-mortem: rca postmortem -t PAY-142\nrca postmortem would warn:\n  " + line
            + "\n", status);
        assertTrue(json.contains("\"ready\":true,\"warnings\":[\"repro.command names ../outside.sh, outside the work"
            + " tree"), json);
    }

    @Test
    void anIncidentIsReadyWithoutIncidentOk() {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("kind: bug", "kind: incident"));
        assertEquals("Next: draft the post-mortem: rca postmortem -t PAY-142 (an incident also needs its own incident"
            + " report)\n", tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));
        assertTrue(Cli.run(tmp, "status", "-t", "PAY-142", "--format=json").out()
            .contains("\"ready\":true,\"warnings\":[]"));
    }

    @Test
    void aPublishedLedgerChangedSinceIsToBeRegenerated() {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml");
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit").exitCode());
        String published = "Next: nothing: the post-mortem is published\n";
        assertEquals(published, tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));

        CliResult reopened = Cli.run(tmp, "symptom", "seen again in production", "-t", "PAY-142");
        assertTrue(reopened.err().contains("regenerate it with 'rca postmortem -t PAY-142'"), reopened.err());
        assertEquals("Next: regenerate the post-mortem, which no longer matches its ledger (it is written anew: edits"
            + " made to the .md by hand are lost unless moved into the ledger first): rca postmortem -t PAY-142\n",
            tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        assertEquals(published, tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));

        // one published with the causal graph is as current
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142", "--graph").exitCode());
        assertEquals(published, tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));
    }

    private CliResult postmortemOf(UnaryOperator<String> edit) {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml", edit);
        return Cli.run(tmp, "postmortem", "-t", "PAY-142");
    }

    private static String tailFrom(String text, String start) {
        int at = text.indexOf(start);
        assertTrue(at >= 0, text);
        return text.substring(at);
    }
}
