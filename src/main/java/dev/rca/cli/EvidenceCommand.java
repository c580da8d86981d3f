package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.ledger.CommitInfo;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.Ledgers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca evidence <rev> [--note=…]}: records a commit as evidence {@code E<n>}. */
@Command(name = "evidence", description = "Records a commit as evidence (full SHA, subject, author, date) and prints "
    + "its id (E<n>).",
    footer = {"%nExample:%n  rca evidence HEAD~3 --note=\"introduced CartCache.evict\""})
public final class EvidenceCommand extends LedgerCommand {
    @Parameters(paramLabel = "<rev>", description = "A commit, in git's revision syntax.")
    String revision;

    @Option(names = "--note", paramLabel = "<text>", description = "Why this commit matters.")
    String note;

    @Override
    protected int execute() {
        Ledgers.requireNoControlCharacters("--note", note);
        try (GitWorkspace workspace = openWorkspace()) {
            LedgerFile file = ledgerFile(workspace);
            CommitInfo commit = new GitCommitLookup(workspace).require(revision);
            Ledgers.RecordedEvidence recorded = Ledgers.recordCommit(file, commit,
                note == null || note.isBlank() ? null : note.strip());
            if (!recorded.added()) {
                err().println("rca: note: " + commit.sha().substring(0, 12) + " is already " + recorded.id()
                    + "; nothing added" + (note == null || note.isBlank() ? "" : " (edit its note: in the ledger)"));
            }
            out().println(recorded.id());
        }
        return 0;
    }
}
