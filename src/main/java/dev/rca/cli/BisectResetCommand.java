package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.bisect.ActiveBisection;
import dev.rca.bisect.BisectLock;
import dev.rca.git.GitWorkspace;
import dev.rca.git.ScratchCheckout;
import picocli.CommandLine.Command;

/** {@code rca bisect-helper reset}. */
@Command(name = "reset", description = "Forgets the bisection; its scratch checkout is set aside for the next one.",
    footer = {"%nExample:%n  rca bisect-helper reset"})
public final class BisectResetCommand extends BisectSubcommand {
    @Override
    protected int execute() {
        try (GitWorkspace ws = openWorkspace(); BisectLock lock = lock(ws, "reset")) {
            // with -t, refused when the bisection in progress is not in that ledger
            boolean existed;
            try {
                existed = bisection(ws).existing().isPresent();
            } catch (RcaException unreadable) {
                if (ticket != null) {
                    throw unreadable;
                }
                // the ledger that holds it is gone or broken (another branch checked out, say): reset still ends it
                err().println("rca: note: " + unreadable.getMessage() + "; ending it anyway");
                existed = true;
            }
            // parked first: a park that fails must leave the bisection in place (a failing command writes nothing)
            try (ScratchCheckout scratch = ScratchCheckout.of(ws, "bisect")) {
                scratch.park();
            }
            // wherever it is; both places are cleared, in case a start was killed before ending the one it replaced;
            // the output its runs kept goes too, as git removes BISECT_RUN
            ActiveBisection.end(ws);
            out().println(existed ? "bisection reset" : "no bisection in progress");
            return 0;
        }
    }
}
