package dev.rca.postmortem;

import dev.rca.bisect.Bisection;
import dev.rca.ledger.BisectRecord;
import java.util.Optional;

/**
 * What the repository tells of the bisection a ledger records, beyond the ledger's own words. Only
 * {@link #candidates} is required: a renderer told nothing more says nothing of how a bisection without a first bad
 * commit ended.
 */
@FunctionalInterface
public interface RecordedBisection {
    /** How many candidates it had (git's {@code bad ^good} with its paths), or -1 when that cannot be told. */
    int candidates(BisectRecord bisect);

    /** Where it stands, replayed from its steps ({@link Bisection#replay}); empty when that cannot be told. */
    default Optional<Bisection.Status> replayed(BisectRecord bisect) {
        return Optional.empty();
    }

    /**
     * Whether the name a bound was given at start ({@code refs:}) still names that commit for good (a tag), so that
     * it may stand beside the SHA; a ledger written before rca kept only such names may hold {@code HEAD~4}.
     */
    default boolean nameLasts(String name) {
        return false;
    }

    /** Whether it is the bisection in progress in the repository, neither reset nor replaced by another. */
    default boolean inProgress(BisectRecord bisect) {
        return false;
    }
}
