package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.ItemKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca hypothesis "<text>"}: records a candidate cause as {@code H<n>}. */
@Command(name = "hypothesis", description = "Records a hypothesis in the ledger and prints its id (H<n>).",
    footer = {"%nExample:%n  rca hypothesis \"Lock ordering between CartCache.evict and OrderLock\" --likelihood=0.4 "
        + "--explains=S1,S2"})
public final class HypothesisCommand extends LedgerCommand {
    @Parameters(paramLabel = "<text>", description = "The suspected cause, with code identifiers.")
    String text;

    @Option(names = "--likelihood", paramLabel = "<0..1>", description = "How likely it is, from 0 to 1.")
    Double likelihood;

    @Option(names = "--explains", paramLabel = "S<n>", split = ",", description = "The symptoms it would explain.")
    List<String> explains = List.of();

    @Override
    protected int execute() {
        if (likelihood != null && !(likelihood >= 0 && likelihood <= 1)) {
            throw RcaException.usage("--likelihood must lie between 0 and 1, not " + likelihood);
        }
        // a symptom named twice is explained once
        List<String> explained = explains.stream().map(String::strip).distinct().toList();
        requireIds("--explains", explained, ItemKind.SYMPTOM);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("text", requireText("the hypothesis", text));
        item.put("likelihood", likelihood);
        item.put("status", "open");
        if (!explained.isEmpty()) {
            item.put("explains", explained);
        }
        try (GitWorkspace workspace = openWorkspace()) {
            String id = ledgerFile(workspace).update(edit -> {
                explained.forEach(symptom -> edit.itemPath(symptom, null));
                return edit.addItem(ItemKind.HYPOTHESIS, item);
            });
            out().println(id);
        }
        return 0;
    }
}
