package dev.rca.history;

import java.util.List;

/**
 * What {@code rca history} asks: the commits that changed some paths.
 *
 * @param paths repository-relative paths ({@code ""} for the whole tree), at least one
 * @param revision where to start ({@code HEAD} when null)
 * @param follow follow renames of files and directories, across merges
 * @param since only commits committed at or after this (epoch seconds), or null
 * @param until only commits committed at or before this (epoch seconds), or null
 * @param firstParent follow only the first parent of merges
 * @param stat compute the lines each commit added and removed under the paths
 */
public record HistoryQuery(List<String> paths, String revision, boolean follow, Long since, Long until,
                           boolean firstParent, boolean stat) {
    public HistoryQuery {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("history needs at least one path");
        }
    }

    /** The same commits as {@code git log <revision> -- <paths>} (without {@code --follow}). */
    LogQuery asLogQuery() {
        return new LogQuery(revision == null ? List.of() : List.of(revision), List.of(), false, false, false, false,
            List.of(), List.of(), since, until, LogQuery.MergeFilter.ALL, firstParent, -1, paths);
    }
}
