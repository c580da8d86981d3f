package dev.rca.history;

import java.io.IOException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** A RevWalk used only as a parser and object pool whose commits are {@link WalkCommit}s. */
final class WalkPool extends RevWalk {
    WalkPool(ObjectReader reader) {
        super(reader);
        setRetainBody(false);
    }

    @Override
    protected RevCommit createCommit(AnyObjectId id) {
        return new WalkCommit(id);
    }

    @Override
    protected RevCommit createCommit(AnyObjectId id, int graphPosition) {
        return new WalkCommit(id, graphPosition);
    }

    /**
     * Fills in {@code c}'s time, parents and, when {@code withTree}, tree, once: from rca's commit table when
     * {@code table} holds the commit (parents are remembered in {@code byIndex}), else from the commit object.
     */
    void parse(WalkCommit c, CommitTable table, WalkCommit[] byIndex, boolean withTree) throws IOException {
        if (c.has(WalkCommit.PARSED)) {
            return;
        }
        int index = table == null ? -1 : c.tableIndex >= 0 ? c.tableIndex : table.find(c);
        if (index >= 0) {
            parseFromTable(c, table, index, byIndex, withTree);
        } else {
            parseFromObject(c);
        }
    }

    /**
     * Fills in {@code c}'s time, parents and, when {@code withTree}, tree from rca's commit table at {@code index},
     * without reading the commit; parents come from this pool and are remembered in {@code byIndex} with their
     * table index.
     */
    private void parseFromTable(WalkCommit c, CommitTable table, int index, WalkCommit[] byIndex, boolean withTree) {
        c.tableIndex = index;
        byIndex[index] = c;
        c.time = Integer.toUnsignedLong(table.commitTime(index));
        c.tree = withTree ? table.tree(index) : null;
        int n = table.parentCount(index);
        c.parentCount = n;
        c.walkParents = new WalkCommit[n];
        for (int i = 0; i < n; i++) {
            int pi = table.parent(index, i);
            WalkCommit p = byIndex[pi];
            if (p == null) {
                p = (WalkCommit) lookupCommit(table.id(pi));
                p.tableIndex = pi;
                byIndex[pi] = p;
            }
            c.walkParents[i] = p;
        }
        c.marks |= WalkCommit.PARSED;
    }

    /** Fills in {@code c}'s time, tree and parents from the commit object. */
    private void parseFromObject(WalkCommit c) throws IOException {
        parseHeaders(c);
        RevCommit[] parents = c.getParents();
        c.walkParents = new WalkCommit[parents.length];
        for (int i = 0; i < parents.length; i++) {
            c.walkParents[i] = (WalkCommit) parents[i];
        }
        c.time = Integer.toUnsignedLong(c.getCommitTime());
        c.tree = c.getTree();
        c.parentCount = parents.length;
        c.marks |= WalkCommit.PARSED;
    }
}
