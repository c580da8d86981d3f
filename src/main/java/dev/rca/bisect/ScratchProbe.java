package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.CommandRunner;
import dev.rca.git.ScratchCheckout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Tests a commit by checking it out in the bisection's scratch directory and running the user's
 * command there with {@code RCA_COMMIT} set, reading its exit code as {@code git bisect run} does.
 */
public final class ScratchProbe implements BisectRunner.Probe {
    private final ScratchCheckout checkout;
    private final CommandRunner.Starter starter;
    private final List<String> command;
    private final Duration timeout;
    private final BiConsumer<String, CommandRunner.Result> onResult;
    private final String knownGood;
    private boolean firstRun = true;
    /** The exit code of a test killed by SIGINT (128 + 2), as the shell and the JVM report it. */
    private static final int EXIT_SIGINT = 130;

    /**
     * @param starter runs the command ({@code CommandRunner::run}, or the daemon's client)
     * @param timeout null for none
     * @param knownGood a good commit: if the first run exits 126 or 127 (the shell's "cannot execute"
     *     and "not found"), the test is run there too, and the same code there aborts, as in git
     * @param onResult sees every run and the commit it ran at (for logs), may be a no-op
     */
    public ScratchProbe(ScratchCheckout checkout, CommandRunner.Starter starter, List<String> command,
                        Duration timeout, String knownGood, BiConsumer<String, CommandRunner.Result> onResult) {
        this.checkout = checkout;
        this.starter = starter;
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.knownGood = knownGood;
        this.onResult = onResult;
    }

    private CommandRunner.Result runAt(String commit) {
        Path dir = checkout.checkout(commit);
        CommandRunner.Result result = starter.run(command, dir, Map.of("RCA_COMMIT", commit), timeout);
        onResult.accept(commit, result);
        return result;
    }

    @Override
    public Verdict test(String commit) {
        CommandRunner.Result result = runAt(commit);
        if (firstRun && knownGood != null && (result.exitCode() == 126 || result.exitCode() == 127)) {
            firstRun = false;
            CommandRunner.Result good = runAt(knownGood);
            if (good.exitCode() == result.exitCode()) {
                throw RcaException.badInput("the test exits " + result.exitCode() + " on the good commit " + knownGood
                    + " too: the shell " + (result.exitCode() == 127 ? "cannot find" : "cannot execute")
                    + " the command in the scratch checkout")
                    .withHint("the test runs in the scratch checkout, not your work tree: name a script outside the"
                        + " repository by its absolute path; one argument is a shell command line, so quote a path"
                        + " with spaces inside it; the verdicts so far are kept");
            }
        }
        firstRun = false;
        if (result.timedOut()) {
            throw RcaException.badInput("the test timed out after " + timeout.toSeconds() + " s at " + commit
                + "; bisection stopped (the verdicts so far are kept)")
                .withHint("raise --timeout, or fix the hang and rerun 'rca bisect-helper run' to resume");
        }
        Verdict v = Verdict.ofExitCode(result.exitCode());
        if (result.exitCode() == EXIT_SIGINT) {
            // ^C in the terminal reaches the test with rca (RCA_DAEMON=off): the person stopped it, the test is fine
            throw RcaException.badInput("the test was interrupted at " + commit + " (exit " + EXIT_SIGINT + ", SIGINT,"
                + " as ^C sends); bisection stopped (the verdicts so far are kept)")
                .withHint("rerun 'rca bisect-helper run' to resume");
        }
        if (v == null) {
            throw RcaException.badInput("the test exited " + result.exitCode() + " at " + commit
                + "; bisection stopped (exit codes above 127 or below 0 abort, as in git bisect run)")
                .withHint("make the test exit 0 (good), 1-127 except 125 (bad) or 125 (skip), then rerun to resume");
        }
        return v;
    }
}
