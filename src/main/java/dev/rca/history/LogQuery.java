package dev.rca.history;

import dev.rca.RcaException;
import java.util.List;

/**
 * What {@code rca log} (and {@code rca history}) asks of the history, with the meaning {@code git log}
 * gives the same options.
 *
 * @param revisions revisions in git's range syntax ({@code A..B}, {@code ^A}, …); empty means {@code HEAD}
 * @param grep message patterns ({@code --grep}); a commit matches when any does, or all with {@code allMatch}
 * @param allMatch every {@code --grep} pattern must match ({@code --all-match})
 * @param invertGrep keep commits whose message matches none of the patterns ({@code --invert-grep})
 * @param ignoreCase patterns ignore case ({@code -i}); like git, case matters otherwise
 * @param fixedStrings patterns are fixed strings, not regular expressions ({@code -F})
 * @param authors {@code --author} patterns, matched against {@code Name <email>}; any may match
 * @param committers {@code --committer} patterns, matched against {@code Name <email>}; any may match
 * @param since only commits with a committer date at or after this (epoch seconds), or null
 * @param until only commits with a committer date at or before this (epoch seconds), or null
 * @param merges which commits to keep by their number of parents
 * @param firstParent follow only the first parent of merges
 * @param maxCount at most this many commits, counted after filtering; -1 for no limit
 * @param paths repository-relative paths the commits must change ({@code ""} is the whole tree; one ending in
 *     a slash matches only a directory or submodule there, {@link Pathspecs#directoryOnly}); empty for no path
 *     limiting
 * @param pickaxe what {@code -S} or {@code -G} asks of the commits' diffs, or null for neither
 */
public record LogQuery(List<String> revisions, List<String> grep, boolean allMatch, boolean invertGrep,
                       boolean ignoreCase, boolean fixedStrings, List<String> authors, List<String> committers,
                       Long since, Long until, MergeFilter merges, boolean firstParent, int maxCount,
                       List<String> paths, Pickaxe pickaxe) {

    /** Which commits {@code --merges} and {@code --no-merges} keep. */
    public enum MergeFilter {
        /** Every commit. */
        ALL,
        /** Only commits with two or more parents ({@code --merges}). */
        ONLY_MERGES,
        /** Only commits with at most one parent ({@code --no-merges}). */
        NO_MERGES,
        /** No commit: both options, at least two parents and at most one, in either order, as in git. */
        NONE;

        /**
         * The filter of git's {@code --merges} (at least two parents) and {@code --no-merges} (at most one), each
         * applying whatever the other says.
         */
        public static MergeFilter of(boolean merges, boolean noMerges) {
            return merges ? noMerges ? NONE : ONLY_MERGES : noMerges ? NO_MERGES : ALL;
        }

        /** Whether a commit with {@code parents} parents is kept. */
        boolean keeps(int parents) {
            return switch (this) {
                case ALL -> true;
                case ONLY_MERGES -> parents >= 2;
                case NO_MERGES -> parents <= 1;
                case NONE -> false;
            };
        }
    }

    public LogQuery {
        revisions = List.copyOf(revisions);
        grep = List.copyOf(grep);
        authors = List.copyOf(authors);
        committers = List.copyOf(committers);
        paths = List.copyOf(paths);
        if (merges == null) {
            throw new IllegalArgumentException("merges must be given");
        }
        if (maxCount < -1) {
            throw RcaException.usage("-n must be zero or more, not " + maxCount);
        }
        for (String typed : paths) {
            String path = Pathspecs.name(typed);
            if (path.isEmpty() && !typed.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.equals(".")
                || path.contains("//") || path.equals("..") || path.startsWith("../") || path.contains("/../")) {
                throw new IllegalArgumentException("path not normalised: '" + typed + "'");
            }
        }
        MessageFilter.validate(grep, authors, committers, ignoreCase, fixedStrings);
    }

    /** A query without a pickaxe. */
    public LogQuery(List<String> revisions, List<String> grep, boolean allMatch, boolean invertGrep,
                    boolean ignoreCase, boolean fixedStrings, List<String> authors, List<String> committers,
                    Long since, Long until, MergeFilter merges, boolean firstParent, int maxCount,
                    List<String> paths) {
        this(revisions, grep, allMatch, invertGrep, ignoreCase, fixedStrings, authors, committers, since, until,
            merges, firstParent, maxCount, paths, null);
    }

    /** Every commit reachable from {@code HEAD}, as plain {@code git log}. */
    public static LogQuery everything() {
        return new LogQuery(List.of(), List.of(), false, false, false, false, List.of(), List.of(), null, null,
            MergeFilter.ALL, false, -1, List.of());
    }

    /** The same query, limited to {@code newPaths} (normalised, relative to the work tree). */
    public LogQuery withPaths(List<String> newPaths) {
        return new LogQuery(revisions, grep, allMatch, invertGrep, ignoreCase, fixedStrings, authors,
            committers, since, until, merges, firstParent, maxCount, newPaths, pickaxe);
    }

    /** True when commit messages or identities must be read to filter. */
    boolean readsMessages() {
        return !grep.isEmpty() || !authors.isEmpty() || !committers.isEmpty() || invertGrep;
    }
}
