package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.config.RcaConfig;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.Ledger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmortemRendererTest {
    @TempDir
    Path tmp;

    @Test
    void aCausalGraphIsEmbeddedAtTheEndOfHowItWasFound() {
        LedgerRepo r = new LedgerRepo(tmp);
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml"));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            PostmortemRenderer renderer = new PostmortemRenderer(new GitCommitLookup(workspace), bisect -> -1)
                .withGraph(l -> "flowchart LR\n  H1[\"" + l.hypotheses().get(0).id() + "\"] -.-x S1");
            RenderedPostmortem rendered = renderer.render(ledger);
            String md = rendered.markdown();
            String howFound = md.substring(md.indexOf("## How it was found"), md.indexOf("## Why it slipped through"));
            assertTrue(howFound.endsWith("```mermaid\nflowchart LR\n  H1[\"H1\"] -.-x S1\n```\n\n"), howFound);
            assertTrue(howFound.contains("Bisection: 1 step between good"), howFound);
            PostmortemLinter linter = new PostmortemLinter(RcaConfig.defaults().lint(),
                new RepositoryShaResolver(workspace));
            assertEquals(List.of(), linter.lint("PAY-142.md", md));
        }
    }

    @Test
    void theBisectionLineSaysWhatWasTestedAndNamesTheBoundsAsTheyWereGiven() {
        LedgerRepo r = new LedgerRepo(tmp);
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace(", first_bad:",
            ", refs: {\"" + r.fixParent.name() + "\": v1.3_rc}, run: {command: \"sh -c 'grep -q `ok` out'\", repeat: 3,"
                + " flake_rate: '0.1'}, flaky: true, first_bad:")));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            // the repository has no such tag: a renderer told the name lasts shows it
            RecordedBisection tagged = new RecordedBisection() {
                @Override
                public int candidates(dev.rca.ledger.BisectRecord bisect) {
                    return -1;
                }

                @Override
                public boolean nameLasts(String name) {
                    return name.equals("v1.3_rc");
                }
            };
            String md = new PostmortemRenderer(new GitCommitLookup(workspace), tagged).render(ledger).markdown();
            assertEquals(List.of("Bisection: 1 step between good " + r.base.name().substring(0, 12) + " and bad "
                + r.fixParent.name().substring(0, 12) + " (`v1.3_rc`), testing ``sh -c 'grep -q `ok` out'`` (up to 3 runs"
                + " each time a commit is picked, as a flaky test, flake rate `0.1`); first bad commit: " + r.offending.name().substring(0, 12)
                + " Refactor cart cache eviction."), md.lines().filter(l -> l.startsWith("Bisection:")).toList());
        }
    }

    @Test
    void aCommandOfSeveralLinesInTheEvidenceIsNamedWhenItIsTheReproAndShownAsABlockOtherwise() {
        LedgerRepo r = new LedgerRepo(tmp);
        String repro = "set -e\\nsh test.sh";
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t
            .replace("command: \"sh test.sh\"", "command: \"" + repro + "\"")
            .replace("  - {id: E2, kind: query, command: \"rca log --grep=cache\"", "  - {id: E3, kind: verify, command: \""
                + repro + "\", commits: [], note: \"failed at the parent, passed at the fix\"}\n  - {id: E4, kind: "
                + "command, command: \"cd srv\\nmake check\", commits: [], note: \"passes\"}\n"
                + "  - {id: E2, kind: query, command: \"rca log --grep=cache\"")));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            String md = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger).markdown();
            String list = md.substring(md.indexOf("Suspects, queries and other evidence:"), md.indexOf("## Why it slipped"));
            assertTrue(list.contains("- E3 (verify): the repro above — failed at the parent, passed at the fix\n"
                + "- E4 (command): the command below — passes\n  ```sh\n  cd srv\n  make check\n  ```\n"), list);
        }
    }

    @Test
    void everyLineKnowsTheLedgerPathItComesFrom() {
        LedgerRepo r = new LedgerRepo(tmp);
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml"));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            RenderedPostmortem rendered = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger);
            List<String> lines = rendered.markdown().lines().toList();
            assertEquals("title", rendered.originOf(1));
            assertEquals("why_symptom", rendered.originOf(lines.indexOf("## Why it produced the symptom") + 3));
            assertEquals("hypotheses.0.text", rendered.originOf(
                lines.indexOf("  > Lock ordering between `CartCache.evict()` and OrderLock might deadlock") + 1));
            assertEquals(null, rendered.originOf(lines.indexOf("## Validation") + 1));
        }
    }

    /** A failing run decides a commit: the ledger records 3, 1 and 3 runs, so "each commit 3 times" would be wrong. */
    @Test
    void theBisectionLineStatesRepeatAsTheBoundItIs() {
        LedgerRepo r = new LedgerRepo(tmp);
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace(
            "steps: [{commit: \"{OFFENDING}\", verdict: bad, runs: 1}]".replace("{OFFENDING}", r.offending.name()),
            "steps: [{commit: \"" + r.base.name() + "\", verdict: good, runs: 3}, {commit: \"" + r.offending.name()
                + "\", verdict: bad, runs: 1}, {commit: \"" + r.fixParent.name() + "\", verdict: good, runs: 3}], run:"
                + " {command: sh test.sh, repeat: 3}")));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            String md = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger).markdown();
            assertEquals(List.of("Bisection: 3 steps (7 runs) between good " + r.base.name().substring(0, 12)
                + " and bad " + r.fixParent.name().substring(0, 12) + ", testing `sh test.sh` (each commit up to 3 times,"
                + " its first failing run deciding it); first bad commit: " + r.offending.name().substring(0, 12)
                + " Refactor cart cache eviction."), md.lines().filter(l -> l.startsWith("Bisection:")).toList());
        }
    }

    @Test
    void aSymptomOfSeveralLinesIsItsFirstLineInTheSummary() {
        LedgerRepo r = new LedgerRepo(tmp);
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace(
            "text: \"CheckoutIT times out after 30 s\"", "text: \"modinfo /dev/zero hangs\\n$ modinfo /dev/zero\\n^C\"")));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            String md = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger).markdown();
            assertEquals(List.of("Symptom: modinfo /dev/zero hangs (first line; the whole text is under Symptom)."),
                md.lines().filter(l -> l.startsWith("Symptom:")).toList());
            assertTrue(md.contains("\n  ```text\n  modinfo /dev/zero hangs\n  $ modinfo /dev/zero\n  ^C\n  ```\n"), md);
        }
    }

    /**
     * Quoted log text stays as written: a tab (a one-line symptom with one is a text block, as a block quote would
     * make it a space) and a line holding a code fence (the block's fence is longer than it).
     */
    @Test
    void quotedLogTextKeepsItsTabsAndFences() {
        LedgerRepo r = new LedgerRepo(tmp);
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t
            .replace("text: \"CheckoutIT times out after 30 s\"", "text: \"ERROR\\tcheckout\\ttimeout\"")
            .replace("text: \"Checkout seems stuck, spinner never stops\"",
                "text: \"the log said:\\n```\\n`````x` done\"")));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            String md = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger).markdown();
            String symptom = md.substring(md.indexOf("## Symptom"), md.indexOf("## Root cause"));
            assertEquals("""
                ## Symptom

                - S1, test, from CI run 4411, at 2026-11-20T09:12:00Z:
                  ```text
                  ERROR\tcheckout\ttimeout
                  ```
                - S2, customer, from support ticket 8812:
                  ``````text
                  the log said:
                  ```
                  `````x` done
                  ``````

                """, symptom);
            PostmortemLinter linter = new PostmortemLinter(RcaConfig.defaults().lint(),
                new RepositoryShaResolver(workspace));
            assertEquals(List.of(), linter.lint("PAY-142.md", md));
        }
    }

    /** ESC and BEL a ledger holds (a pasted coloured log, a hostile shared ledger) never reach the document raw. */
    @Test
    void controlCharactersOfTheLedgerAreMadeHarmless() {
        LedgerRepo r = new LedgerRepo(tmp);
        Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t
            .replace("text: \"CheckoutIT times out after 30 s\"", "text: \"log line \\e]0;owned\\a \\e[2J end\"")
            .replace("title: Checkout hangs after cache refactor", "title: \"Checkout hangs\\e[31m red\\x07\"")));
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            String md = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger).markdown();
            assertEquals(List.of("# PAY-142: Checkout hangs red\uFFFD", "  > log line \uFFFD]0;owned\uFFFD \uFFFD[2J end"),
                md.lines().filter(l -> l.contains("red") || l.contains("owned")).filter(l -> !l.startsWith("PAY-142")
                    && !l.startsWith("Symptom:")).toList());
            assertEquals(-1, md.indexOf('\u001b'), md);
            assertEquals(-1, md.indexOf('\u0007'), md);
        }
    }

    @Test
    void whatWasNotCoveredReadsAsCoverageToRcasOwnLintWhateverWordItStartsWith() {
        LedgerRepo r = new LedgerRepo(tmp);
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            PostmortemLinter linter = new PostmortemLinter(RcaConfig.defaults().lint(),
                new RepositoryShaResolver(workspace));
            for (String[] given : List.of(
                    new String[] {"not built with a real GCC 8", "Not covered: not built with a real GCC 8."},
                    new String[] {"not retested on the EU cluster", "Not retested on the EU cluster."},
                    new String[] {"the EU cluster", "Not covered: the EU cluster."})) {
                Ledger ledger = Ledger.load(r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace(
                    "not_covered: \"not retested on the EU cluster\"", "not_covered: \"" + given[0] + "\"")));
                String md = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger).markdown();
                String validation = md.substring(md.indexOf("## Validation"), md.indexOf("## Action items"));
                assertTrue(validation.contains("\n" + given[1] + "\n"), validation);
                assertEquals(List.of(), linter.lint("PAY-142.md", md), given[0]);
            }
        }
    }
}
