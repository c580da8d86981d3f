package dev.rca;

import java.util.function.BooleanSupplier;

/**
 * Whether the person who asked for the command on this thread has given up on it (a daemon's client stopped with
 * ^C). A command run in a JVM of its own dies with the JVM, before it records anything; one the daemon runs goes
 * on, and asks here before it writes what the person will never see.
 */
public final class Interruption {
    private static final BooleanSupplier NEVER = () -> false;
    private static final ThreadLocal<BooleanSupplier> ASKED = ThreadLocal.withInitial(() -> NEVER);

    private Interruption() {
    }

    /** Runs {@code command} on this thread with {@code gone} saying whether its requester has left. */
    public static int during(BooleanSupplier gone, java.util.function.IntSupplier command) {
        ASKED.set(gone);
        try {
            return command.getAsInt();
        } finally {
            ASKED.remove();
        }
    }

    /** Whether someone watches for the command on this thread to be given up (it runs in the daemon). */
    public static boolean watched() {
        return ASKED.get() != NEVER;
    }

    /** What says whether the command on this thread was given up, for a thread that watches on its behalf. */
    public static BooleanSupplier asked() {
        return ASKED.get();
    }

    /** True when the command running on this thread was given up by whoever asked for it. */
    public static boolean requested() {
        return ASKED.get().getAsBoolean();
    }

    /**
     * Called just before a command writes state its requester would see later (a ledger, a bisection):
     * refuses, saying {@code leftAsItWas}, when that requester has gone.
     *
     * @throws RcaException exit 3 when {@link #requested()}
     */
    public static void beforeWriting(String leftAsItWas) {
        if (requested()) {
            throw RcaException.badInput("interrupted: " + leftAsItWas);
        }
    }
}
