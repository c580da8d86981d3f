package dev.rca.verify;

import dev.rca.Progress;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import dev.rca.git.ScratchCheckout;
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
 * run with {@code RCA_COMMIT=<sha>} in its environment; then records the result in the ledger.
 */
public final class FixVerifier {
    /** The scratch checkout's name under {@code .git/rca/}. */
    public static final String SCRATCH = "verify";
    /** The file in {@code .git/rca/} that keeps the output of every run (see {@link dev.rca.git.RunOutputLog}). */
    public static final String RUN_LOG = "verify-run.log";
    private static final int EXIT_UNTESTABLE = 125;

    private final GitWorkspace workspace;
    private final Progress progress;

    /** A verifier for {@code workspace}, reporting the runs through {@code progress}. */
    public FixVerifier(GitWorkspace workspace, Progress progress) {
        this.workspace = workspace;
        this.progress = progress;
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
     * Runs the plan; {@code onRun} sees every run as it ends.
     *
     * @throws dev.rca.RcaException exit 3 when the scratch checkout or the command cannot be started
     */
    public VerifyResult run(VerifyPlan plan, Consumer<Run> onRun) {
        int[] parent;
        int[] fix;
        try (ScratchCheckout scratch = ScratchCheckout.of(workspace, SCRATCH)) {
            parent = runAt(scratch, plan, plan.parent().sha(), false, onRun);
            fix = runAt(scratch, plan, plan.fix().sha(), true, onRun);
        }
        progress.finish();
        return new VerifyResult(plan, parent[1], parent[2], fix[0], fix[2], parent[3] + fix[3]);
    }

    /** Runs at one commit: {passes, failures, untestable, timeouts}. */
    private int[] runAt(ScratchCheckout scratch, VerifyPlan plan, String sha, boolean atFix, Consumer<Run> onRun) {
        Path dir = scratch.checkout(sha);
        int[] counts = new int[4];
        String task = atFix ? "runs at the fix" : "runs at the parent";
        for (int i = 1; i <= plan.runs(); i++) {
            progress.update(task, i - 1, plan.runs());
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
            result.parentFailures(), result.fixPasses(), result.validated(), at);
        return plan.ledgerFile().update(edit -> {
            String id = edit.addItem(ItemKind.EVIDENCE, evidence);
            edit.set(List.of("validation", "verify"), verify.toYaml());
            return id;
        });
    }

    /** One line: how many runs failed at the parent and passed at the fix, and the verdict. */
    public static String summary(VerifyResult result) {
        VerifyPlan plan = result.plan();
        return "failed " + result.parentFailures() + " of " + plan.runs() + " runs at the parent "
            + plan.parent().sha().substring(0, 12) + " (needed " + plan.failuresNeeded() + "), passed "
            + result.fixPasses() + " of " + plan.runs() + " at the fix " + plan.fix().sha().substring(0, 12)
            + (result.validated() ? ": validated" : ": not validated");
    }
}
