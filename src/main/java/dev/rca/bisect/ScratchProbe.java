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
        RcaException killed = killedBySignal(commit, result.exitCode());
        if (killed != null) {
            throw killed;
        }
        if (v == null) {
            throw RcaException.badInput("the test exited " + result.exitCode() + " at " + commit
                + "; bisection stopped (exit codes above 127 or below 0 abort, as in git bisect run)")
                .withHint("make the test exit 0 (good), 1-127 except 125 (bad) or 125 (skip), then rerun to resume");
        }
        return v;
    }

    /**
     * The stop of a test killed by a signal that something outside it sends (the shell and the JVM report 128 + its
     * number), or null for another exit code. Such a test said nothing about the commit, and aborts as every code
     * above 127 does in git bisect run; but it is no test to fix: ^C with rca (RCA_DAEMON=off) reaches it, kill and a
     * CI job's cancel send SIGTERM, a closed terminal SIGHUP, and kill -9 or the kernel's out-of-memory killer SIGKILL.
     */
    private static RcaException killedBySignal(String commit, int exitCode) {
        String what = switch (exitCode) {
            case 129 -> "was hung up at " + commit + " (exit 129, SIGHUP, as a closed terminal or ssh session sends)";
            case 130 -> "was interrupted at " + commit + " (exit 130, SIGINT, as ^C sends)";
            case 143 -> "was terminated at " + commit + " (exit 143, SIGTERM, as kill and a CI job's cancel send)";
            case 137 -> "was killed at " + commit + " (exit 137, SIGKILL: kill -9, or the kernel's out-of-memory killer)";
            default -> null;
        };
        if (what == null) {
            return null;
        }
        String resume = "rerun 'rca bisect-helper run' to resume";
        return RcaException.badInput("the test " + what + "; bisection stopped (the verdicts so far are kept)")
            .withHint(exitCode == 137 ? "a killed test is no verdict; if the kernel killed it for memory (its log,"
                + " dmesg, says so), let it use less or free some, then " + resume : resume);
    }
}
