package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.history.AuthorSummary;
import dev.rca.history.CommitWalk;
import dev.rca.history.HistoryArguments;
import dev.rca.history.HistoryQuery;
import dev.rca.history.PathHistory;
import dev.rca.history.PathQuoting;
import dev.rca.history.Pathspecs;
import dev.rca.json.Json;
import dev.rca.ledger.LedgerFile;
import dev.rca.logs.LogLineReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca history}: the commits that changed some paths, across renames with {@code --follow}. */
@Command(name = "history", sortOptions = false,
    description = "Per-path history: the commits that changed <path>…, like git log [<rev>] -- <path>….",
    footer = {"%nExamples:%n  rca history src/cache --follow --stat%n  rca history src/Cart.java v2.0 --authors"})
public final class HistoryCommand extends LedgerCommand {
    @Parameters(arity = "1..*", paramLabel = "<path>… [<rev>]",
        description = "Files or directories, optionally followed by the revision to start from (default HEAD).")
    List<String> operands;

    @Option(names = "--follow", description = "Follow renames of files and directories, across merges.")
    boolean follow;
    @Mixin
    DateRangeOptions dates;
    @Option(names = "--first-parent", description = "Follow only the first parent of merges.")
    boolean firstParent;
    @Option(names = "--authors", description = "Summarise per author: commits, lines added/removed, first/last date.")
    boolean authors;
    @Option(names = "--stat", description = "Show the lines each commit added and removed under the paths.")
    boolean stat;
    @Option(names = {"-n", "--max-count"}, paramLabel = "<n>", description = "At most <n> commits (not with --authors).")
    Integer maxCount;
    @Option(names = "--format", completionCandidates = OutputFormat.Commits.class,
        paramLabel = "<format>", description = "table (default), sha, json, oneline.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        if (authors) {
            if (maxCount != null) {
                throw RcaException.usage("-n counts listed commits; --authors summarises them all");
            }
            OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.JSON);
        }
        Long sinceSeconds = dates.sinceSeconds(root().now(), root().zone());
        Long untilSeconds = dates.untilSeconds(root().now(), root().zone());
        try (GitWorkspace workspace = openHistoryWorkspace();
             CommitWalk walk = new CommitWalk(workspace, progress())) {
            int afterDash = CommandLineArgs.afterDoubleDash(spec);
            HistoryArguments args = HistoryArguments.split(workspace, operands, afterDash);
            if (args.revision() != null) {
                workspace.resolveCommit(args.revision());
            }
            HistoryQuery query = new HistoryQuery(Pathspecs.resolve(workspace, args.paths()), args.revision(), follow,
                sinceSeconds, untilSeconds, firstParent, stat);
            PathHistory history = new PathHistory(workspace, walk);
            // read only where names are shown: a core.quotePath git would refuse stops only such a listing
            PathQuoting quoting = follow ? PathQuoting.of(workspace) : null;
            history.undecodedAndUnmatched(args.paths(), args.revision())
                .forEach(p -> notes().accept(Pathspecs.undecodedNote(p)));
            args.requireKnownPaths(workspace, history);
            LedgerFile ledger = ledgerToRecordInto(workspace);
            PrintWriter out = outUntilRecorded(ledger);
            if (authors) {
                printAuthors(out, history.authors(query));
                if (ledger != null) {
                    List<String> shas = new ArrayList<>();
                    history.run(query, e -> shas.add(e.commit().sha()));
                    recordQuery(ledger, operandsFromTop(workspace, args, afterDash), shas);
                }
                return 0;
            }
            CommitPrinter printer = new CommitPrinter(out, format, walk::abbreviate);
            if (ledger != null) {
                printer.keepingShas();
            }
            int[] left = {maxCount == null || maxCount < 0 ? Integer.MAX_VALUE : maxCount};
            if (left[0] > 0) {
                history.run(query, e -> printer.print(e.commit(), follow ? shownPaths(e.paths(), quoting) : null,
                    e.hasStat() ? new long[] {e.added(), e.removed()} : null) && --left[0] > 0);
            }
            if (ledger != null) {
                recordQuery(ledger, operandsFromTop(workspace, args, afterDash), printer.printedShas());
            }
        }
        return 0;
    }

    /** The operands as typed, its paths named from the top of the work tree (they come first, or after --). */
    private List<String> operandsFromTop(GitWorkspace workspace, HistoryArguments args, int afterDash) {
        List<String> fromTop = new ArrayList<>(operands);
        int first = afterDash > 0 ? operands.size() - afterDash : 0;
        for (int i = 0; i < args.paths().size(); i++) {
            fromTop.set(first + i, pathFromTop(workspace, args.paths().get(i)));
        }
        return fromTop;
    }

    /** The names a row shows: as they are in JSON, else as git prints them (quoted where git would quote). */
    private String shownPaths(List<String> paths, PathQuoting quoting) {
        return String.join(", ", format == OutputFormat.JSON ? paths : paths.stream().map(quoting::quote).toList());
    }

    private void printAuthors(PrintWriter out, List<AuthorSummary> rows) {
        for (AuthorSummary a : rows) {
            if (format == OutputFormat.JSON) {
                out.println(Json.write(a.toJson()));
            } else {
                out.printf("%6d  %7s %7s  %s  %s  %s <%s>%n", a.commits(), "+" + a.added(), "-" + a.removed(),
                    a.first().toLocalDate(), a.last().toLocalDate(), LogLineReader.clean(a.name()),
                    LogLineReader.clean(a.email()));
            }
        }
    }
}
