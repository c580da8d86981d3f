package dev.rca.bisect;

import dev.rca.Interruption;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RunOutputLog;
import dev.rca.io.AtomicFile;
import dev.rca.ledger.LedgerLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one bisection in progress in a repository (per git directory, as git's own): it lives where its {@code start}
 * put it, in a ledger's {@code bisect:} section with {@code -t} ({@code .git/rca/bisect.ticket} names the ticket),
 * else in {@code .git/rca/bisect.yaml}. Starting one ends any other and {@code reset} ends it wherever it is, so a
 * bisection that was replaced or reset is never picked up again; a ledger keeps the record of its ended one.
 */
public final class ActiveBisection {
    /** The file in {@code .git/rca/} that names the ticket whose ledger holds the bisection in progress. */
    static final String POINTER = "bisect.ticket";
    /** The file in {@code .git/rca/} that holds a bisection started without a ticket. */
    static final String STATE = "bisect.yaml";
    /** The file in {@code .git/rca/} that keeps the output of the test {@code run} ran (see {@link RunOutputLog}). */
    public static final String RUN_LOG = "bisect-run.log";

    private ActiveBisection() {
    }

    /**
     * Where {@code start} keeps a new bisection: {@code ticket}'s ledger when given, else {@code .git/rca}. A ledger's
     * steps are stamped by {@code clock}, the invocation's, as every item rca records. A ledger whose {@code bisect:}
     * already records steps is the investigation's evidence: it is replaced only when {@code replace} says so.
     *
     * @throws RcaException exit 3 when {@code ticket}'s ledger records a bisection with steps and not {@code replace}
     */
    public static BisectStore forStart(GitWorkspace workspace, String ticket, boolean replace, Consumer<String> notes,
                                       Clock clock) {
        if (ticket == null) {
            return Bisection.defaultStore(workspace);
        }
        LedgerBisectStore store = ledgerStore(workspace, ticket, notes, clock);
        if (!replace) {
            store.refuseReplacingSteps(isIn(workspace, ticket));
        }
        return store;
    }

    /**
     * The store of the bisection in progress, for every command but {@code start}. With {@code ticket}, that ledger's,
     * which holds no bisection unless it holds the one in progress. A ledger's steps are stamped by {@code clock}.
     *
     * @throws RcaException exit 3 when {@code ticket} is given and the bisection in progress is kept elsewhere
     */
    public static BisectStore select(GitWorkspace workspace, String ticket, Consumer<String> notes, Clock clock) {
        Optional<String> active = activeTicket(workspace);
        if (ticket == null) {
            if (active.isEmpty()) {
                return Bisection.defaultStore(workspace);
            }
            Path ledger = LedgerLocator.of(workspace).file(active.get()).path();
            if (!Files.isRegularFile(ledger)) {
                throw RcaException.badInput("the bisection in progress is kept in " + active.get() + "'s ledger, which is"
                    + " not here (" + workspace.workTree().relativize(ledger) + ")")
                    .withHint("check out the branch that has it, or end the bisection with 'rca bisect-helper reset'");
            }
            return ledgerStore(workspace, active.get(), notes, clock);
        }
        LedgerBisectStore store = ledgerStore(workspace, ticket, notes, clock);
        String elsewhere = null;
        if (active.isPresent() && !active.get().equals(ticket)) {
            elsewhere = "it is in " + ledgerStore(workspace, active.get(), notes, clock).ledgerName();
        } else if (active.isEmpty() && Files.exists(workspace.rcaDir().resolve(STATE))) {
            elsewhere = "it was started without -t";
        }
        if (elsewhere != null) {
            throw RcaException.badInput("the bisection in progress is not in " + ticket + "'s ledger: " + elsewhere)
                .withHint("leave out -t to act on it; 'rca bisect-helper start -t " + ticket + "' starts one there");
        }
        return store;
    }

    /**
     * Ends every bisection but the one just started (with {@code ticket}, in its ledger; without, in {@code .git/rca}),
     * and forgets the output of their runs. Called after the new state is saved, so a start that fails leaves the
     * bisection in progress as it was.
     */
    public static void started(GitWorkspace workspace, String ticket) {
        delete(workspace.rcaDir().resolve(ticket == null ? POINTER : STATE));
        delete(workspace.rcaDir().resolve(RUN_LOG));
    }

    /**
     * Ends the bisection in progress, wherever it is; true if there was one. Ledgers keep their records; the output
     * its runs kept goes with it, as git's {@code BISECT_RUN} does, so none is taken for another bisection's.
     */
    public static boolean end(GitWorkspace workspace) {
        boolean pointer = delete(workspace.rcaDir().resolve(POINTER));
        delete(workspace.rcaDir().resolve(RUN_LOG));
        return delete(workspace.rcaDir().resolve(STATE)) || pointer;
    }

    /** Whether the bisection in progress is the one {@code ticket}'s ledger holds. */
    public static boolean isIn(GitWorkspace workspace, String ticket) {
        return activeTicket(workspace).map(ticket::equals).orElse(false);
    }

    /** Makes {@code ticket}'s ledger hold the bisection in progress. */
    static void pointTo(GitWorkspace workspace, String ticket) {
        Interruption.beforeWriting("the bisection was left as it was");
        Path pointer = workspace.rcaDir().resolve(POINTER);
        try {
            Files.createDirectories(pointer.getParent());
            AtomicFile.writeWithoutSync(pointer, ticket + "\n");
        } catch (IOException e) {
            throw RcaException.badInput("cannot write " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** Ends a bisection kept in a ledger (the ledger keeps its record); one in {@code .git/rca} is left. */
    static void endLedgerBisection(GitWorkspace workspace) {
        delete(workspace.rcaDir().resolve(POINTER));
    }

    /** The ticket whose ledger holds the bisection in progress, if one does. */
    public static Optional<String> activeTicket(GitWorkspace workspace) {
        Path pointer = workspace.rcaDir().resolve(POINTER);
        try {
            if (!Files.isRegularFile(pointer)) {
                return Optional.empty();
            }
            String ticket = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            return ticket.isEmpty() ? Optional.empty() : Optional.of(ticket);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** {@code notes} hears what writing the ledger means (see {@link dev.rca.ledger.LedgerFile#withNotes}). */
    private static LedgerBisectStore ledgerStore(GitWorkspace workspace, String ticket, Consumer<String> notes,
                                                 Clock clock) {
        return new LedgerBisectStore(workspace, LedgerLocator.of(workspace).file(ticket).withNotes(notes), clock);
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw RcaException.badInput("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
