package dev.rca.suspects;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.ToLongFunction;

/**
 * A map kept within a budget of estimated bytes, least recently used first out, for the process-wide memories of
 * suspects ({@link RememberedEdits}, {@link ClassifiedCommits}, {@link KnownTexts}): each says what its values
 * cost. Safe for the daemon's threads. A value costing more than the whole budget leaves nothing kept, itself
 * included; callers that want no single value to take more than a share check {@link #budget} first.
 */
final class BudgetedMemory<K, V> {
    private final long budget;
    private final ToLongFunction<? super V> cost;
    private final LinkedHashMap<K, V> kept = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** A memory of at most {@code budget} estimated bytes, each value costing {@code cost} of it; 0 keeps nothing. */
    BudgetedMemory(long budget, ToLongFunction<? super V> cost) {
        if (budget < 0) {
            throw new IllegalArgumentException("negative budget: " + budget);
        }
        this.budget = budget;
        this.cost = cost;
    }

    long budget() {
        return budget;
    }

    /** The value kept for {@code key}, or null; it becomes the most recently used. */
    synchronized V get(Object key) {
        return kept.get(key);
    }

    /** Keeps {@code value} for {@code key}, which nobody changes after, then lets the least recently used go. */
    synchronized void put(K key, V value) {
        V replaced = kept.put(key, value);
        bytes += cost.applyAsLong(value) - (replaced == null ? 0 : cost.applyAsLong(replaced));
        for (Iterator<V> it = kept.values().iterator(); bytes > budget && it.hasNext(); ) {
            bytes -= cost.applyAsLong(it.next());
            it.remove();
        }
    }

    /** Lets every value go. */
    synchronized void clear() {
        kept.clear();
        bytes = 0;
    }

    /** How many values are kept. */
    synchronized int size() {
        return kept.size();
    }
}
