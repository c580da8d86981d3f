package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.history.Pathspecs;
import dev.rca.ledger.HypothesisStatus;
import dev.rca.ledger.ItemKind;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerLocator;
import dev.rca.ledger.Ledgers;
import dev.rca.ledger.LooseInstant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** Base of the commands that act on a ledger: the {@code -t, --ticket} option and its resolution rule. */
abstract class LedgerCommand extends RcaCommand {
    private static final String LITERAL = ":(literal)";
    @Option(names = {"-t", "--ticket"}, paramLabel = "<TICKET>",
        description = "The ticket whose ledger to use, docs/postmortems/<TICKET>.yaml. Ledger commands default to "
            + "the only ledger there that is not published; query commands record into a ledger only when given.")
    String ticket;
    private StringWriter heldOutput;

    /** The ledger this command acts on, by the {@code -t} rule. */
    protected LedgerFile ledgerFile(GitWorkspace workspace) {
        return LedgerLocator.of(workspace).resolve(ticket).withNotes(notes());
    }

    /**
     * For query commands ({@code log}, {@code history}, {@code suspects}, {@code logs diff}): the ledger named by
     * {@code -t}, checked to be readable before any output is written, or {@code null} without {@code -t}.
     */
    protected LedgerFile ledgerToRecordInto(GitWorkspace workspace) {
        if (ticket == null) {
            return null;
        }
        LedgerFile ledger = ledgerFile(workspace);
        ledger.read();
        return ledger;
    }

    /**
     * Where a query command that records after printing ({@code log}, {@code history}) prints: {@link #out()}
     * without a ledger; with one, a buffer that {@link #recordQuery} prints once the record is written, so that
     * a failed write (a held lock, a full disk) leaves stdout empty, as every failing command does.
     */
    protected PrintWriter outUntilRecorded(LedgerFile ledger) {
        // the daemon keeps this command for the next query: a buffer a failed record left must not stay held
        heldOutput = null;
        if (ledger == null) {
            return out();
        }
        heldOutput = new StringWriter();
        return new PrintWriter(heldOutput);
    }

    /**
     * Records this command line, as it runs from the top of the work tree with {@code operands} (see
     * {@link #invocationFromTop}), and the commits it printed as query evidence, then prints what was held by
     * {@link #outUntilRecorded}, and says so on stderr.
     */
    protected void recordQuery(LedgerFile ledger, List<String> operands, List<String> shas) {
        Ledgers.RecordedEvidence recorded = Ledgers.recordQuery(ledger, invocationFromTop(operands), shas, clock());
        if (heldOutput != null) {
            out().write(heldOutput.toString());
            heldOutput = null;
        }
        sayRecorded(ledger, recorded, "this query");
    }

    /**
     * Says on stderr where a command's result was recorded, or, when the ledger already held it (see
     * {@link Ledgers#recordResult}), that nothing was added.
     */
    protected void sayRecorded(LedgerFile ledger, Ledgers.RecordedEvidence recorded, String what) {
        err().println(recorded.added() ? "recorded as " + recorded.id() + " in " + ledger.displayName()
            : "rca: note: " + what + ", with the same result, is already " + recorded.id() + " in "
                + ledger.displayName() + "; nothing added");
    }

    /**
     * {@code typed}, a path as {@code log} and {@code history} take it (relative to the directory rca runs in), as
     * the path that names the same from the top of the work tree: the ledger is read from there.
     */
    protected static String pathFromTop(GitWorkspace workspace, String typed) {
        String path = Pathspecs.resolve(workspace, List.of(typed)).get(0);
        String fromTop = path.isEmpty() ? "." : path;
        // run again, a name that was taken literally must not be read as a pattern
        return typed.startsWith(LITERAL) ? LITERAL + fromTop : fromTop;
    }

    /**
     * Says on stderr when a hypothesis goes from confirmed to rejected or back: allowed, since new evidence can
     * overturn either, but a slip of the id would otherwise pass unnoticed.
     */
    protected void noteChangeOfMind(String id, HypothesisStatus before, HypothesisStatus now) {
        if (before != now && before != HypothesisStatus.OPEN) {
            err().println("rca: note: " + id + " was " + before.word() + "; now " + now.word());
        }
    }

    /** Refuses ids that are not of the given kinds (usage error). */
    static List<String> requireIds(String option, List<String> ids, ItemKind... kinds) {
        for (String id : ids) {
            ItemKind kind = ItemKind.ofId(id);
            if (kind == null || !List.of(kinds).contains(kind)) {
                throw RcaException.usage(option + ": '" + id + "' is not " + describe(kinds));
            }
        }
        return ids;
    }

    private static String describe(ItemKind... kinds) {
        return String.join(" or ", java.util.Arrays.stream(kinds)
            .map(k -> (k == ItemKind.EVIDENCE || k == ItemKind.EXPERIMENT ? "an " : "a ")
                + k.name().toLowerCase(java.util.Locale.ROOT) + " id (" + k.prefix() + "<n>)").toList());
    }

    /**
     * Refuses an {@code --at} that is not a time the ledger's readers ({@code rca timeline}, {@code rca check})
     * can place (usage error); returns it stripped, or {@code null} when not given.
     */
    static String requireTime(String at) {
        if (at == null) {
            return null;
        }
        if (LooseInstant.parse(at) == null) {
            throw RcaException.usage("--at: '" + at + "' is not a time rca can read")
                .withHint("write ISO-8601, e.g. --at=" + LooseInstant.EXAMPLE + " or --at=2026-11-20T10:12:00+01:00");
        }
        return at.strip();
    }

    /** Refuses blank text, or text holding a control character (usage errors), and returns it stripped. */
    static String requireText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw RcaException.usage(what + " must not be empty");
        }
        return Ledgers.requireNoControlCharacters(what, text.strip());
    }
}
