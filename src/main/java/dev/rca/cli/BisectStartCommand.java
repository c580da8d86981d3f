package dev.rca.cli;

import dev.rca.bisect.ActiveBisection;
import dev.rca.bisect.BisectLock;
import dev.rca.bisect.Bisection;
import dev.rca.git.GitWorkspace;
import dev.rca.git.ScratchCheckout;
import dev.rca.history.PathHistory;
import dev.rca.history.Pathspecs;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca bisect-helper start}. */
@Command(name = "start", description = "Starts a bisection: prints the candidates, the estimated steps and the first candidate.",
    footer = {"%nExample:%n  rca bisect-helper start --bad=HEAD --good=v1.2 -- src/cache"})
public final class BisectStartCommand extends BisectSubcommand {
    @Option(names = "--bad", required = true, paramLabel = "<rev>", description = "A commit that shows the bug.")
    String bad;

    @Option(names = "--good", required = true, paramLabel = "<rev>", description = "A commit without the bug (repeatable).")
    List<String> good = new ArrayList<>();

    @Option(names = "--first-parent", description = "Follow only the first parent of merges.")
    boolean firstParent;

    @Option(names = "--force", description = {"With -t: replace the bisection the ledger records even when it took"
        + " steps (its verdicts are evidence; without --force, start refuses)."})
    boolean force;

    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "<format>", description = "table or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Parameters(paramLabel = "<path>", description = "Only commits touching these paths (after --).")
    List<String> paths = new ArrayList<>();

    @Override
    protected int execute() {
        try (GitWorkspace ws = openHistoryWorkspace(); BisectLock lock = lock(ws, "start")) {
            Bisection bisection = new Bisection(ws, ActiveBisection.forStart(ws, ticket, force, notes(), clock()));
            // before the new bisection is saved, so a park that fails leaves no state behind; parking only sets
            // files aside, and the checkout of whichever bisection comes next takes them back
            try (ScratchCheckout scratch = ScratchCheckout.of(ws, "bisect")) {
                scratch.park();
            }
            Bisection.Status status = bisection.start(bad, good, paths, firstParent);
            // only once the new one is saved: the bisection it replaces, kept in the other place, is ended
            ActiveBisection.started(ws, ticket);
            PathHistory.undecodedAndUnmatchedInBisection(ws, paths, bad)
                .forEach(p -> notes().accept(Pathspecs.undecodedNote(p)));
            return printChoice(bisection, status, out(), format);
        }
    }
}
