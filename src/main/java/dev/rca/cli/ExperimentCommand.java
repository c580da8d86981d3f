package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.ledger.ItemKind;
import dev.rca.ledger.Ledgers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca experiment "<what was done>" --tests=H<n> --result="…"}: records an experiment as {@code X<n>}. */
@Command(name = "experiment", description = "Records an experiment that tests a hypothesis and prints its id (X<n>).",
    footer = {"%nExample:%n  rca experiment \"thread dump during the hang\" --tests=H1 --result=\"no OrderLock holder\""})
public final class ExperimentCommand extends LedgerCommand {
    @Parameters(paramLabel = "<what was done>", description = "The experiment.")
    String action;

    @Option(names = "--tests", required = true, split = ",", paramLabel = "H<n>",
        description = "The hypothesis it tests (several separated by commas: --tests=H1,H2).")
    List<String> tests;

    @Option(names = "--result", required = true, paramLabel = "<what happened>", description = "What happened.")
    String result;

    @Option(names = "--at", paramLabel = "<when>", description = "When it was done, ISO-8601 (default: now, in UTC).")
    String at;

    @Override
    protected int execute() {
        List<String> tested = tests.stream().map(String::strip).distinct().toList();
        requireIds("--tests", tested, ItemKind.HYPOTHESIS);
        Map<String, Object> item = new LinkedHashMap<>();
        // the ledger's form for several: one string, as a hand-written 'tests: H1, H2' reads
        item.put("tests", String.join(", ", tested));
        item.put("action", requireText("the experiment", action));
        item.put("result", requireText("--result", result));
        item.put("at", at != null ? requireTime(at)
            : Ledgers.recordingTime(clock()));
        try (GitWorkspace workspace = openWorkspace()) {
            String id = ledgerFile(workspace).update(edit -> {
                tested.forEach(h -> edit.itemPath(h, null));
                return edit.addItem(ItemKind.EXPERIMENT, item);
            });
            out().println(id);
        }
        return 0;
    }
}
