package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RunOutputLog;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerLocator;
import dev.rca.logs.LogLineReader;
import dev.rca.verify.FixVerifier;
import dev.rca.verify.VerifyPlan;
import dev.rca.verify.VerifyResult;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca verify [-t T] [--runs=n]}: shows the repro failing before the fix and passing after it. */
@Command(name = "verify",
    description = {"Shows the fix working: the ledger's repro.command must fail at the fix's parent and pass at the fix.",
        "It runs n times at each, in a scratch checkout under .git/rca/verify (never in your work tree), cleaned of"
            + " untracked files before each commit's first run; one verify runs at a time. A run fails when the"
            + " command exits non-zero or times out; exit 125 means the commit cannot be tested; exit 126 or 127 (the"
            + " shell cannot execute or find the command) stops verify, recording nothing. With"
            + " repro.rate 'deterministic' (or e.g. 20/20) every parent run must fail; with a flaky rate at least half"
            + " must. Every fix run must pass. The result is recorded as evidence and as validation.verify; every"
            + " run's output is kept in .git/rca/verify-run.log. Exit 0 when the fix is validated, 1 when not."},
    footer = {"%nExample:%n  rca verify -t PAY-142 --runs=10 --timeout=120"})
public final class VerifyCommand extends RcaCommand {
    @Option(names = {"-t", "--ticket"}, paramLabel = "<T>",
        description = "The ledger (default: the only one not published).")
    String ticket;

    @Option(names = "--runs", paramLabel = "<n>", description = "Runs at each commit (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--timeout", paramLabel = "<s>",
        description = "Seconds one run may take before it is stopped and counted as failing (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 600;

    @Override
    protected int execute() {
        if (runs < 1 || runs > 1000) {
            throw RcaException.usage("--runs must be between 1 and 1000, not " + runs);
        }
        if (timeoutSeconds < 1) {
            throw RcaException.usage("--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        try (GitWorkspace workspace = openWorkspace()) {
            LedgerFile file = LedgerLocator.of(workspace).resolve(ticket).withNotes(notes());
            VerifyPlan plan = VerifyPlan.of(workspace, file, file.read(), runs, Duration.ofSeconds(timeoutSeconds));
            try (FixVerifier verifier = FixVerifier.claim(workspace, file.ticket().toString(), clock(), progress())) {
                return verify(workspace, file, plan, verifier);
            }
        }
    }

    private int verify(GitWorkspace workspace, LedgerFile file, VerifyPlan plan, FixVerifier verifier) {
        out().println("verify " + file.ticket() + ": repro.command, " + runs + (runs == 1 ? " run" : " runs")
            + " at the parent " + shortName(plan.parent().sha()) + " (must fail) and " + runs + " at the fix "
            + shortName(plan.fix().sha()) + " (must pass), in .git/rca/" + FixVerifier.SCRATCH + ":");
        // VerifyPlan refused control characters; bidi overrides, which reorder what is shown, are made visible
        out().println("  " + LogLineReader.cleanLines(plan.command()).replace("\n", "\n  "));
        out().flush();
        RunOutputLog log = RunOutputLog.begin(workspace, FixVerifier.RUN_LOG);
        boolean[] unexpected = {false};
        VerifyResult result = verifier.run(plan, run -> {
            log.append(run.atFix() ? plan.fix().sha() : plan.parent().sha(), run.result());
            String notRun = FixVerifier.notRun(run.result());
            boolean expected = notRun == null
                && run.atFix() == (run.result().exitCode() == 0 && !run.result().timedOut());
            out().println((run.atFix() ? "fix" : "parent") + " run " + run.run() + ": "
                + (run.result().timedOut() ? "timed out" : "exit " + run.result().exitCode())
                + (notRun != null ? " (" + notRun + ")"
                    : expected ? "" : " (expected " + (run.atFix() ? "a pass" : "a failure") + ")"));
            if (!expected) {
                run.result().lastLines(5).forEach(l -> err().println("  | " + l));
                unexpected[0] = true;
            }
            out().flush();
        }, warning -> {
            err().println("rca: warning: " + warning);
            err().flush();
        });
        if (unexpected[0]) {
            err().println("rca: note: every run's output is kept in " + log.file());
        }
        String evidence = FixVerifier.record(result, clock());
        out().println(FixVerifier.summary(result));
        out().println("recorded as " + evidence + " and validation.verify in " + file.displayName());
        return result.validated() ? ExitCode.OK : ExitCode.NEGATIVE;
    }

    private static String shortName(String sha) {
        return sha.substring(0, 12);
    }
}
