package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.Hypothesis;
import dev.rca.ledger.HypothesisStatus;
import dev.rca.ledger.ItemKind;
import dev.rca.io.PaddedSeparator;
import dev.rca.logs.LogLineReader;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca reject H<n> --because="…"}: marks a hypothesis rejected, with its reason. */
@Command(name = "reject", description = "Marks a hypothesis rejected; the reason is required.",
    footer = {"%nExample:%n  rca reject H1 --because=\"thread dump shows no thread holding OrderLock\""})
public final class RejectCommand extends LedgerCommand {
    private static final Pattern LINE_BREAK = PaddedSeparator.of("\n");

    @Parameters(paramLabel = "H<n>", description = "The hypothesis to reject.")
    String id;

    @Option(names = "--because", required = true, paramLabel = "<one line>", description = "Why it is rejected.")
    String because;

    @Override
    protected int execute() {
        requireIds("reject", List.of(id), ItemKind.HYPOTHESIS);
        String reason = requireText("--because", because);
        if (reason.contains("\n") || reason.contains("\r")) {
            throw RcaException.usage("--because must be one line");
        }
        Hypothesis before;
        try (GitWorkspace workspace = openWorkspace()) {
            before = ledgerFile(workspace).update(edit -> {
                edit.setItemField(id, "status", "rejected");
                edit.setItemField(id, "because", reason);
                return edit.ledger().hypothesis(id).orElseThrow();
            });
        }
        out().println(id + " rejected");
        noteChangeOfMind(id, before.status(), HypothesisStatus.REJECTED);
        String was = before.because() == null ? "" : before.because().strip();
        if (before.status() == HypothesisStatus.REJECTED && !was.isEmpty() && !was.equals(reason)) {
            // as for a change of mind: a slip of the id would otherwise replace another hypothesis's reason unseen
            err().println("rca: note: " + id + " was already rejected because: "
                + LINE_BREAK.matcher(LogLineReader.cleanLines(was)).replaceAll(" ")
                + "; that reason is replaced");
        }
        return 0;
    }
}
