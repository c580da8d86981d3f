package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.LedgerChecker;
import dev.rca.ledger.LedgerFile;
import dev.rca.json.Json;
import dev.rca.ledger.LedgerProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca check}: validates a ledger against the format and the repository. */
@Command(name = "check", description = "Validates the ledger: the format, that no id names two items, that every referenced id exists, that every "
    + "SHA resolves, that offending commits are ancestors of the fix, that likelihoods lie in [0, 1], that "
    + "every rejected hypothesis says why and no confirmed one keeps a reason for rejecting it. Prints findings "
    + "as <file>:<line>:<col>: <message>; exit 1 if any.",
    footer = {"%nExample:%n  rca check -t PAY-142", "  rca check -t PAY-142 --format=json"})
public final class CheckCommand extends LedgerCommand {
    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "<format>",
        description = "table (file:line:col: message, the default) or json.")
    OutputFormat format = OutputFormat.TABLE;

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
        if (format == OutputFormat.JSON) {
            String name = file.displayName();
            out().println(Json.write(findings.stream().map(f -> asJson(name, f)).toList()));
        } else {
            findings.forEach(f -> out().println(f.render(file.displayName())));
        }
        return findings.isEmpty() ? ExitCode.OK : ExitCode.NEGATIVE;
    }

    /** As {@code rca lint --format=json} gives its findings, without a rule: a ledger's findings have none. */
    private static Map<String, Object> asJson(String file, LedgerProblem finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file);
        json.put("line", finding.position().line());
        json.put("column", finding.position().column());
        json.put("message", finding.message());
        return json;
    }
}
