package dev.rca.history;

import java.io.IOException;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A recursive tree walk that answers "what is at this path in this tree" (one tree, a {@link PathFilter}) from
 * rca's changed-path table instead of reading the tree and its subtrees, when the tree is a covered commit's;
 * every other use walks trees as usual. Like the walk it stands in for, it yields the path's entry when a file
 * (or link) is there; when a directory is there it walks the real trees, whose children it would yield.
 * Comparing two trees, it tells a listener each path that the second tree lacks or holds with another type: the
 * paths a rename search over the comparison may name as a file's older name.
 */
final class TablePathWalk extends TreeWalk {
    private final TableCommitGraph graph;
    private TreeFilter filter;
    /** The answered entry's position, -1 when nothing is at the path, or -2 while the walk is a real one. */
    private int answer = -2;
    private boolean answered;
    private final Consumer<String> goneFromSecond;

    TablePathWalk(ObjectReader reader, TableCommitGraph graph, Consumer<String> goneFromSecond) {
        super(reader);
        this.graph = graph;
        this.goneFromSecond = goneFromSecond;
    }

    @Override
    public String getPathString() {
        String path = super.getPathString();
        if (goneFromSecond != null && answer == -2 && getTreeCount() == 2) {
            int before = super.getRawMode(0);
            int after = super.getRawMode(1);
            if (before != 0 && (after & FileMode.TYPE_MASK) != (before & FileMode.TYPE_MASK)) {
                goneFromSecond.accept(path);
            }
        }
        return path;
    }

    @Override
    public void setFilter(TreeFilter filter) {
        this.filter = filter;
        super.setFilter(filter);
    }

    @Override
    public void reset(AnyObjectId tree) throws IOException {
        answer = -2;
        if (filter instanceof PathFilter path && isRecursive()) {
            Integer entry = graph.entryAt(tree, path.getPath());
            if (entry != null && (entry < 0 || (graph.paths().entryMode(entry) & FileMode.TYPE_MASK) != FileMode.TYPE_TREE)) {
                answer = entry;
                answered = false;
                return;
            }
        }
        super.reset(tree);
    }

    @Override
    public void reset(AnyObjectId... trees) throws IOException {
        answer = -2;
        super.reset(trees);
    }

    @Override
    public void reset() {
        answer = -2;
        super.reset();
    }

    @Override
    public boolean next() throws IOException {
        if (answer == -2) {
            return super.next();
        }
        if (answered || answer < 0) {
            return false;
        }
        answered = true;
        return true;
    }

    @Override
    public int getRawMode(int nth) {
        return answer >= 0 && nth == 0 ? graph.paths().entryMode(answer) : super.getRawMode(nth);
    }

    @Override
    public void getObjectId(MutableObjectId out, int nth) {
        if (answer >= 0 && nth == 0) {
            graph.paths().entryId(answer, out);
        } else {
            super.getObjectId(out, nth);
        }
    }

    @Override
    public ObjectId getObjectId(int nth) {
        return answer >= 0 && nth == 0 ? graph.paths().entryId(answer) : super.getObjectId(nth);
    }
}
