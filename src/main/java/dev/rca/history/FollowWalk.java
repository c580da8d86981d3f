package dev.rca.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Path history across renames, for files and directories, several at once, in one walk shaped like
 * {@code git log --follow}'s: every commit reachable from the tip, newest first by commit date (ties in the
 * order parents were queued, as git's list), with no history simplification. Where git keeps one name and
 * swaps it for the source at the first rename it meets, this walk keeps every name: when a commit creates
 * a followed name (or, for a directory, moves files into it) from another file, that file's name is added
 * and followed in every commit the walk visits from then on. Whatever git's single name is at a commit, it
 * is among the names this walk follows there, so the result holds everything {@code git log --follow} shows,
 * and the sides of merges as well.
 *
 * <p>Cost: one look-up of the followed names in each commit's root tree (none for single-parent commits the
 * commit-graph's Bloom filters clear), rename detection only in the few commits that create a followed name,
 * as git does.
 */
final class FollowWalk {
    /** Copy detection reads every file of the parent; only for a few added files at a time. */
    private static final int MAX_COPY_SEARCHES = 8;
    /** Content similarity where no followed name was created: for at most this many files on a side. */
    private static final int SMALL_RENAME_LIMIT = 8;
    private static final Comparator<WalkCommit> BY_DATE = Comparator
        .comparingLong((WalkCommit c) -> c.time).reversed()
        .thenComparingLong(c -> c.queueSeq);

    private final Repository repository;
    private final ObjectReader reader;
    private final CommitGraph graph;
    private final TreeWalk diffWalk;
    private final List<String> names = new ArrayList<>();
    /**
     * The names followed only where they are a directory (or submodule), as a pathspec with a trailing slash
     * matches: those typed so, and the directories they were moved from. Elsewhere the name counts as absent.
     */
    private final Set<String> directoryOnly = new java.util.HashSet<>();
    private FollowedNames lookup;
    private List<byte[]> bloomKeys;
    private CommitTable table;
    private final ChangedPathTable paths;
    /** The followed names' indices in the changed-path table's dictionary; null when the table is not used. */
    private java.util.BitSet followedPaths;
    private WalkCommit[] byIndex;

    /**
     * @param tables rca's commit table (parents, dates and trees without parsing a commit) and changed-path
     *     table (which followed names a commit changed, without reading a tree), either or both absent
     */
    FollowWalk(Repository repository, ObjectReader reader, CommitGraph graph, CacheTables tables) {
        this.repository = repository;
        this.reader = reader;
        this.graph = graph;
        this.table = tables.commits();
        this.paths = tables.commits() == null ? null : tables.paths();
        this.diffWalk = new TreeWalk(reader);
        this.diffWalk.setRecursive(true);
    }

    /**
     * Something the walk found: a commit that changed the followed names, under the names it shows
     * ({@code paths}) and as the pathspecs of all it changed, here or in a parent ({@code changed}: a
     * {@link #directoryOnly} name with its trailing slash).
     */
    interface Found {
        boolean accept(RevCommit commit, RevWalk walk, Set<String> paths, Set<String> changed)
            throws IOException;
    }

    /**
     * Walks from {@code tip}, handing {@code found} every commit that changed a followed name, newest first
     * (by commit date, as git's walk).
     *
     * @param paths resolved pathspecs ({@link Pathspecs#resolve}): one with a trailing slash is followed only
     *     where it is a directory
     * @param since commits older than this (epoch seconds) end their line of the walk, as git's
     *     {@code --since}; null for none
     * @param until commits newer than this are walked but not reported; null for none
     */
    void run(ObjectId tip, List<String> paths, boolean firstParent, Long since, Long until, Found found)
        throws IOException {
        setNames(paths);
        try (WalkPool pool = new WalkPool(reader)) {
            PriorityQueue<WalkCommit> queue = new PriorityQueue<>(BY_DATE);
            long seq = 0;
            WalkCommit start = (WalkCommit) pool.parseCommit(tip);
            useTableIfItAgrees(start);
            pool.indexBy(table, byIndex, table != null && CommitCache.objectsMayVanish(repository));
            pool.parse(start, table, byIndex, true);
            start.marks |= WalkCommit.SEEN;
            start.queueSeq = seq++;
            queue.add(start);
            while (!queue.isEmpty()) {
                WalkCommit c = queue.poll();
                if (since != null && c.time < since) {
                    pool.retire(c);
                    continue;
                }
                int parents = firstParent ? Math.min(1, c.parentCount) : c.parentCount;
                for (int i = 0; i < parents; i++) {
                    WalkCommit p = c.walkParents[i];
                    pool.parse(p, table, byIndex, true);
                    if ((p.marks & WalkCommit.SEEN) == 0) {
                        p.marks |= WalkCommit.SEEN;
                        p.queueSeq = seq++;
                        queue.add(p);
                    }
                }
                Set<String> changed = visit(c, parents);
                Set<String> visible = changed.isEmpty() || until != null && c.time > until ? null
                    : visibleNames(c, changed);
                c.pathEntries = null;
                if (visible != null && !found.accept(c, pool, visible, pathspecs(changed))) {
                    return;
                }
                pool.retire(c);
            }
        }
    }

    private void setNames(List<String> pathspecs) {
        names.clear();
        directoryOnly.clear();
        Set<String> distinct = new LinkedHashSet<>();
        Set<String> anyKind = new java.util.HashSet<>();
        for (String spec : pathspecs) {
            distinct.add(Pathspecs.name(spec));
            (Pathspecs.directoryOnly(spec) ? directoryOnly : anyKind).add(Pathspecs.name(spec));
        }
        // src and src/ both typed: the one without the slash asks for more
        directoryOnly.removeAll(anyKind);
        names.addAll(distinct);
        namesChanged();
    }

    private Set<String> pathspecs(Set<String> changed) {
        if (directoryOnly.isEmpty()) {
            return changed;
        }
        Set<String> specs = new TreeSet<>();
        for (String name : changed) {
            specs.add(directoryOnly.contains(name) ? name + "/" : name);
        }
        return specs;
    }

    private void namesChanged() {
        lookup = new FollowedNames(reader, names);
        followedPaths = paths == null || table == null ? null : new java.util.BitSet();
        for (String name : names) {
            if (followedPaths == null) {
                break;
            }
            if (name.isEmpty()) {
                // the whole tree is no entry of the table
                followedPaths = null;
                break;
            }
            int index = paths.pathIndex(name.getBytes(StandardCharsets.UTF_8));
            if (index >= 0) {
                followedPaths.set(index);
            }
        }
        bloomKeys = new ArrayList<>();
        for (String name : names) {
            byte[] key = name.getBytes(StandardCharsets.UTF_8);
            if (name.isEmpty() || key.length != name.length()) {
                // git hashes bytes of 0x80 and above sign-extended in its version-1 filters, JGit unsigned
                // (GitVersionOneBloom): a filter written by either may lack the other's bits, so never trust one.
                bloomKeys = null;
                return;
            }
            bloomKeys.add(key);
        }
    }

    /**
     * The followed names {@code c} changed (against every parent, for a merge), after adding the names
     * their content came from where {@code c} created them.
     */
    private Set<String> visit(WalkCommit c, int parents) throws IOException {
        if (parents == 0) {
            Set<String> present = new TreeSet<>();
            TreePaths.Entry[] mine = entries(c);
            for (int i = 0; i < mine.length; i++) {
                if (mine[i] != null) {
                    present.add(names.get(i));
                }
            }
            return present;
        }
        // A commit's Bloom filter lists what changed against its first parent, merges' too: a merge that
        // left the names as its first parent had them took that side's content, so it neither shows nor renames.
        if (parents == 1 && c.tree.equals(c.walkParents[0].tree) || tableSaysUnchanged(c)
            || bloomSaysUnchanged(c)) {
            return Set.of();
        }
        Set<String> changedAgainstAll = null;
        for (int i = 0; i < parents; i++) {
            WalkCommit p = c.walkParents[i];
            Set<String> changed = changedNames(c, p);
            changedAgainstAll = changedAgainstAll == null ? changed : changedAgainstAll;
            if (changed.isEmpty()) {
                // Identical to one parent under the names: a merge that took that side's content.
                changedAgainstAll = Set.of();
            }
        }
        if (changedAgainstAll.isEmpty()) {
            return Set.of();
        }
        int known = names.size();
        for (int i = 0; i < parents; i++) {
            discoverSources(c, c.walkParents[i], parents == 1, parents == 1 || missingInAllParents(c, parents));
        }
        if (names.size() > known) {
            // Names found in this commit: it changed them as well (a rename shows under both names).
            changedAgainstAll = new TreeSet<>(changedAgainstAll);
            for (int i = 0; i < parents; i++) {
                changedAgainstAll.addAll(changedNames(c, c.walkParents[i]));
            }
        }
        return changedAgainstAll;
    }

    private boolean missingInAllParents(WalkCommit c, int parents) throws IOException {
        TreePaths.Entry[] mine = entries(c);
        for (int n = 0; n < mine.length; n++) {
            if (mine[n] == null) {
                continue;
            }
            boolean inSomeParent = false;
            for (int i = 0; i < parents; i++) {
                inSomeParent |= entries(c.walkParents[i])[n] != null;
            }
            if (!inSomeParent) {
                return true;
            }
        }
        return false;
    }

    /** The followed names whose entries differ between {@code c} and {@code p}. */
    private Set<String> changedNames(WalkCommit c, WalkCommit p) throws IOException {
        if (c.tree.equals(p.tree)) {
            return Set.of();
        }
        TreePaths.Entry[] mine = entries(c);
        TreePaths.Entry[] theirs = entries(p);
        Set<String> changed = new TreeSet<>();
        for (int i = 0; i < mine.length; i++) {
            if (!java.util.Objects.equals(mine[i], theirs[i])) {
                changed.add(names.get(i));
            }
        }
        return changed;
    }

    private TreePaths.Entry[] entries(WalkCommit c) throws IOException {
        // Names are only ever added: entries looked up before the last addition are shorter.
        if (c.pathEntries == null || c.pathEntries.length != names.size()) {
            c.pathEntries = withoutFilesAtDirectoryOnlyNames(lookup.lookup(c.tree));
        }
        return c.pathEntries;
    }

    private TreePaths.Entry[] withoutFilesAtDirectoryOnlyNames(TreePaths.Entry[] found) {
        if (directoryOnly.isEmpty()) {
            return found;
        }
        TreePaths.Entry[] entries = found.clone(); // the lookup's cache keeps its own
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != null && directoryOnly.contains(names.get(i))
                && !Pathspecs.holdsDirectory(entries[i].mode())) {
                entries[i] = null;
            }
        }
        return entries;
    }

    /**
     * When {@code c} created a followed name against {@code p}, or moved files into a followed directory,
     * adds the names the content had in {@code p}.
     *
     * @param singleParent whether {@code p} is the only parent: a merge "adds" to a directory whatever its
     *     other side added, which is no move
     * @param lookForCopies whether sources may be any file of {@code p}, as git's {@code --follow} looks
     *     for them; else only files {@code c} deleted (a merge whose other side already had the name: a
     *     rename on one side, to follow into the other side's history)
     */
    private void discoverSources(WalkCommit c, WalkCommit p, boolean singleParent, boolean lookForCopies) throws IOException {
        TreePaths.Entry[] mine = entries(c);
        TreePaths.Entry[] theirs = entries(p);
        Set<String> created = new TreeSet<>();
        Set<String> grownDirectories = new TreeSet<>();
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] == null || mine[i].equals(theirs[i])) {
                continue;
            }
            if (theirs[i] == null || !sameKind(mine[i], theirs[i])) {
                created.add(names.get(i));
            } else if (singleParent && isTree(mine[i])) {
                grownDirectories.add(names.get(i));
            }
        }
        if (created.isEmpty() && grownDirectories.isEmpty()) {
            return;
        }
        Set<String> searched = new TreeSet<>(created);
        searched.addAll(grownDirectories);
        diffWalk.reset(p.tree, c.tree);
        diffWalk.setFilter(AndTreeFilter.create(filter(searched), TreeFilter.ANY_DIFF));
        List<String> added = new ArrayList<>();
        while (diffWalk.next()) {
            if (diffWalk.getRawMode(0) == 0) {
                added.add(diffWalk.getPathString());
            }
        }
        if (added.isEmpty()) {
            return;
        }
        Set<String> sources = renameSources(p, c, searched, added, lookForCopies && !created.isEmpty());
        sources.removeAll(names);
        if (!sources.isEmpty()) {
            names.addAll(sources);
            namesChanged();
            if (searched.stream().anyMatch(directoryOnly::contains)) {
                // a directory-only one moved here as a whole is the same directory-only one there
                TreePaths.Entry[] before = entries(p);
                for (String source : sources) {
                    TreePaths.Entry e = before[names.indexOf(source)];
                    if (e != null && Pathspecs.holdsDirectory(e.mode())) {
                        directoryOnly.add(source);
                    }
                }
            }
        }
    }

    private static boolean sameKind(TreePaths.Entry a, TreePaths.Entry b) {
        return isTree(a) == isTree(b);
    }

    private static boolean isTree(TreePaths.Entry e) {
        return (e.mode() & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
    }

    private static TreeFilter filter(Set<String> names) {
        return names.contains("") ? TreeFilter.ALL : PathFilterGroup.createFromStrings(names);
    }

    /**
     * The names a row shows: those of {@code changed} that exist in {@code commit} (the file's path there),
     * or for a deletion those that existed in its first parent.
     */
    private Set<String> visibleNames(WalkCommit commit, Set<String> changed) throws IOException {
        Set<String> visible = presentIn(commit, changed);
        if (visible.isEmpty() && commit.parentCount > 0) {
            visible = presentIn(commit.walkParents[0], changed);
        }
        return visible.isEmpty() ? changed : visible;
    }

    private Set<String> presentIn(WalkCommit c, Set<String> wanted) throws IOException {
        TreePaths.Entry[] e = entries(c);
        Set<String> present = new TreeSet<>();
        for (int i = 0; i < e.length; i++) {
            if (e[i] != null && wanted.contains(names.get(i))) {
                present.add(names.get(i));
            }
        }
        return present;
    }

    /**
     * Where the files added under {@code searched} came from in {@code parent}, as whole directories where
     * possible: renamed from files the commit deleted, or (when it created a followed name, as git's
     * {@code --follow} looks "harder") copied from any file of the parent.
     */
    private Set<String> renameSources(WalkCommit parent, WalkCommit commit, Set<String> searched, List<String> added,
                                      boolean lookForCopies) throws IOException {
        RenameDetector detector = newDetector();
        List<DiffEntry> entries = new ArrayList<>();
        Set<String> addedSet = new HashSet<>(added);
        // JGit's detector turns the deletions it pairs into renames, in place
        Set<String> deleted = new HashSet<>();
        try (TreeWalk all = new TreeWalk(reader)) {
            all.setRecursive(true);
            all.reset(parent.tree, commit.tree);
            all.setFilter(TreeFilter.ANY_DIFF);
            for (DiffEntry e : DiffEntry.scan(all)) {
                if (e.getChangeType() == DiffEntry.ChangeType.DELETE) {
                    entries.add(e);
                    deleted.add(e.getOldPath());
                } else if (e.getChangeType() == DiffEntry.ChangeType.ADD && addedSet.contains(e.getNewPath())) {
                    entries.add(e);
                }
            }
        }
        List<Move> pairs = new ArrayList<>();
        if (!deleted.isEmpty()) {
            if (!lookForCopies) {
                // Files moved into a followed directory, or a rename seen from a merge: beyond a few files,
                // only exact renames, or a large refactoring would compare every pair of files.
                detector.setRenameLimit(SMALL_RENAME_LIMIT);
            } else {
                limitAsGitDoes(detector, entries.size() - added.size(), added.size());
            }
            detector.addAll(entries);
            for (DiffEntry e : detector.compute()) {
                if (e.getChangeType() == DiffEntry.ChangeType.RENAME) {
                    pairs.add(new Move(e.getOldPath(), e.getNewPath()));
                }
            }
        }
        if (lookForCopies && added.size() <= MAX_COPY_SEARCHES) {
            pairs.addAll(copySources(parent, entries, deleted));
        }
        Map<String, Set<String>> dirSources = new HashMap<>();
        Set<String> sources = new LinkedHashSet<>();
        for (Move move : pairs) {
            String newPath = move.to();
            String oldPath = move.from();
            String dir = followedDirectory(searched, newPath);
            if (dir != null) {
                String rest = newPath.substring(dir.isEmpty() ? 0 : dir.length() + 1);
                String oldDir = oldPath.endsWith("/" + rest) ? oldPath.substring(0, oldPath.length() - rest.length() - 1)
                    : null;
                dirSources.computeIfAbsent(dir, k -> new LinkedHashSet<>()).add(oldDir == null ? "\0" : oldDir);
            }
            sources.add(oldPath);
        }
        // A directory whose files all came from one other directory, which the commit removed, is followed there
        // as a directory. Where the old directory lives on (some of its files moved), only the moved files' old
        // names are the followed directory's: the rest of it is another history.
        for (Map.Entry<String, Set<String>> d : dirSources.entrySet()) {
            Set<String> olds = d.getValue();
            if (olds.size() == 1 && !olds.contains("\0")
                && TreeWalk.forPath(reader, olds.iterator().next(), commit.tree) == null) {
                String oldDir = olds.iterator().next();
                sources.removeIf(s -> s.startsWith(oldDir + "/"));
                sources.add(oldDir);
            }
        }
        return sources;
    }

    private RenameDetector newDetector() {
        RenameDetector detector = new RenameDetector(reader, repository.getConfig().get(DiffConfig.KEY));
        detector.setRenameScore(50);
        return detector;
    }

    /**
     * Compares contents where git's {@code diff.renameLimit} lets git do it: git gives up only when sources ×
     * destinations exceeds the limit squared, JGit already when either side alone exceeds the limit. One
     * followed file against the thousands of files of a large tree is well within git's rule, and git's
     * {@code --follow} finds its edited copies and renames there.
     */
    private static void limitAsGitDoes(RenameDetector detector, long sources, long destinations) {
        long limit = detector.getRenameLimit();
        if (limit > 0 && sources * destinations <= limit * limit) {
            detector.setRenameLimit(0); // JGit's "no limit"
        }
    }

    /** A file's path in the parent ({@code from}) and in the commit. */
    private record Move(String from, String to) {
    }

    /**
     * Like git's {@code --follow} (which finds copies "harder"), where each added file may have been copied
     * from: any file of the parent, not only deleted ones, chosen as git chooses.
     */
    private List<Move> copySources(WalkCommit parent, List<DiffEntry> entries, Set<String> deleted)
        throws IOException {
        List<DiffEntry> destinations = new ArrayList<>();
        for (DiffEntry e : entries) {
            if (e.getChangeType() == DiffEntry.ChangeType.ADD) {
                destinations.add(e);
            }
        }
        List<GitCopySource.TreeFile> sources = new ArrayList<>();
        try (TreeWalk all = new TreeWalk(reader)) {
            all.setRecursive(true);
            all.addTree(parent.tree);
            while (all.next()) {
                sources.add(new GitCopySource.TreeFile(all.getPathString(), all.getRawMode(0), all.getObjectId(0)));
            }
        }
        GitCopySource git = new GitCopySource(reader, sources, deleted, destinations.size(),
            repository.getConfig().get(DiffConfig.KEY).getRenameLimit());
        List<Move> moves = new ArrayList<>();
        for (DiffEntry e : destinations) {
            GitCopySource.TreeFile source = git.find(new GitCopySource.TreeFile(e.getNewPath(),
                e.getNewMode().getBits(), e.getNewId().toObjectId()));
            if (source != null) {
                moves.add(new Move(source.path(), e.getNewPath()));
            }
        }
        return moves;
    }

    /** The followed directory that contains {@code path} (not the path itself), or null. */
    private static String followedDirectory(Set<String> searched, String path) {
        for (String name : searched) {
            if (!name.equals(path) && (name.isEmpty() || path.startsWith(name + "/"))) {
                return name;
            }
        }
        return null;
    }

    /**
     * A start commit the commit table holds with other parents or another tree belongs to some other history:
     * the table is not used (and is removed, as a normal walk would).
     */
    private void useTableIfItAgrees(WalkCommit start) {
        if (table == null) {
            return;
        }
        int index = table.find(start);
        if (index >= 0 && !table.agrees(index, start)) {
            CommitCache.discard(table);
            table = null;
            followedPaths = null;
            return;
        }
        byIndex = new WalkCommit[table.size()];
    }

    /**
     * True when rca's changed-path table covers the commit and says it changed none of the followed names
     * against its first parent: exact where the Bloom filters only say "maybe", and without reading a tree.
     */
    private boolean tableSaysUnchanged(WalkCommit c) {
        return followedPaths != null && c.tableIndex >= 0 && c.tableIndex < paths.commits()
            && !paths.changesAny(c.tableIndex, followedPaths);
    }

    private boolean bloomSaysUnchanged(RevCommit commit) {
        if (graph == null || bloomKeys == null) {
            return false;
        }
        int position = graph.findGraphPosition(commit);
        ChangedPathFilter filter = position < 0 ? null : graph.getChangedPathFilter(position);
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
}
