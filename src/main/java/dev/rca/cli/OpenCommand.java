package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerKind;
import dev.rca.ledger.LedgerLocator;
import dev.rca.ledger.LedgerTemplate;
import dev.rca.ledger.Ledgers;
import dev.rca.ledger.TicketId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca open <TICKET>}: starts an evidence ledger. */
@Command(name = "open", description = "Creates the evidence ledger docs/postmortems/<TICKET>.yaml and prints its path.",
    footer = {"%nExample:%n  rca open PAY-142 --title=\"Checkout hangs after cache refactor\" --owner=\"Payments team\""})
public final class OpenCommand extends RcaCommand {
    @Parameters(paramLabel = "<TICKET>", arity = "0..1",
        description = "Ticket id: a letter, then up to 63 letters, digits, '.', '_', '-'.")
    String ticket;

    @Option(names = {"-t", "--ticket"}, paramLabel = "<TICKET>", description = "The ticket id, as an option.")
    String ticketOption;

    @Option(names = "--title", paramLabel = "<text>", description = "One line: what users saw.")
    String title;

    @Option(names = "--owner", paramLabel = "<who>", description = "The team or person driving the investigation.")
    String owner;

    @Option(names = "--kind", paramLabel = "bug|incident", description = "bug (default) or incident.")
    LedgerKind kind = LedgerKind.BUG;

    @Override
    protected int execute() {
        if ((ticket == null) == (ticketOption == null)) {
            throw RcaException.usage("name the ticket once: rca open <TICKET>");
        }
        TicketId id = new TicketId(ticket != null ? ticket : ticketOption);
        Ledgers.requireNoControlCharacters("--title", title);
        Ledgers.requireNoControlCharacters("--owner", owner);
        try (GitWorkspace workspace = openWorkspace()) {
            LedgerFile file = LedgerLocator.of(workspace).file(id);
            file.create(LedgerTemplate.render(id, title, kind, owner));
            out().println(shownPath(file.path()));
            if (kind == LedgerKind.INCIDENT) {
                err().println("rca: warning: an incident needs its own incident report (timeline, blast radius, "
                    + "paging history, communications); this ledger covers the root-cause analysis only");
            }
        }
        return 0;
    }
}
