package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.git.RevisionRange;
import dev.rca.ledger.LedgerFile;
import dev.rca.history.CommitWalk;
import dev.rca.history.LogOperands;
import dev.rca.history.LogQuery;
import dev.rca.history.PathHistory;
import dev.rca.history.Pickaxe;
import dev.rca.history.Pathspecs;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca log}: the commits {@code git log} lists for the same options, in the same order. */
@Command(name = "log", sortOptions = false,
    description = "List commits like git log: same options, same commits, same order.",
    footer = {"%nExamples:%n  rca log --grep=cache -i -n 5%n  rca log v1.0..main --no-merges --author=alice -- src/",
        "  rca log --since=2.weeks.ago --format=json", "  rca log -S evictLocked --oneline -- src/"})
public final class LogCommand extends LedgerCommand {
    @Parameters(paramLabel = "<rev-range>|<path>", description = "Revisions (A, ^A, A..B, A...B; default HEAD), "
        + "then paths after -- (or, as in git, paths in the working tree after the revisions).")
    List<String> positionals = new ArrayList<>();

    @Option(names = "--grep", paramLabel = "<re>", preprocessor = AttachedValue.class,
        description = "Message matches <re> (repeatable: any).")
    List<String> grep = new ArrayList<>();
    @Option(names = "--all-match", description = "Every --grep must match.")
    boolean allMatch;
    @Option(names = "--invert-grep", description = "Message matches no --grep.")
    boolean invertGrep;
    @Option(names = {"-i", "--regexp-ignore-case"}, description = "Patterns ignore case.")
    boolean ignoreCase;
    @Option(names = {"-F", "--fixed-strings"}, description = "Patterns are fixed strings.")
    boolean fixedStrings;
    @Option(names = "--author", paramLabel = "<re>", preprocessor = AttachedValue.class,
        description = "Author 'Name <email>' matches (repeatable).")
    List<String> authors = new ArrayList<>();
    @Option(names = "--committer", paramLabel = "<re>", preprocessor = AttachedValue.class,
        description = "Committer matches (repeatable).")
    List<String> committers = new ArrayList<>();
    @Option(names = "-S", paramLabel = "<string>", preprocessor = AttachedValue.class,
        description = "Diff changes how often a file holds <string> (git's pickaxe).")
    List<String> pickaxeString = new ArrayList<>();
    @Option(names = "-G", paramLabel = "<re>", preprocessor = AttachedValue.class,
        description = "Diff adds or removes a line matching <re>.")
    List<String> pickaxeLines = new ArrayList<>();
    @Option(names = "--pickaxe-regex", description = "-S takes a regular expression.")
    boolean pickaxeRegex;
    @Option(names = "--pickaxe-all", description = "As in git; lists the same commits.")
    boolean pickaxeAll;
    @Option(names = {"-a", "--text"}, description = "-G reads binary files as text.")
    boolean text;
    @Mixin
    DateRangeOptions dates;
    @Option(names = "--merges", description = "Only merge commits.")
    boolean merges;
    @Option(names = "--no-merges", description = "No merge commits.")
    boolean noMerges;
    @Option(names = "--first-parent", description = "Follow only the first parent of merges.")
    boolean firstParent;
    @Option(names = {"-n", "--max-count"}, paramLabel = "<n>", description = "At most <n> commits.")
    int maxCount = -1;
    @Option(names = "--all", description = "Start from every ref and HEAD, as if all were named.")
    boolean all;
    @Option(names = "--format", completionCandidates = OutputFormat.Commits.class,
        paramLabel = "<format>", description = "table (default), sha, json, oneline.")
    OutputFormat format = OutputFormat.TABLE;

    @Option(names = "--oneline", description = "The same as --format=oneline.")
    void oneline(boolean on) {
        if (on) {
            format = OutputFormat.ONELINE;
        }
    }

    @Override
    protected int execute() {
        try (GitWorkspace workspace = openHistoryWorkspace();
             CommitWalk walk = new CommitWalk(workspace, progress())) {
            LogOperands split = CommandLineArgs.hasDoubleDash(spec)
                ? LogOperands.dashed(positionals, CommandLineArgs.afterDoubleDash(spec))
                : LogOperands.split(workspace, positionals, CommandLineArgs.ownArgs(spec),
                    n -> CommandLineArgs.optionsAfterOperand(spec, root().typedArgs(), n));
            List<String> revisions = split.revisions();
            List<String> typedPaths = split.paths();
            LogQuery query = query(all ? workspace.withEveryRef(revisions) : revisions,
                Pathspecs.resolve(workspace, typedPaths));
            new RevisionRange(query.revisions()).nonCommits(workspace)
                .forEach(what -> notes().accept(what + ": left out, as git log leaves it out"));
            new PathHistory(workspace, walk).undecodedAndUnmatched(typedPaths, null)
                .forEach(p -> notes().accept(Pathspecs.undecodedNote(p)));
            if (query.pickaxe() != null) {
                Pickaxe.notes(workspace).forEach(notes());
            }
            LedgerFile ledger = ledgerToRecordInto(workspace);
            CommitPrinter printer = new CommitPrinter(outUntilRecorded(ledger), format, walk::abbreviate);
            if (ledger != null) {
                printer.keepingShas();
            }
            walk.run(query, printer::print);
            if (ledger != null) {
                List<String> operands = new ArrayList<>(revisions);
                typedPaths.forEach(path -> operands.add(pathFromTop(workspace, path)));
                recordQuery(ledger, operands, printer.printedShas());
            }
        }
        return 0;
    }

    LogQuery query(List<String> revisions, List<String> paths) {
        return new LogQuery(revisions, grep, allMatch, invertGrep, ignoreCase, fixedStrings, authors, committers,
            dates.sinceSeconds(root().now(), root().zone()), dates.untilSeconds(root().now(), root().zone()),
            LogQuery.MergeFilter.of(merges, noMerges),
            firstParent, maxCount < 0 ? -1 : maxCount, paths, // any negative count is no limit, as in git
            Pickaxe.of(last(pickaxeString), last(pickaxeLines), pickaxeRegex, ignoreCase, text));
    }

    /** An option given twice counts its last value, as in git. */
    private static String last(List<String> values) {
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
