package dev.rca.cli;

import dev.rca.RcaException;
import picocli.CommandLine.Command;

/** {@code rca bisect-helper}: bisection in a scratch checkout, deterministic or for flaky tests. */
@Command(name = "bisect-helper",
    description = {"Bisects between a good and a bad commit in a scratch checkout, never touching your work tree.",
        "The checkout is under .git/rca/; your index, HEAD and refs are left alone too. Choices match git bisect's;"
            + " with 'run --flaky' a noisy test is handled by Bayesian search."},
    synopsisSubcommandLabel = "<command>",
    subcommands = {BisectStartCommand.class, BisectGoodCommand.class, BisectBadCommand.class,
        BisectSkipCommand.class, BisectNextCommand.class, BisectRunCommand.class, BisectStatusCommand.class,
        BisectLogCommand.class, BisectRangeCommand.class, BisectResetCommand.class},
    footer = {"%nExample:%n  rca bisect-helper start --bad=HEAD --good=v1.2%n  rca bisect-helper run -- make test"})
public final class BisectHelperCommand extends RcaCommand {
    @Override
    protected int execute() {
        spec.commandLine().usage(err());
        throw RcaException.usage("no bisect-helper command given");
    }
}
