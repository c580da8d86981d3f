package dev.rca.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Answers git's TREESAME question for a set of paths: does a commit change anything under them
 * compared with one parent? Uses the commit-graph's changed-path Bloom filters, when present, to skip
 * the tree comparison for single-parent commits that certainly did not touch the paths.
 */
final class PathChanges {
    private final boolean wholeTree;
    private final TreeWalk walk;
    private final TreePaths treePaths;
    private final CommitGraph graph;
    private final List<byte[]> bloomKeys = new ArrayList<>();
    private ChangedPathTable.Lookup table;
    private long bloomSkips;
    private long treeDiffs;

    PathChanges(ObjectReader reader, List<String> repoPaths, CommitGraph graph) {
        this.wholeTree = repoPaths.contains("");
        this.walk = new TreeWalk(reader);
        this.walk.setRecursive(true);
        this.treePaths = wholeTree ? null : new TreePaths(reader, repoPaths);
        boolean ascii = true;
        for (String p : repoPaths) {
            // a directory-only path changed only where its name did: the filter's key is the name
            byte[] key = Pathspecs.name(p).getBytes(StandardCharsets.UTF_8);
            ascii &= key.length == p.length();
            bloomKeys.add(key);
        }
        // git hashes bytes of 0x80 and above sign-extended in its version-1 filters, JGit unsigned
        // (GitVersionOneBloom): a filter written by either may lack the other's bits, so never trust one there.
        this.graph = ascii && !wholeTree ? graph : null;
    }

    /** Answers from rca's changed-path table for the commits it covers, before any tree is read. */
    void useTable(ChangedPathTable.Lookup lookup) {
        this.table = wholeTree ? null : lookup;
    }

    /** True when {@code commit} has nothing under the paths (git's "same tree as empty"). */
    boolean emptyUnderPaths(WalkCommit commit) throws IOException {
        if (table != null && table.covers(commit.tableIndex)) {
            return table.empty(commit.tableIndex);
        }
        if (treePaths != null) {
            for (TreePaths.Entry e : entries(commit)) {
                if (e != null) {
                    return false;
                }
            }
            return true;
        }
        walk.reset(commit.tree);
        walk.setFilter(TreeFilter.ALL);
        return !walk.next();
    }

    /**
     * True when {@code commit} and {@code parent} have the same content under the paths.
     *
     * @param singleParent {@code parent} is the commit's only parent, so its Bloom filter applies
     */
    boolean same(WalkCommit parent, WalkCommit commit, boolean singleParent) throws IOException {
        if (commit.tree.equals(parent.tree)) {
            return true;
        }
        if (wholeTree) {
            return false;
        }
        if (table != null && table.covers(commit.tableIndex) && table.covers(parent.tableIndex)) {
            return table.same(parent.tableIndex, commit.tableIndex);
        }
        if (singleParent && graph != null && bloomSaysUnchanged(commit)) {
            bloomSkips++;
            return true;
        }
        treeDiffs++;
        return java.util.Arrays.equals(entries(parent), entries(commit));
    }

    /** The commit's entries at the paths, computed once per commit. */
    private TreePaths.Entry[] entries(WalkCommit c) throws IOException {
        if (c.pathEntries == null) {
            c.pathEntries = treePaths.lookup(c.tree);
        }
        return c.pathEntries;
    }

    private boolean bloomSaysUnchanged(RevCommit commit) {
        int position = graph.findGraphPosition(commit);
        if (position < 0) {
            return false;
        }
        ChangedPathFilter filter = graph.getChangedPathFilter(position);
        if (filter == null) {
            return false;
        }
        for (byte[] key : bloomKeys) {
            if (filter.maybeContains(key)) {
                return false;
            }
        }
        return true;
    }

    /** How many tree comparisons the cache's table and the Bloom filters saved, and how many were made. */
    String stats() {
        return "cache answers " + (table == null ? 0 : table.answers()) + ", bloom skips " + bloomSkips
            + ", tree diffs " + treeDiffs;
    }
}
