package dev.rca.history;

import dev.rca.Progress;
import dev.rca.io.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.UUID;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commit table of rca's cache ({@code <gitdir>/rca/cache/commits}): for every commit it has seen, the id,
 * tree, committer time, parents (as indices into the table) and the raw commit object, so that walks and
 * {@code --grep}/{@code --author} filters read one memory-mapped file instead of inflating commits.
 *
 * <p>Indices never change: new commits are appended, and the whole file is rewritten atomically (temporary file,
 * then rename), so a reader sees an old table or a new one, never half of one. Commits that no ref reaches any
 * more stay in the table; they cost space, never correctness, because walks only go from their start commits to
 * parents. A table whose magic, sizes or CRC-32C do not check out is ignored.
 *
 * <p>Layout (big-endian): magic, hash length, count N, parent count P, data length D; then ids (N×20), trees
 * (N×20), commit times (N×4), parent starts ((N+1)×4), parents (P×4), data offsets ((N+1)×8), fan-out (256×4),
 * indices sorted by id (N×4), raw commits (D bytes); then the CRC-32C of everything before it.
 */
final class CommitTable {
    /** The file name inside the cache directory. */
    static final String FILE_NAME = "commits";
    private static final byte[] MAGIC = "RCACMT01".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH = 20;
    private static final int HEADER = MAGIC.length + 4 + 4 + 4 + 8;
    /** A mapped buffer addresses at most 2 GiB; larger histories walk live. */
    private static final long MAX_FILE = Integer.MAX_VALUE;

    private final Path file;
    private final MappedByteBuffer map;
    private final int count;
    private final int idsAt;
    private final int treesAt;
    private final int timesAt;
    private final int parentStartsAt;
    private final int parentsAt;
    private final int offsetsAt;
    private final int fanoutAt;
    private final int sortedAt;
    private final int dataAt;
    private final int dataLength;

    private CommitTable(Path file, MappedByteBuffer map, int count, int parentCount, int dataLength) {
        this.file = file;
        this.map = map;
        this.count = count;
        this.dataLength = dataLength;
        this.idsAt = HEADER;
        this.treesAt = idsAt + count * HASH;
        this.timesAt = treesAt + count * HASH;
        this.parentStartsAt = timesAt + count * 4;
        this.parentsAt = parentStartsAt + (count + 1) * 4;
        this.offsetsAt = parentsAt + parentCount * 4;
        this.fanoutAt = offsetsAt + (count + 1) * 8;
        this.sortedAt = fanoutAt + 256 * 4;
        this.dataAt = sortedAt + count * 4;
    }

    private static long expectedLength(long count, long parentCount, long dataLength) {
        return HEADER + count * (HASH + HASH + 4 + 4 + 8 + 4) + 4 + parentCount * 4 + 8 + 256 * 4 + dataLength + 4;
    }

    /**
     * Opens the table in {@code dir}, or returns null when there is none or it fails any check (then the caller
     * walks live, as if there were no cache).
     */
    static CommitTable open(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        OpenedTables.Stamp stamp = OpenedTables.Stamp.of(file);
        CommitTable known = OpenedTables.reuse(file, stamp, null, CommitTable.class);
        if (known != null) {
            return known;
        }
        CommitTable table = check(file);
        OpenedTables.remember(file, stamp, null, table);
        return table;
    }

    private static CommitTable check(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER + 4 || size > MAX_FILE) {
                return null;
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            byte[] magic = new byte[MAGIC.length];
            map.get(0, magic);
            if (!Arrays.equals(magic, MAGIC) || map.getInt(MAGIC.length) != HASH) {
                return null;
            }
            int count = map.getInt(MAGIC.length + 4);
            int parentCount = map.getInt(MAGIC.length + 8);
            long dataLength = map.getLong(MAGIC.length + 12);
            if (count < 0 || parentCount < 0 || dataLength < 0
                || expectedLength(count, parentCount, dataLength) != size) {
                return null;
            }
            CRC32C crc = new CRC32C();
            crc.update(map.slice(0, (int) size - 4));
            if ((int) crc.getValue() != map.getInt((int) size - 4)) {
                return null;
            }
            return new CommitTable(file, map, count, parentCount, (int) dataLength);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            // unreadable or unmappable: the cache is only ever an optimisation
            return null;
        }
    }

    /** How many commits the table holds. */
    int size() {
        return count;
    }

    /** The table index of {@code id}, or -1. */
    int find(AnyObjectId id) {
        int first = id.getFirstByte();
        int low = first == 0 ? 0 : map.getInt(fanoutAt + (first - 1) * 4);
        int high = map.getInt(fanoutAt + first * 4) - 1;
        int w1 = id.getFirstByte() << 24 | (readByte(id, 1) << 16) | (readByte(id, 2) << 8) | readByte(id, 3);
        return searchSorted(map, sortedAt, low, high, index -> compare(index, id, w1));
    }

    /**
     * Binary search over a sorted list of indices stored at {@code listAt} (4 bytes each), positions
     * {@code low..high}: the index for which {@code compareTo} (the indexed item against the key) is 0, or -1.
     */
    static int searchSorted(MappedByteBuffer map, int listAt, int low, int high, IntUnaryOperator compareTo) {
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int index = map.getInt(listAt + mid * 4);
            int c = compareTo.applyAsInt(index);
            if (c == 0) {
                return index;
            }
            if (c < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    private static int readByte(AnyObjectId id, int n) {
        return id.getByte(n) & 0xff;
    }

    private int compare(int index, AnyObjectId id, int w1) {
        int at = idsAt + index * HASH;
        int c = Integer.compareUnsigned(map.getInt(at), w1);
        if (c != 0) {
            return c;
        }
        for (int i = 4; i < HASH; i++) {
            c = Integer.compare(map.get(at + i) & 0xff, id.getByte(i) & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether the commit at {@code index} is {@code id}. */
    boolean isCommit(int index, AnyObjectId id) {
        return sameId(idsAt + index * HASH, id);
    }

    private boolean sameId(int at, AnyObjectId id) {
        for (int i = 0; i < HASH; i++) {
            if (map.get(at + i) != id.getByte(i)) {
                return false;
            }
        }
        return true;
    }

    /** The CRC-32C of the ids of the first {@code n} commits, which tell one table's history from another's. */
    int idsCrc(int n) {
        CRC32C crc = new CRC32C();
        crc.update(map.slice(idsAt, n * HASH));
        return (int) crc.getValue();
    }

    /** The commit id at {@code index}. */
    ObjectId id(int index) {
        return objectId(idsAt + index * HASH);
    }

    /** The commit's tree. */
    ObjectId tree(int index) {
        return objectId(treesAt + index * HASH);
    }

    private ObjectId objectId(int at) {
        return ObjectId.fromRaw(new int[] {map.getInt(at), map.getInt(at + 4), map.getInt(at + 8),
            map.getInt(at + 12), map.getInt(at + 16)});
    }

    /** The committer time in epoch seconds, as JGit parses it. */
    int commitTime(int index) {
        return map.getInt(timesAt + index * 4);
    }

    int parentCount(int index) {
        return map.getInt(parentStartsAt + (index + 1) * 4) - map.getInt(parentStartsAt + index * 4);
    }

    /** The table index of the commit's {@code nth} parent. */
    int parent(int index, int nth) {
        return map.getInt(parentsAt + (map.getInt(parentStartsAt + index * 4) + nth) * 4);
    }

    /** Whether the table's record at {@code index} says what the parsed commit {@code c} says. */
    boolean agrees(int index, RevCommit c) {
        if (commitTime(index) != c.getCommitTime() || !tree(index).equals(c.getTree())
            || parentCount(index) != c.getParentCount()) {
            return false;
        }
        for (int i = 0; i < c.getParentCount(); i++) {
            if (!id(parent(index, i)).equals(c.getParent(i))) {
                return false;
            }
        }
        return id(index).equals(c);
    }

    /** The raw commit object (headers and message), as {@code git cat-file commit} prints it. */
    byte[] raw(int index) {
        long from = map.getLong(offsetsAt + index * 8);
        long to = map.getLong(offsetsAt + (index + 1) * 8);
        byte[] raw = new byte[(int) (to - from)];
        map.get(dataAt + (int) from, raw);
        return raw;
    }

    /** The file the table was read from. */
    Path file() {
        return file;
    }

    /**
     * Adds every commit reachable from {@code tips} that {@code old} lacks (all of them when {@code old} is null)
     * and writes the table to {@code dir} atomically.
     *
     * @return the new table, or null when it could not be written or read back
     * @throws IOException when the repository cannot be read (a missing object, say)
     */
    static CommitTable extend(Path dir, CommitTable old, ObjectReader reader, Collection<? extends AnyObjectId> tips,
                              Progress progress) throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".data.tmp");
        try {
            AddedCommits added = collect(old, reader, tips, data, progress);
            if (added.size() == 0 && old != null) {
                return old;
            }
            long oldData = old == null ? 0 : old.dataLength;
            long newData = oldData + Files.size(data);
            int total = (old == null ? 0 : old.count) + added.size();
            long parents = (old == null ? 0 : old.parentSlots()) + added.parentSlots();
            if (expectedLength(total, parents, newData) > MAX_FILE) {
                return null;
            }
            AtomicFile.write(dir.resolve(FILE_NAME), out -> write(out, old, added, data, total, parents, newData));
        } finally {
            Files.deleteIfExists(data);
        }
        return open(dir);
    }

    private int parentSlots() {
        return map.getInt(parentStartsAt + count * 4);
    }

    /** Parsed commits a collection lets go of at a time: JGit's walk keeps every commit it parsed. */
    private static final int WALK_BATCH = 8192;

    private static AddedCommits collect(CommitTable old, ObjectReader reader, Collection<? extends AnyObjectId> tips,
                                        Path data, Progress progress) throws IOException {
        AddedCommits added = new AddedCommits(old == null ? 0 : old.count);
        Deque<ObjectId> pending = new ArrayDeque<>();
        for (AnyObjectId tip : tips) {
            pending.push(tip.copy());
        }
        long written = 0;
        RevWalk walk = null;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(data, StandardOpenOption.CREATE_NEW,
                 StandardOpenOption.WRITE), 1 << 16)) {
            while (!pending.isEmpty()) {
                ObjectId id = pending.pop();
                if (added.indexOf(id) >= 0 || old != null && old.find(id) >= 0) {
                    continue;
                }
                if (added.size() % WALK_BATCH == 0) {
                    // a new walk (on the same reader) instead of one holding every commit of the history
                    walk = new RevWalk(reader);
                    walk.setRetainBody(true);
                }
                RevCommit c = walk.parseCommit(id);
                walk.parseBody(c);
                byte[] raw = c.getRawBuffer();
                out.write(raw);
                written += raw.length;
                ObjectId[] parents = new ObjectId[c.getParentCount()];
                for (int i = 0; i < parents.length; i++) {
                    parents[i] = c.getParent(i).copy();
                }
                added.add(id, c.getTree(), c.getCommitTime(), parents, written);
                c.disposeBody();
                // later parents are pushed first, so first parents are taken first: a commit's first-parent
                // line lands next to it in the file
                for (int i = parents.length - 1; i >= 0; i--) {
                    pending.push(parents[i]);
                }
                if ((added.size() & 0xfff) == 0) {
                    progress.update("caching commits", added.size(), -1);
                }
            }
        }
        return added;
    }

    private static void write(OutputStream target, CommitTable old, AddedCommits added, Path data, int total,
                              long parents, long dataLength) throws IOException {
        CRC32C crc = new CRC32C();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
            new BufferedOutputStream(target, 1 << 16), crc));
        int oldCount = old == null ? 0 : old.count;
        out.write(MAGIC);
        out.writeInt(HASH);
        out.writeInt(total);
        out.writeInt((int) parents);
        out.writeLong(dataLength);
        if (old != null) {
            copy(old, old.idsAt, oldCount * HASH, out);
        }
        added.writeIds(out);
        if (old != null) {
            copy(old, old.treesAt, oldCount * HASH, out);
        }
        added.writeTrees(out);
        if (old != null) {
            copy(old, old.timesAt, oldCount * 4, out);
        }
        for (int i = 0; i < added.size(); i++) {
            out.writeInt(added.time(i));
        }
        int start = 0;
        for (int i = 0; i < oldCount; i++) {
            start = old.map.getInt(old.parentStartsAt + i * 4);
            out.writeInt(start);
        }
        start = old == null ? 0 : old.parentSlots();
        for (int i = 0; i < added.size(); i++) {
            out.writeInt(start);
            start += added.parentCount(i);
        }
        out.writeInt(start);
        if (old != null) {
            copy(old, old.parentsAt, old.parentSlots() * 4, out);
        }
        for (int i = 0; i < added.size(); i++) {
            for (int nth = 0; nth < added.parentCount(i); nth++) {
                int index = added.parentIndex(i, nth);
                if (index < 0 && old != null) {
                    index = old.find(added.parent(i, nth));
                }
                if (index < 0) {
                    throw new IOException("parent " + added.parent(i, nth).name() + " was not cached");
                }
                out.writeInt(index);
            }
        }
        for (int i = 0; i < oldCount; i++) {
            out.writeLong(old.map.getLong(old.offsetsAt + i * 8));
        }
        long base = old == null ? 0 : old.dataLength;
        out.writeLong(base);
        for (int i = 0; i < added.size(); i++) {
            out.writeLong(base + added.end(i));
        }
        int[] sorted = sortedIndices(old, added);
        int[] fanout = new int[256];
        for (int index : sorted) {
            int first = index < oldCount ? old.map.get(old.idsAt + index * HASH) & 0xff
                : added.idWord(index - oldCount, 0) >>> 24;
            fanout[first]++;
        }
        int running = 0;
        for (int i = 0; i < 256; i++) {
            running += fanout[i];
            out.writeInt(running);
        }
        for (int index : sorted) {
            out.writeInt(index);
        }
        if (old != null) {
            copy(old, old.dataAt, old.dataLength, out);
        }
        Files.copy(data, out);
        out.flush();
        int sum = (int) crc.getValue();
        target.write(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
        target.flush();
    }

    /** Every table index, old and added, ordered by id: the old table's order merged with the added commits'. */
    private static int[] sortedIndices(CommitTable old, AddedCommits added) {
        int oldCount = old == null ? 0 : old.count;
        int[] addedOrder = added.positionsById();
        int[] sorted = new int[oldCount + addedOrder.length];
        int o = 0;
        int a = 0;
        for (int n = 0; n < sorted.length; n++) {
            boolean takeOld;
            if (o == oldCount) {
                takeOld = false;
            } else if (a == addedOrder.length) {
                takeOld = true;
            } else {
                takeOld = old.compareWithAdded(old.map.getInt(old.sortedAt + o * 4), added, addedOrder[a]) < 0;
            }
            sorted[n] = takeOld ? old.map.getInt(old.sortedAt + o++ * 4) : oldCount + addedOrder[a++];
        }
        return sorted;
    }

    private int compareWithAdded(int index, AddedCommits added, int position) {
        for (int w = 0; w < HASH / 4; w++) {
            int c = Integer.compareUnsigned(map.getInt(idsAt + index * HASH + w * 4), added.idWord(position, w));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static void copy(CommitTable from, int at, int length, OutputStream out) throws IOException {
        byte[] chunk = new byte[1 << 16];
        for (int done = 0; done < length; ) {
            int n = Math.min(chunk.length, length - done);
            from.map.get(at + done, chunk, 0, n);
            out.write(chunk, 0, n);
            done += n;
        }
    }

    /** For diagnostics. */
    @Override
    public String toString() {
        return file + ": " + count + " commits";
    }
}
