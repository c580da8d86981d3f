package dev.rca.history;

import java.io.IOException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A RevWalk used only as a parser and object pool whose commits are {@link WalkCommit}s. Once {@linkplain
 * #indexBy indexed by} a commit table, the commits the table holds are kept in an array by table index instead of
 * the RevWalk's map of ids: a walk over 200,000 commits spent most of its time inserting each into that map and
 * looking each up again, a cache miss apiece. Every way to a commit then leads to the same object: the table's
 * parents through the array, and {@link #lookupCommit} (start points, the parents of commits read from their
 * objects) through the table's own index of ids.
 */
final class WalkPool extends RevWalk {
    /** Set in {@link #retired} for a commit let go of. */
    private static final int RETIRED = 1 << 6;

    private CommitTable indexTable;
    /** Whether a commit read from the table is first looked up in the object database ({@link #indexBy}). */
    private boolean checkObjects;
    private WalkCommit[] indexed;
    /** By table index, the marks of the commits {@link #retire} let go of; null until it lets go of one. */
    private byte[] retired;

    WalkPool(ObjectReader reader) {
        super(reader);
        setRetainBody(false);
    }

    /**
     * Keeps the commits {@code table} holds in {@code byIndex} from now on (either null: in the map of ids again),
     * which must be the array later handed to {@link #parse}. Call it before any commit the table holds is looked
     * up, except a start commit that {@link #parse} is then handed first.
     *
     * @param checkObjects whether {@link #parse} first makes sure the object database still has a commit it reads
     *     from a table ({@link CommitCache#objectsMayVanish})
     */
    void indexBy(CommitTable table, WalkCommit[] byIndex, boolean checkObjects) {
        this.checkObjects = checkObjects;
        boolean both = table != null && byIndex != null;
        this.indexTable = both ? table : null;
        this.indexed = both ? byIndex : null;
    }

    @Override
    public RevCommit lookupCommit(AnyObjectId id) {
        int index = indexed == null ? -1 : indexTable.find(id);
        return index >= 0 ? indexedCommit(index) : super.lookupCommit(id);
    }

    @Override
    protected RevCommit lookupCommit(AnyObjectId id, int graphPosition) {
        int index = indexed == null ? -1 : indexTable.find(id);
        return index >= 0 ? indexedCommit(index) : super.lookupCommit(id, graphPosition);
    }

    /** The table's commit at {@code index}, made on first use, and made again with its marks after {@link #retire}. */
    private WalkCommit indexedCommit(int index) {
        WalkCommit c = indexed[index];
        if (c == null) {
            c = new WalkCommit(indexTable.id(index));
            c.tableIndex = index;
            if (retired != null && retired[index] != 0) {
                c.marks = retired[index] & ~RETIRED;
            }
            indexed[index] = c;
        }
        return c;
    }

    /**
     * Lets go of a commit the walk is done with, keeping only its marks (a byte by table index): should the walk
     * reach it again (from a child dated before it, a clock that went back), the commit is made again from the
     * table, seen and processed as it was. A walk then holds the commits it has yet to finish instead of every commit it met, which for a
     * million-commit history is what fits a 256 MB heap. Commits the table does not hold stay in the pool.
     */
    void retire(WalkCommit c) {
        if (indexed == null || c.tableIndex < 0 || indexed[c.tableIndex] != c) {
            return;
        }
        if (retired == null) {
            retired = new byte[indexed.length];
        }
        retired[c.tableIndex] = (byte) ((c.marks & ~WalkCommit.PARSED) | RETIRED);
        indexed[c.tableIndex] = null;
        // the commits it points at must not be kept alive through it (a walk's start would hold them all); a
        // child that still holds it parses it again from the table
        c.marks &= ~WalkCommit.PARSED;
        c.walkParents = null;
        c.tree = null;
        c.pathEntries = null;
    }

    /**
     * The raw commit object the table holds for {@code c}, or null when the pool is not indexed by a table that
     * holds it: read there, a commit's message leaves no parsed tree and parents in the pool, which would keep
     * every commit shown alive through its parents.
     */
    byte[] rawFromTable(WalkCommit c) {
        return indexed == null || c.tableIndex < 0 ? null : indexTable.raw(c.tableIndex);
    }

    /** {@code c}'s trees as its table records them, or null when the pool is not indexed by a table holding it. */
    LoggedCommit.Trees treesFromTable(WalkCommit c) {
        if (indexed == null || c.tableIndex < 0) {
            return null;
        }
        int parents = indexTable.parentCount(c.tableIndex);
        return new LoggedCommit.Trees(parents, indexTable.tree(c.tableIndex),
            parents == 0 ? null : indexTable.tree(indexTable.parent(c.tableIndex, 0)));
    }

    /** The ids of {@code c}'s parents as its table records them (all of them, whichever the walk follows). */
    java.util.List<String> parentNamesFromTable(WalkCommit c) {
        int n = indexTable.parentCount(c.tableIndex);
        java.util.List<String> names = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(indexTable.id(indexTable.parent(c.tableIndex, i)).name());
        }
        return names;
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
            if (checkObjects && !getObjectReader().has(c)) {
                // the table outlived the object: fail as the walk without the table does
                throw new MissingObjectException(c, Constants.OBJ_COMMIT);
            }
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
            if (p == null && byIndex == indexed) {
                p = indexedCommit(pi);
            } else if (p == null) {
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
            // a commit parsed before the pool was indexed (a walk's start) holds its parents from the map of ids:
            // the table's copy is the one its other children lead to
            c.walkParents[i] = (WalkCommit) lookupCommit(parents[i]);
        }
        c.time = Integer.toUnsignedLong(c.getCommitTime());
        c.tree = c.getTree();
        c.parentCount = parents.length;
        c.marks |= WalkCommit.PARSED;
    }
}
