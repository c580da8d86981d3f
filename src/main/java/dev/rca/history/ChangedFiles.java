package dev.rca.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The files a single-parent commit changed under some paths, with both sides' blobs, read from the
 * {@link ChangedPathTable} instead of comparing trees: the same changes as a recursive, path-limited tree walk
 * with {@code ANY_DIFF}, without reading the trees (a large directory's tree, a long delta chain, is most of what
 * that walk costs).
 *
 * <p>The table gives each changed path's new side. The old side is what the parent holds there: what the nearest
 * commit on the parent's first-parent line (itself included) recorded. The first-parent links form a forest; with
 * its commits numbered depth-first, a commit's first-parent line is exactly the commits whose number range holds its
 * number, so that nearest commit is the commit that changed the path with the highest number at or below the
 * parent's whose range holds it: a binary search in the path's changes, then a short step back over the changes
 * made on branches that forked off the line in between. Children are numbered smallest subtree first, so the long
 * main line never lies between a side branch's commit and its ancestors.
 */
final class ChangedFiles {
    private static final int TREE = FileMode.TREE.getBits();
    private static final int TYPE_MASK = FileMode.TYPE_MASK;
    private static final int FILE = FileMode.TYPE_FILE;

    private final CommitTable commits;
    private final ChangedPathTable table;
    /**
     * Per dictionary path under the query's paths (themselves included): the numbers of the covered commits that
     * changed it, ascending; null for the other paths.
     */
    private final int[][] changedBy;
    /** The dictionary paths a directory-only query path names: only a submodule there is a file of the query. */
    private final java.util.BitSet directoryOnly = new java.util.BitSet();
    /** Each covered commit's depth-first number in the first-parent forest. */
    private final int[] number;
    /** One past the highest number in each covered commit's subtree of that forest. */
    private final int[] numberEnd;
    /** The covered commit with each number. */
    private final int[] commitNumbered;
    /** What {@link #diffingsOf} said of each dictionary path, looked up once per path rather than per change. */
    private DiffAttributes.Diffing[] diffings;
    private DiffAttributes diffingsOf;

    private ChangedFiles(CommitTable commits, ChangedPathTable table, int[] number, int[] numberEnd,
                         List<String> paths) {
        this.commits = commits;
        this.table = table;
        this.number = number;
        this.numberEnd = numberEnd;
        this.commitNumbered = new int[number.length];
        for (int c = 0; c < number.length; c++) {
            commitNumbered[number[c]] = c;
        }
        this.changedBy = changedBy(paths);
    }

    /**
     * For the plain (non-empty) repository-relative {@code paths}: a few passes over the table's commits, paths
     * and entries. Null when a covered commit's first parent is not covered (never for a table rca wrote, which
     * covers whole histories).
     */
    static ChangedFiles of(CommitTable commits, ChangedPathTable table, List<String> paths) {
        return numbered(commits, table, paths);
    }

    /**
     * For every path of the repository, as {@link ChangedPathTable#everywhere} keeps it; null as for {@link #of}.
     */
    static ChangedFiles everywhere(CommitTable commits, ChangedPathTable table) {
        return numbered(commits, table, null);
    }

    /**
     * About the bytes {@link #everywhere} holds for {@code table}: the numbering, every entry's number and an array
     * per path.
     */
    static long everywhereCost(ChangedPathTable table) {
        return 3L * Integer.BYTES * table.commits() + (long) Integer.BYTES * table.entriesStart(table.commits())
            + 24L * table.pathCount();
    }

    private static ChangedFiles numbered(CommitTable commits, ChangedPathTable table, List<String> paths) {
        int covered = table.commits();
        // the forest's children, grouped by first parent
        int[] childrenAt = new int[covered + 1];
        for (int c = 0; c < covered; c++) {
            if (commits.parentCount(c) > 0) {
                int parent = commits.parent(c, 0);
                if (parent >= covered) {
                    return null;
                }
                childrenAt[parent + 1]++;
            }
        }
        for (int c = 0; c < covered; c++) {
            childrenAt[c + 1] += childrenAt[c];
        }
        int[] children = new int[childrenAt[covered]];
        int[] filled = Arrays.copyOf(childrenAt, covered);
        for (int c = 0; c < covered; c++) {
            if (commits.parentCount(c) > 0) {
                children[filled[commits.parent(c, 0)]++] = c;
            }
        }
        int[] size = new int[covered];
        Arrays.fill(size, 1);
        int[] preorder = new int[covered];
        int[] stack = new int[covered];
        int n = 0;
        for (int root = 0; root < covered; root++) {
            if (commits.parentCount(root) == 0) {
                int depth = 0;
                stack[depth++] = root;
                while (depth > 0) {
                    int c = stack[--depth];
                    preorder[n++] = c;
                    for (int k = childrenAt[c]; k < childrenAt[c + 1]; k++) {
                        stack[depth++] = children[k];
                    }
                }
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            int c = preorder[k];
            if (commits.parentCount(c) > 0) {
                size[commits.parent(c, 0)] += size[c];
            }
        }
        sortBySize(children, childrenAt, size);
        // numbered depth-first: pushed largest first, so the smallest subtree is numbered first
        int[] number = new int[covered];
        int[] numberEnd = new int[covered];
        int counter = 0;
        for (int k = 0; k < n; k++) {
            int c = preorder[k];
            if (commits.parentCount(c) > 0) {
                continue;
            }
            int depth = 0;
            stack[depth++] = c;
            while (depth > 0) {
                int top = stack[--depth];
                number[top] = counter++;
                numberEnd[top] = number[top] + size[top];
                for (int j = childrenAt[top + 1] - 1; j >= childrenAt[top]; j--) {
                    stack[depth++] = children[j];
                }
            }
        }
        return new ChangedFiles(commits, table, number, numberEnd, paths);
    }

    /** Sorts each commit's children by subtree size, smallest first (most commits have one child). */
    private static void sortBySize(int[] children, int[] childrenAt, int[] size) {
        for (int c = 0; c + 1 < childrenAt.length; c++) {
            for (int i = childrenAt[c] + 1; i < childrenAt[c + 1]; i++) {
                int child = children[i];
                int j = i - 1;
                while (j >= childrenAt[c] && size[children[j]] > size[child]) {
                    children[j + 1] = children[j];
                    j--;
                }
                children[j + 1] = child;
            }
        }
    }

    /**
     * Per dictionary path at or under {@code paths} (every path when null), the numbers of the commits that changed
     * it, ascending.
     */
    private int[][] changedBy(List<String> paths) {
        List<byte[]> prefixes = new ArrayList<>();
        List<Boolean> directoryOnlyPrefix = new ArrayList<>();
        for (String p : paths == null ? List.<String>of() : paths) {
            prefixes.add(Pathspecs.name(p).getBytes(StandardCharsets.UTF_8));
            directoryOnlyPrefix.add(Pathspecs.directoryOnly(p));
        }
        int[][] changedBy = new int[table.pathCount()][];
        for (int i = 0; i < changedBy.length; i++) {
            if (paths == null) {
                changedBy[i] = new int[0];
                continue;
            }
            byte[] path = table.pathBytes(i);
            boolean matched = false;
            boolean fileMatches = false;
            for (int k = 0; k < prefixes.size(); k++) {
                if (isAtOrUnder(path, prefixes.get(k))) {
                    matched = true;
                    fileMatches |= !directoryOnlyPrefix.get(k) || path.length > prefixes.get(k).length;
                }
            }
            if (matched) {
                changedBy[i] = new int[0];
                directoryOnly.set(i, !fileMatches);
            }
        }
        int[] count = new int[changedBy.length];
        int end = table.entriesStart(table.commits());
        for (int e = table.entriesStart(0); e < end; e++) {
            int path = table.entryPath(e);
            if (changedBy[path] != null) {
                count[path]++;
            }
        }
        for (int i = 0; i < changedBy.length; i++) {
            if (changedBy[i] != null) {
                changedBy[i] = new int[count[i]];
                count[i] = 0;
            }
        }
        int e = table.entriesStart(0);
        for (int c = 0; c < table.commits(); c++) {
            for (int commitEnd = table.entriesStart(c + 1); e < commitEnd; e++) {
                int path = table.entryPath(e);
                if (changedBy[path] != null) {
                    changedBy[path][count[path]++] = number[c];
                }
            }
        }
        for (int[] numbers : changedBy) {
            if (numbers != null) {
                Arrays.sort(numbers);
            }
        }
        return changedBy;
    }

    private static boolean isAtOrUnder(byte[] path, byte[] prefix) {
        return path.length >= prefix.length && Arrays.equals(path, 0, prefix.length, prefix, 0, prefix.length)
            && (path.length == prefix.length || path[prefix.length] == '/');
    }

    /** Whether {@link #changes} can answer for the commit at table index {@code commit}. */
    boolean covers(int commit) {
        return commit >= 0 && commit < table.commits();
    }

    /**
     * What the covered commit at table index {@code commit} changed under the paths against its parent (a root
     * against the empty tree, a merge nothing unless {@code mergesAgainstFirstParent}, as {@link Churn#changes}
     * counts them), files only, each with what {@code attributes} say of its path.
     */
    List<Churn.Change> changes(int commit, DiffAttributes attributes, boolean mergesAgainstFirstParent) {
        int parents = commits.parentCount(commit);
        if (parents > 1 && !mergesAgainstFirstParent) {
            return List.of();
        }
        List<Churn.Change> changes = new ArrayList<>();
        int parent = parents == 0 ? -1 : commits.parent(commit, 0);
        for (int e = table.entriesStart(commit), end = table.entriesStart(commit + 1); e < end; e++) {
            int path = table.entryPath(e);
            if (changedBy[path] == null) {
                continue;
            }
            int newMode = table.entryMode(e);
            boolean newFile = isFileAt(path, newMode);
            // A directory's entry matters only when the parent had a file there: the table keeps one entry
            // per path, the commit's side, so that file's removal is not listed under it.
            int old = parent < 0 ? -1 : entryAt(parent, path);
            int oldMode = old < 0 ? 0 : table.entryMode(old);
            boolean oldFile = isFileAt(path, oldMode);
            if (oldFile || newFile) {
                DiffAttributes.Diffing diffing = diffing(attributes, path);
                changes.add(new Churn.Change(oldFile ? oldMode : 0, oldFile ? table.entryId(old) : ObjectId.zeroId(),
                    newFile ? newMode : 0, newFile ? table.entryId(e) : ObjectId.zeroId(), diffing, diffing));
            }
        }
        return changes;
    }

    /** Whether an entry of {@code mode} at dictionary path {@code path} is one of the query's files. */
    private boolean isFileAt(int path, int mode) {
        return mode != 0 && (mode & TYPE_MASK) != TREE
            && (!directoryOnly.get(path) || (mode & TYPE_MASK) == FileMode.TYPE_GITLINK);
    }

    private DiffAttributes.Diffing diffing(DiffAttributes attributes, int path) {
        if (diffingsOf != attributes) {
            diffingsOf = attributes;
            diffings = new DiffAttributes.Diffing[table.pathCount()];
        }
        DiffAttributes.Diffing d = diffings[path];
        if (d == null) {
            d = attributes.of(RawParseUtils.decode(table.pathBytes(path)));
            diffings[path] = d;
        }
        return d;
    }

    /**
     * What the covered single-parent commit at table index {@code commit} changed against its parent, file by file
     * in path order: what JGit's {@code DiffEntry.scan} of a recursive {@code ANY_DIFF} walk over the two trees
     * lists (modes as {@code FileMode.fromBits} reads them), without reading the trees. Null
     * where that walk would list something else or this cannot tell: a root, a merge, a path that is a file on one
     * side and a directory on the other, a symlink or a submodule. Only for a {@link #everywhere} instance.
     */
    List<FileChange> files(int commit) {
        if (commits.parentCount(commit) != 1) {
            return null;
        }
        int parent = commits.parent(commit, 0);
        List<byte[]> paths = new ArrayList<>();
        List<FileChange> files = new ArrayList<>();
        for (int e = table.entriesStart(commit), end = table.entriesStart(commit + 1); e < end; e++) {
            int path = table.entryPath(e);
            int newMode = table.entryMode(e);
            int old = entryAt(parent, path);
            int oldMode = old < 0 ? 0 : table.entryMode(old);
            boolean newTree = newMode != 0 && (newMode & TYPE_MASK) == TREE;
            boolean oldTree = oldMode != 0 && (oldMode & TYPE_MASK) == TREE;
            if (newTree && oldMode == 0 || oldTree && newMode == 0 || newTree && oldTree) {
                continue; // a directory: its files have entries of their own
            }
            if (newTree || oldTree || !fileOrAbsent(newMode) || !fileOrAbsent(oldMode)
                || oldMode == 0 && newMode == 0) {
                return null;
            }
            // modes as JGit reads them (git writes 100664 and the like in old trees): a change of spelling only
            // is no change to a tree diff
            int oldBits = oldMode == 0 ? 0 : FileMode.fromBits(oldMode).getBits();
            int newBits = newMode == 0 ? 0 : FileMode.fromBits(newMode).getBits();
            ObjectId oldId = oldMode == 0 ? ObjectId.zeroId() : table.entryId(old);
            ObjectId newId = newMode == 0 ? ObjectId.zeroId() : table.entryId(e);
            if (oldBits == newBits && oldId.equals(newId)) {
                continue;
            }
            byte[] raw = table.pathBytes(path);
            paths.add(raw);
            files.add(new FileChange(RawParseUtils.decode(raw), oldBits, oldId, newBits, newId));
        }
        // a tree walk's order: directories sort as their name and a slash, which is how full paths compare
        Integer[] order = new Integer[files.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(paths.get(a), paths.get(b)));
        List<FileChange> sorted = new ArrayList<>(order.length);
        for (Integer i : order) {
            sorted.add(files.get(i));
        }
        return sorted;
    }

    /**
     * What the covered commit at table index {@code commit} holds at {@code rawPath} when it is a regular or
     * executable file: its blob; the zero id when nothing is there; null when something else is (a directory, a
     * symlink, a submodule). Only for a {@link #everywhere} instance.
     */
    ObjectId fileAt(int commit, byte[] rawPath) {
        int path = table.pathIndex(rawPath);
        // a path no covered commit ever changed is in none of their trees: the table starts at the roots
        int e = path < 0 ? -1 : entryAt(commit, path);
        int mode = e < 0 ? 0 : table.entryMode(e);
        if (mode == 0) {
            return ObjectId.zeroId();
        }
        return (mode & TYPE_MASK) == FILE ? table.entryId(e) : null;
    }

    /** A regular or executable file, or nothing (mode 0). */
    private static boolean fileOrAbsent(int mode) {
        return mode == 0 || (mode & TYPE_MASK) == FILE;
    }

    /**
     * The entry saying what commit {@code commit} holds at {@code path} (its mode may say "gone"), -1 when no
     * commit on its first-parent line recorded the path.
     */
    private int entryAt(int commit, int path) {
        int at = number[commit];
        int[] numbers = changedBy[path];
        int i = Arrays.binarySearch(numbers, at);
        for (i = i >= 0 ? i : -i - 2; i >= 0; i--) {
            int c = commitNumbered[numbers[i]];
            if (numberEnd[c] > at) {
                return table.entry(c, path);
            }
        }
        return -1;
    }
}
