package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ledger.Evidence;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.VerifyRecord;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aReproThatFailsBeforeAndPassesAfterValidatesTheFix() throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        Snapshot before = Snapshot.of(tmp);
        CliResult result = Cli.runAt(java.time.ZonedDateTime.parse("2026-11-20T12:00:00.25+01:00"), tmp, "verify", "-t",
            "PAY-142", "--runs=2");
        String parent = r.fixParent.name().substring(0, 12);
        String fix = r.fix.name().substring(0, 12);
        assertEquals(new CliResult(0, String.join("\n",
            "verify PAY-142: repro.command, 2 runs at the parent " + parent + " (must fail) and 2 at the fix " + fix
                + " (must pass), in .git/rca/verify:",
            "  sh test.sh",
            "parent run 1: exit 1",
            "parent run 2: exit 1",
            "fix run 1: exit 0",
            "fix run 2: exit 0",
            "failed 2 of 2 runs at the parent " + parent + " (needed 2), passed 2 of 2 at the fix " + fix
                + ": validated",
            "recorded as E3 and validation.verify in docs/postmortems/PAY-142.yaml", ""), ""), result);
        Ledger ledger = Ledger.load(tmp.resolve("docs/postmortems/PAY-142.yaml"));
        VerifyRecord v = ledger.validation().verify();
        assertEquals(List.of("sh test.sh", r.fixParent.name(), r.fix.name(), 2, 2, 2, true),
            List.of(v.command(), v.parent(), v.fix(), v.runs(), v.parentFailures(), v.fixPasses(), v.passed()));
        Evidence e = ledger.evidence().get(2);
        // stamped as validation.verify is, so rca timeline places every run, not only the last
        assertEquals(List.of("E3", "verify", "sh test.sh", List.of(r.fixParent.name(), r.fix.name()), v.at()),
            List.of(e.id(), e.kind(), e.command(), e.commits(), e.at()));
        // by the clock the invocation was given, as every item rca records
        assertEquals("2026-11-20T11:00:00Z", v.at());
        assertTrue(r.read("docs/postmortems/PAY-142.yaml").contains("# The symptom as CI reported it, word for word."));
        assertEquals(before, Snapshot.of(tmp));
    }

    @Test
    void verifyingAPublishedLedgerSaysItsPostmortemMustBeRegenerated() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("status: validated", "status: published"));
        CliResult result = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().endsWith("recorded as E3 and validation.verify in docs/postmortems/PAY-142.yaml\n"),
            result.out());
        assertEquals("rca: note: PAY-142's post-mortem was already published and no longer matches its ledger; "
            + "regenerate it with 'rca postmortem -t PAY-142'\n", result.err());
        assertTrue(Ledger.load(tmp.resolve("docs/postmortems/PAY-142.yaml")).validation().verify().passed());
    }

    @Test
    void aReproThatDoesNotFailAtTheParentIsNotAValidation() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"", "command: \"true\""));
        Snapshot before = Snapshot.of(tmp);
        CliResult result = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.out().contains("parent run 1: exit 0 (expected a failure)\n"), result.out());
        assertTrue(result.out().contains("passed 1 of 1 at the fix " + r.fix.name().substring(0, 12)
            + ": not validated\n"), result.out());
        VerifyRecord v = Ledger.load(tmp.resolve("docs/postmortems/PAY-142.yaml")).validation().verify();
        assertFalse(v.passed());
        assertEquals(0, v.parentFailures());
        assertEquals(before, Snapshot.of(tmp));
    }

    /** A failing run shows its last lines; all of every run's output is kept, as bisect-helper run keeps its test's. */
    @Test
    void everyRunsOutputIsKeptAndAnUnexpectedRunSaysWhere() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"",
            "command: \"for i in 1 2 3 4 5 6; do echo line $i; done; echo at $RCA_COMMIT; true\""));
        CliResult result = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1");
        assertEquals(1, result.exitCode(), result.toString());
        Path log = tmp.resolve(".git/rca/verify-run.log").toRealPath();
        assertEquals("  | line 3\n  | line 4\n  | line 5\n  | line 6\n  | at " + r.fixParent.name() + "\n"
            + "rca: note: every run's output is kept in " + log + "\n", result.err());
        StringBuilder kept = new StringBuilder();
        for (String sha : List.of(r.fixParent.name(), r.fix.name())) {
            kept.append("== ").append(sha).append(": exit 0\nline 1\nline 2\nline 3\nline 4\nline 5\nline 6\nat ")
                .append(sha).append("\n");
        }
        assertEquals(kept.toString(), Files.readString(log));

        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t);
        CliResult validated = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1");
        assertEquals(0, validated.exitCode(), validated.toString());
        assertEquals("", validated.err());
        assertTrue(Files.readString(log).startsWith("== " + r.fixParent.name() + ": exit 1\n"), Files.readString(log));
    }

    @Test
    void aFailedVerifyOutweighsHandWrittenChecksUntilAPassingOne() {
        // the ledger holds a hand-written check; a verify that shows the fix not working must not be drafted over
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"", "command: \"true\""));
        assertEquals(1, Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1").exitCode());
        assertTrue(Cli.run(tmp, "status", "-t", "PAY-142").out().contains("  validation  missing: the last 'rca verify'"
            + " did not pass: rerun it once the fix (or repro.command) is right\n"));
        CliResult refused = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertFalse(Files.exists(tmp.resolve("docs/postmortems/PAY-142.md")));
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t);
        assertEquals(0, Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1").exitCode());
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
    }

    @Test
    void aFlakyReproMustFailInAtLeastHalfTheRunsAtTheParent() {
        LedgerRepo r = new LedgerRepo(tmp);
        // fails on odd runs at the parent (2 of 3): enough for a 10/20 repro, not for a deterministic one
        String flaky = "n=$(cat ../verify-count 2>/dev/null || echo 0); n=$((n+1)); echo $n > ../verify-count;"
            + " [ $((n % 2)) -eq 0 ] || sh test.sh";
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"", "command: '" + flaky + "'")
            .replace("rate: \"20/20\"", "rate: \"10/20\""));
        CliResult flakyRate = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=3");
        assertEquals(0, flakyRate.exitCode(), flakyRate.out());
        assertTrue(flakyRate.out().contains("failed 2 of 3 runs at the parent " + r.fixParent.name().substring(0, 12)
            + " (needed 2), passed 3 of 3 at the fix " + r.fix.name().substring(0, 12) + ": validated\n"), flakyRate.out());

        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"", "command: '" + flaky + "'")
            .replace("rate: \"20/20\"", "rate: deterministic"));
        deleteCounter();
        CliResult deterministic = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=3");
        assertEquals(1, deterministic.exitCode(), deterministic.out());
        assertTrue(deterministic.out().contains("failed 2 of 3 runs at the parent " + r.fixParent.name().substring(0, 12)
            + " (needed 3), passed 3 of 3 at the fix " + r.fix.name().substring(0, 12) + ": not validated\n"),
            deterministic.out());
    }

    private void deleteCounter() {
        try {
            Files.delete(tmp.resolve(".git/rca/verify-count"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRunThatTimesOutFailsAtTheParentAndDoesNotPassAtTheFix() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"", "command: \"sleep 30\""));
        CliResult result = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1", "--timeout=1");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.out().contains("parent run 1: timed out\nfix run 1: timed out (expected a pass)\n"),
            result.out());
        assertTrue(result.out().contains("failed 1 of 1 runs at the parent"), result.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        assertEquals(new CliResult(2, "", "rca: error: --runs must be between 1 and 1000, not 0\n"),
            Cli.run(tmp, "verify", "--runs=0"));
        assertEquals(2, Cli.run(tmp, "verify", "--timeout=0").exitCode());
    }

    @Test
    void withoutAReproCommandThereIsNothingToVerify() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("  command: \"sh test.sh\"\n", ""));
        String ledger = r.read("docs/postmortems/PAY-142.yaml");
        CliResult result = Cli.run(tmp, "verify", "-t", "PAY-142");
        assertEquals(3, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("rca: error: nothing to verify: repro.command is empty in "
            + "docs/postmortems/PAY-142.yaml\n"), result.err());
        assertEquals(ledger, r.read("docs/postmortems/PAY-142.yaml"));
    }

    @Test
    void aPassingVerifyIsValidationEnoughForAPostmortem() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace(
            "  checks:\n    - {what: \"CheckoutIT passes\", evidence: \"20/20 runs at the fix\"}\n", ""));
        assertEquals(1, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        assertEquals(0, Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1").exitCode());
        CliResult written = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(0, written.exitCode(), written.toString());
        assertTrue(r.read("docs/postmortems/PAY-142.md").contains("- `rca verify` ran `sh test.sh` 1 time at each"
            + " commit: it failed 1 of 1 runs at the fix's parent " + r.fixParent.name().substring(0, 12)
            + " and passed 1 of 1 runs at the fix " + r.fix.name().substring(0, 12) + "; the fix is verified ("));
        assertEquals(0, Cli.run(tmp, "lint", "docs/postmortems/PAY-142.md").exitCode());
    }

    @Test
    void aReproOfSeveralLinesIsShownAsAScriptNotRunTogether() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("  command: \"sh test.sh\"\n",
            "  command: |\n    # the cart test, twice over\n    set -e\n    sh test.sh\n"));
        assertEquals(0, Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1").exitCode());
        CliResult written = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(0, written.exitCode(), written.toString());
        assertTrue(r.read("docs/postmortems/PAY-142.md").contains("- `rca verify` ran the repro below 1 time at each"
            + " commit: it failed 1 of 1 runs at the fix's parent " + r.fixParent.name().substring(0, 12)
            + " and passed 1 of 1 runs at the fix " + r.fix.name().substring(0, 12) + "; the fix is verified ("), r.read(
            "docs/postmortems/PAY-142.md"));
        assertTrue(r.read("docs/postmortems/PAY-142.md").contains(").\n  ```sh\n  # the cart test, twice over\n"
            + "  set -e\n  sh test.sh\n  ```\n"), r.read("docs/postmortems/PAY-142.md"));
        assertEquals(0, Cli.run(tmp, "lint", "docs/postmortems/PAY-142.md").exitCode());
    }

    /** A second run changes only the keys whose values differ, so comments written inside the record stay. */
    @Test
    void aSecondVerifyKeepsTheCommentsWrittenInsideTheRecord() throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        assertEquals(0, Cli.runAt(java.time.ZonedDateTime.parse("2026-11-20T12:00:00Z"), tmp, "verify", "-t", "PAY-142",
            "--runs=1").exitCode());
        Path ledger = tmp.resolve("docs/postmortems/PAY-142.yaml");
        String first = Files.readString(ledger);
        String commented = first.replace("    passed: true\n", "    # by hand as well\n"
            + "    passed: true   # checked by hand on the CI box too\n");
        assertFalse(commented.equals(first), first);
        Files.writeString(ledger, commented);
        CliResult again = Cli.runAt(java.time.ZonedDateTime.parse("2026-11-20T13:00:00Z"), tmp, "verify", "-t",
            "PAY-142", "--runs=2");
        assertEquals(0, again.exitCode(), again.toString());
        String text = Files.readString(ledger);
        assertEquals("""
            validation:
              checks:
                - {what: "CheckoutIT passes", evidence: "20/20 runs at the fix"}
              not_covered: "not retested on the EU cluster"
              verify:
                command: sh test.sh
                fix: %s
                parent: %s
                runs: 2
                timeout: 600
                parent_failures: 2
                parent_timeouts: 0
                parent_untestable: 0
                fix_passes: 2
                fix_timeouts: 0
                fix_untestable: 0
                # by hand as well
                passed: true   # checked by hand on the CI box too
                at: "2026-11-20T13:00:00Z"
            action_items:
            """.formatted(r.fix.name(), r.fixParent.name()),
            text.substring(text.indexOf("validation:\n"), text.indexOf("action_items:\n") + 14));
        assertTrue(text.contains("  - id: E4\n    kind: verify\n"), text);
    }

    /**
     * Two verifies in one repository would share its scratch checkout, one moving it to the fix under the other's
     * parent runs and recording what that showed (reviewer-95, #1): the second is refused and writes nothing.
     */
    @Test
    void aSecondVerifyWhileOneRunsIsRefusedAndWritesNothing() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        // only the first run of all waits, until the test lets it go; .. is .git/rca, outside the scratch checkout
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"", "command: 'mkdir"
            + " ../first 2>/dev/null && { touch ../started; while [ ! -f ../go ]; do sleep 0.05; done; }; sh test.sh'"));
        Path rca = tmp.resolve(".git/rca");
        CliResult[] first = new CliResult[1];
        Thread running = new Thread(() -> first[0] = Cli.runAt(java.time.ZonedDateTime.parse("2026-11-20T12:00:00+01:00"),
            tmp, "verify", "-t", "PAY-142", "--runs=1"));
        running.start();
        while (!Files.exists(rca.resolve("started")) && running.isAlive()) {
            Thread.sleep(20);
        }
        Path ledger = tmp.resolve("docs/postmortems/PAY-142.yaml");
        String ledgerBefore = Files.readString(ledger);
        byte[] logBefore = Files.readAllBytes(rca.resolve("verify-run.log"));

        CliResult second = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1");
        assertEquals(new CliResult(3, "", "rca: error: another rca verify is running in this repository (verify -t"
            + " PAY-142 since 2026-11-20T11:00:00Z, process " + ProcessHandle.current().pid() + "): verifies take"
            + " turns in .git/rca/verify; rerun this one when it ends\n"), second);
        assertEquals(ledgerBefore, Files.readString(ledger));
        assertEquals(new String(logBefore), new String(Files.readAllBytes(rca.resolve("verify-run.log"))));

        Files.writeString(rca.resolve("go"), "");
        running.join();
        String parent = r.fixParent.name().substring(0, 12);
        String fix = r.fix.name().substring(0, 12);
        assertEquals(0, first[0].exitCode(), first[0].toString());
        assertTrue(first[0].out().endsWith("parent run 1: exit 1\nfix run 1: exit 0\nfailed 1 of 1 runs at the parent "
            + parent + " (needed 1), passed 1 of 1 at the fix " + fix + ": validated\n"
            + "recorded as E3 and validation.verify in docs/postmortems/PAY-142.yaml\n"), first[0].out());
        assertTrue(Ledger.load(ledger).validation().verify().passed());
        // the lock ends with the verify that held it
        assertEquals(0, Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1").exitCode());
    }

    /**
     * Runs that exit 125 ("cannot test this commit") are neither failures nor passes, and the summary says so, as do
     * the record and the post-mortem's Validation, which said "failed 1 of 2 runs" alone (session 34's review).
     */
    @Test
    void runsThatCannotTestACommitAreCountedInTheSummary() throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        String parent = r.fixParent.name().substring(0, 12);
        String fix = r.fix.name().substring(0, 12);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"",
            "command: \"sh test.sh || exit 125\""));
        CliResult result = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=2");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.out().endsWith("failed 0 of 2 runs at the parent " + parent + " (needed 2; 2 exited 125,"
            + " cannot test), passed 2 of 2 at the fix " + fix + ": not validated\n"
            + "recorded as E3 and validation.verify in docs/postmortems/PAY-142.yaml\n"), result.out());
        Path file = tmp.resolve("docs/postmortems/PAY-142.yaml");
        String text = Files.readString(file);
        assertTrue(text.contains("    parent_failures: 0\n    parent_timeouts: 0\n    parent_untestable: 2\n"
            + "    fix_passes: 2\n    fix_timeouts: 0\n    fix_untestable: 0\n"), text);
        int line = (int) text.substring(0, text.indexOf("    parent_untestable: ")).lines().count() + 1;
        Files.writeString(file, text.replace("    parent_untestable: 2\n", "    parent_untestable: 3\n")
            .replace("    fix_untestable: 0\n", "    fix_untestable: 1\n"));
        String at = "docs/postmortems/PAY-142.yaml:";
        assertEquals(new CliResult(1, String.join("\n",
            at + line + ":24: validation.verify.parent_untestable is 3, more than the 2 of its 2 runs at the parent that"
                + " did not fail",
            at + (line + 3) + ":21: validation.verify.fix_untestable is 1, more than the 0 of its 2 runs at the fix that"
                + " did not pass", ""), ""), Cli.run(tmp, "check", "-t", "PAY-142"));

        // a flaky repro needs one failure in two: the other run, which could not test, is named in the post-mortem
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"",
            "command: 'sh test.sh || { mkdir ../once 2>/dev/null && exit 1; exit 125; }'")
            .replace("rate: \"20/20\"", "rate: \"10/20\""));
        CliResult once = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=2");
        assertEquals(0, once.exitCode(), once.toString());
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        String postmortem = r.read("docs/postmortems/PAY-142.md");
        assertTrue(postmortem.contains(" 2 times at each commit: it failed 1 of 2 runs at the fix's parent " + parent
            + " (1 run exited 125, cannot test) and passed 2 of 2 runs at the fix " + fix + "; the fix is verified ("),
            postmortem);
    }

    /**
     * The regression test a fix adds does not exist at its parent: the shell's "not found" there is no reproduction
     * of the bug, and must not validate the fix (reviewer-95, #2); nor is "cannot execute" at the fix a verdict on it.
     */
    @Test
    void aCommandTheShellCannotFindOrExecuteStopsVerifyAndRecordsNothing() throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        String parent = r.fixParent.name().substring(0, 12);
        String fix = r.fix.name().substring(0, 12);
        String hint = "hint: the command runs in a scratch checkout of each commit, not in your work tree: a test the"
            + " fix adds is missing at its parent; run one both commits have, or a script outside the repository by"
            + " its absolute path (each run's output is in .git/rca/verify-run.log)\n";
        Path ledger = r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"",
            "command: \"echo checking; exit 127\""));
        String before = Files.readString(ledger);
        assertEquals(new CliResult(3, "verify PAY-142: repro.command, 2 runs at the parent " + parent + " (must fail)"
            + " and 2 at the fix " + fix + " (must pass), in .git/rca/verify:\n"
            + "  echo checking; exit 127\n"
            + "parent run 1: exit 127 (the shell cannot find the command)\n",
            "  | checking\n"
            + "rca: error: repro.command exited 127 at the parent " + parent + ": the shell cannot find the command"
            + " there, so the run shows neither the bug nor the fix; verify stopped and recorded nothing\n" + hint),
            Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=2"));
        assertEquals(before, Files.readString(ledger));

        // as the reviewer met it: the script is missing at the parent (and here at the fix too)
        before = Files.readString(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"",
            "command: \"./regress.sh\"")));
        CliResult missing = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=2");
        assertEquals(3, missing.exitCode(), missing.toString());
        assertTrue(missing.out().endsWith("parent run 1: exit 127 (the shell cannot find the command)\n"),
            missing.out());
        assertTrue(missing.err().endsWith("rca: error: repro.command exited 127 at the parent " + parent + ": the shell"
            + " cannot find the command there, so the run shows neither the bug nor the fix; verify stopped and"
            + " recorded nothing\n" + hint), missing.err());
        assertEquals(before, Files.readString(ledger));

        // the bug reproduces at the parent; at the fix the command cannot be executed
        before = Files.readString(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"",
            "command: \"sh test.sh && exit 126\"")));
        assertEquals(new CliResult(3, "verify PAY-142: repro.command, 1 run at the parent " + parent + " (must fail)"
            + " and 1 at the fix " + fix + " (must pass), in .git/rca/verify:\n"
            + "  sh test.sh && exit 126\n"
            + "parent run 1: exit 1\n"
            + "fix run 1: exit 126 (the shell cannot execute the command)\n",
            "rca: error: repro.command exited 126 at the fix " + fix + ": the shell cannot execute the command"
            + " there, so the run shows neither the bug nor the fix; verify stopped and recorded nothing\n" + hint),
            Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=1"));
        assertEquals(before, Files.readString(ledger));
    }

    /**
     * A hang counts as a failure, and the record says which runs were one and after how long (reviewer-95, #8):
     * the terminal showed "timed out", the note and the post-mortem said "failed".
     */
    @Test
    void runsStoppedByTheTimeoutAreKeptInTheRecordAndThePostmortem() throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        String parent = r.fixParent.name().substring(0, 12);
        String fix = r.fix.name().substring(0, 12);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"",
            "command: \"sh test.sh || sleep 60\""));
        CliResult result = Cli.runAt(java.time.ZonedDateTime.parse("2026-11-20T12:00:00Z"), tmp, "verify", "-t",
            "PAY-142", "--runs=1", "--timeout=1");
        String summary = "failed 1 of 1 runs at the parent " + parent + " (needed 1; 1 timed out after 1 s), passed 1 of"
            + " 1 at the fix " + fix + ": validated";
        assertEquals(new CliResult(0, "verify PAY-142: repro.command, 1 run at the parent " + parent + " (must fail)"
            + " and 1 at the fix " + fix + " (must pass), in .git/rca/verify:\n"
            + "  sh test.sh || sleep 60\n"
            + "parent run 1: timed out\n"
            + "fix run 1: exit 0\n"
            + summary + "\n"
            + "recorded as E3 and validation.verify in docs/postmortems/PAY-142.yaml\n", ""), result);
        String text = r.read("docs/postmortems/PAY-142.yaml");
        assertEquals("""
              verify:
                command: "sh test.sh || sleep 60"
                fix: %s
                parent: %s
                runs: 1
                timeout: 1
                parent_failures: 1
                parent_timeouts: 1
                parent_untestable: 0
                fix_passes: 1
                fix_timeouts: 0
                fix_untestable: 0
                passed: true
                at: "2026-11-20T12:00:00Z"
            """.formatted(r.fix.name(), r.fixParent.name()), text.substring(text.indexOf("  verify:\n"),
                text.indexOf("action_items:\n")));
        assertEquals(summary, Ledger.load(tmp.resolve("docs/postmortems/PAY-142.yaml")).evidence().get(2).note());
        assertEquals(0, Cli.run(tmp, "check", "-t", "PAY-142").exitCode());
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        assertTrue(r.read("docs/postmortems/PAY-142.md").contains("- `rca verify` ran `sh test.sh || sleep 60` 1 time at"
            + " each commit: it failed 1 of 1 runs at the fix's parent " + parent + " (1 run timed out after 1 s) and"
            + " passed 1 of 1 runs at the fix " + fix + "; the fix is verified (2026-11-20T12:00:00Z).\n"),
            r.read("docs/postmortems/PAY-142.md"));
        Files.writeString(tmp.resolve("docs/postmortems/PAY-142.yaml"), text.replace("    timeout: 1\n",
            "    timeout: 1.5\n"));
        CliResult malformed = Cli.run(tmp, "check", "-t", "PAY-142");
        assertEquals(3, malformed.exitCode(), malformed.toString());
        assertTrue(malformed.err().startsWith("rca: error: malformed ledger: validation.verify.timeout must be a whole"
            + " number at docs/postmortems/PAY-142.yaml:"), malformed.err());
    }

    /** Counts a hand edit made contradict each other, or the verdict, are check's findings (reviewer-100). */
    @Test
    void checkReportsVerifyCountsThatContradictEachOther() throws IOException {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml");
        assertEquals(0, Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=2").exitCode());
        Path file = tmp.resolve("docs/postmortems/PAY-142.yaml");
        String text = Files.readString(file);
        assertEquals(new CliResult(0, "", ""), Cli.run(tmp, "check", "-t", "PAY-142"));
        int line = (int) text.substring(0, text.indexOf("    timeout: ")).lines().count() + 1;
        Files.writeString(file, text.replace("    timeout: 600\n", "    timeout: 0\n")
            .replace("    parent_timeouts: 0\n", "    parent_timeouts: 7\n")
            .replace("    fix_passes: 2\n", "    fix_passes: 0\n").replace("    fix_timeouts: 0\n", "    fix_timeouts: 3\n"));
        String at = "docs/postmortems/PAY-142.yaml:";
        assertEquals(new CliResult(1, String.join("\n",
            at + line + ":14: validation.verify.timeout is 0: verify stops a run after a positive number of seconds",
            at + (line + 2) + ":22: validation.verify.parent_timeouts is 7, more than its 2 parent_failures, which"
                + " count the runs that timed out",
            at + (line + 5) + ":19: validation.verify.fix_timeouts is 3, more than the 2 of its 2 runs at the fix that"
                + " did not pass",
            at + (line + 7) + ":13: validation.verify.passed is true, but the fix passed 0 of 2 runs: a verify passes"
                + " only when every run at the fix passes", ""), ""), Cli.run(tmp, "check", "-t", "PAY-142"));
        Files.writeString(file, text.replace("    parent_failures: 2\n", "    parent_failures: 0\n")
            .replace("    fix_passes: 2\n", "    fix_passes: 3\n"));
        assertEquals(new CliResult(1, String.join("\n",
            at + (line + 4) + ":17: validation.verify.fix_passes is 3, more than its 2 runs",
            at + (line + 7) + ":13: validation.verify.passed is true, but the fix's parent failed no run: a verify"
                + " passes only when the parent fails", ""), ""), Cli.run(tmp, "check", "-t", "PAY-142"));
    }

    /**
     * Each commit's runs start from a clean checkout: the fix is not tested on what the parent's runs built, nor the
     * parent on what the previous verify's fix runs built (reviewer-95, #9).
     */
    @Test
    void eachCommitsRunsStartFromACleanCheckout() {
        LedgerRepo r = new LedgerRepo(tmp);
        // builds into an untracked (and ignored) directory only when it is not there yet, as an incremental build does
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("command: \"sh test.sh\"", "command: 'test -f"
            + " out/CartCache.java || { mkdir -p out; echo out/ > .gitignore; cp src/CartCache.java out/; };"
            + " tr -d \" \\n\" < out/CartCache.java | grep -q \"unlinkEntry();unlock\"'"));
        String parent = r.fixParent.name().substring(0, 12);
        String fix = r.fix.name().substring(0, 12);
        for (int verify = 1; verify <= 2; verify++) {
            CliResult result = Cli.run(tmp, "verify", "-t", "PAY-142", "--runs=2");
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.out().contains("parent run 1: exit 1\nparent run 2: exit 1\nfix run 1: exit 0\n"
                + "fix run 2: exit 0\nfailed 2 of 2 runs at the parent " + parent + " (needed 2), passed 2 of 2 at the"
                + " fix " + fix + ": validated\n"), result.out());
            assertEquals("", result.err());
        }
    }

    /** The user's side of the repository: HEAD, refs, index entries, work tree status and the test file. */
    private record Snapshot(String head, String refs, String index, String status, String testScript) {
        static Snapshot of(Path dir) {
            try {
                return new Snapshot(NativeGit.run(dir, "rev-parse", "HEAD"),
                    NativeGit.run(dir, "for-each-ref", "--format=%(refname) %(objectname)"),
                    NativeGit.run(dir, "ls-files", "-s"),
                    NativeGit.run(dir, "status", "--porcelain", "--untracked-files=all"),
                    Files.readString(dir.resolve("src/CartCache.java")));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
