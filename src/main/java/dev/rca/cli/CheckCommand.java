package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.LedgerChecker;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerProblem;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code rca check}: validates a ledger against the format and the repository. */
@Command(name = "check", description = "Validates the ledger: the format, that no id names two items, that every referenced id exists, that every "
    + "SHA resolves, that offending commits are ancestors of the fix, that likelihoods lie in [0, 1], that "
    + "every rejected hypothesis says why and no confirmed one keeps a reason for rejecting it. Prints findings "
    + "as <file>:<line>:<col>: <message>; exit 1 if any.",
    footer = {"%nExample:%n  rca check -t PAY-142"})
public final class CheckCommand extends LedgerCommand {
    @Override
    protected int execute() {
        List<LedgerProblem> findings;
        LedgerFile file;
        try (GitWorkspace workspace = openWorkspace()) {
            file = ledgerFile(workspace);
            LedgerFile.CheckedReading reading = file.readForCheck();
            if (!reading.formatProblems().isEmpty()) {
                for (LedgerProblem problem : reading.formatProblems()) {
                    err().println(problem.toException(file.displayName()).render());
                }
                return ExitCode.BAD_INPUT;
            }
            findings = LedgerChecker.check(reading, file.ticket(), new GitCommitLookup(workspace));
        }
        for (LedgerProblem finding : findings) {
            out().println(finding.render(file.displayName()));
        }
        return findings.isEmpty() ? ExitCode.OK : ExitCode.NEGATIVE;
    }
}
