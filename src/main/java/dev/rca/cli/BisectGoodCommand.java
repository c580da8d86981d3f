package dev.rca.cli;

import dev.rca.bisect.Verdict;
import picocli.CommandLine.Command;

/** {@code rca bisect-helper good}. */
@Command(name = "good", description = "Marks a commit good (default: the current candidate) and prints the next.",
    footer = {"%nExample:%n  rca bisect-helper good"})
public final class BisectGoodCommand extends BisectMarkCommand {
    @Override
    Verdict verdict() {
        return Verdict.GOOD;
    }
}
