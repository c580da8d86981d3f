package dev.rca.bisect;

import java.util.Optional;

/**
 * Where a bisection's state lives between commands: {@code .git/rca/bisect.yaml}, or the ledger's
 * {@code bisect:} section. Every save is atomic, so a process killed at any moment leaves either
 * the previous state or the new one.
 */
public interface BisectStore {
    /** The saved state, or empty when no bisection is in progress. */
    Optional<BisectState> load();

    /** Replaces the saved state. */
    void save(BisectState state);

    /** Forgets the bisection. */
    void delete();

    /** Where the state lives, for messages. */
    String describe();
}
