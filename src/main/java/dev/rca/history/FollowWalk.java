package dev.rca.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Path history across renames, for files and directories, several at once. Unlike {@code git log
 * --follow}, which switches to the old name for the whole walk at the first rename it meets, each commit
 * carries the names the followed paths have in it, handed from child to parent: so a rename on one side of
 * a merge does not lose the history on the other. Commits are visited in topological order (children
 * first), newest first among independent lines.
 */
final class FollowWalk {
    private final Repository repository;
    private final ObjectReader reader;
    private final CommitGraph graph;
    private final TreeWalk diffWalk;

    FollowWalk(Repository repository, ObjectReader reader, CommitGraph graph) {
        this.repository = repository;
        this.reader = reader;
        this.graph = graph;
        this.diffWalk = new TreeWalk(reader);
        this.diffWalk.setRecursive(true);
    }

    /** Something the walk found: a commit that changed the followed paths, under the names it knew. */
    interface Found {
        boolean accept(RevCommit commit, RevWalk walk, Set<String> paths, Set<String> parentPaths);
    }

    /**
     * Walks from {@code tip}, handing {@code found} every commit that changed the followed paths.
     *
     * @param keep which commits may be reported (date limits); the walk goes on through the others
     */
    void run(ObjectId tip, List<String> paths, boolean firstParent, Predicate<RevCommit> keep, Found found)
        throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRetainBody(false);
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            walk.setFirstParent(firstParent);
            walk.markStart(walk.parseCommit(tip));
            Map<ObjectId, Set<String>> tracked = new HashMap<>();
            tracked.put(tip.copy(), new TreeSet<>(paths));
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                Set<String> names = tracked.remove(c);
                if (names == null || names.isEmpty()) {
                    continue;
                }
                int parentCount = firstParent ? Math.min(1, c.getParentCount()) : c.getParentCount();
                boolean changedAgainstAll = true;
                Set<String> firstParentNames = Set.of();
                if (parentCount == 0) {
                    changedAgainstAll = !emptyUnder(c, names);
                }
                for (int i = 0; i < parentCount; i++) {
                    RevCommit p = c.getParent(i);
                    walk.parseHeaders(p);
                    Set<String> parentNames = new TreeSet<>();
                    boolean changed = namesInParent(c, p, names, parentCount == 1 && c.getParentCount() == 1,
                        parentNames);
                    changedAgainstAll &= changed;
                    if (i == 0) {
                        firstParentNames = parentNames;
                    }
                    if (!parentNames.isEmpty()) {
                        tracked.computeIfAbsent(p.copy(), k -> new TreeSet<>()).addAll(parentNames);
                    }
                }
                if (changedAgainstAll && keep.test(c) && !found.accept(c, walk, names, firstParentNames)) {
                    return;
                }
            }
        }
    }

    private boolean emptyUnder(RevCommit c, Set<String> names) throws IOException {
        diffWalk.reset(c.getTree());
        diffWalk.setFilter(filter(names));
        return !diffWalk.next();
    }

    private static TreeFilter filter(Set<String> names) {
        return names.contains("") ? TreeFilter.ALL : PathFilterGroup.createFromStrings(names);
    }

    /**
     * Fills {@code parentNames} with the names the followed content has in {@code parent}, and says whether
     * {@code commit} changed it against {@code parent}.
     */
    private boolean namesInParent(RevCommit commit, RevCommit parent, Set<String> names, boolean singleParent,
                                  Set<String> parentNames) throws IOException {
        if (commit.getTree().equals(parent.getTree())
            || singleParent && bloomSaysUnchanged(commit, names)) {
            parentNames.addAll(names);
            return false;
        }
        diffWalk.reset(parent.getTree(), commit.getTree());
        diffWalk.setFilter(AndTreeFilter.create(filter(names), TreeFilter.ANY_DIFF));
        List<String> added = new ArrayList<>();
        boolean changed = false;
        while (diffWalk.next()) {
            changed = true;
            if (diffWalk.getRawMode(0) == 0) {
                added.add(diffWalk.getPathString());
            }
        }
        if (!changed) {
            parentNames.addAll(names);
            return false;
        }
        for (String name : names) {
            if (name.isEmpty() || existsIn(parent, name)) {
                parentNames.add(name);
            }
        }
        if (!added.isEmpty()) {
            parentNames.addAll(renameSources(parent, commit, names, added));
        }
        return true;
    }

    private boolean existsIn(RevCommit commit, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, commit.getTree())) {
            return tw != null;
        }
    }

    /** Where the files added under {@code names} came from in {@code parent}, as whole directories where possible. */
    private Set<String> renameSources(RevCommit parent, RevCommit commit, Set<String> names, List<String> added)
        throws IOException {
        RenameDetector detector = new RenameDetector(reader, repository.getConfig().get(
            org.eclipse.jgit.diff.DiffConfig.KEY));
        detector.setRenameScore(50);
        List<DiffEntry> entries = new ArrayList<>();
        try (TreeWalk all = new TreeWalk(reader)) {
            all.setRecursive(true);
            all.reset(parent.getTree(), commit.getTree());
            all.setFilter(TreeFilter.ANY_DIFF);
            Set<String> addedSet = new java.util.HashSet<>(added);
            for (DiffEntry e : DiffEntry.scan(all)) {
                if (e.getChangeType() == DiffEntry.ChangeType.DELETE
                    || e.getChangeType() == DiffEntry.ChangeType.ADD && addedSet.contains(e.getNewPath())) {
                    entries.add(e);
                }
            }
        }
        detector.addAll(entries);
        Map<String, Set<String>> dirSources = new HashMap<>();
        Set<String> sources = new LinkedHashSet<>();
        for (DiffEntry e : detector.compute()) {
            if (e.getChangeType() != DiffEntry.ChangeType.RENAME) {
                continue;
            }
            String newPath = e.getNewPath();
            String oldPath = e.getOldPath();
            String dir = followedDirectory(names, newPath);
            if (dir != null) {
                String rest = newPath.substring(dir.isEmpty() ? 0 : dir.length() + 1);
                String oldDir = oldPath.endsWith("/" + rest) ? oldPath.substring(0, oldPath.length() - rest.length() - 1)
                    : null;
                dirSources.computeIfAbsent(dir, k -> new LinkedHashSet<>()).add(oldDir == null ? "\0" : oldDir);
            }
            sources.add(oldPath);
        }
        // A directory whose files all came from one other directory is followed there as a directory.
        for (Map.Entry<String, Set<String>> d : dirSources.entrySet()) {
            Set<String> olds = d.getValue();
            if (olds.size() == 1 && !olds.contains("\0")) {
                String oldDir = olds.iterator().next();
                sources.removeIf(s -> s.startsWith(oldDir + "/"));
                sources.add(oldDir);
            }
        }
        return sources;
    }

    /** The followed directory that contains {@code path} (not the path itself), or null. */
    private static String followedDirectory(Set<String> names, String path) {
        for (String name : names) {
            if (!name.equals(path) && (name.isEmpty() || path.startsWith(name + "/"))) {
                return name;
            }
        }
        return null;
    }

    private boolean bloomSaysUnchanged(RevCommit commit, Set<String> names) {
        if (graph == null || names.contains("")) {
            return false;
        }
        int position = graph.findGraphPosition(commit);
        ChangedPathFilter filter = position < 0 ? null : graph.getChangedPathFilter(position);
        if (filter == null) {
            return false;
        }
        for (String name : names) {
            byte[] key = name.getBytes(StandardCharsets.UTF_8);
            if (key.length != name.length() || filter.maybeContains(key)) {
                return false;
            }
        }
        return true;
    }
}
