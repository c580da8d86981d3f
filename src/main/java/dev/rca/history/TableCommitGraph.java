package dev.rca.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * rca's cache tables seen through JGit's commit-graph interface, so that JGit code which reads a commit-graph
 * (a {@code RevWalk} parsing headers, {@code BlameGenerator} skipping commits by changed-path filter) gets
 * parents, dates and trees without inflating commits, and exact changed-path filters without a
 * {@code commit-graph} file. Graph positions are commit-table indices.
 */
final class TableCommitGraph implements CommitGraph {
    private static final int SLOTS = 1 << 16;

    private final CommitTable commits;
    /** May be null (no {@code rca index} yet): then no commit has a filter and JGit reads trees. */
    private final ChangedPathTable paths;

    /** The commit-table index of a commit with each tree handed out so far: what the tree holds is its. */
    private final Map<ObjectId, Integer> treeOwners = new HashMap<>();
    /**
     * The commit-table index (+ 1; 0 for none) of commit ids handed out, by hash, a later id taking an earlier
     * one's slot: a walk parses tens of thousands of commits, and a map of them costs more than the searches
     * it saves.
     */
    private final int[] positions = new int[SLOTS];
    /** Per path, what the covered commits hold there, worked out once. */
    private final Map<String, ChangedPathTable.Lookup> lookups = new HashMap<>();

    TableCommitGraph(CommitTable commits, ChangedPathTable paths) {
        this.commits = commits;
        this.paths = paths;
    }

    /**
     * What tree {@code tree} holds at {@code path}, from the changed-path table, when the tree is that of a
     * covered commit this graph handed out: the entry position, -1 for nothing there, or null when unknown.
     */
    Integer entryAt(AnyObjectId tree, String path) {
        Integer owner = paths == null ? null : treeOwners.get(tree);
        if (owner == null || owner >= paths.commits()) {
            return null;
        }
        return lookups.computeIfAbsent(path, p -> paths.new Lookup(commits, List.of(p))).holding(owner);
    }

    /** What {@link CachedGraphReader#changedFiles} says of {@code commit}. */
    List<FileChange> changedFiles(AnyObjectId commit) {
        int index = coveredIndex(commit);
        ChangedFiles everywhere = index < 0 ? null : paths.everywhere(commits);
        return everywhere == null ? null : everywhere.files(index);
    }

    /** What {@link CachedGraphReader#fileAt} says of {@code path} in {@code commit}. */
    ObjectId fileAt(AnyObjectId commit, String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return null; // not a plain path: left to a tree walk's own reading of it
        }
        int index = coveredIndex(commit);
        ChangedFiles everywhere = index < 0 ? null : paths.everywhere(commits);
        return everywhere == null ? null
            : everywhere.fileAt(index, path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code commit}'s index in the commit table when the changed-path table covers it, else -1. */
    private int coveredIndex(AnyObjectId commit) {
        int index = paths == null ? -1 : commits.find(commit);
        return index >= 0 && index < paths.commits() ? index : -1;
    }

    ChangedPathTable paths() {
        return paths;
    }

    CommitTable commits() {
        return commits;
    }

    /**
     * Lets go of the per-path lookups, which pin the changed-path table's per-path memory beyond its own budget
     * while this graph is kept; they are made again, cheaply, when asked for. The trees handed out stay known:
     * a walk kept with this graph does not read its parsed commits again.
     */
    void release() {
        lookups.clear();
    }

    @Override
    public int findGraphPosition(AnyObjectId id) {
        return commits.find(id);
    }

    @Override
    public CommitData getCommitData(int position) {
        if (position < 0 || position >= commits.size()) {
            return null;
        }
        int[] parents = new int[commits.parentCount(position)];
        for (int i = 0; i < parents.length; i++) {
            parents[i] = commits.parent(position, i);
        }
        ObjectId tree = commits.tree(position);
        treeOwners.putIfAbsent(tree, position);
        long time = Integer.toUnsignedLong(commits.commitTime(position));
        return new CommitData() {
            @Override
            public ObjectId getTree() {
                return tree;
            }

            @Override
            public int[] getParents() {
                return parents;
            }

            @Override
            public long getCommitTime() {
                return time;
            }

            @Override
            public int getGeneration() {
                return Constants.COMMIT_GENERATION_UNKNOWN;
            }
        };
    }

    @Override
    public ObjectId getObjectId(int position) {
        if (position < 0 || position >= commits.size()) {
            return null;
        }
        ObjectId id = commits.id(position);
        positions[id.hashCode() & (SLOTS - 1)] = position + 1;
        return id;
    }

    /**
     * The filter of every path (at every level) the commit changed against its first parent; like git's, only
     * for commits with one parent, where that is the whole question. Built from the table's exact list, so it
     * never says "maybe" for a path the commit left alone beyond the Bloom filter's own false positives.
     */
    @Override
    public ChangedPathFilter getChangedPathFilter(int position) {
        if (paths == null || position < 0 || position >= paths.commits() || commits.parentCount(position) != 1) {
            return null;
        }
        // every generator of a blame (each file, each re-blame, the next query) asks about the same commits: the
        // table keeps the filters it built
        return paths.changedPathFilter(position);
    }

    /** The raw commit object of {@code id} when the table has it, or null. */
    byte[] raw(AnyObjectId id) {
        // a walk reads the commits whose positions it was handed as parents: no search of the table
        int known = positions[id.hashCode() & (SLOTS - 1)] - 1;
        int position = known >= 0 && commits.isCommit(known, id) ? known : commits.find(id);
        return position < 0 ? null : commits.raw(position);
    }

    @Override
    public long getCommitCnt() {
        return commits.size();
    }
}
