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
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Path history across renames, for files and directories, several at once. Like {@code git log --follow}
 * the names are global: whenever a followed name is created in some commit from another file (a rename, or
 * a copy as git's {@code --follow} finds them), that file's name is followed too, anywhere in the history;
 * this repeats until no new name appears. The result is every commit that changed a followed name, so it
 * holds everything {@code git log --follow} shows (git follows one name at a time, switching at the first
 * rename it meets in its walk order), and it also holds the history on the other sides of merges.
 */
final class FollowWalk {
    /** Copy detection reads every file of the parent; only for a few added files at a time. */
    private static final int MAX_COPY_SEARCHES = 8;

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

    /** Something the walk found: a commit that changed the followed names, under the names it changed. */
    interface Found {
        boolean accept(RevCommit commit, RevWalk walk, Set<String> paths, Set<String> parentPaths);
    }

    /**
     * Walks from {@code tip}, handing {@code found} every commit that changed a followed name, newest
     * first (by commit date, as git's walk).
     *
     * @param keep which commits may be reported (date limits)
     */
    void run(ObjectId tip, List<String> paths, boolean firstParent, Predicate<RevCommit> keep, Found found)
        throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRetainBody(false);
            walk.setFirstParent(firstParent);
            walk.markStart(walk.parseCommit(tip));
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit c = walk.next(); c != null; c = walk.next()) {
                commits.add(c);
            }
            Set<String> followed = new TreeSet<>(paths);
            Set<String> pending = new TreeSet<>(paths);
            Map<RevCommit, Set<String>> changedIn = new HashMap<>();
            while (!pending.isEmpty()) {
                Set<String> discovered = new TreeSet<>();
                for (RevCommit c : commits) {
                    int parents = firstParent ? Math.min(1, c.getParentCount()) : c.getParentCount();
                    if (parents == 0) {
                        Set<String> present = presentUnder(c, pending);
                        if (!present.isEmpty()) {
                            changedIn.computeIfAbsent(c, k -> new TreeSet<>()).addAll(present);
                        }
                        continue;
                    }
                    for (int i = 0; i < parents; i++) {
                        RevCommit p = c.getParent(i);
                        Set<String> changed = changedNames(c, p, pending, c.getParentCount() == 1, discovered);
                        if (!changed.isEmpty()) {
                            changedIn.computeIfAbsent(c, k -> new TreeSet<>()).addAll(changed);
                        }
                    }
                }
                discovered.removeAll(followed);
                followed.addAll(discovered);
                pending = discovered;
            }
            for (RevCommit c : commits) {
                Set<String> changed = changedIn.get(c);
                if (changed == null || !keep.test(c) || !changedAgainstEveryParent(c, followed, firstParent)) {
                    continue;
                }
                Set<String> shown = visibleNames(c, changed);
                if (!found.accept(c, walk, shown, changed)) {
                    return;
                }
            }
        }
    }

    private boolean changedAgainstEveryParent(RevCommit c, Set<String> followed, boolean firstParent)
        throws IOException {
        int parents = firstParent ? Math.min(1, c.getParentCount()) : c.getParentCount();
        for (int i = 0; i < parents; i++) {
            if (changedNames(c, c.getParent(i), followed, false, null).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private Set<String> presentUnder(RevCommit c, Set<String> names) throws IOException {
        Set<String> present = new TreeSet<>();
        for (String name : names) {
            if (name.isEmpty() ? !emptyUnder(c, Set.of("")) : existsIn(c, name)) {
                present.add(name);
            }
        }
        return present;
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
     * The followed names {@code commit} changed against {@code parent}; the sources of files it created
     * under them go to {@code discovered} (when not null).
     */
    private Set<String> changedNames(RevCommit commit, RevCommit parent, Set<String> names, boolean singleParent,
                                     Set<String> discovered) throws IOException {
        if (commit.getTree().equals(parent.getTree())
            || singleParent && bloomSaysUnchanged(commit, names)) {
            return Set.of();
        }
        diffWalk.reset(parent.getTree(), commit.getTree());
        diffWalk.setFilter(AndTreeFilter.create(filter(names), TreeFilter.ANY_DIFF));
        List<String> added = new ArrayList<>();
        Set<String> changed = new TreeSet<>();
        while (diffWalk.next()) {
            String path = diffWalk.getPathString();
            changed.add(followedName(names, path));
            if (diffWalk.getRawMode(0) == 0) {
                added.add(path);
            }
        }
        if (!added.isEmpty() && discovered != null) {
            discovered.addAll(renameSources(parent, commit, names, added));
        }
        return changed;
    }

    /** The followed name {@code path} falls under. */
    private static String followedName(Set<String> names, String path) {
        for (String name : names) {
            if (name.isEmpty() || name.equals(path) || path.startsWith(name + "/")) {
                return name;
            }
        }
        return path;
    }

    /**
     * The names a row shows: those of {@code names} that exist in {@code commit} (the file's path there), or
     * for a deletion those that existed in its first parent.
     */
    Set<String> visibleNames(RevCommit commit, Set<String> names) throws IOException {
        Set<String> visible = presentUnder(commit, names);
        if (visible.isEmpty() && commit.getParentCount() > 0) {
            visible = presentUnder(commit.getParent(0), names);
        }
        return visible.isEmpty() ? names : visible;
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
        List<DiffEntry> pairs = new ArrayList<>(detector.compute());
        if (added.size() <= MAX_COPY_SEARCHES) {
            pairs.addAll(copySources(parent, entries));
        }
        Map<String, Set<String>> dirSources = new HashMap<>();
        Set<String> sources = new LinkedHashSet<>();
        for (DiffEntry e : pairs) {
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

    /**
     * Like git's {@code --follow} (which finds copies "harder"), where each added file may have been copied
     * from: any file of the parent, not only deleted ones.
     */
    private List<DiffEntry> copySources(RevCommit parent, List<DiffEntry> entries) throws IOException {
        RenameDetector detector = new RenameDetector(reader, repository.getConfig().get(
            org.eclipse.jgit.diff.DiffConfig.KEY));
        detector.setRenameScore(50);
        for (DiffEntry e : entries) {
            if (e.getChangeType() == DiffEntry.ChangeType.ADD) {
                detector.add(e);
            }
        }
        try (TreeWalk all = new TreeWalk(reader)) {
            all.setRecursive(true);
            all.addTree(parent.getTree());
            all.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            detector.addAll(DiffEntry.scan(all));
        }
        return detector.compute();
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
