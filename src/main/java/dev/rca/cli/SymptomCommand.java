package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.ledger.ItemKind;
import dev.rca.ledger.Ledgers;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca symptom "<text>"}: records an observed symptom as {@code S<n>}. */
@Command(name = "symptom", description = "Records an observed symptom in the ledger and prints its id (S<n>).",
    footer = {"%nExample:%n  rca symptom \"CheckoutIT times out after 30 s\" --kind=test --source=\"CI run 4411\" "
        + "--at=2026-11-20T09:12:00Z"})
public final class SymptomCommand extends LedgerCommand {
    @Parameters(paramLabel = "<text>", description = "What was observed.")
    String text;

    @Option(names = "--kind", paramLabel = "<kind>", description = "What kind of observation: test, log, metric, user report…")
    String kind;

    @Option(names = "--source", paramLabel = "<where>", description = "Where it was seen (CI run, dashboard, log file).")
    String source;

    @Option(names = "--at", paramLabel = "<when>", description = "When it was seen, ISO-8601 (2026-11-20T09:12:00Z, or with an offset).")
    String at;

    @Override
    protected int execute() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", Ledgers.requireNoControlCharacters("--kind", kind));
        item.put("text", requireText("the symptom", text));
        item.put("source", Ledgers.requireNoControlCharacters("--source", source));
        item.put("at", requireTime(at));
        try (GitWorkspace workspace = openWorkspace()) {
            String id = ledgerFile(workspace).update(edit -> edit.addItem(ItemKind.SYMPTOM, item));
            out().println(id);
        }
        return 0;
    }
}
