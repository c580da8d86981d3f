package dev.rca.ledger;

import dev.rca.RcaException;
import dev.rca.io.LockFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A lock file beside a ledger ({@code <TICKET>.yaml.lock}), created atomically ({@link LockFile}). A second process
 * waits for it up to a bounded time (default 10 s, {@code RCA_LOCK_TIMEOUT} seconds or the
 * {@code rca.lockTimeoutMillis} system property). A lock left by a process that is gone is reported with a hint and
 * never removed silently.
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
     * Takes the lock for {@code ledger}, waiting at most the configured time.
     *
     * @throws RcaException exit 3 when the lock is held for too long or its holder is gone
     */
    public static LedgerLock acquire(Path ledger, String file) {
        return acquire(ledger, file, LockFile.configuredTimeout());
    }

    /** Takes the lock for {@code ledger}, waiting at most {@code timeout}. */
    public static LedgerLock acquire(Path ledger, String file, Duration timeout) {
        Path lockFile = lockFileFor(ledger);
        long start = System.nanoTime();
        long limit = LockFile.saturatedNanos(timeout);
        long sleepMillis = 2;
        while (true) {
            try {
                LockFile taken = LockFile.tryCreate(lockFile, null);
                if (taken != null) {
                    return new LedgerLock(taken);
                }
                LockFile.Holder holder = LockFile.holderOf(lockFile);
                if (holder != null && holder.isGone()) {
                    throw stale(file, lockFile, holder, "its process is no longer running");
                }
                if (holder == null && LockFile.leftHalfWritten(lockFile)) {
                    throw RcaException.badInput(file + " is locked by an rca that was stopped while taking the lock"
                        + " (the lock file is incomplete)")
                        .withHint("if no rca command is running on this ledger, the lock is stale: delete " + lockFile);
                }
                if (System.nanoTime() - start > limit) {
                    throw stale(file, lockFile, holder, "it was held longer than " + LockFile.shown(timeout));
                }
                sleep(sleepMillis + (long) (Math.random() * sleepMillis));
                sleepMillis = Math.min(50, sleepMillis * 2);
            } catch (NoSuchFileException e) {
                throw RcaException.badInput("cannot lock " + file + ": its directory does not exist", e);
            } catch (IOException e) {
                throw RcaException.badInput("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static RcaException stale(String file, Path lockFile, LockFile.Holder holder, String why) {
        String who = holder == null ? "another rca" : holder.describe();
        return RcaException.badInput(file + " is locked by " + who + " and " + why)
            .withHint("if no rca command is running on this ledger, the lock is stale: delete " + lockFile);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RcaException.badInput("interrupted while waiting for a ledger lock");
        }
    }

    /** Releases the lock, if the lock file is still this lock's. */
    @Override
    public void close() {
        lock.close();
    }
}
