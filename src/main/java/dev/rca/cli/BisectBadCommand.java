package dev.rca.cli;

import dev.rca.bisect.Verdict;
import picocli.CommandLine.Command;

/** {@code rca bisect-helper bad}. */
@Command(name = "bad", description = "Marks a commit bad (default: the current candidate) and prints the next.",
    footer = {"%nExample:%n  rca bisect-helper bad"})
public final class BisectBadCommand extends BisectMarkCommand {
    @Override
    Verdict verdict() {
        return Verdict.BAD;
    }
}
