package dev.rca.suspects;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitCache;
import dev.rca.history.CommitWalk;
import dev.rca.history.LogQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The newest commits that changed a fix's files before it, as {@code git log --no-merges -n 5 <parent> --
 * <files>} lists them. The offender often no longer owns any line blame is asked about (the fix rewrote what
 * it left behind, or repaired the code next to it), yet it is among the last few commits to touch the file.
 * The same walk, taken further, finds the earlier fixes to those files that say what they fix: a commit that
 * broke a file once is often what the next fix to it repairs again.
 */
final class RecentChanges {
    /** How many of the newest commits to the fix's files become candidates. */
    static final int COUNT = 5;
    /** How many of the newest commits to the fix's files are read for {@code Fixes:} trailers. */
    static final int FIXES_DEPTH = 200;

    /**
     * What the walk found.
     *
     * @param newest at most {@link #COUNT} ids, newest first
     * @param citing the ids of the commits, among at most {@link #FIXES_DEPTH}, whose message has a
     *               {@code Fixes:} trailer, newest first
     */
    record Found(List<String> newest, List<String> citing) {
        Found {
            newest = List.copyOf(newest);
            citing = List.copyOf(citing);
        }
    }

    /** What a walk asked: its answer depends on nothing else where commit ids fix the history. */
    private record Asked(Path gitDir, String parent, SortedSet<String> paths, long notBefore, Long notAfter) {
        Asked {
            Objects.requireNonNull(gitDir, "gitDir");
            Objects.requireNonNull(parent, "parent");
            paths = Collections.unmodifiableSortedSet(new TreeSet<>(paths));
        }
    }

    /** How many answers {@link #KNOWN} keeps. */
    private static final int KNOWN_ANSWERS = 256;
    /** Questions about more files than this are not kept: their keys alone could fill a small heap. */
    static final int KNOWN_PATHS = 200;

    /**
     * The latest answers of this process, least recently used out: the same fix asked again (as JSON after the
     * table, with {@code -t} after a look) walks its files' history once.
     */
    private static final Map<Asked, Found> KNOWN = Collections.synchronizedMap(
        new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Asked, Found> eldest) {
                return size() > KNOWN_ANSWERS;
            }
        });

    private RecentChanges() {
    }

    /**
     * The non-merge commits reachable from {@code parent} that changed any of {@code paths}, none committed
     * before {@code notBefore} or after {@code notAfter} (epoch seconds; null: no bound): the walk goes no
     * further back than the oldest commit blame already reached, so it costs no more than the blame did. It
     * uses rca's cache tables when they exist (extending them to new commits as any walk does) and never
     * builds them from nothing. The process keeps the answer for the same question, where commit ids fix the
     * history ({@link CommitCache#historyFixedByIds}) and the fix changes at most {@link #KNOWN_PATHS} files.
     */
    static Found before(GitWorkspace workspace, String parent, Collection<String> paths, long notBefore,
                        Long notAfter) {
        List<String> newest = new ArrayList<>();
        List<String> citing = new ArrayList<>();
        if (paths.isEmpty()) {
            return new Found(newest, citing);
        }
        Asked asked = paths.size() <= KNOWN_PATHS && CommitCache.historyFixedByIds(workspace.repository())
            ? new Asked(workspace.gitDir(), parent, new TreeSet<>(paths), notBefore, notAfter) : null;
        Found known = asked == null ? null : KNOWN.get(asked);
        if (known != null) {
            return known;
        }
        LogQuery query = new LogQuery(List.of(parent), List.of(), false, false, false, false, List.of(), List.of(),
            notBefore, notAfter, LogQuery.MergeFilter.NO_MERGES, false, FIXES_DEPTH, List.copyOf(paths));
        try (CommitWalk walk = new CommitWalk(workspace, Progress.NONE)) {
            walk.run(query, c -> {
                if (newest.size() < COUNT) {
                    newest.add(c.sha());
                }
                // most messages have no "Fixes:": those are never decoded
                if (c.mayContain("fixes:") && MessagePointers.citesFixes(c.details().body())) {
                    citing.add(c.sha());
                }
                return true;
            });
        }
        Found found = new Found(newest, citing);
        if (asked != null) {
            KNOWN.put(asked, found);
        }
        return found;
    }
}
