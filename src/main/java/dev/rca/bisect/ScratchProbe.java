package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.CommandRunner;
import dev.rca.git.ScratchCheckout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tests a commit by checking it out in the bisection's scratch directory and running the user's
 * command there with {@code RCA_COMMIT} set, reading its exit code as {@code git bisect run} does.
 */
public final class ScratchProbe implements BisectRunner.Probe {
    private final ScratchCheckout checkout;
    private final List<String> command;
    private final Duration timeout;
    private final Consumer<CommandRunner.Result> onResult;

    /**
     * @param timeout null for none
     * @param onResult sees every run (for logs), may be a no-op
     */
    public ScratchProbe(ScratchCheckout checkout, List<String> command, Duration timeout,
                        Consumer<CommandRunner.Result> onResult) {
        this.checkout = checkout;
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.onResult = onResult;
    }

    @Override
    public Verdict test(String commit) {
        Path dir = checkout.checkout(commit);
        CommandRunner.Result result = CommandRunner.run(command, dir, Map.of("RCA_COMMIT", commit), timeout);
        onResult.accept(result);
        if (result.timedOut()) {
            throw RcaException.badInput("the test timed out after " + timeout.toSeconds() + " s at " + commit
                + "; bisection stopped (the verdicts so far are kept)")
                .withHint("raise --timeout, or fix the hang and rerun 'rca bisect-helper run' to resume");
        }
        Verdict v = Verdict.ofExitCode(result.exitCode());
        if (v == null) {
            throw RcaException.badInput("the test exited " + result.exitCode() + " at " + commit
                + "; bisection stopped (exit codes above 127 or below 0 abort, as in git bisect run)")
                .withHint("make the test exit 0 (good), 1-127 except 125 (bad) or 125 (skip), then rerun to resume");
        }
        return v;
    }
}
