package dev.rca.verify;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.CommitInfo;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerSource;
import dev.rca.ledger.SourcePosition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * What {@code rca verify} will do, decided before anything runs: the ledger's {@code repro.command}, the fix
 * (the newest of {@code fix.commits}, which must lie on one line of history) and the fix's parent (the first
 * parent of the oldest fix commit), how many runs at each and the timeout of one run.
 *
 * @param deterministic true when {@code repro.rate} is {@code deterministic}, absent, or failed every run (e.g.
 *     {@code 20/20}): then every run at the parent must fail; otherwise at least half of them must
 */
public record VerifyPlan(LedgerFile ledgerFile, String command, CommitInfo parent, CommitInfo fix, int runs,
                         Duration timeout, boolean deterministic) {
    public VerifyPlan {
        if (runs < 1) {
            throw new IllegalArgumentException("runs < 1");
        }
    }

    /**
     * Plans a verification of {@code ledger}'s fix.
     *
     * @throws RcaException exit 3 when the ledger has no repro command, one with a control character other than tab
     *     and line feed (as {@code rca check} finds them), no fix, fix commits that do not resolve
     *     or do not lie on one line of history, or a fix without a parent
     */
    public static VerifyPlan of(GitWorkspace workspace, LedgerFile ledgerFile, Ledger ledger, int runs,
                                Duration timeout) {
        String t = ledger.ticket();
        if (ledger.repro() == null || ledger.repro().command() == null || ledger.repro().command().isBlank()) {
            throw RcaException.badInput("nothing to verify: repro.command is empty in " + ledgerFile.displayName())
                .withHint("write the command that reproduces the bug under repro: command:, then rerun 'rca verify -t "
                    + t + "'");
        }
        int control = LedgerSource.firstControlCharacter(ledger.repro().command());
        if (control >= 0) {
            // verify prints the command before it runs it, and a carriage return or an erase-line would show a decoy
            SourcePosition at = ledger.positionOf("repro.command");
            throw RcaException.badInput(String.format("repro.command holds the control character U+%04X, which would"
                + " hide from the terminal what runs; verify runs no such command: remove it", control))
                .at(ledgerFile.displayName(), at.line(), at.column());
        }
        if (ledger.fix() == null || ledger.fix().commits().isEmpty()) {
            throw RcaException.badInput("nothing to verify: fix.commits is empty in " + ledgerFile.displayName())
                .withHint("list the fix's commits under fix: commits:");
        }
        GitCommitLookup lookup = new GitCommitLookup(workspace);
        List<CommitInfo> fixes = new ArrayList<>();
        for (String sha : ledger.fix().commits()) {
            fixes.add(lookup.require(sha));
        }
        CommitInfo newest = null;
        CommitInfo oldest = null;
        for (CommitInfo candidate : fixes) {
            if (fixes.stream().allMatch(c -> lookup.isAncestor(c.sha(), candidate.sha()))) {
                newest = candidate;
            }
            if (fixes.stream().allMatch(c -> lookup.isAncestor(candidate.sha(), c.sha()))) {
                oldest = candidate;
            }
        }
        if (newest == null || oldest == null) {
            throw RcaException.badInput("the fix commits of " + t + " are not on one line of history, so there is no"
                + " single commit before and after the fix to test");
        }
        return new VerifyPlan(ledgerFile, ledger.repro().command().strip(), lookup.require(firstParent(workspace,
            oldest.sha())), newest, runs, timeout, alwaysFails(ledger.repro().rate()));
    }

    private static boolean alwaysFails(String rate) {
        if (rate == null || "deterministic".equals(rate)) {
            return true;
        }
        String[] ratio = rate.split("/");
        return ratio.length == 2 && ratio[0].strip().equals(ratio[1].strip());
    }

    private static String firstParent(GitWorkspace workspace, String sha) {
        try (RevWalk walk = new RevWalk(workspace.repository())) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            if (commit.getParentCount() == 0) {
                throw RcaException.badInput("the fix " + sha.substring(0, 12) + " is a root commit: there is no "
                    + "commit before it to show the bug");
            }
            return commit.getParent(0).name();
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + sha + ": " + e.getMessage(), e);
        }
    }

    /** How many failing runs at the parent show the bug: all of them, or at least half for a flaky repro. */
    public int failuresNeeded() {
        return deterministic ? runs : (runs + 1) / 2;
    }
}
