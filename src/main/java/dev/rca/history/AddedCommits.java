package dev.rca.history;

import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.NB;

/**
 * The commits a {@link CommitTable} is about to gain, in the order they were found, kept in flat arrays of id words:
 * about 80 bytes a commit, where one object per id, list entry and map slot took 400, so that the table of a
 * million-commit history is collected in a 256 MB heap. Their raw bytes go to a file, not here.
 */
final class AddedCommits {
    private static final int WORDS = 5;

    /** The table index of the first added commit: how many the table had. */
    private final int base;
    private int size;
    private int[] ids = new int[WORDS * 1024];
    private int[] trees = new int[WORDS * 1024];
    private int[] times = new int[1024];
    private long[] ends = new long[1024];
    /** How many parents the commits before {@code i + 1} have together: commit i's are {@code parentEnds[i-1]..}. */
    private int[] parentEnds = new int[1024];
    private int[] parentIds = new int[WORDS * 1024];
    private int parentSlots;
    /** Open addressing by the id's first word: 0 for a free slot, else the added commit's position + 1. */
    private int[] slots = new int[2048];
    private final byte[] scratch = new byte[20];

    AddedCommits(int base) {
        this.base = base;
    }

    int size() {
        return size;
    }

    int parentSlots() {
        return parentSlots;
    }

    /** Adds a commit not added before; {@code end} is where its raw bytes end in the data file. */
    void add(AnyObjectId id, AnyObjectId tree, int time, AnyObjectId[] parents, long end) {
        if (size == times.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity * WORDS);
            trees = Arrays.copyOf(trees, capacity * WORDS);
            times = Arrays.copyOf(times, capacity);
            ends = Arrays.copyOf(ends, capacity);
            parentEnds = Arrays.copyOf(parentEnds, capacity);
        }
        put(ids, size, id);
        put(trees, size, tree);
        times[size] = time;
        ends[size] = end;
        if ((parentSlots + parents.length) * WORDS > parentIds.length) {
            parentIds = Arrays.copyOf(parentIds, Math.max(parentIds.length * 2, (parentSlots + parents.length) * WORDS));
        }
        for (AnyObjectId parent : parents) {
            put(parentIds, parentSlots++, parent);
        }
        parentEnds[size] = parentSlots;
        size++;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        } else {
            slots[freeSlot(ids[(size - 1) * WORDS])] = size;
        }
    }

    /** The table index of {@code id} if it was added, else -1. */
    int indexOf(AnyObjectId id) {
        id.copyRawTo(scratch, 0);
        return indexOfScratch();
    }

    /** The table index of the added commit whose id is in {@code scratch}, or -1. */
    private int indexOfScratch() {
        int mask = slots.length - 1;
        for (int slot = NB.decodeInt32(scratch, 0) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (sameId(entry - 1)) {
                return base + entry - 1;
            }
        }
    }

    private boolean sameId(int position) {
        for (int w = 0; w < WORDS; w++) {
            if (ids[position * WORDS + w] != NB.decodeInt32(scratch, w * 4)) {
                return false;
            }
        }
        return true;
    }

    private int freeSlot(int firstWord) {
        int mask = slots.length - 1;
        int slot = firstWord & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int i = 0; i < size; i++) {
            slots[freeSlot(ids[i * WORDS])] = i + 1;
        }
    }

    private void put(int[] words, int position, AnyObjectId id) {
        id.copyRawTo(scratch, 0);
        for (int w = 0; w < WORDS; w++) {
            words[position * WORDS + w] = NB.decodeInt32(scratch, w * 4);
        }
    }

    /** Word {@code w} (0-4, big-endian) of the id of the added commit at {@code position}. */
    int idWord(int position, int w) {
        return ids[position * WORDS + w];
    }

    /** Writes the added commits' ids, in the order added, as the table stores them (20 bytes each). */
    void writeIds(DataOutput out) throws IOException {
        writeWords(ids, out);
    }

    /** Writes the added commits' trees, in the order added, as the table stores them (20 bytes each). */
    void writeTrees(DataOutput out) throws IOException {
        writeWords(trees, out);
    }

    private void writeWords(int[] words, DataOutput out) throws IOException {
        for (int i = 0; i < size * WORDS; i++) {
            out.writeInt(words[i]);
        }
    }

    int time(int position) {
        return times[position];
    }

    long end(int position) {
        return ends[position];
    }

    int parentCount(int position) {
        return parentEnds[position] - (position == 0 ? 0 : parentEnds[position - 1]);
    }

    /**
     * The table index of the {@code nth} parent of the added commit at {@code position} when that parent was added
     * too, else -1.
     */
    int parentIndex(int position, int nth) {
        int first = (position == 0 ? 0 : parentEnds[position - 1]) + nth;
        for (int w = 0; w < WORDS; w++) {
            NB.encodeInt32(scratch, w * 4, parentIds[first * WORDS + w]);
        }
        return indexOfScratch();
    }

    /** The {@code nth} parent of the added commit at {@code position}. */
    ObjectId parent(int position, int nth) {
        int first = (position == 0 ? 0 : parentEnds[position - 1]) + nth;
        return ObjectId.fromRaw(parentIds, first * WORDS);
    }

    /** Positions of the added commits ordered by id. */
    int[] positionsById() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            // the first word made signed-comparable in the high half, the position in the low
            keys[i] = (long) (ids[i * WORDS] ^ Integer.MIN_VALUE) << 32 | i;
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) keys[i];
        }
        // ids sharing their first word (a few in a million) are put in order by the rest
        for (int from = 0; from < size; ) {
            int to = from + 1;
            while (to < size && ids[order[to] * WORDS] == ids[order[from] * WORDS]) {
                to++;
            }
            if (to - from > 1) {
                Integer[] run = new Integer[to - from];
                for (int i = from; i < to; i++) {
                    run[i - from] = order[i];
                }
                Arrays.sort(run, this::compareIds);
                for (int i = from; i < to; i++) {
                    order[i] = run[i - from];
                }
            }
            from = to;
        }
        return order;
    }

    private int compareIds(int a, int b) {
        for (int w = 0; w < WORDS; w++) {
            int c = Integer.compareUnsigned(ids[a * WORDS + w], ids[b * WORDS + w]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
