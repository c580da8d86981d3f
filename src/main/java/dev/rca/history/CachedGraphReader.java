package dev.rca.history;

import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
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
    /** Whether a commit read from the table is first looked up in the object database. */
    private boolean checkObjects;
    /** Blobs and trees read so far, by this reader or any other of the process. */
    private final ObjectBytesCache kept = ObjectBytesCache.SHARED;
    /** Commit objects handed out: a walk over this reader reads each commit it parses (and keeps) once. */
    private long commitsRead;

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
        return open(workspace, start, null);
    }

    /**
     * Like {@link #open(GitWorkspace, RevCommit)}, but {@code known} itself, which {@link #close} only released,
     * when it reads the very tables that would be opened (the same instances: a process that keeps its tables,
     * the daemon, opens the same ones while their files are unchanged) and they hold {@code start}. Whether
     * {@code known} reads the workspace's repository is the caller's to know.
     */
    public static CachedGraphReader open(GitWorkspace workspace, RevCommit start, CachedGraphReader known) {
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
        CachedGraphReader reader = known != null && index >= 0 && known.graph.commits() == commits
            && known.graph.paths() == paths ? known
            : new CachedGraphReader(CommitGraphs.openReader(workspace.repository()), new TableCommitGraph(commits, paths));
        reader.checkObjects = CommitCache.objectsMayVanish(workspace.repository());
        return reader;
    }

    /**
     * A tree walk over this reader that, for a single tree and a path filter, reads what a commit's tree holds at
     * the path from the changed-path table where it can, instead of the tree and its subtrees.
     */
    public TreeWalk newTreeWalk() {
        return new TablePathWalk(this, graph, null);
    }

    /**
     * Like {@link #newTreeWalk()}, and when comparing two trees it hands {@code goneFromSecond} each path the
     * first holds and the second lacks or holds with another type (what a rename search may take as a file's
     * older name), as the walk's user asks for the path.
     */
    public TreeWalk newTreeWalk(Consumer<String> goneFromSecond) {
        return new TablePathWalk(this, graph, goneFromSecond);
    }

    /**
     * What single-parent commit {@code commit} changed against its parent, file by file in path order, from the
     * changed-path table: the files a recursive tree walk over the two trees with {@code TreeFilter.ANY_DIFF} lists
     * (JGit's {@code DiffEntry.scan}, modes as it reads them), without reading a tree. Null when the table cannot say: there is none, it
     * does not cover the commit, the commit is a root or a merge, or a path is a file on one side and a directory
     * on the other, a symlink or a submodule.
     */
    public java.util.List<FileChange> changedFiles(AnyObjectId commit) {
        return graph.changedFiles(commit);
    }

    /**
     * What {@code commit} holds at {@code path} when it is a regular or executable file: its blob; the zero id when
     * nothing is there. From the changed-path table, without reading a tree; null when the table cannot say
     * (there is none, it does not cover the commit, or something other than such a file is there).
     */
    public ObjectId fileAt(AnyObjectId commit, String path) {
        return graph.fileAt(commit, path);
    }

    /**
     * Reads blobs and trees once while they fit in the process's {@link ObjectBytesCache}: the same versions of a
     * file are read by every walk over its history (each file of a fix, each re-blame, the next query), and a
     * blob read again is the same array, which {@link #blobOf} recognises.
     */
    @Override
    public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
        if (typeHint == Constants.OBJ_COMMIT) {
            commitsRead++;
            // JGit's RevWalk reads every commit object even when its graph has the commit's parents and
            // dates: the table holds the same bytes, without finding and inflating them in the pack
            byte[] raw = graph.raw(id);
            if (raw != null && checkObjects && !super.has(id)) {
                // the table outlived the object (CommitCache#objectsMayVanish): fail as a reader without it does
                throw new MissingObjectException(id.copy(), Constants.OBJ_COMMIT);
            }
            return raw != null ? new ObjectLoader.SmallObject(Constants.OBJ_COMMIT, raw) : super.open(id, typeHint);
        }
        if (typeHint == Constants.OBJ_TREE) {
            // a blame reads the trees along its path at each commit whose text it loads (JGit looks up the
            // blob's attributes there), again for every walk that crosses the commit
            byte[] tree = kept.tree(id);
            if (tree == null) {
                ObjectLoader loader = super.open(id, typeHint);
                if (loader.isLarge()) {
                    return loader;
                }
                tree = loader.getCachedBytes();
                kept.keepTree(id, tree);
            }
            return new ObjectLoader.SmallObject(Constants.OBJ_TREE, tree);
        }
        if (typeHint == OBJ_ANY) {
            // an untyped read (RevWalk.parseAny and the like) of a tree this reader keeps
            byte[] tree = kept.tree(id);
            if (tree != null) {
                return new ObjectLoader.SmallObject(Constants.OBJ_TREE, tree);
            }
        } else if (typeHint != Constants.OBJ_BLOB) {
            return super.open(id, typeHint);
        }
        byte[] bytes = kept.blob(id);
        if (bytes != null) {
            return new ObjectLoader.SmallObject(Constants.OBJ_BLOB, bytes);
        }
        ObjectLoader loader = super.open(id, typeHint);
        if (loader.getType() != Constants.OBJ_BLOB || loader.isLarge() || !kept.keepsBlobOf(loader.getSize())) {
            return loader;
        }
        return new ObjectLoader.SmallObject(Constants.OBJ_BLOB, kept.keepBlob(id, loader.getCachedBytes()));
    }

    /**
     * The id of a blob whose bytes this reader handed out and the process still keeps ({@code content} itself),
     * or null.
     */
    public ObjectId blobOf(byte[] content) {
        return kept.blobOf(content);
    }

    /**
     * How many commit objects this reader has handed out: at least as many as a {@code RevWalk} over it holds
     * parsed, and not many more (a walk reads a commit again only for its message).
     */
    public long commitsRead() {
        return commitsRead;
    }

    /**
     * Releases what the reader holds beyond the tables and the commits it has seen (the pack windows and delta
     * bases of the repository's reader, the per-path lookups): like any {@link ObjectReader}, it can be used
     * again after.
     */
    @Override
    public void close() {
        graph.release();
        super.close();
    }

    @Override
    protected ObjectReader delegate() {
        return delegate;
    }

    /** The commit table this reader's commit graph reads. */
    CommitTable commitTable() {
        return graph.commits();
    }

    @Override
    public Optional<CommitGraph> getCommitGraph() throws IOException {
        return Optional.of(graph);
    }
}
