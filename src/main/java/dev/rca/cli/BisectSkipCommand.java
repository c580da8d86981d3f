package dev.rca.cli;

import dev.rca.bisect.Verdict;
import picocli.CommandLine.Command;

/** {@code rca bisect-helper skip}. */
@Command(name = "skip", description = "Marks a commit skip (default: the current candidate) and prints the next.",
    footer = {"%nExample:%n  rca bisect-helper skip"})
public final class BisectSkipCommand extends BisectMarkCommand {
    @Override
    Verdict verdict() {
        return Verdict.SKIP;
    }
}
