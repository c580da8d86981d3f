package dev.rca.history;

import java.util.List;

/**
 * One commit in a path's history.
 *
 * @param commit the commit (valid only inside the sink's callback)
 * @param paths the paths the followed files had in this commit ({@code --follow}), else the query's paths
 * @param added lines added under the paths ({@code --stat}), or -1
 * @param removed lines removed under the paths ({@code --stat}), or -1
 */
public record HistoryEntry(LoggedCommit commit, List<String> paths, long added, long removed) {
    public HistoryEntry {
        paths = List.copyOf(paths);
    }

    /** True when churn was computed. */
    public boolean hasStat() {
        return added >= 0;
    }
}
