package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.DateOrder;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitCache;
import dev.rca.history.Pathspecs;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Walks {@code bad ^good…} exactly as git's {@code limit_list} does for bisection: a date-ordered
 * queue (ties first in, first out), uninteresting marks spread through parsed parents, the same
 * "slop" stopping rule, and, with paths, git's default history simplification (a merge that is
 * tree-same to a relevant parent is rewritten to that parent alone). The commits and their order
 * are what git's {@code find_bisection} receives, so the choices made on them match git's.
 *
 * <p>Like git's object pool, one instance remembers across walks which commits it has parsed and
 * how history simplification rewrote their parents; that memory changes how far uninteresting
 * marks spread when commit dates are skewed. {@code git bisect run} makes all its steps in one
 * process, so {@code rca bisect-helper run} walks every step with one instance, and {@code start}
 * first makes git's ancestor check walk ({@code check_ancestors}) as {@code git bisect start} does.
 */
public final class CandidateWalk implements AutoCloseable {
    private static final int UNINTERESTING = 1;
    private static final int BOTTOM = 2;
    private static final int SEEN = 4;
    private static final int ADDED = 8;
    private static final int TREESAME = 16;
    private static final int SLOP = 5;

    /**
     * The commits a command's walkers parsed are kept, softly, for the next command on the same repository (in the
     * daemon: {@code start}'s for {@code run}), unless its walks pooled more than this many commits in all.
     */
    private static final int KEEP_AT_MOST = 250_000;
    private static final AtomicReference<SoftReference<Commits>> KEPT = new AtomicReference<>();

    /** The commits one or more walkers have parsed, and what reads more; it knows nothing of their pools. */
    private static final class Commits {
        final Repository repository;
        final ObjectReader reader;
        final RevWalk walk;
        /** The commits the walkers' pools have held, summed over walkers: a bound on what the walk holds. */
        long pooled;

        Commits(Repository repository) {
            this.repository = repository;
            this.reader = repository.newObjectReader();
            this.walk = new RevWalk(reader);
            this.walk.setRetainBody(false);
        }

        void close() {
            walk.close();
            reader.close();
        }
    }

    private final Commits commits;
    private final RevWalk walk;
    private final ObjectReader reader;
    /** False for a walker made by {@link #anew}: the commits are its origin's to keep or close. */
    private final boolean ownsWalk;
    private final TreeFilter pathFilter;
    private final boolean firstParent;
    private TreeFilter activeFilter;
    private boolean activeFirstParent;
    private final Map<ObjectId, Node> nodes = new HashMap<>();

    private static final class Node {
        final RevCommit commit;
        int flags;
        int index = -1;
        List<Node> parents;
        /** The SHA, formatted once: every step's graph names all the candidates. */
        private String name;

        Node(RevCommit commit) {
            this.commit = commit;
        }

        String name() {
            if (name == null) {
                name = commit.name();
            }
            return name;
        }

        long date() {
            return commit.getCommitTime();
        }

        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    private CandidateWalk(Commits commits, boolean ownsWalk, List<String> paths, boolean firstParent) {
        this.commits = commits;
        this.reader = commits.reader;
        this.walk = commits.walk;
        this.ownsWalk = ownsWalk;
        this.firstParent = firstParent;
        // as git bisect reads its paths: from the top, ./x is x, . the whole tree, d/ only a directory
        this.pathFilter = paths.isEmpty() ? null : Pathspecs.treeFilter(paths.stream().map(Pathspecs::fromTop).toList());
    }

    /** A walker for one bisection's paths and mode; close it when the process is done with it. */
    public static CandidateWalk open(GitWorkspace workspace, List<String> paths, boolean firstParent) {
        return new CandidateWalk(keptOrNew(workspace.repository()), true, paths, firstParent);
    }

    /**
     * The commits the last command parsed when they are of this repository (the daemon keeps it open between
     * commands: the same instance), else a new set. A commit's parents and date never change, but a shallow
     * repository's cut-off and a grafted one's grafts do, so neither is served from what was kept.
     */
    private static Commits keptOrNew(Repository repository) {
        SoftReference<Commits> ref = KEPT.getAndSet(null);
        Commits kept = ref == null ? null : ref.get();
        if (kept != null && kept.repository == repository && !parentsRewritten(repository)) {
            return kept;
        }
        if (kept != null) {
            kept.close();
        }
        return new Commits(repository);
    }

    private static boolean parentsRewritten(Repository repository) {
        return CommitCache.parentsRewritten(repository) != null;
    }

    /**
     * A walker whose object pool is empty, as a new git process's is, but which reads commits through this one: a
     * commit either of them has parsed is not read from the pack again. Which commits the pool has seen still
     * differs between them, as it does between two git processes, so the walks are the same as with {@link #open}.
     * Close it before this one.
     */
    public CandidateWalk anew(List<String> paths, boolean firstParent) {
        return new CandidateWalk(commits, false, paths, firstParent);
    }

    /**
     * Whether {@code ancestor} (a full SHA) is reachable from {@code descendant}, read through this walker's
     * commits; its object pool does not change.
     */
    public boolean isAncestor(String ancestor, String descendant) {
        try {
            return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(ancestor)),
                walk.parseCommit(ObjectId.fromString(descendant)));
        } catch (IOException e) {
            throw unreadable("cannot read the history", e);
        }
    }

    /**
     * git's {@code get_merge_bases_many}: the best common ancestors of {@code one} and any of {@code others} (full
     * SHAs), newest first (JGit's merge-base filter finds what all the commits share instead). The commits it reads
     * join this walker's object pool, as they join git's.
     */
    public List<String> mergeBases(String one, List<String> others) {
        try {
            return paintDownToCommon(one, others);
        } catch (IOException e) {
            throw unreadable("cannot walk the history", e);
        }
    }

    /** Why a bisection's commit can be gone. */
    static final String PRUNED = "(pruned by a gc after its branch was rewound or rebased?)";
    /** What to do about it. */
    static final String PRUNED_HINT = "rca keeps no refs to a bisection's commits: fetch them again, or start over"
        + " with 'rca bisect-helper reset'; a branch or tag on the bad commit keeps them while you rewrite history";

    /**
     * What a walk that could not read the repository says: for an object it lacks, which one (JGit says "Missing
     * unknown"), and that a gc may have pruned it, since no ref keeps a bisection's commits.
     */
    private static RcaException unreadable(String what, IOException e) {
        if (e instanceof MissingObjectException missing) {
            return RcaException.badInput(what + ": the repository lacks object " + missing.getObjectId().name()
                + " " + PRUNED, e).withHint(PRUNED_HINT);
        }
        return RcaException.badInput(what + ": " + e.getMessage(), e);
    }

    /** A commit in the merge-base walk's queue; {@code order} keeps ties first in, first out, as git's prio_queue. */
    private record Queued(Node node, long order) {
    }

    private List<String> paintDownToCommon(String one, List<String> others) throws IOException {
        final int fromOne = 1;
        final int fromOther = 2;
        final int stale = 4;
        Map<Node, Integer> paint = new HashMap<>();
        PriorityQueue<Queued> queue = new PriorityQueue<>(Comparator.comparingLong((Queued q) -> -q.node().date())
            .thenComparingLong(Queued::order));
        paint.put(parsed(ObjectId.fromString(one)), fromOne);
        queue.add(new Queued(parsed(ObjectId.fromString(one)), 0));
        for (String other : others) {
            Node n = parsed(ObjectId.fromString(other));
            paint.merge(n, fromOther, (a, b) -> a | b);
            queue.add(new Queued(n, queue.size()));
        }
        long pushed = queue.size();
        List<Node> found = new ArrayList<>();
        while (queue.stream().anyMatch(q -> (paint.get(q.node()) & stale) == 0)) {
            Node commit = queue.poll().node();
            int flags = paint.get(commit);
            if (flags == (fromOne | fromOther)) {
                if (!found.contains(commit)) {
                    found.add(commit);
                }
                flags |= stale;
            }
            for (Node parent : parsed(commit).parents) {
                if ((paint.getOrDefault(parent, 0) & flags) != flags) {
                    paint.merge(parsed(parent), flags, (a, b) -> a | b);
                    queue.add(new Queued(parent, pushed++));
                }
            }
        }
        List<Node> best = new ArrayList<>();
        for (Node candidate : found) {
            if (found.stream().noneMatch(other -> other != candidate && isAncestor(candidate.name(), other.name()))) {
                best.add(candidate);
            }
        }
        best.sort(Comparator.comparingLong(Node::date).reversed());
        return best.stream().map(Node::name).toList();
    }

    /** The candidate graph of {@code bad} against {@code goods}, walked by a fresh walker. */
    public static CandidateGraph walk(GitWorkspace workspace, String bad, List<String> goods, List<String> paths,
                                      boolean firstParent) {
        try (CandidateWalk w = open(workspace, paths, firstParent)) {
            return w.candidates(bad, goods);
        }
    }

    /**
     * The candidate graph of {@code bad} against {@code goods} (full SHAs). Goods are taken in SHA
     * order, as git reads them back from {@code refs/bisect/good-*}.
     */
    public CandidateGraph candidates(String bad, List<String> goods) {
        return toGraph(limit(bad, false, goods, pathFilter, firstParent));
    }

    /**
     * git's {@code check_ancestors}: walks {@code ^bad good…} without paths, only for the commits it
     * parses on the way (git bisect start does this before its first choice).
     */
    public void checkAncestors(String bad, List<String> goods) {
        limit(bad, true, goods, null, false);
    }

    /** Walks {@code bad} and the goods (in SHA order), one side negated, as git's revision arguments. */
    private List<Node> limit(String bad, boolean badNegative, List<String> goods, TreeFilter filter, boolean fp) {
        List<String> pending = new ArrayList<>();
        List<Boolean> negative = new ArrayList<>();
        pending.add(bad);
        negative.add(badNegative);
        for (String good : goods.stream().distinct().sorted().toList()) {
            pending.add(good);
            negative.add(!badNegative);
        }
        try {
            return limit(pending, negative, filter, fp);
        } catch (IOException e) {
            throw unreadable("cannot walk the history", e);
        }
    }

    /**
     * Parses {@code sha} as git does when it logs a verdict on it, so later walks know its parents
     * (git bisect run marks commits in the same process that walks).
     */
    public void noteMarked(String sha) {
        try {
            parsed(ObjectId.fromString(sha));
        } catch (IOException e) {
            throw unreadable("cannot read commit " + sha, e);
        }
    }

    @Override
    public void close() {
        commits.pooled += nodes.size();
        if (!ownsWalk) {
            return;
        }
        if (commits.pooled > KEEP_AT_MOST || parentsRewritten(commits.repository)) {
            commits.close();
            return;
        }
        SoftReference<Commits> replaced = KEPT.getAndSet(new SoftReference<>(commits));
        Commits other = replaced == null ? null : replaced.get();
        if (other != null && other != commits) {
            other.close();
        }
    }

    private Node node(RevCommit c) {
        Node n = nodes.get(c);
        return n != null ? n : nodes.computeIfAbsent(c.copy(), k -> new Node(c));
    }

    /** {@code n} once parsed: a node whose parents are known was parsed already, and is not looked up again. */
    private Node parsed(Node n) throws IOException {
        return n.parents != null ? n : parsed(n.commit);
    }

    private Node parsed(ObjectId id) throws IOException {
        RevCommit c = walk.parseCommit(id);
        Node n = node(c);
        if (n.parents == null) {
            n.parents = new ArrayList<>(c.getParentCount());
            for (RevCommit p : c.getParents()) {
                n.parents.add(node(p));
            }
        }
        return n;
    }

    private List<Node> limit(List<String> tips, List<Boolean> negative, TreeFilter filter, boolean fp)
        throws IOException {
        for (Node n : nodes.values()) {
            n.flags = 0;
            n.index = -1;
        }
        activeFilter = filter;
        activeFirstParent = fp;
        List<Node> pending = new ArrayList<>();
        for (int i = 0; i < tips.size(); i++) {
            Node n = parsed(ObjectId.fromString(tips.get(i)));
            if (negative.get(i)) {
                n.flags |= UNINTERESTING | BOTTOM;
                markParentsUninteresting(n);
            }
            pending.add(n);
        }
        LinkedList<Node> queue = new LinkedList<>();
        for (Node n : pending) {
            if (!n.has(SEEN)) {
                n.flags |= SEEN;
                queue.add(n);
            }
        }
        queue.sort(Comparator.comparingLong(Node::date).reversed()); // stable, like git's merge sort

        List<Node> newList = new ArrayList<>();
        long date = Long.MAX_VALUE;
        int slop = SLOP;
        Node interestingCache = null;
        while (!queue.isEmpty()) {
            Node commit = queue.removeFirst();
            if (commit == interestingCache) {
                interestingCache = null;
            }
            processParents(commit, queue);
            if (commit.has(UNINTERESTING)) {
                markParentsUninteresting(commit);
                if (queue.isEmpty()) {
                    slop = 0;
                } else if (date <= queue.getFirst().date()) {
                    slop = SLOP;
                } else {
                    Node found = firstInteresting(queue, interestingCache);
                    interestingCache = found;
                    slop = found != null ? SLOP : slop - 1;
                }
                if (slop > 0) {
                    continue;
                }
                break;
            }
            date = commit.date();
            newList.add(commit);
        }
        return newList;
    }

    private static Node firstInteresting(List<Node> queue, Node cache) {
        if (cache != null && !cache.has(UNINTERESTING)) {
            return cache;
        }
        for (Node n : queue) {
            if (!n.has(UNINTERESTING)) {
                return n;
            }
        }
        return null;
    }

    private void processParents(Node commit, LinkedList<Node> queue) throws IOException {
        if (commit.has(ADDED)) {
            return;
        }
        commit.flags |= ADDED;
        if (commit.has(UNINTERESTING)) {
            for (Node p : commit.parents) {
                p.flags |= UNINTERESTING;
                parsed(p);
                markParentsUninteresting(p);
                if (p.has(SEEN)) {
                    continue;
                }
                p.flags |= SEEN;
                DateOrder.insert(queue, p, Node::date);
            }
            return;
        }
        simplify(commit);
        for (Node p : commit.parents) {
            parsed(p);
            if (!p.has(SEEN)) {
                p.flags |= SEEN;
                DateOrder.insert(queue, p, Node::date);
            }
            if (activeFirstParent) {
                break;
            }
        }
    }

    private static void markParentsUninteresting(Node commit) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        if (commit.parents != null) {
            for (Node p : commit.parents) {
                markOne(p, stack);
            }
        }
        while (!stack.isEmpty()) {
            markOne(stack.pop(), stack);
        }
    }

    private static void markOne(Node n, ArrayDeque<Node> stack) {
        if (n.has(UNINTERESTING)) {
            return;
        }
        n.flags |= UNINTERESTING;
        if (n.parents != null) {
            for (Node p : n.parents) {
                stack.push(p);
            }
        }
    }

    private static boolean relevant(Node n) {
        return (n.flags & (UNINTERESTING | BOTTOM)) != UNINTERESTING;
    }

    /** git's {@code try_to_simplify_commit} with the default {@code simplify_history}. */
    private void simplify(Node commit) throws IOException {
        if (activeFilter == null) {
            return;
        }
        if (commit.parents.isEmpty()) {
            if (!touchesPaths(null, commit.commit)) {
                commit.flags |= TREESAME;
            }
            return;
        }
        boolean relevantChange = false;
        boolean irrelevantChange = false;
        int relevantParents = 0;
        for (int nth = 0; nth < commit.parents.size(); nth++) {
            Node p = commit.parents.get(nth);
            if (relevant(p)) {
                relevantParents++;
            }
            if (nth == 1 && activeFirstParent) {
                break;
            }
            parsed(p);
            if (!touchesPaths(p.commit, commit.commit)) {
                if (!relevant(p)) {
                    continue;
                }
                commit.parents = new ArrayList<>(List.of(p));
                commit.flags |= TREESAME;
                return;
            }
            if (relevant(p)) {
                relevantChange = true;
            } else {
                irrelevantChange = true;
            }
        }
        // with no relevant parent (all reachable from a good commit, as a criss-cross merge's twin is), a merge that
        // differs from one of them is kept
        if (relevantParents > 0 ? !relevantChange : !irrelevantChange) {
            commit.flags |= TREESAME;
        }
    }

    private boolean touchesPaths(RevCommit parent, RevCommit commit) throws IOException {
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            if (parent == null) {
                tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
                tw.addTree(commit.getTree());
            } else {
                tw.addTree(walk.parseCommit(parent).getTree());
                tw.addTree(commit.getTree());
            }
            tw.setFilter(AndTreeFilter.create(activeFilter, TreeFilter.ANY_DIFF));
            return tw.next();
        }
    }

    private CandidateGraph toGraph(List<Node> newList) {
        List<Node> list = new ArrayList<>();
        for (int i = newList.size() - 1; i >= 0; i--) {
            if (!newList.get(i).has(UNINTERESTING)) {
                list.add(newList.get(i));
            }
        }
        for (int i = 0; i < list.size(); i++) {
            list.get(i).index = i;
        }
        List<String> ids = new ArrayList<>(list.size());
        int[][] parents = new int[list.size()][];
        boolean[] treesame = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Node n = list.get(i);
            ids.add(n.name());
            treesame[i] = n.has(TREESAME);
            int[] ps = new int[n.parents.size()];
            int count = 0;
            for (Node p : n.parents) {
                if (!p.has(UNINTERESTING)) {
                    if (p.index < 0 || p.index >= list.size() || list.get(p.index) != p) {
                        throw new IllegalStateException("interesting parent " + p.commit.name() + " not walked");
                    }
                    ps[count++] = p.index;
                }
                if (firstParent) {
                    break;
                }
            }
            parents[i] = count == ps.length ? ps : Arrays.copyOf(ps, count);
        }
        return new CandidateGraph(ids, parents, treesame, firstParent);
    }
}
