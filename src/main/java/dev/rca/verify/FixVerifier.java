package dev.rca.verify;

import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import dev.rca.git.ScratchCheckout;
import dev.rca.io.LockFile;
import dev.rca.ledger.Evidence;
import dev.rca.ledger.ItemKind;
import dev.rca.ledger.Ledgers;
import dev.rca.ledger.VerifyRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@code rca verify}: the repro command in a scratch checkout under {@code .git/rca/verify} (never the user's
 * work tree, index, {@code HEAD} or refs), {@code n} times at the fix's parent and {@code n} times at the fix, each
 * run with {@code RCA_COMMIT=<sha>} in its environment; then records the result in the ledger. Each commit's runs
 * start from a clean checkout (nothing the previous commit's runs, or the previous verify, left there); one
 * verify runs at a time in a repository.
 */
public final class FixVerifier implements AutoCloseable {
    /** The scratch checkout's name under {@code .git/rca/}. */
    public static final String SCRATCH = "verify";
    /** The file in {@code .git/rca/} that keeps the output of every run (see {@link dev.rca.git.RunOutputLog}). */
    public static final String RUN_LOG = "verify-run.log";
    /** The file in {@code .git/rca/} whose lock a running verify holds. */
    public static final String LOCK = "verify-run.lock";
    private static final int EXIT_UNTESTABLE = 125;

    private final GitWorkspace workspace;
    private final Progress progress;
    private final LockFile lock;

    private FixVerifier(GitWorkspace workspace, Progress progress, LockFile lock) {
        this.workspace = workspace;
        this.progress = progress;
        this.lock = lock;
    }

    /**
     * A verifier for {@code workspace}, reporting the runs through {@code progress}, that holds the repository's
     * verify lock until closed: two verifies would move one scratch checkout under each other's runs.
     *
     * @param ticket the ledger verified, named to a verify refused meanwhile
     * @throws RcaException exit 3 when another verify (this process's or another's) is running in the repository
     */
    public static FixVerifier claim(GitWorkspace workspace, String ticket, Clock clock, Progress progress) {
        Path file = workspace.stateDirectory().resolve(LOCK);
        LockFile lock = LockFile.tryAcquire(file, "verify -t " + ticket + " since " + Ledgers.recordingTime(clock));
        if (lock == null) {
            LockFile.Holder holder = LockFile.holderOf(file);
            throw RcaException.badInput("another rca verify is running in this repository (" + (holder == null
                ? "another process" : holder.doing() + ", process " + holder.pid()) + "): verifies take turns in"
                + " .git/rca/" + SCRATCH + "; rerun this one when it ends");
        }
        return new FixVerifier(workspace, progress, lock);
    }

    /** Releases the verify lock. */
    @Override
    public void close() {
        lock.close();
    }

    /**
     * Why a run shows nothing: the shell's "cannot execute" (126) or "not found" (127), as {@code git bisect run}
     * reads them; null for a run that did run. A regression test the fix adds is missing at its parent, and such a
     * run is no reproduction of the bug.
     */
    public static String notRun(CommandRunner.Result result) {
        if (result.timedOut() || result.exitCode() != 126 && result.exitCode() != 127) {
            return null;
        }
        return result.exitCode() == 127 ? "the shell cannot find the command" : "the shell cannot execute the command";
    }

    /**
     * One finished run, for a live log.
     *
     * @param atFix true at the fix, false at its parent
     * @param run   1-based
     */
    public record Run(boolean atFix, int run, CommandRunner.Result result) {
    }

    /**
     * Runs the plan; {@code onRun} sees every run as it ends, {@code warned} what a checkout warns of (a smudge
     * filter that is not required failed, and its file was written unfiltered, as git does).
     *
     * @throws RcaException exit 3 when the scratch checkout or the command cannot be started, or a run exits 126
     *     or 127 ({@link #notRun}; nothing is recorded then)
     */
    public VerifyResult run(VerifyPlan plan, Consumer<Run> onRun, Consumer<String> warned) {
        int[] parent;
        int[] fix;
        try (ScratchCheckout scratch = ScratchCheckout.of(workspace, SCRATCH, warned)) {
            parent = runAt(scratch, plan, plan.parent().sha(), false, onRun);
            fix = runAt(scratch, plan, plan.fix().sha(), true, onRun);
        }
        progress.finish();
        return new VerifyResult(plan, parent[1], parent[3], parent[2], fix[0], fix[3], fix[2]);
    }

    /** Runs at one commit: {passes, failures, untestable, timeouts}. */
    private int[] runAt(ScratchCheckout scratch, VerifyPlan plan, String sha, boolean atFix, Consumer<Run> onRun) {
        int[] counts = new int[4];
        String task = atFix ? "runs at the fix" : "runs at the parent";
        for (int i = 1; i <= plan.runs(); i++) {
            progress.update(task, i - 1, plan.runs());
            // the first run starts from a clean checkout: the fix must not be tested on the parent's build outputs
            Path dir = i == 1 ? scratch.cleanCheckout(sha) : scratch.checkout(sha);
            CommandRunner.Result r = CommandRunner.run(List.of(plan.command()), dir, Map.of("RCA_COMMIT", sha),
                plan.timeout());
            if (r.timedOut()) {
                counts[1]++;
                counts[3]++;
            } else if (r.exitCode() == 0) {
                counts[0]++;
            } else if (r.exitCode() == EXIT_UNTESTABLE) {
                counts[2]++;
            } else {
                counts[1]++;
            }
            onRun.accept(new Run(atFix, i, r));
            String notRun = notRun(r);
            if (notRun != null) {
                progress.finish();
                throw RcaException.badInput("repro.command exited " + r.exitCode() + " at the " + (atFix ? "fix " : "parent ")
                    + sha.substring(0, 12) + ": " + notRun + " there, so the run shows neither the bug nor the fix;"
                    + " verify stopped and recorded nothing")
                    .withHint("the command runs in a scratch checkout of each commit, not in your work tree: a test the"
                        + " fix adds is missing at its parent; run one both commits have, or a script outside the"
                        + " repository by its absolute path (each run's output is in .git/rca/" + RUN_LOG + ")");
            }
        }
        return counts;
    }

    /**
     * Records {@code result} in the ledger: an evidence item {@code {kind: verify, command, commits: [parent,
     * fix], note}} and {@code validation.verify}, replacing the previous verify record.
     *
     * @return the new evidence id
     */
    public static String record(VerifyResult result, Clock clock) {
        VerifyPlan plan = result.plan();
        String at = Ledgers.recordingTime(clock);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("kind", Evidence.VERIFY);
        evidence.put("command", plan.command());
        evidence.put("at", at);
        evidence.put("commits", List.of(plan.parent().sha(), plan.fix().sha()));
        evidence.put("note", summary(result));
        VerifyRecord verify = new VerifyRecord(plan.command(), plan.fix().sha(), plan.parent().sha(), plan.runs(),
            plan.timeout().toSeconds(), result.parentFailures(), result.parentTimeouts(), result.parentUntestable(),
            result.fixPasses(), result.fixTimeouts(), result.fixUntestable(), result.validated(), at);
        return plan.ledgerFile().update(edit -> {
            String id = edit.addItem(ItemKind.EVIDENCE, evidence);
            edit.set(List.of("validation", "verify"), verify.toYaml());
            return id;
        });
    }

    /**
     * One line: how many runs failed at the parent and passed at the fix, how many of them were stopped by the
     * timeout, and the verdict.
     */
    public static String summary(VerifyResult result) {
        VerifyPlan plan = result.plan();
        String atFix = timedOut("", result.fixTimeouts(), plan);
        String fixUntestable = untestable(result.fixUntestable());
        return "failed " + result.parentFailures() + " of " + plan.runs() + " runs at the parent "
            + plan.parent().sha().substring(0, 12) + " (needed " + plan.failuresNeeded()
            + timedOut("; ", result.parentTimeouts(), plan)
            + (result.parentUntestable() == 0 ? "" : "; " + untestable(result.parentUntestable())) + "), passed "
            + result.fixPasses() + " of " + plan.runs() + " at the fix " + plan.fix().sha().substring(0, 12)
            + (atFix.isEmpty() && fixUntestable.isEmpty() ? ""
                : " (" + atFix + (atFix.isEmpty() || fixUntestable.isEmpty() ? "" : "; ") + fixUntestable + ")")
            + (result.validated() ? ": validated" : ": not validated");
    }

    /** Runs that exited 125, which show neither the bug nor the fix: said, or a "failed 0 of 2" reads as a pass. */
    private static String untestable(int runs) {
        return runs == 0 ? "" : runs + " exited 125, cannot test";
    }

    private static String timedOut(String before, int runs, VerifyPlan plan) {
        return runs == 0 ? "" : before + runs + " timed out after " + plan.timeout().toSeconds() + " s";
    }
}
