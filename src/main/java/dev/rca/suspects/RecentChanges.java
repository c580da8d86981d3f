package dev.rca.suspects;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitWalk;
import dev.rca.history.LogQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The newest commits that changed a fix's files before it, as {@code git log --no-merges -n 5 <parent> --
 * <files>} lists them. The offender often no longer owns any line blame is asked about (the fix rewrote what
 * it left behind, or repaired the code next to it), yet it is among the last few commits to touch the file.
 */
final class RecentChanges {
    /** How many of the newest commits to the fix's files become candidates. */
    static final int COUNT = 5;

    private RecentChanges() {
    }

    /**
     * The ids of at most {@link #COUNT} non-merge commits reachable from {@code parent} that changed any of
     * {@code paths}, newest first, none committed before {@code notBefore} or after {@code notAfter} (epoch
     * seconds; null: no bound): the walk goes no further back than the oldest commit blame already reached, so
     * it costs no more than the blame did. It uses rca's cache tables when they exist (extending them to new
     * commits as any walk does) and never builds them from nothing.
     */
    static List<String> before(GitWorkspace workspace, String parent, Collection<String> paths, long notBefore,
                               Long notAfter) {
        List<String> found = new ArrayList<>();
        if (paths.isEmpty()) {
            return found;
        }
        LogQuery query = new LogQuery(List.of(parent), List.of(), false, false, false, false, List.of(), List.of(),
            notBefore, notAfter, LogQuery.MergeFilter.NO_MERGES, false, COUNT, List.copyOf(paths));
        try (CommitWalk walk = new CommitWalk(workspace, Progress.NONE)) {
            walk.run(query, c -> found.add(c.sha()));
        }
        return found;
    }
}
