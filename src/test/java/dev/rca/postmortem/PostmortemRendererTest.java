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
            String md = new PostmortemRenderer(new GitCommitLookup(workspace), b -> -1).render(ledger).markdown();
            assertEquals(List.of("Bisection: 1 step between good " + r.base.name().substring(0, 12) + " and bad "
                + r.fixParent.name().substring(0, 12) + " (`v1.3_rc`), testing ``sh -c 'grep -q `ok` out'`` (each commit 3"
                + " times, as a flaky test, flake rate `0.1`); first bad commit: " + r.offending.name().substring(0, 12)
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
}
