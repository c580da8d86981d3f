package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.bisect.BisectLock;
import dev.rca.bisect.Bisection;
import dev.rca.git.GitWorkspace;
import dev.rca.git.ScratchCheckout;
import picocli.CommandLine.Command;

/** {@code rca bisect-helper next}. */
@Command(name = "next", description = "Checks the current candidate out under .git/rca/ and prints that directory.",
    footer = {"%nExample:%n  cd \"$(rca bisect-helper next)\" && make test"})
public final class BisectNextCommand extends BisectSubcommand {
    @Override
    protected int execute() {
        try (GitWorkspace ws = openWorkspace(); BisectLock lock = lock(ws, "next")) {
            Bisection bisection = bisection(ws);
            Bisection.Status status = bisection.status();
            if (status.state().flaky()) {
                throw RcaException.badInput("in flaky mode 'rca bisect-helper run --flaky' chooses and tests the commits")
                    .withHint("continue with 'rca bisect-helper run --flaky -- <cmd>', or start again");
            }
            String commit = status.nextCommit();
            if (commit == null) {
                throw RcaException.badInput("the bisection is over; there is no candidate to check out")
                    .withHint("see 'rca bisect-helper status'");
            }
            try (ScratchCheckout scratch = ScratchCheckout.of(ws, "bisect", w -> err().println("rca: warning: " + w))) {
                out().println(scratch.checkout(commit));
            }
            return 0;
        }
    }
}
