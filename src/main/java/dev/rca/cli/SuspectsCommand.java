package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RevisionRange;
import dev.rca.graph.LedgerViews;
import dev.rca.ledger.Evidence;
import dev.rca.json.Json;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.Ledgers;
import dev.rca.ledger.LooseInstant;
import dev.rca.logs.LogLineReader;
import dev.rca.suspects.Pointer;
import dev.rca.suspects.Suspect;
import dev.rca.suspects.SuspectFinder;
import dev.rca.suspects.SuspectQuery;
import dev.rca.suspects.SuspectReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca suspects <fix-rev>}: ranks the commits most likely to have introduced the bug a fix repairs. */
@Command(name = "suspects",
    description = {"Ranks the commits most likely to have introduced the bug that <fix-rev> fixes, each with a "
        + "score and its reasons. Abstains (exit 1, nothing on stdout) when no candidate is credible."},
    footer = {"%nExample:%n  rca suspects HEAD --top=3%n  rca suspects v2.1.1 --no-trailers --format=json"})
public final class SuspectsCommand extends LedgerCommand {
    @Parameters(index = "0", paramLabel = "<fix-rev>", description = "the commit that fixes the bug")
    String fix;

    @Option(names = "--top", paramLabel = "<n>", description = "how many suspects to list (default: ${DEFAULT-VALUE})")
    int top = SuspectQuery.DEFAULT_TOP;

    @Option(names = "--no-trailers", description = "ignore Fixes:, Regression from/since/in, This reverts commit and "
        + "introduced by/in, broken in/by, caused by pointers in the fix's message")
    boolean noTrailers;

    @Option(names = "--format", completionCandidates = OutputFormat.TableShaOrJson.class, paramLabel = "<format>",
        description = "table (default), sha or json")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        if (top < 1) {
            throw RcaException.usage("--top must be at least 1, not " + top);
        }
        SuspectReport report;
        try (GitWorkspace workspace = openHistoryWorkspace(); SuspectFinder finder = new SuspectFinder(workspace)) {
            refuseRange(workspace);
            LedgerFile ledger = ledgerToRecordInto(workspace);
            Ledger read = ledger == null ? null : ledger.read();
            Instant firstSymptom = read == null ? null : LedgerViews.earliestSymptom(read);
            if (read != null) {
                // rca check reports these too; here they would move the first symptom unsaid
                read.symptoms().stream().filter(s -> LooseInstant.isUnreadable(s.at())).forEach(s -> err().println(
                    "rca: warning: symptom " + s.id() + " is at '" + s.at() + "', which is not a time rca can read: it"
                        + " is not taken for the first symptom"));
            }
            report = finder.find(fix, new SuspectQuery(top, !noTrailers, firstSymptom), progress());
            if (ledger != null && !report.abstained()) {
                record(ledger, report);
            }
        }
        for (Pointer p : report.pointers()) {
            if (!p.trusted()) {
                err().println("rca: warning: not trusted: '" + p.kind().phrase() + " " + p.written() + "': " + p.note());
            }
        }
        report.warnings().forEach(warning -> err().println("rca: warning: " + warning));
        report.notes().forEach(note -> err().println("rca: note: " + note));
        if (report.abstained()) {
            err().println("rca: no suspect: " + report.abstention());
            return ExitCode.NEGATIVE;
        }
        switch (format) {
            case SHA -> report.suspects().forEach(s -> out().println(s.sha()));
            case JSON -> out().println(Json.write(report.toJson()));
            default -> table(report);
        }
        return ExitCode.OK;
    }

    /**
     * A range is a usage error naming the commit it most likely means; two dots are read as git reads them, so a
     * message search holding two ({@code :/evict..lock}) is one commit, as {@code rca evidence} takes it.
     */
    private void refuseRange(GitWorkspace workspace) {
        List<String> ends = RevisionRange.ends(workspace, fix);
        // a side that names nothing makes the whole an unknown revision, as git and rca log say (not a range whose
        // hint would name it)
        if (!ends.isEmpty() && ends.stream().allMatch(workspace::namesObject)) {
            // A..B means B, A^! means A; ^A names what is left out
            throw RcaException.usage("suspects takes one fix commit, not a range: '" + fix + "'")
                .withHint("name the commit that fixed the bug, e.g. rca suspects "
                    + (fix.startsWith("^") ? "HEAD" : ends.get(ends.size() - 1)));
        }
    }

    private void record(LedgerFile ledger, SuspectReport report) {
        Map<String, Object> item = Ledgers.stamped(report.toEvidence(Evidence.SUSPECTS, invocationFromTop(List.of(fix))), clock());
        sayRecorded(ledger, Ledgers.recordResult(ledger, item), "this ranking");
    }

    private void table(SuspectReport report) {
        out().println("RANK  SCORE  COMMIT        DATE        SUBJECT");
        int rank = 1;
        for (Suspect s : report.suspects()) {
            out().printf(Locale.ROOT, "%-4d  %.3f  %s  %s  %s%n", rank++, s.score(), s.sha().substring(0, 12),
                s.authored().toLocalDate(), LogLineReader.clean(s.subject()));
            out().println("      " + LogLineReader.clean(String.join("; ", s.reasons())));
        }
    }
}
