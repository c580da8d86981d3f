package dev.rca;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a computation whose recursion grows with what the user gave it, where the caller's stack may be too shallow:
 * {@code java.util.regex} recurses once per repetition of a group with alternation ({@code (a|b)*},
 * {@code (.|\n)*}), so a {@code --grep} over a message line of some 10,000 characters overflowed the launcher's
 * 4 MiB stack (RCA-13). The computation runs on the caller's thread first (it nearly always fits, and a thread costs
 * more than the search); only when that overflows is it run again from the start on a thread of its own whose stack
 * may grow to {@link #DEEP_STACK}; only what the search uses is committed, and as much again of native memory.
 */
public final class DeepRecursion {
    /**
     * The deep thread's stack: enough for a pattern like {@code (a|b)*} over a line of some 300,000 characters. A
     * search that deep also takes about as much again of the JVM's native memory (arena chunks, outside the heap and
     * -Xmx), which a daemon keeps: 1 GiB let one 10-million-character line take 2.25 GB.
     */
    static final long DEEP_STACK = 256L << 20;

    private DeepRecursion() {
    }

    /**
     * {@code computation}'s result. It must be free of side effects, since an overflow on the caller's thread makes
     * it run again; when it overflows the deep stack too, {@code tooDeep} says why to the user.
     */
    public static <T> T call(Supplier<T> computation, Supplier<RcaException> tooDeep) {
        try {
            return computation.get();
        } catch (StackOverflowError shallow) {
            return onDeepStack(computation, tooDeep);
        }
    }

    /**
     * Why a search for {@code pattern} in a text of {@code length} characters could not be made, when even the deep
     * stack overflowed (exit 3, with what to write instead).
     */
    public static RcaException patternTooDeep(String pattern, int length) {
        return RcaException.badInput("the pattern '" + pattern + "' recursed too deeply on a text of " + length
            + " characters").withHint("java.util.regex recurses once for each repetition of a group with"
            + " alternation: a character class ([ab]* for (a|b)*) or a possessive quantifier ((a|b)*+) does not");
    }

    private static <T> T onDeepStack(Supplier<T> computation, Supplier<RcaException> tooDeep) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread deep = new Thread(null, () -> {
            try {
                result.set(computation.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "rca-deep-recursion", DEEP_STACK);
        deep.start();
        // the caller's own search could not have been interrupted either; its interrupt is kept for after
        boolean interrupted = false;
        while (true) {
            try {
                deep.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof StackOverflowError) {
            throw tooDeep.get();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
