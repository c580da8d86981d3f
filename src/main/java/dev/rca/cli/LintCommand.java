package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.json.Json;
import dev.rca.postmortem.LintFinding;
import dev.rca.postmortem.LintRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca lint <file.md>…}: checks post-mortems against the method. */
@Command(name = "lint",
    description = {"Checks post-mortems against the rules of a good one; exit 1 when any is broken.",
        "The nine sections in order, mandatory ones present and not empty, no hedging or blame, SHAs that resolve,"
            + " a root cause that names code, validation coverage stated, action items with owner and tracking.",
        "Findings read <file>:<line>:<col>: <rule>: <message>; exit 1 when there are any.",
        "Rules are turned off, and words added, in .rca.yaml at the repository root."},
    footer = {"%nExample:%n  rca lint docs/postmortems/PAY-142.md",
        "  rca lint --format=json docs/postmortems/*.md"})
public final class LintCommand extends RcaCommand {
    @Parameters(arity = "1..*", paramLabel = "<file.md>", description = "Post-mortems to check.")
    List<String> files;

    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "<format>",
        description = "table (file:line:col: rule: message, the default) or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        LintRun.Report report = LintRun.lint(directory(), files);
        for (String warning : report.warnings()) {
            err().println("rca: warning: " + warning);
        }
        if (format == OutputFormat.JSON) {
            out().println(Json.write(report.findings().stream().map(LintCommand::asJson).toList()));
        } else {
            report.findings().forEach(f -> out().println(f.render()));
        }
        return report.findings().isEmpty() ? ExitCode.OK : ExitCode.NEGATIVE;
    }

    private static Map<String, Object> asJson(LintFinding f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", f.file());
        json.put("line", f.line());
        json.put("column", f.column());
        json.put("rule", f.rule().id());
        json.put("message", f.message());
        return json;
    }
}
