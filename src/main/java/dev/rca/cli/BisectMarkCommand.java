package dev.rca.cli;

import dev.rca.bisect.BisectLock;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.Verdict;
import dev.rca.git.GitWorkspace;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code good}, {@code bad} and {@code skip}: a verdict on a commit, then the next candidate. */
abstract class BisectMarkCommand extends BisectSubcommand {
    @Parameters(arity = "0..1", paramLabel = "<rev>", description = "The commit (default: the current candidate).")
    String revision;

    @Option(names = "--format", completionCandidates = OutputFormat.TableOrJson.class,
        paramLabel = "<format>", description = "table or json.")
    OutputFormat format = OutputFormat.TABLE;

    abstract Verdict verdict();

    @Override
    protected int execute() {
        try (GitWorkspace ws = openWorkspace(); BisectLock lock = lock(ws, verdict().label())) {
            Bisection bisection = bisection(ws);
            Bisection.Status status = bisection.mark(revision, verdict());
            return printChoice(bisection, status, out(), format);
        }
    }
}
