package dev.rca.ledger;

import dev.rca.RcaException;
import dev.rca.io.LockFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lock of a ledger, on {@code <TICKET>.yaml.lock} beside it (a {@link LockFile}: the system's record lock, which
 * ends with its process however it ends, so it is never left stale). A second process waits for it up to a bounded
 * time (default 10 s, {@code RCA_LOCK_TIMEOUT} seconds or the {@code rca.lockTimeoutMillis} system property), saying
 * after a second whom it waits for; the file is deleted when the lock is let go.
 */
public final class LedgerLock implements AutoCloseable {
    private final LockFile lock;

    private LedgerLock(LockFile lock) {
        this.lock = lock;
    }

    /** The lock file guarding {@code ledger}. */
    public static Path lockFileFor(Path ledger) {
        return ledger.resolveSibling(ledger.getFileName() + ".lock");
    }

    /**
     * Takes the lock for {@code ledger} (called {@code file} in messages), waiting at most the configured time;
     * {@code notes} hears, after a second of waiting, whom it waits for.
     *
     * @throws RcaException exit 3 when the lock is held for too long or cannot be taken
     */
    public static LedgerLock acquire(Path ledger, String file, Consumer<String> notes) {
        return acquire(ledger, file, LockFile.configuredTimeout(), notes);
    }

    /** Takes the lock for {@code ledger}, waiting at most {@code timeout} (null: as long as it takes). */
    public static LedgerLock acquire(Path ledger, String file, Duration timeout, Consumer<String> notes) {
        Path lockFile = lockFileFor(ledger);
        LockFile taken = LockFile.acquire(lockFile, null, timeout, file, holder -> { }, notes);
        if (taken == null) {
            LockFile.Holder holder = LockFile.holderOf(lockFile);
            throw RcaException.badInput(file + " is locked by " + (holder == null ? "another rca" : holder.describe())
                + "; rca waited " + LockFile.shown(timeout) + " for it")
                .withHint("another rca command is writing it; rerun when that one ends (RCA_LOCK_TIMEOUT=<seconds>"
                    + " waits longer)");
        }
        return new LedgerLock(taken);
    }

    /** Releases the lock. */
    @Override
    public void close() {
        lock.close();
    }
}
