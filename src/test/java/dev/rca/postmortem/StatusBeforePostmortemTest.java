package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rca status} sends the user to {@code rca postmortem} only when it would write the post-mortem. */
class StatusBeforePostmortemTest {
    @TempDir
    Path tmp;

    private static final String TITLE = "title: Checkout hangs after cache refactor\n";

    @Test
    void aLedgerWithoutATitleIsNotReadyAndStatusSaysWhatPostmortemWouldSay() {
        CliResult refused = postmortemOf(t -> t.replace(TITLE, ""));
        assertEquals(1, refused.exitCode(), refused.toString());
        String line = "title: the ledger has no title (needs title: one line naming the bug, e.g. 'Checkout hangs after"
            + " cache refactor')";
        assertEquals(line + "\n", refused.out());
        assertEquals("Next: correct the ledger where the line below points: rca postmortem would refuse it as it is\n"
            + "  " + line + "\n", tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));
        String json = Cli.run(tmp, "status", "-t", "PAY-142", "--format=json").out();
        assertTrue(json.contains("\"ready\":false,\"refusals\":[\"" + line + "\"]"), json);
    }

    @Test
    void ledgerWordsThatFailTheLintAreListedAtTheirPlaceInTheLedger() {
        CliResult refused = postmortemOf(t -> t.replace("why_symptom: CheckoutIT blocks",
            "why_symptom: CheckoutIT probably blocks").replace("owner: \"Payments team\", tracking", "tracking"));
        assertEquals(1, refused.exitCode(), refused.toString());
        String status = Cli.run(tmp, "status", "-t", "PAY-142").out();
        assertEquals("Next: correct the ledger where each line below points: rca postmortem would refuse it as it is\n"
            + refused.out().lines().map(l -> "  " + l + "\n").reduce("", String::concat), tailFrom(status, "Next: "));
    }

    @Test
    void anIncidentIsDraftedWithIncidentOk() {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("kind: bug", "kind: incident"));
        assertEquals("Next: draft the post-mortem: rca postmortem -t PAY-142 --incident-ok (an incident also needs its"
            + " own incident report)\n", tailFrom(Cli.run(tmp, "status", "-t", "PAY-142").out(), "Next: "));
        assertTrue(Cli.run(tmp, "status", "-t", "PAY-142", "--format=json").out()
            .contains("\"ready\":true,\"refusals\":[]"));
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
