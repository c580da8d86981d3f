package dev.rca.verify;

/**
 * What the runs showed. A run fails when the command exits non-zero or times out (a hang is a failure); exit
 * 125 means "cannot test this commit", as in {@code git bisect run}, and counts as neither pass nor failure.
 *
 * @param parentFailures runs at the fix's parent that failed
 * @param parentTimeouts of those, the runs stopped by the timeout
 * @param parentUntestable runs at the parent that exited 125
 * @param fixPasses runs at the fix that passed
 * @param fixTimeouts runs at the fix stopped by the timeout
 * @param fixUntestable runs at the fix that exited 125
 */
public record VerifyResult(VerifyPlan plan, int parentFailures, int parentTimeouts, int parentUntestable,
                           int fixPasses, int fixTimeouts, int fixUntestable) {
    /**
     * True when the fix is validated: the parent failed in every run (at least half of them when
     * {@code repro.rate} says the repro is flaky) and the fix passed in every run.
     */
    public boolean validated() {
        return parentFailures >= plan.failuresNeeded() && fixPasses == plan.runs();
    }
}
