package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.ledger.Experiment;
import dev.rca.ledger.Hypothesis;
import dev.rca.ledger.HypothesisStatus;
import dev.rca.ledger.ItemKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca confirm H<n> [--evidence=E1,X2]}: marks a hypothesis confirmed and links what confirms it. */
@Command(name = "confirm", description = "Marks a hypothesis confirmed, linking the evidence and experiments behind it.",
    footer = {"%nExample:%n  rca confirm H2 --evidence=E1,X2"})
public final class ConfirmCommand extends LedgerCommand {
    @Parameters(paramLabel = "H<n>", description = "The hypothesis to confirm.")
    String id;

    @Option(names = "--evidence", paramLabel = "E<n>|X<n>", split = ",", description = "Evidence and experiments that confirm it.")
    List<String> evidence = List.of();

    @Override
    protected int execute() {
        requireIds("confirm", List.of(id), ItemKind.HYPOTHESIS);
        requireIds("--evidence", evidence, ItemKind.EVIDENCE, ItemKind.EXPERIMENT);
        HypothesisStatus before;
        List<String> testingOthers = new ArrayList<>();
        try (GitWorkspace workspace = openWorkspace()) {
            before = ledgerFile(workspace).update(edit -> {
                evidence.forEach(e -> edit.itemPath(e, null));
                for (Experiment x : edit.ledger().experiments()) {
                    if (evidence.contains(x.id()) && x.tests() != null && !x.testedHypotheses().contains(id)) {
                        testingOthers.add(x.id() + " was recorded as testing " + x.tests().strip() + ", not " + id);
                    }
                }
                edit.itemPath(id, null);
                Hypothesis hypothesis = edit.ledger().hypothesis(id).orElseThrow();
                edit.setItemField(id, "status", "confirmed");
                // a reason for rejecting it, left beside "confirmed", would read as the reason it holds
                edit.removeItemField(id, "because");
                List<String> linked = new ArrayList<>(hypothesis.evidence());
                evidence.stream().filter(e -> !linked.contains(e)).forEach(linked::add);
                if (!linked.equals(hypothesis.evidence())) {
                    edit.setItemField(id, "evidence", linked);
                }
                return hypothesis.status();
            });
        }
        out().println(id + " confirmed");
        // linked all the same (ruling another hypothesis out can support this one), but the reader should know
        testingOthers.forEach(note -> err().println("rca: note: " + note + "; linked as evidence all the same"));
        noteChangeOfMind(id, before, HypothesisStatus.CONFIRMED);
        return 0;
    }
}
