package dev.rca.history;

import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * An object reader whose commit graph is rca's cache (commit table and, once written, changed-path table) rather
 * than git's {@code commit-graph} file: JGit code handed this reader parses commits from the table and skips the
 * commits that did not change a path by the table's exact changed-path lists, with or without a commit-graph.
 * It only adds; every object is read through the repository's own reader.
 */
public final class CachedGraphReader extends ObjectReader.Filter {
    private final ObjectReader delegate;
    private final TableCommitGraph graph;

    private CachedGraphReader(ObjectReader delegate, TableCommitGraph graph) {
        this.delegate = delegate;
        this.graph = graph;
    }

    /**
     * A reader over the cache as it is (nothing is built or written), or null when the repository keeps none,
     * the cache is off, or the table records {@code start} differently from the repository (the table then
     * belongs to some other history and the live objects are read as usual).
     *
     * @param start a commit the caller will walk from, already parsed from its object
     */
    public static CachedGraphReader open(GitWorkspace workspace, RevCommit start) {
        CommitTable commits = CommitCache.existingTable(workspace);
        if (commits == null) {
            return null;
        }
        int index = commits.find(start);
        if (index >= 0 && !commits.agrees(index, start)) {
            return null;
        }
        Path dir = CommitCache.directory(workspace);
        ChangedPathTable paths = ChangedPathTable.open(dir, commits);
        return new CachedGraphReader(CommitGraphs.openReader(workspace.repository()),
            new TableCommitGraph(commits, paths));
    }

    /**
     * A tree walk over this reader that, for a single tree and a path filter, reads what a commit's tree holds at
     * the path from the changed-path table where it can, instead of the tree and its subtrees.
     */
    public TreeWalk newTreeWalk() {
        return new TablePathWalk(this, graph);
    }

    @Override
    protected ObjectReader delegate() {
        return delegate;
    }

    @Override
    public Optional<CommitGraph> getCommitGraph() throws IOException {
        return Optional.of(graph);
    }
}
