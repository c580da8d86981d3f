package dev.rca.history;

import dev.rca.Progress;
import dev.rca.io.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.apache.commons.codec.digest.MurmurHash3;
import org.eclipse.jgit.internal.storage.commitgraph.ChangedPathFilter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The changed-path table of rca's cache ({@code <gitdir>/rca/cache/paths}): for each commit of the
 * {@link CommitTable} (by its index), every entry its tree changed against its first parent's (against the empty
 * tree for a root), at every level: a changed {@code a/b/c} also lists {@code a} and {@code a/b}. Each entry holds
 * the path (interned), the new mode and object id, or mode 0 when the path is gone.
 *
 * <p>What a commit's tree holds at a path is then what the nearest commit on its first-parent line (itself
 * included) recorded there, so git's TREESAME question for plain paths (is the content under the path the same in
 * a commit and a parent, any parent) is answered without reading a tree. {@link Lookup} computes it with memos,
 * each commit once per path.
 *
 * <p>The table covers the first {@code M} commits of the commit table and keeps the CRC-32C of their ids: a commit
 * table that no longer starts with those commits makes it invalid. Layout (big-endian): magic, M, paths K, entries
 * E, ids CRC; entry starts ((M+1)×4); entries (E×28: path index, mode, id); path starts ((K+1)×4); path bytes;
 * path indices sorted by path bytes (K×4); then the CRC-32C of everything before it.
 */
final class ChangedPathTable {
    static final String FILE_NAME = "paths";
    private static final byte[] MAGIC = "RCACPT01".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 4 + 4 + 4 + 4;
    private static final int ENTRY = 28;

    private final Path file;
    private final MappedByteBuffer map;
    private final int commits;
    private final int paths;
    private final int entryStartsAt;
    private final int entriesAt;
    private final int pathStartsAt;
    private final int pathBytesAt;
    private final int sortedAt;
    /** Per dictionary path, its Bloom filter hashes once {@link #bloomHashed}: the daemon keeps tables open. */
    private long[] bloomHashes;
    private java.util.BitSet bloomHashed;
    /**
     * What queries worked out from the table, kept with it: the daemon keeps a table open across commands, and the
     * next query about a file (its history, the next suspect) finds it done. Held softly, so the JVM drops it
     * before it would run out of memory (the daemon keeps up to 16 tables), and rebuilt as asked.
     */
    private volatile SoftReference<Memory> memory = new SoftReference<>(null);
    private volatile SoftReference<ChangedFiles> everywhere = new SoftReference<>(null);
    private volatile boolean everywhereUnanswerable;
    private final Object everywhereLock = new Object();
    /** The most commits a process that does not keep its tables makes {@link #everywhere} for. */
    private static final int ONE_SHOT_EVERYWHERE = 200_000;

    /**
     * Per dictionary path, what each covered commit holds there ({@link Lookup}'s memory; entries are only ever
     * set to the one value they can have, so threads sharing an array need no lock), least recently used path out
     * first within {@link #HOLDINGS_BUDGET} bytes; and the changed-path filters built, by commit (each immutable,
     * so a racing thread builds an equal one).
     */
    private final class Memory {
        final LinkedHashMap<Integer, int[]> holdings = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, int[]> eldest) {
                return (long) size() * commits * Integer.BYTES > HOLDINGS_BUDGET && size() > 1;
            }
        };
        final ChangedPathFilter[] filters = new ChangedPathFilter[commits];
    }

    /** Per table: 16 MiB, or a thirty-second of the heap. */
    private static final long HOLDINGS_BUDGET = Math.min(16L << 20, Runtime.getRuntime().maxMemory() / 32);

    private ChangedPathTable(Path file, MappedByteBuffer map, int commits, int paths, int entries, int pathBytes) {
        this.file = file;
        this.map = map;
        this.commits = commits;
        this.paths = paths;
        this.entryStartsAt = HEADER;
        this.entriesAt = entryStartsAt + (commits + 1) * 4;
        this.pathStartsAt = entriesAt + entries * ENTRY;
        this.pathBytesAt = pathStartsAt + (paths + 1) * 4;
        this.sortedAt = pathBytesAt + pathBytes;
    }

    private static long expectedLength(long commits, long paths, long entries, long pathBytes) {
        return HEADER + (commits + 1) * 4 + entries * ENTRY + (paths + 1) * 4 + pathBytes + paths * 4 + 4;
    }

    /** How many commits (the first ones of the commit table) the table covers. */
    int commits() {
        return commits;
    }

    /** The file the table was read from. */
    Path file() {
        return file;
    }

    /** Opens the table for {@code commitTable}, or null when there is none or it fails a check. */
    static ChangedPathTable open(Path dir, CommitTable commitTable) {
        Path file = dir.resolve(FILE_NAME);
        OpenedTables.Stamp stamp = OpenedTables.Stamp.of(file);
        ChangedPathTable known = OpenedTables.reuse(file, stamp, commitTable, ChangedPathTable.class);
        if (known != null) {
            return known;
        }
        ChangedPathTable table = check(file, commitTable);
        OpenedTables.remember(file, stamp, commitTable, table);
        return table;
    }

    private static ChangedPathTable check(Path file, CommitTable commitTable) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER + 4 || size > Integer.MAX_VALUE) {
                return null;
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            byte[] magic = new byte[MAGIC.length];
            map.get(0, magic);
            int commits = map.getInt(MAGIC.length);
            int paths = map.getInt(MAGIC.length + 4);
            int entries = map.getInt(MAGIC.length + 8);
            int pathBytes = map.getInt(MAGIC.length + 12);
            int idsCrc = map.getInt(MAGIC.length + 16);
            if (!Arrays.equals(magic, MAGIC) || commits < 0 || paths < 0 || entries < 0 || pathBytes < 0
                || expectedLength(commits, paths, entries, pathBytes) != size
                || commits > commitTable.size() || commitTable.idsCrc(commits) != idsCrc) {
                return null;
            }
            CRC32C crc = new CRC32C();
            crc.update(map.slice(0, (int) size - 4));
            if ((int) crc.getValue() != map.getInt((int) size - 4)) {
                return null;
            }
            return new ChangedPathTable(file, map, commits, paths, entries, pathBytes);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The path index of {@code path}, or -1 when no commit ever changed it. */
    int pathIndex(byte[] path) {
        return CommitTable.searchSorted(map, sortedAt, 0, paths - 1, index -> comparePath(index, path));
    }

    private int comparePath(int index, byte[] path) {
        int from = pathBytesAt + map.getInt(pathStartsAt + index * 4);
        int length = map.getInt(pathStartsAt + (index + 1) * 4) - map.getInt(pathStartsAt + index * 4);
        int n = Math.min(length, path.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(map.get(from + i) & 0xff, path[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length, path.length);
    }

    /** How many paths the table's dictionary holds. */
    int pathCount() {
        return paths;
    }

    /** Where commit {@code commit}'s entries start (sorted by path index); the next commit's start ends them. */
    int entriesStart(int commit) {
        return map.getInt(entryStartsAt + commit * 4);
    }

    /** The dictionary index of entry {@code e}'s path. */
    int entryPath(int e) {
        return map.getInt(entriesAt + e * ENTRY);
    }

    /** Entry {@code e}'s new mode, 0 when the path is gone. */
    int entryMode(int e) {
        return map.getInt(entriesAt + e * ENTRY + 4);
    }

    /** Entry {@code e}'s new object id (zero when the path is gone). */
    ObjectId entryId(int e) {
        org.eclipse.jgit.lib.MutableObjectId id = new org.eclipse.jgit.lib.MutableObjectId();
        entryId(e, id);
        return id.toObjectId();
    }

    /** The position of commit {@code commit}'s entry for {@code path}, or -1 when it did not change it. */
    int entry(int commit, int path) {
        int low = entriesStart(commit);
        int high = entriesStart(commit + 1) - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int p = entryPath(mid);
            if (p == path) {
                return mid;
            }
            if (p < path) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    private boolean sameEntry(int a, int b) {
        if (a == b) {
            return true;
        }
        if (a < 0 || b < 0) {
            return false;
        }
        int at = entriesAt + a * ENTRY + 4;
        int bt = entriesAt + b * ENTRY + 4;
        for (int i = 0; i < ENTRY - 4; i += 4) {
            if (map.getInt(at + i) != map.getInt(bt + i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when commit {@code commit} (by index, covered) changed against its first parent some path whose
     * dictionary index is set in {@code paths}: one pass over that commit's entries, however many paths.
     */
    boolean changesAny(int commit, java.util.BitSet paths) {
        int end = entriesStart(commit + 1);
        for (int e = entriesStart(commit); e < end; e++) {
            if (paths.get(entryPath(e))) {
                return true;
            }
        }
        return false;
    }

    /** Copies entry {@code entry}'s new object id into {@code id}, without allocating. */
    void entryId(int entry, org.eclipse.jgit.lib.MutableObjectId id) {
        int at = entriesAt + entry * ENTRY + 8;
        id.set(map.getInt(at), map.getInt(at + 4), map.getInt(at + 8), map.getInt(at + 12), map.getInt(at + 16));
    }

    /**
     * Commit {@code commit}'s (by index, covered) changed paths as JGit's changed-path Bloom filter: bit for bit
     * what {@link ChangedPathFilter#fromPaths} makes of them (same size, seeds and bit positions, so the same
     * answers), but each dictionary path is hashed once per table instead of once per filter that holds it.
     */
    ChangedPathFilter changedPathFilter(int commit) {
        ChangedPathFilter[] built = memory().filters;
        ChangedPathFilter filter = built[commit];
        if (filter == null) {
            filter = buildChangedPathFilter(commit);
            built[commit] = filter;
        }
        return filter;
    }

    /** The kept memory; the lock only when it has to be made (a blame asks for a filter at every commit). */
    private Memory memory() {
        Memory kept = memory.get();
        if (kept != null) {
            return kept;
        }
        synchronized (this) {
            kept = memory.get();
            if (kept == null) {
                kept = new Memory();
                memory = new SoftReference<>(kept);
            }
            return kept;
        }
    }

    private ChangedPathFilter buildChangedPathFilter(int commit) {
        int start = entriesStart(commit);
        int end = entriesStart(commit + 1);
        if (start == end) {
            return ChangedPathFilter.fromFile(new byte[1], 0, 1);
        }
        byte[] bloom = new byte[-Math.floorDiv(-(end - start) * ChangedPathFilter.BITS_PER_ENTRY, 8)];
        int bits = bloom.length * 8;
        for (int e = start; e < end; e++) {
            long hashes = bloomHashes(entryPath(e));
            int hash0 = (int) (hashes >>> 32);
            int hash1 = (int) hashes;
            for (int i = 0; i < ChangedPathFilter.PATH_HASH_COUNT; i++) {
                int pos = Integer.remainderUnsigned(hash0 + i * hash1, bits);
                bloom[pos / 8] |= (byte) (1 << (pos % 8));
            }
        }
        return ChangedPathFilter.fromFile(bloom, 0, bloom.length);
    }

    /** Dictionary path {@code index}'s two Murmur3 hashes (seeds of gitformat-commit-graph(5)), high and low. */
    private synchronized long bloomHashes(int index) {
        if (bloomHashes == null) {
            bloomHashes = new long[paths];
            bloomHashed = new java.util.BitSet(paths);
        }
        if (!bloomHashed.get(index)) {
            byte[] path = pathBytes(index);
            bloomHashes[index] = (long) MurmurHash3.hash32x86(path, 0, path.length, GitVersionOneBloom.SEED_0) << 32
                | Integer.toUnsignedLong(MurmurHash3.hash32x86(path, 0, path.length, GitVersionOneBloom.SEED_1));
            bloomHashed.set(index);
        }
        return bloomHashes[index];
    }

    /**
     * Every path's changes numbered for {@link ChangedFiles#files}, made once per table and held softly like the
     * rest of its memory; null when its arrays would take more than a sixteenth of the heap, when some covered
     * commit's first parent is not covered, or in a process that does not keep its tables (a command run without
     * the daemon) for a table of more than {@link #ONE_SHOT_EVERYWHERE} commits, where making it would cost that one
     * command more than the tree diffs it saves (some 70 ms for git.git's 85,000 commits with the launcher's JIT).
     */
    ChangedFiles everywhere(CommitTable commitTable) {
        ChangedFiles kept = everywhere.get();
        if (kept != null || everywhereUnanswerable
            || ChangedFiles.everywhereCost(this) > Runtime.getRuntime().maxMemory() / 16
            || !OpenedTables.keeping() && commits > ONE_SHOT_EVERYWHERE) {
            return kept;
        }
        // not this table's own lock, which every blame's changed-path filters take
        synchronized (everywhereLock) {
            kept = everywhere.get();
            if (kept == null && !everywhereUnanswerable) {
                kept = ChangedFiles.everywhere(commitTable, this);
                everywhereUnanswerable = kept == null;
                everywhere = new SoftReference<>(kept);
            }
            return kept;
        }
    }

    /** What each covered commit holds at dictionary path {@code path}, as far as worked out (entry + 2; 0 unknown). */
    private int[] holdings(int path) {
        Memory kept = memory();
        synchronized (kept) {
            return kept.holdings.computeIfAbsent(path, p -> new int[commits]);
        }
    }

    /** Answers "same content at the paths?" for commits of the table, remembering what it worked out. */
    final class Lookup {
        /** Entry position + 2 per commit and path: 0 unknown, 1 nothing at the path, else an entry. */
        private final int[][] memo;
        private final int[] pathIndices;
        private final boolean[] directoryOnly;
        private final CommitTable commitTable;
        private long answers;

        Lookup(CommitTable commitTable, List<String> repoPaths) {
            this.commitTable = commitTable;
            this.pathIndices = new int[repoPaths.size()];
            this.memo = new int[repoPaths.size()][];
            this.directoryOnly = new boolean[repoPaths.size()];
            for (int i = 0; i < pathIndices.length; i++) {
                directoryOnly[i] = Pathspecs.directoryOnly(repoPaths.get(i));
                pathIndices[i] = pathIndex(Pathspecs.name(repoPaths.get(i)).getBytes(StandardCharsets.UTF_8));
            }
        }

        /** Whether the table knows both commits (by commit-table index). */
        boolean covers(int commit) {
            return commit >= 0 && commit < commits;
        }

        /** True when the two covered commits hold the same entries at every path. */
        boolean same(int a, int b) {
            answers++;
            for (int i = 0; i < pathIndices.length; i++) {
                if (!sameEntry(value(i, a), value(i, b))) {
                    return false;
                }
            }
            return true;
        }

        /** True when the covered commit holds nothing at any path. */
        boolean empty(int commit) {
            answers++;
            for (int i = 0; i < pathIndices.length; i++) {
                if (value(i, commit) >= 0) {
                    return false;
                }
            }
            return true;
        }

        long answers() {
            return answers;
        }

        /** The entry position that says what covered commit {@code commit} holds at the first path, or -1. */
        int holding(int commit) {
            answers++;
            return value(0, commit);
        }

        /**
         * The entry position that says what {@code commit} holds at path {@code i}, or -1 for nothing; a file at a
         * directory-only path ({@code src/a.c/}) is nothing.
         */
        private int value(int i, int commit) {
            int found = held(i, commit);
            return found >= 0 && directoryOnly[i] && !Pathspecs.holdsDirectory(entryMode(found)) ? -1 : found;
        }

        /**
         * What {@code commit} holds at path {@code i}'s name whatever its spelling asks for, or -1: the memory is
         * the table's, by name, shared by every lookup and (in the daemon) every later command, so what one spelling
         * keeps out ({@code src/a.c/} a file) must not be remembered for the other.
         */
        private int held(int i, int commit) {
            int path = pathIndices[i];
            if (path < 0) {
                return -1;
            }
            if (memo[i] == null) {
                memo[i] = holdings(path);
            }
            int[] m = memo[i];
            // made only when the answer is not remembered: most are, and this runs for every commit a walk crosses
            int[] line = null;
            int depth = 0;
            int c = commit;
            int found;
            while (true) {
                if (m[c] != 0) {
                    found = m[c] - 2;
                    break;
                }
                int e = entry(c, path);
                if (e >= 0 || commitTable.parentCount(c) == 0) {
                    // a path deleted here holds nothing, as one never there
                    found = e >= 0 && entryMode(e) == 0 ? -1 : e;
                    m[c] = found + 2;
                    break;
                }
                if (line == null) {
                    line = new int[16];
                } else if (depth == line.length) {
                    line = Arrays.copyOf(line, depth * 2);
                }
                line[depth++] = c;
                c = commitTable.parent(c, 0);
            }
            for (int k = 0; k < depth; k++) {
                m[line[k]] = found + 2;
            }
            return found;
        }
    }

    /**
     * Writes a table covering every commit of {@code commitTable}, reusing {@code old}'s entries for the commits it
     * covers and diffing the trees of the others.
     */
    static ChangedPathTable write(Path dir, CommitTable commitTable, ChangedPathTable old, ObjectReader reader,
                                  Progress progress) throws IOException {
        int total = commitTable.size();
        int oldCommits = old == null ? 0 : old.commits;
        Map<String, Integer> pathIds = new HashMap<>();
        List<byte[]> pathList = new ArrayList<>();
        if (old != null) {
            for (int i = 0; i < old.paths; i++) {
                byte[] p = old.pathBytes(i);
                pathIds.put(new String(p, StandardCharsets.ISO_8859_1), i);
                pathList.add(p);
            }
        }
        // new commits' entries, in memory: a few per commit
        List<int[]> newEntries = new ArrayList<>();
        List<byte[]> newIds = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(false);
            walk.setFilter(TreeFilter.ANY_DIFF);
            for (int c = oldCommits; c < total; c++) {
                Map<Integer, Object[]> changed = new HashMap<>();
                walk.reset();
                if (commitTable.parentCount(c) == 0) {
                    walk.addTree(new EmptyTreeIterator());
                } else {
                    walk.addTree(commitTable.tree(commitTable.parent(c, 0)));
                }
                walk.addTree(commitTable.tree(c));
                while (walk.next()) {
                    byte[] path = walk.getRawPath();
                    String key = new String(path, StandardCharsets.ISO_8859_1);
                    Integer id = pathIds.get(key);
                    if (id == null) {
                        id = pathList.size();
                        pathIds.put(key, id);
                        pathList.add(path);
                    }
                    int mode = walk.getRawMode(1);
                    Object[] prior = changed.get(id);
                    // a path that is a file in one tree and a directory in the other comes twice; keep the side
                    // that exists in the commit
                    if (prior == null || (int) prior[0] == 0) {
                        changed.put(id, new Object[] {mode, mode == 0 ? ObjectId.zeroId() : walk.getObjectId(1)});
                    }
                    if (walk.isSubtree()) {
                        walk.enterSubtree();
                    }
                }
                int[] ids = changed.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
                int[] packed = new int[ids.length * 2];
                byte[] objects = new byte[ids.length * 20];
                for (int k = 0; k < ids.length; k++) {
                    Object[] v = changed.get(ids[k]);
                    packed[2 * k] = ids[k];
                    packed[2 * k + 1] = (int) v[0];
                    ((ObjectId) v[1]).copyRawTo(objects, k * 20);
                }
                newEntries.add(packed);
                newIds.add(objects);
                // Often: the daemon's idle indexer pauses here for a command, and a command arriving mid-step
                // would share the CPU (and the serial collector's pauses) with the rest of the step.
                if ((c & 0x3f) == 0) {
                    progress.update("recording changed paths", c - oldCommits, total - oldCommits);
                }
            }
        }
        long entries = old == null ? 0 : old.map.getInt(old.entryStartsAt + old.commits * 4);
        for (int[] e : newEntries) {
            entries += e.length / 2;
        }
        long pathBytes = 0;
        for (byte[] p : pathList) {
            pathBytes += p.length;
        }
        if (expectedLength(total, pathList.size(), entries, pathBytes) > Integer.MAX_VALUE) {
            return null;
        }
        int entryCount = (int) entries;
        int pathByteCount = (int) pathBytes;
        AtomicFile.write(dir.resolve(FILE_NAME), target -> {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                new BufferedOutputStream(target, 1 << 16), crc));
            out.write(MAGIC);
            out.writeInt(total);
            out.writeInt(pathList.size());
            out.writeInt(entryCount);
            out.writeInt(pathByteCount);
            out.writeInt(commitTable.idsCrc(total));
            int start = 0;
            for (int c = 0; c < oldCommits; c++) {
                start = old.map.getInt(old.entryStartsAt + c * 4);
                out.writeInt(start);
            }
            start = old == null ? 0 : old.map.getInt(old.entryStartsAt + oldCommits * 4);
            for (int[] e : newEntries) {
                out.writeInt(start);
                start += e.length / 2;
            }
            out.writeInt(start);
            if (old != null) {
                byte[] chunk = new byte[1 << 16];
                int length = old.pathStartsAt - old.entriesAt;
                for (int done = 0; done < length; ) {
                    int n = Math.min(chunk.length, length - done);
                    old.map.get(old.entriesAt + done, chunk, 0, n);
                    out.write(chunk, 0, n);
                    done += n;
                }
            }
            for (int k = 0; k < newEntries.size(); k++) {
                int[] e = newEntries.get(k);
                byte[] objects = newIds.get(k);
                for (int j = 0; j < e.length / 2; j++) {
                    out.writeInt(e[2 * j]);
                    out.writeInt(e[2 * j + 1]);
                    out.write(objects, j * 20, 20);
                }
            }
            int offset = 0;
            for (byte[] p : pathList) {
                out.writeInt(offset);
                offset += p.length;
            }
            out.writeInt(offset);
            for (byte[] p : pathList) {
                out.write(p);
            }
            Integer[] sorted = new Integer[pathList.size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = i;
            }
            Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(pathList.get(a), pathList.get(b)));
            for (Integer i : sorted) {
                out.writeInt(i);
            }
            out.flush();
            int sum = (int) crc.getValue();
            target.write(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
        });
        return open(dir, commitTable);
    }

    /** The bytes of the dictionary's path {@code index}. */
    byte[] pathBytes(int index) {
        int from = map.getInt(pathStartsAt + index * 4);
        int to = map.getInt(pathStartsAt + (index + 1) * 4);
        byte[] p = new byte[to - from];
        map.get(pathBytesAt + from, p);
        return p;
    }
}
