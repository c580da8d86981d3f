package dev.rca.history;

import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.PartialClone;
import dev.rca.git.RevisionRange;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code git log}'s commit walk, rebuilt on JGit so that it returns the same commits in the same order:
 * a queue ordered by committer date (ties in insertion order), git's limiting of {@code A..B} ranges with
 * its tolerance for clock skew ("slop"), {@code --since} cutting the walk, and the default history
 * simplification at merges when paths are given (follow the parent a merge is TREESAME to).
 *
 * <p>One instance owns one {@link ObjectReader} shared by all its walks; each walk keeps the commits it
 * has seen (a few dozen bytes each) but never their messages.
 */
public final class CommitWalk implements AutoCloseable {
    /** How many extra uninteresting commits git looks at before it ends a range walk. */
    private static final int SLOP = 5;
    private static final Comparator<WalkCommit> BY_DATE = Comparator
        .comparingLong((WalkCommit c) -> c.time).reversed()
        .thenComparingLong(c -> c.queueSeq);

    private final GitWorkspace workspace;
    private final ObjectReader reader;
    private WalkPool pool;
    /** Read on first use: a walk that matches no identity never needs it. */
    private Mailmap mailmap;
    /** What --author and --committer match against, read on first use. */
    private Mailmap filterMailmap;
    private final Progress progress;
    private ShortIds shortIds;
    private long nextSeq;
    private long visited;

    private LogQuery query;
    private PathChanges pathChanges;
    private MessageFilter messageFilter;
    /** What -S or -G keeps, or null. */
    private PickaxeFilter pickaxe;
    /** The commit table of rca's cache, or null to parse every commit from the object database. */
    private CommitTable table;
    /** The changed-path table over {@link #table} for the current run, or null. */
    private ChangedPathTable pathTable;
    /** The walk's commits by table index, so following a parent needs no id lookup. */
    private WalkCommit[] byIndex;

    /** Opens a walk over the workspace's repository; close it to release the object reader. */
    public CommitWalk(GitWorkspace workspace, Progress progress) {
        this.workspace = workspace;
        this.reader = CommitGraphs.openReader(workspace.repository());
        this.pool = new WalkPool(reader);
        this.progress = progress;
    }

    /** The mailmap of the repository ({@code .mailmap}, {@code mailmap.file}). */
    public Mailmap mailmap() {
        if (mailmap == null) {
            mailmap = Mailmaps.read(workspace);
        }
        return mailmap;
    }

    /** The mailmap --author sees: none with {@code log.mailmap=false}, as in git log. */
    private Mailmap filterMailmap() {
        if (filterMailmap == null) {
            filterMailmap = Mailmaps.usedByLog(workspace) ? mailmap() : Mailmap.EMPTY;
        }
        return filterMailmap;
    }

    /** The shortest unambiguous abbreviation of {@code sha} of at least git's default length. */
    public String abbreviate(String sha) {
        if (shortIds == null) {
            shortIds = new ShortIds(workspace.repository(), reader);
        }
        return shortIds.abbreviate(sha);
    }

    /** The reader every walk and diff of this instance shares. */
    ObjectReader reader() {
        return reader;
    }

    /**
     * rca's cache tables for a walk of its own from {@code tip}, built or extended as a whole-history walk of
     * this class would; {@link CacheTables#NONE} when the repository keeps no cache.
     */
    CacheTables cacheTables(ObjectId tip) {
        CommitTable commits = CommitCache.table(workspace, reader, List.of(tip.copy()), true, progress);
        return commits == null ? CacheTables.NONE
            : new CacheTables(commits, CommitCache.pathTable(workspace, reader, commits, progress));
    }

    /**
     * The files changed under {@code paths} as the cache tables of the current run record them, for commits of
     * that run; null without a changed-path table or for the whole tree.
     */
    ChangedFiles changedFiles(List<String> paths) {
        return pathTable == null || paths.contains("") ? null : ChangedFiles.of(table, pathTable, paths);
    }

    /** The files the pickaxe looks at, from the changed-path table of the current run; null without one. */
    private ChangedFiles pickaxeFiles() {
        if (pathTable == null) {
            return null;
        }
        List<String> paths = query.paths();
        return paths.isEmpty() || paths.contains("") ? pathTable.everywhere(table) : changedFiles(paths);
    }

    /** The commit graph, when the repository has one. */
    CommitGraph commitGraph() {
        return CommitGraphs.graph(reader);
    }

    /**
     * Runs {@code query} and hands each commit to {@code sink} as soon as git would print it.
     *
     * @return true when the walk ran to its end, false when the sink stopped it
     * @throws RcaException exit 3 for unknown revisions or an unreadable repository
     */
    public boolean run(LogQuery query, CommitSink sink) {
        List<RevisionRange.Endpoint> endpoints = new RevisionRange(query.revisions()).resolve(workspace);
        this.query = query;
        // git's walk flags live on the commits: every run starts from a fresh pool on the shared reader
        pool.close();
        pool = new WalkPool(reader);
        nextSeq = 0;
        this.messageFilter = query.readsMessages() ? new MessageFilter(query) : null;
        this.pathChanges = query.paths().isEmpty() ? null
            : new PathChanges(reader, query.paths(), commitGraph());
        this.pickaxe = query.pickaxe() == null ? null : new PickaxeFilter(query.pickaxe(), workspace.repository(),
            reader, query.paths(), query.firstParent(), this::pickaxeFiles);
        try {
            openTable(endpoints, query);
            return walk(endpoints, sink);
        } catch (MissingObjectException e) {
            throw PartialClone.missingForHistory(workspace.repository(), e.getObjectId(), e);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the repository: " + e.getMessage(), e);
        } finally {
            if (pickaxe != null) {
                pickaxe.close();
                pickaxe = null;
            }
            progress.finish();
        }
    }

    private boolean walk(List<RevisionRange.Endpoint> endpoints, CommitSink sink) throws IOException {
        PriorityQueue<WalkCommit> queue = new PriorityQueue<>(BY_DATE);
        boolean limited = false;
        List<WalkCommit> starts = new ArrayList<>();
        for (RevisionRange.Endpoint e : endpoints) {
            WalkCommit c = (WalkCommit) pool.lookupCommit(e.commit());
            parse(c);
            if (e.excluded()) {
                c.marks |= WalkCommit.UNINTERESTING | WalkCommit.BOTTOM;
                markParentsUninteresting(c);
                limited = true;
            }
            if (!c.has(WalkCommit.SEEN)) {
                c.marks |= WalkCommit.SEEN;
                starts.add(c);
            }
        }
        // git sorts the start list by date with a stable sort: equal dates keep command-line order.
        starts.sort(Comparator.comparingLong((WalkCommit c) -> c.time).reversed());
        for (WalkCommit c : starts) {
            enqueue(queue, c);
        }
        int remaining = query.maxCount();
        if (remaining == 0) {
            return true;
        }
        if (limited) {
            for (WalkCommit c : limitList(queue)) {
                if (show(c)) {
                    if (!sink.accept(new LoggedCommit(c, pool)) || --remaining == 0) {
                        return remaining == 0;
                    }
                }
            }
            return true;
        }
        Long since = query.since();
        while (!queue.isEmpty()) {
            WalkCommit c = queue.poll();
            tick();
            if (since != null && c.time < since) {
                pool.retire(c);
                continue;
            }
            processParents(c, queue);
            if (show(c)) {
                if (!sink.accept(new LoggedCommit(c, pool)) || --remaining == 0) {
                    return remaining == 0;
                }
            }
            pool.retire(c);
        }
        return true;
    }

    private void tick() {
        if ((++visited & 0x3ff) == 0) {
            progress.update("walking history", visited, -1);
        }
    }

    private List<WalkCommit> limitList(PriorityQueue<WalkCommit> queue) throws IOException {
        int slop = SLOP;
        long date = Long.MAX_VALUE;
        Long since = query.since();
        Long until = query.until();
        WalkCommit[] interestingCache = new WalkCommit[1];
        List<WalkCommit> result = new ArrayList<>();
        while (!queue.isEmpty()) {
            WalkCommit c = queue.poll();
            tick();
            if (c == interestingCache[0]) {
                interestingCache[0] = null;
            }
            if (since != null && c.time < since) {
                c.marks |= WalkCommit.UNINTERESTING;
            }
            processParents(c, queue);
            if (c.has(WalkCommit.UNINTERESTING)) {
                markParentsUninteresting(c);
                slop = stillInteresting(queue, date, slop, interestingCache);
                if (slop > 0) {
                    continue;
                }
                break;
            }
            if (until != null && c.time > until) {
                continue;
            }
            date = c.time;
            result.add(c);
        }
        return result;
    }

    private static int stillInteresting(PriorityQueue<WalkCommit> queue, long date, int slop,
                                        WalkCommit[] interestingCache) {
        WalkCommit head = queue.peek();
        if (head == null) {
            return 0;
        }
        if (date <= head.time) {
            return SLOP;
        }
        WalkCommit cached = interestingCache[0];
        if (cached != null && !cached.has(WalkCommit.UNINTERESTING)) {
            return SLOP;
        }
        for (WalkCommit c : queue) {
            if (!c.has(WalkCommit.UNINTERESTING)) {
                interestingCache[0] = c;
                return SLOP;
            }
        }
        return slop - 1;
    }

    /** git's {@code get_commit_action}: whether a commit the walk reached is printed. */
    private boolean show(WalkCommit c) throws IOException {
        if (c.has(WalkCommit.UNINTERESTING)) {
            return false;
        }
        if (query.until() != null && c.time > query.until()) {
            return false;
        }
        if (!query.merges().keeps(c.walkParents.length)) {
            return false;
        }
        if (messageFilter != null && !messageMatches(c)) {
            return false;
        }
        if (pathChanges != null && c.has(WalkCommit.TREESAME)) {
            return false;
        }
        return pickaxe == null || pickaxe.matches(new LoggedCommit(c, pool), c.parentCount);
    }

    private boolean messageMatches(WalkCommit c) throws IOException {
        if (c.tableIndex >= 0) {
            return messageFilter.matches(table.raw(c.tableIndex), filterMailmap());
        }
        pool.parseBody(c);
        try {
            return messageFilter.matches(c.getRawBuffer(), filterMailmap());
        } finally {
            c.disposeBody();
        }
    }

    private void enqueue(PriorityQueue<WalkCommit> queue, WalkCommit c) {
        c.queueSeq = nextSeq++;
        queue.add(c);
    }

    private void parse(WalkCommit c) throws IOException {
        // only path queries look at trees
        pool.parse(c, table, byIndex, pathChanges != null);
    }

    /**
     * Opens (building or extending it when worth it) the commit table, and checks it against the start commits
     * parsed from the object database: a table that disagrees with them is from somewhere else, and is removed.
     */
    private void openTable(List<RevisionRange.Endpoint> endpoints, LogQuery query) throws IOException {
        List<ObjectId> starts = new ArrayList<>();
        for (RevisionRange.Endpoint e : endpoints) {
            starts.add(e.commit().copy());
        }
        table = CommitCache.table(workspace, reader, starts, query.maxCount() < 0, progress);
        pathTable = null;
        byIndex = table == null ? null : new WalkCommit[table.size()];
        pool.indexBy(table, byIndex, table != null && CommitCache.objectsMayVanish(workspace.repository()));
        if (table == null) {
            return;
        }
        if (pathChanges != null || pickaxe != null) {
            ChangedPathTable paths = CommitCache.pathTable(workspace, reader, table, progress);
            pathTable = paths;
            if (paths != null && pathChanges != null) {
                pathChanges.useTable(paths.new Lookup(table, query.paths()));
            }
        }
        for (ObjectId id : starts) {
            WalkCommit c = (WalkCommit) pool.lookupCommit(id);
            pool.parseHeaders(c);
            int index = table.find(c);
            if (index >= 0 && !table.agrees(index, c)) {
                CommitCache.discard(table);
                table = null;
                pathTable = null;
                byIndex = null;
                // the start commits looked up so far came from the table's index: begin again without it
                pool.close();
                pool = new WalkPool(reader);
                return;
            }
        }
    }

    /** git's {@code process_parents}. */
    private void processParents(WalkCommit c, PriorityQueue<WalkCommit> queue) throws IOException {
        if (c.has(WalkCommit.ADDED)) {
            return;
        }
        c.marks |= WalkCommit.ADDED;
        if (c.has(WalkCommit.UNINTERESTING)) {
            for (WalkCommit p : c.walkParents) {
                p.marks |= WalkCommit.UNINTERESTING;
                parse(p);
                if (p.walkParents.length > 0) {
                    markParentsUninteresting(p);
                }
                if (p.has(WalkCommit.SEEN)) {
                    continue;
                }
                p.marks |= WalkCommit.SEEN;
                enqueue(queue, p);
            }
            return;
        }
        if (pathChanges != null) {
            simplify(c);
        }
        for (WalkCommit p : c.walkParents) {
            parse(p);
            if (!p.has(WalkCommit.SEEN)) {
                p.marks |= WalkCommit.SEEN;
                enqueue(queue, p);
            }
            if (query.firstParent()) {
                break;
            }
        }
    }

    /** git's {@code try_to_simplify_commit} with the default (simplified, dense) history. */
    private void simplify(WalkCommit c) throws IOException {
        WalkCommit[] parents = c.walkParents;
        if (parents.length == 0) {
            if (pathChanges.emptyUnderPaths(c)) {
                c.marks |= WalkCommit.TREESAME;
            }
            return;
        }
        int relevantParents = 0;
        boolean relevantChange = false;
        boolean irrelevantChange = false;
        for (int nth = 0; nth < parents.length; nth++) {
            WalkCommit p = parents[nth];
            if (p.relevant()) {
                relevantParents++;
            }
            if (nth == 1 && query.firstParent()) {
                break;
            }
            parse(p);
            if (pathChanges.same(p, c, parents.length == 1 && c.parentCount == 1)) {
                if (!p.relevant()) {
                    continue;
                }
                c.walkParents = new WalkCommit[] {p};
                c.marks |= WalkCommit.TREESAME;
                return;
            }
            if (p.relevant()) {
                relevantChange = true;
            } else {
                irrelevantChange = true;
            }
        }
        if (relevantParents > 0 ? relevantChange : irrelevantChange) {
            c.marks &= ~WalkCommit.TREESAME;
        } else {
            c.marks |= WalkCommit.TREESAME;
        }
    }

    /** git's {@code mark_parents_uninteresting}: only through commits already parsed. */
    private static void markParentsUninteresting(WalkCommit c) {
        Deque<WalkCommit> pending = new ArrayDeque<>();
        for (WalkCommit p : c.walkParents) {
            markOneUninteresting(p, pending);
        }
        while (!pending.isEmpty()) {
            markOneUninteresting(pending.pop(), pending);
        }
    }

    private static void markOneUninteresting(WalkCommit c, Deque<WalkCommit> pending) {
        if (c.has(WalkCommit.UNINTERESTING)) {
            return;
        }
        c.marks |= WalkCommit.UNINTERESTING;
        if (c.walkParents != null) {
            for (WalkCommit p : c.walkParents) {
                pending.push(p);
            }
        }
    }

    /** A one-line account of how the last walk compared trees, for diagnostics. */
    public String pathStats() {
        return pathChanges == null ? "no paths" : pathChanges.stats();
    }

    @Override
    public void close() {
        pool.close();
        reader.close();
    }
}
