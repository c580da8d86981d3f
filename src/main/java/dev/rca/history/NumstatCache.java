package dev.rca.history;

import dev.rca.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Lines added and removed between two blobs, remembered across runs. The count depends only on the two
 * blobs (and the diff algorithm, which names the file), never on paths or commits, so one entry serves every
 * commit, path and query that meets the same pair.
 *
 * <p>The file, {@code .git/rca/cache/numstat-<algorithm>-v1.bin}, is a sorted array of fixed-size entries
 * (old id, new id, added, removed) behind a magic and a count, ending in a CRC-32: it is read in one go and
 * searched in place. A file that is short, long, or fails its checksum is ignored (and replaced on the next
 * save). Saving merges the new entries in and replaces the file atomically; nothing is written where the
 * directory cannot be written. At most {@link #MAX_ENTRIES} entries are kept (about 48 bytes each).
 */
final class NumstatCache {
    static final int MAX_ENTRIES = 1_000_000;
    /** New counts a run keeps, at about 150 bytes each: 130,000 in a 256 MB heap. */
    private static int freshLimit = (int) Math.min(MAX_ENTRIES, Runtime.getRuntime().maxMemory() / 2048);

    /** For tests: keeps at most {@code entries} new counts per run; returns the previous limit. */
    static int freshLimit(int entries) {
        int previous = freshLimit;
        freshLimit = entries;
        return previous;
    }
    private static final byte[] MAGIC = "RCANUMS1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY = 2 * Constants.OBJECT_ID_LENGTH;
    private static final int ENTRY = KEY + 8;
    private static final int HEADER = 8 + 4;

    /** Two blobs whose line counts are wanted; a zero id is an absent side. */
    record Pair(ObjectId oldId, ObjectId newId) {
        byte[] key() {
            byte[] k = new byte[KEY];
            oldId.copyRawTo(k, 0);
            newId.copyRawTo(k, Constants.OBJECT_ID_LENGTH);
            return k;
        }
    }

    private final Path file;
    private final byte[] stored;
    private final int storedCount;
    private final Map<Pair, Long> fresh = new ConcurrentHashMap<>();

    private NumstatCache(Path file, byte[] stored, int storedCount) {
        this.file = file;
        this.stored = stored;
        this.storedCount = storedCount;
    }

    /** A cache that lives only as long as this process. */
    static NumstatCache inMemory() {
        return new NumstatCache(null, new byte[0], 0);
    }

    /** The cache in {@code directory} for {@code algorithm}, empty when there is none or it is unreadable. */
    static NumstatCache open(Path directory, String algorithm) {
        Path file = directory.resolve("numstat-" + algorithm + "-v1.bin");
        try {
            byte[] bytes = Files.readAllBytes(file);
            int count = validCount(bytes);
            return count < 0 ? new NumstatCache(file, new byte[0], 0) : new NumstatCache(file, bytes, count);
        } catch (IOException | RuntimeException e) {
            return new NumstatCache(file, new byte[0], 0);
        }
    }

    /** The number of entries of a well-formed file, else -1. */
    private static int validCount(byte[] bytes) {
        if (bytes.length < HEADER + 4 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return -1;
        }
        int count = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (count < 0 || count > MAX_ENTRIES || (long) HEADER + (long) count * ENTRY + 4 != bytes.length) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        return (int) crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt() ? count : -1;
    }

    /** {@code {added, removed}} for the pair, or null when not known. */
    int[] get(Pair pair) {
        Long f = fresh.get(pair);
        if (f != null) {
            return unpack(f);
        }
        if (storedCount == 0) {
            return null;
        }
        int lo = 0;
        int hi = storedCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = HEADER + mid * ENTRY;
            // the stored key against the pair's, without building the pair's key for every lookup
            int cmp = -pair.oldId().compareTo(stored, at);
            if (cmp == 0) {
                cmp = -pair.newId().compareTo(stored, at + Constants.OBJECT_ID_LENGTH);
            }
            if (cmp == 0) {
                ByteBuffer b = ByteBuffer.wrap(stored, at + KEY, 8);
                return new int[] {b.getInt(), b.getInt()};
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /**
     * Remembers a count; false when this run has no room left for it (a share of the heap: the entries are kept
     * as objects until {@link #save}).
     */
    boolean put(Pair pair, int added, int removed) {
        if (fresh.size() >= freshLimit) {
            return false;
        }
        fresh.put(pair, ((long) added << 32) | (removed & 0xffffffffL));
        return true;
    }

    private static int[] unpack(long packed) {
        return new int[] {(int) (packed >>> 32), (int) packed};
    }

    /** How many pairs this run added. */
    int added() {
        return fresh.size();
    }

    /**
     * Writes the stored entries and this run's new ones back, when there are new ones and the directory
     * can be written; a failure leaves the old file as it was and is not an error (it is only a cache).
     */
    void save() {
        if (file == null || fresh.isEmpty()) {
            return;
        }
        List<byte[]> entries = new ArrayList<>(fresh.size());
        for (Map.Entry<Pair, Long> e : fresh.entrySet()) {
            byte[] entry = Arrays.copyOf(e.getKey().key(), ENTRY);
            ByteBuffer.wrap(entry, KEY, 8).putLong(e.getValue());
            entries.add(entry);
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a, 0, KEY, b, 0, KEY));
        int room = MAX_ENTRIES - storedCount;
        ByteBuffer out = ByteBuffer.allocate(HEADER + (storedCount + Math.min(room, entries.size())) * ENTRY + 4);
        out.put(MAGIC).putInt(0);
        int i = 0;
        int j = 0;
        int count = 0;
        while (i < storedCount || j < entries.size() && count - i < room) {
            int at = HEADER + i * ENTRY;
            boolean takeNew = j < entries.size() && count - i < room
                && (i == storedCount || Arrays.compareUnsigned(entries.get(j), 0, KEY, stored, at, at + KEY) < 0);
            if (takeNew) {
                out.put(entries.get(j++));
            } else {
                if (j < entries.size() && Arrays.compareUnsigned(entries.get(j), 0, KEY, stored, at, at + KEY) == 0) {
                    j++;
                }
                out.put(stored, at, ENTRY);
                i++;
            }
            count++;
        }
        byte[] bytes = Arrays.copyOf(out.array(), out.position() + 4);
        ByteBuffer.wrap(bytes, MAGIC.length, 4).putInt(count);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes, bytes.length - 4, 4).putInt((int) crc.getValue());
        try {
            AtomicFile.write(file, bytes);
        } catch (IOException | RuntimeException e) {
            // A read-only .git, a full disk: the counts were right, only the next run is slower.
        }
    }
}
