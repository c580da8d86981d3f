package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.BisectRecord;
import dev.rca.ledger.CommitInfo;
import dev.rca.ledger.Evidence;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.ItemKind;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerEdit;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.Ledgers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps a bisection in a ledger's {@code bisect:} section, so the investigation's record holds every verdict
 * as it is made. Each new step is stamped with the time it was recorded (for {@code rca timeline}); when the
 * first bad commit is found it is also added as commit evidence, in the same atomic write.
 *
 * <p>While such a bisection is in progress, {@code .git/rca/bisect.ticket} names its ticket, so the bisect-helper
 * commands that follow {@code start -t T} find it without {@code -t}; once it has ended (reset, or another bisection
 * started) the section is only a record, and this store holds no bisection ({@link ActiveBisection}).
 */
public final class LedgerBisectStore implements BisectStore {
    /** How the note of the commit evidence rca adds for a first bad commit begins; the number of steps follows. */
    private static final String FOUND = "first bad commit found by rca bisect-helper after ";
    /** Such a note as rca wrote it, not yet marked replaced. */
    private static final Pattern FOUND_AFTER = Pattern.compile(Pattern.quote(FOUND) + "\\d+ steps?");
    private final GitWorkspace workspace;
    private final LedgerFile ledger;
    private final Clock clock;

    /**
     * A store in {@code ledger}'s {@code bisect:} section; {@code clock} stamps each recorded step, as
     * {@link Ledgers#recordingTime} writes it.
     */
    public LedgerBisectStore(GitWorkspace workspace, LedgerFile ledger, Clock clock) {
        this.workspace = workspace;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public Optional<BisectState> load() {
        // the ledger keeps the record of an ended bisection: it is the one in progress only while the pointer names it
        if (!ActiveBisection.isIn(workspace, ledger.ticket().value())) {
            return Optional.empty();
        }
        BisectRecord record = ledger.read().bisect();
        if (record == null || record.bad() == null || record.good().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YamlBisectStore.fromMap(record.toYaml()));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw RcaException.badInput("malformed bisect section: " + e.getMessage(), e).at(ledger.displayName());
        }
    }

    @Override
    public void save(BisectState state) {
        String now = Ledgers.recordingTime(clock);
        GitCommitLookup commits = new GitCommitLookup(workspace);
        CommitInfo culprit = state.firstBad() == null ? null : commits.require(state.firstBad());
        // a verdict a test may have taken an hour to give is not lost to a ledger held a while (a slow hook of
        // postmortem --commit): the save waits, saying whom for
        ledger.waitingForTheLock().update(edit -> {
            Ledger current = edit.ledger();
            BisectRecord before = current.bisect();
            Map<String, Object> section = YamlBisectStore.toMap(state);
            section.put("steps", stampedSteps(state, before, now));
            edit.setTopLevel("bisect", section);
            boolean replaced = before != null && before.firstBad() != null && !continues(before, state);
            if (replaced) {
                markReplaced(edit, before, now);
            }
            boolean newlyFound = culprit != null
                && (before == null || replaced || !culprit.sha().equals(before.firstBad()));
            if (newlyFound) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("kind", "commit");
                item.put("commit", culprit.sha());
                item.put("subject", culprit.subject());
                item.put("author", culprit.author());
                item.put("date", culprit.date());
                int steps = state.steps().size();
                item.put("note", FOUND + steps + (steps == 1 ? " step" : " steps"));
                edit.addItem(ItemKind.EVIDENCE, item);
            }
            return null;
        });
        ActiveBisection.pointTo(workspace, ledger.ticket().value());
    }

    /**
     * Whether {@code state} goes on from the bisection {@code before} records: the same bounds and paths, and every
     * step recorded still there (a run, a verdict or a flaky run's new end); else a {@code start} replaced it.
     */
    private static boolean continues(BisectRecord before, BisectState state) {
        if (!before.good().equals(state.good()) || !state.bad().equals(before.bad())
            || !before.paths().equals(state.paths()) || state.steps().size() < before.steps().size()) {
            return false;
        }
        for (int i = 0; i < before.steps().size(); i++) {
            if (!before.steps().get(i).commit().equals(state.steps().get(i).commit())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Says in the commit evidence rca added for {@code before}'s first bad commit that the bisection which found it was
     * replaced, its steps gone from the ledger. The item stays: a hypothesis may cite it, and what was found was found.
     * One whose note is no longer rca's own is left as its author wrote it.
     */
    private static void markReplaced(LedgerEdit edit, BisectRecord before, String now) {
        for (Evidence e : edit.ledger().evidence()) {
            if (Evidence.COMMIT.equals(e.kind()) && before.firstBad().equals(e.commit()) && e.note() != null
                && FOUND_AFTER.matcher(e.note()).matches()) {
                edit.setItemField(e.id(), "note", e.note() + "; that bisection was replaced by another (bisect-helper"
                    + " start, " + now + "), and its steps are no longer in the ledger");
            }
        }
    }

    private static List<Map<String, Object>> stampedSteps(BisectState state, BisectRecord before, String now) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < state.steps().size(); i++) {
            Map<String, Object> step = YamlBisectStore.toMap(state.steps().get(i));
            String at = now;
            if (before != null && i < before.steps().size()
                && before.steps().get(i).commit().equals(state.steps().get(i).commit())
                && before.steps().get(i).at() != null) {
                at = before.steps().get(i).at();
            }
            step.put("at", at);
            steps.add(step);
        }
        return steps;
    }

    /**
     * Refuses to let a new bisection replace the one the ledger records when that one took steps: its verdicts, the
     * test that decided it and the comments on them are evidence that {@code start} would drop (the commit evidence
     * it added stays, marked as found by a bisection that was replaced). {@code inProgress}: the ledger holds the
     * bisection in progress.
     */
    void refuseReplacingSteps(boolean inProgress) {
        if (!ledger.exists()) {
            return;
        }
        BisectRecord record = ledger.read().bisect();
        if (record == null || record.steps().isEmpty()) {
            return;
        }
        int steps = record.steps().size();
        String ticket = ledger.ticket().value();
        String end = record.firstBad() != null ? "first bad commit " + record.firstBad()
            : inProgress ? "in progress" : "ended without a first bad commit";
        throw RcaException.badInput(ledger.displayName() + " already records a bisection of " + steps
            + (steps == 1 ? " step (" : " steps (") + end + "); starting another there would replace it")
            .withHint("keep it: start without -t, or with another ticket; replace it, dropping its steps (copy the"
                + " ledger first to keep them; git keeps them only if they were committed): 'rca bisect-helper start --force -t " + ticket + " …'");
    }

    /** Ends the active bisection; the ledger keeps its record of the steps taken, as evidence. */
    @Override
    public void delete() {
        ActiveBisection.endLedgerBisection(workspace);
    }

    /** The ledger's path in the work tree, for messages. */
    String ledgerName() {
        return ledger.displayName();
    }

    @Override
    public String describe() {
        return ledger.displayName() + " (bisect:)";
    }
}
