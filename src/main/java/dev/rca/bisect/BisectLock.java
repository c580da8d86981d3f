package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.io.LockFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lock every bisect-helper command that changes the bisection or its scratch checkout holds
 * ({@code .git/rca/bisect.lock}, a {@link LockFile}): {@code run} for its whole duration, {@code start}, {@code good},
 * {@code bad}, {@code skip}, {@code next} and {@code reset} while they work, so that no two of them interleave, in
 * separate processes or on the daemon's threads. A command that finds a {@code run} holding it is refused at once
 * (a run can take hours); one held by a short command is waited for, as a ledger's lock is. The lock ends with its
 * process (a run killed with SIGKILL), so the bisection resumes as before; the read-only commands ({@code status},
 * {@code log}, {@code range}) take no lock.
 */
public final class BisectLock implements AutoCloseable {
    /** The lock file in {@code .git/rca/}. */
    public static final String FILE = "bisect.lock";
    private static final String RUN = "bisect-helper run";

    private final LockFile lock;

    private BisectLock(LockFile lock) {
        this.lock = lock;
    }

    /**
     * Takes the bisection's lock of {@code workspace} for {@code bisect-helper <command>}; {@code notes} hears, after
     * a second of waiting, whom it waits for.
     *
     * @throws RcaException exit 3 when a {@code run} holds it, or another command held it longer than the ledger
     *     lock's time ({@code RCA_LOCK_TIMEOUT})
     */
    public static BisectLock acquire(GitWorkspace workspace, String command, Consumer<String> notes) {
        // with rca's own message when .git is read-only
        Path file = workspace.stateDirectory().resolve(FILE);
        Duration timeout = LockFile.configuredTimeout();
        LockFile taken = LockFile.acquire(file, "bisect-helper " + command, timeout, "the bisection", holder -> {
            if (holder != null && RUN.equals(holder.doing())) {
                throw RcaException.badInput("a bisect-helper run is in progress (pid " + holder.pid() + ", since "
                    + holder.since() + "); nothing was changed")
                    .withHint("wait for it to end, or stop it (^C where it runs); 'rca bisect-helper status',"
                        + " 'log' and 'range' show where it stands meanwhile");
            }
        }, notes);
        if (taken == null) {
            LockFile.Holder holder = LockFile.holderOf(file);
            throw RcaException.badInput("the bisection is locked by " + (holder == null ? "another rca"
                : "a " + (holder.doing() == null ? "rca command" : holder.doing()) + ", " + holder.describe())
                + "; rca waited " + LockFile.shown(timeout) + " for it; nothing was changed")
                .withHint("another rca bisect-helper command is still working; rerun when it ends"
                    + " (RCA_LOCK_TIMEOUT=<seconds> waits longer)");
        }
        return new BisectLock(taken);
    }

    /** Releases the lock. */
    @Override
    public void close() {
        lock.close();
    }
}
