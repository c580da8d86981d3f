package dev.rca.ledger;

import dev.rca.Interruption;
import dev.rca.RcaException;
import dev.rca.io.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One ledger file and its safe edits. {@link #update} takes the lock beside the file, re-reads and validates
 * the ledger under the lock, lets the caller edit it in place (comments and layout kept), validates the result,
 * writes it to a temporary file in the same directory and renames it over the ledger, then releases the lock.
 * If anything fails, the ledger is left byte-for-byte as it was.
 */
public final class LedgerFile {
    /** The ledgers whose lock this thread holds through {@link #hold}: {@link #update} writes under it. */
    private static final ThreadLocal<java.util.Set<Path>> HELD = ThreadLocal.withInitial(java.util.HashSet::new);

    private final Path path;
    private final TicketId ticket;
    private final String displayName;
    private final Consumer<String> notes;
    /** Where fix commits resolve, for the status a write establishes; null: the status is left as it is. */
    private final CommitLookup commits;
    /** Whether {@link #update} waits for the lock as long as it takes, not {@code RCA_LOCK_TIMEOUT}. */
    private final boolean patient;

    /**
     * @param path        the ledger's path, {@code <dir>/<TICKET>.yaml}
     * @param ticket      its ticket
     * @param displayName how messages name the file (e.g. {@code docs/postmortems/PAY-142.yaml})
     */
    public LedgerFile(Path path, TicketId ticket, String displayName) {
        this(path, ticket, displayName, note -> { }, null, false);
    }

    private LedgerFile(Path path, TicketId ticket, String displayName, Consumer<String> notes, CommitLookup commits,
                       boolean patient) {
        this.path = Objects.requireNonNull(path, "path");
        this.ticket = Objects.requireNonNull(ticket, "ticket");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.commits = commits;
        this.patient = patient;
    }

    /**
     * The same ledger, whose {@link #update}s wait for its lock as long as another holds it (saying after a second
     * whom they wait for), for a write that must not be lost to a timeout: a bisection's verdict, which a test may
     * have taken an hour to give, while {@code postmortem --commit} runs a slow hook.
     */
    public LedgerFile waitingForTheLock() {
        return new LedgerFile(path, ticket, displayName, notes, commits, true);
    }

    /**
     * The same ledger, telling {@code notes} (one line each, for the user) what a write means beyond itself:
     * a change to a published ledger leaves its committed post-mortem out of date. The post-mortem publisher
     * itself writes without notes.
     */
    public LedgerFile withNotes(Consumer<String> notes) {
        return new LedgerFile(path, ticket, displayName, notes, commits, patient);
    }

    /**
     * The same ledger, whose writes advance its {@code status:} to what its contents establish
     * ({@link EstablishedStatus}, fix commits looked up in {@code commits}), never backwards, saying so in a note.
     */
    public LedgerFile withCommits(CommitLookup commits) {
        return new LedgerFile(path, ticket, displayName, notes, commits, patient);
    }

    /** Where the ledger is on disk. */
    public Path path() {
        return path;
    }

    /** The ticket the ledger is about. */
    public TicketId ticket() {
        return ticket;
    }

    /** The file as messages name it. */
    public String displayName() {
        return displayName;
    }

    /** True when the ledger file exists (it does after {@code rca open}). */
    public boolean exists() {
        return Files.isRegularFile(path);
    }

    /**
     * Reads and validates the ledger (without locking: a reader sees the old or the new file, never a mix).
     *
     * @throws RcaException exit 3 when it is missing, hostile or malformed
     */
    public Ledger read() {
        requireExists();
        return LedgerSchema.load(LedgerSource.read(path, displayName));
    }

    /** The exact text of the ledger. */
    public String readText() {
        requireExists();
        return LedgerSource.read(path, displayName).text();
    }

    /**
     * The ledger as {@code rca check} reads it: the deviations from format version 1, or else the ledger and its
     * duplicate ids as findings.
     *
     * @throws RcaException exit 3 when the file cannot even be composed (not YAML, hostile, not a mapping)
     */
    public CheckedReading readForCheck() {
        requireExists();
        return LedgerSchema.check(LedgerSource.read(path, displayName));
    }

    /**
     * What {@link #readForCheck} read.
     *
     * @param formatProblems every deviation from the format, in file order; when there are any, nothing else is read
     * @param ledger the ledger without the second items of duplicate ids; null when there are format problems
     * @param findings each later use of an id an earlier item has, at that use, and each value holding a control
     *     character (written escaped, as {@code \u001b})
     */
    public record CheckedReading(List<LedgerProblem> formatProblems, Ledger ledger, List<LedgerProblem> findings) {
        public CheckedReading {
            formatProblems = List.copyOf(formatProblems);
            findings = List.copyOf(findings);
            if (formatProblems.isEmpty() == (ledger == null)) {
                throw new IllegalArgumentException("a ledger exactly when the format holds");
            }
        }
    }

    /**
     * Edits the ledger under its lock and writes the result atomically.
     *
     * @param edit receives the ledger as re-read under the lock; its return value is returned
     * @throws RcaException from the edit, or exit 3 when the ledger is malformed, locked or not writable;
     *     nothing is written then
     */
    @SuppressWarnings("try") // the lock is held for the try's body, never read
    public <T> T update(LedgerUpdate<T> edit) {
        requireExists();
        try (LedgerLock lock = HELD.get().contains(lockKey()) ? null : patient
                ? LedgerLock.acquire(path, displayName, null, notes) : LedgerLock.acquire(path, displayName, notes)) {
            LedgerSource source = LedgerSource.read(path, displayName);
            Ledger before = LedgerSchema.load(source);
            LedgerEdit ledgerEdit = new LedgerEdit(before, new LedgerDocument(source));
            T result = edit.apply(ledgerEdit);
            String after = ledgerEdit.document().text();
            if (!after.equals(source.text())) {
                Ledger edited = LedgerSchema.load(ledgerEdit.document().source());
                String advanced = advanceStatus(edited, ledgerEdit);
                if (advanced != null) {
                    after = ledgerEdit.document().text();
                    LedgerSchema.load(ledgerEdit.document().source());
                }
                Interruption.beforeWriting("nothing was recorded in " + displayName);
                writeAtomically(after);
                if (advanced != null) {
                    notes.accept(advanced);
                }
                // not refused: reopening an investigation is legitimate, but the .md beside it no longer agrees
                if (before.status() == LedgerStatus.PUBLISHED) {
                    notes.accept(ticket + "'s post-mortem was already published and no longer matches its ledger; "
                        + "regenerate it with 'rca postmortem -t " + ticket + "'");
                }
            }
            return result;
        }
    }

    /**
     * Takes the ledger's lock until the result is closed, for work that must see no other writer between reading
     * the ledger and using what it wrote: {@code postmortem --commit} renders, marks the ledger published and
     * commits it under one lock, so the committed post-mortem is rendered from the committed ledger. This thread's
     * {@link #update}s write under it meanwhile.
     *
     * @throws RcaException exit 3 when the ledger is missing or the lock is held elsewhere
     */
    public Held hold() {
        requireExists();
        Path key = lockKey();
        if (HELD.get().contains(key)) {
            throw new IllegalStateException("the lock of " + displayName + " is already held");
        }
        LedgerLock lock = LedgerLock.acquire(path, displayName, notes);
        HELD.get().add(key);
        return new Held(lock, key);
    }

    /** The lock {@link #hold} took; closing it releases the lock. */
    public static final class Held implements AutoCloseable {
        private final LedgerLock lock;
        private final Path key;

        private Held(LedgerLock lock, Path key) {
            this.lock = lock;
            this.key = key;
        }

        @Override
        public void close() {
            HELD.get().remove(key);
            lock.close();
        }
    }

    private Path lockKey() {
        return path.toAbsolutePath().normalize();
    }

    /** Sets the status {@code edited} establishes when it is further along; the note to give then, else null. */
    private String advanceStatus(Ledger edited, LedgerEdit edit) {
        if (commits == null) {
            return null;
        }
        EstablishedStatus established = EstablishedStatus.of(edited, commits);
        LedgerStatus next = established.advancing(edited.status());
        if (next == null) {
            return null;
        }
        edit.setStatus(next);
        return ticket + "'s status is now " + next.word() + " (was " + edited.status().word() + "): "
            + established.why();
    }

    /**
     * Creates the ledger with {@code text} (validated first), refusing if it already exists.
     *
     * @throws RcaException exit 3 when the ledger exists or cannot be written
     */
    @SuppressWarnings("try") // the lock is held for the try's body, never read
    public void create(String text) {
        Ledger ledger = LedgerSchema.load(LedgerSource.parse(text, displayName));
        if (!ledger.ticket().equals(ticket.value())) {
            throw new IllegalArgumentException("ledger text is for " + ledger.ticket() + ", not " + ticket);
        }
        if (exists()) {
            throw alreadyExists();
        }
        refuseNonFile();
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            Path inTheWay = path.getParent();
            while (inTheWay != null && !Files.exists(inTheWay)) {
                inTheWay = inTheWay.getParent();
            }
            if (inTheWay != null && !Files.isDirectory(inTheWay)) {
                throw RcaException.badInput("cannot create " + shown(path.getParent()) + ": " + shown(inTheWay)
                    + " is a file, not a directory", e);
            }
            throw RcaException.badInput("cannot create " + path.getParent() + ": " + e.getMessage(), e);
        }
        try (LedgerLock lock = LedgerLock.acquire(path, displayName, notes)) {
            if (Files.exists(path)) {
                throw alreadyExists();
            }
            writeAtomically(text);
        }
    }

    private RcaException alreadyExists() {
        return RcaException.badInput("a ledger for " + ticket + " already exists: " + displayName)
            .withHint("add to it with 'rca symptom -t " + ticket + " \"…\"', or choose another ticket id");
    }

    /** {@code file}, an ancestor of the ledger, named as {@link #displayName} names the ledger. */
    private String shown(Path file) {
        if (Path.of(displayName).isAbsolute()) {
            return file.toString();
        }
        Path top = path;
        for (int steps = displayName.split("/").length; steps > 0 && top != null; steps--) {
            top = top.getParent();
        }
        return top == null || !file.startsWith(top) ? file.toString()
            : top.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** A directory, a FIFO or a device where the ledger should be is neither missing nor a ledger. */
    void refuseNonFile() {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw RcaException.badInput(displayName + " is " + (Files.isDirectory(path) ? "a directory" : "not a regular file")
                + ", not a ledger").withHint("move it out of the way, then rerun");
        }
    }

    private void requireExists() {
        refuseNonFile();
        if (!exists()) {
            throw RcaException.badInput("no ledger for " + ticket + " (" + displayName + " does not exist)")
                .withHint("start one with 'rca open " + ticket + "'");
        }
    }

    private void writeAtomically(String text) {
        try {
            removeTemporaryFilesOfKilledWriters();
            AtomicFile.write(path, text);
        } catch (IOException e) {
            throw RcaException.badInput("cannot write " + displayName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Temporary files are written only under the lock, which this process holds now: any still there were left
     * by a writer killed before its rename, and would otherwise end up committed with {@code git add -A}.
     */
    private void removeTemporaryFilesOfKilledWriters() throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(path.getParent(),
            "." + path.getFileName() + ".*.tmp")) {
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public String toString() {
        return displayName;
    }

    /** An edit of a ledger under its lock. */
    @FunctionalInterface
    public interface LedgerUpdate<T> {
        /** Edits through {@code edit}; throwing leaves the ledger untouched. */
        T apply(LedgerEdit edit);
    }
}
