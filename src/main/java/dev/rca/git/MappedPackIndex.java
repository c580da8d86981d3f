package dev.rca.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A version 2 pack index ({@code .idx}) read through a memory mapping, as git reads it, instead of into the heap
 * as JGit's own reader does: a history of a million commits has a pack index of about 280 MB, more than a
 * {@code -Xmx256m} heap, while a lookup touches a few pages of it. Answers exactly what JGit's reader of the same
 * file answers.
 */
final class MappedPackIndex implements PackIndex {
    private static final int FANOUT_AT = 8;
    private static final int NAMES_AT = FANOUT_AT + 256 * 4;
    private static final int ID_LENGTH = 20;
    private static final int LARGE_OFFSET = 0x80000000;

    private final ByteBuffer map;
    private final int count;
    private final int crcAt;
    private final int offsetsAt;
    private final int largeOffsetsAt;
    private final int largeOffsets;

    private MappedPackIndex(ByteBuffer map, int count, int largeOffsets) {
        this.map = map;
        this.count = count;
        this.crcAt = NAMES_AT + count * ID_LENGTH;
        this.offsetsAt = crcAt + count * 4;
        this.largeOffsetsAt = offsetsAt + count * 4;
        this.largeOffsets = largeOffsets;
    }

    /**
     * Maps the pack index {@code file}; null when it is not one this class reads (a version 1 index, or one of 2 GB
     * or more), which JGit's own reader is then left to read.
     *
     * @throws IOException when the file cannot be read or is not a well-formed version 2 index
     */
    static MappedPackIndex open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size >= Integer.MAX_VALUE) {
                return null;
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            if (size < NAMES_AT + 2 * ID_LENGTH || map.getInt(0) != 0xff744f63) {
                return null;
            }
            if (map.getInt(4) != 2) {
                throw new IOException("unsupported pack index version " + map.getInt(4) + ": " + file);
            }
            long previous = 0;
            for (int bucket = 0; bucket < 256; bucket++) {
                long upTo = Integer.toUnsignedLong(map.getInt(FANOUT_AT + bucket * 4));
                if (upTo < previous) {
                    throw new IOException("corrupt pack index (fan-out table): " + file);
                }
                previous = upTo;
            }
            long fixed = NAMES_AT + previous * (ID_LENGTH + 8) + 2L * ID_LENGTH;
            long large = size - fixed;
            if (large < 0 || large % 8 != 0 || previous > Integer.MAX_VALUE) {
                throw new IOException("corrupt pack index (size " + size + " for " + previous + " objects): " + file);
            }
            return new MappedPackIndex(map, (int) previous, (int) (large / 8));
        }
    }

    @Override
    public long getObjectCount() {
        return count;
    }

    @Override
    public long getOffset64Count() {
        return largeOffsets;
    }

    @Override
    public ObjectId getObjectId(long nthPosition) {
        return ObjectId.fromRaw(idBytes(checkedPosition(nthPosition)), 0);
    }

    @Override
    public long getOffset(long nthPosition) {
        return offsetAt(checkedPosition(nthPosition));
    }

    @Override
    public long findOffset(AnyObjectId objectId) {
        int position = findPosition(objectId);
        return position < 0 ? -1 : offsetAt(position);
    }

    @Override
    public int findPosition(AnyObjectId objectId) {
        byte[] raw = new byte[ID_LENGTH];
        objectId.copyRawTo(raw, 0);
        ByteBuffer wanted = ByteBuffer.wrap(raw);
        int bucket = raw[0] & 0xff;
        int low = bucket == 0 ? 0 : map.getInt(FANOUT_AT + (bucket - 1) * 4);
        int high = map.getInt(FANOUT_AT + bucket * 4);
        while (low < high) {
            int middle = (low + high) >>> 1;
            int cmp = compare(wanted, NAMES_AT + middle * ID_LENGTH);
            if (cmp == 0) {
                return middle;
            }
            if (cmp < 0) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return -1;
    }

    /** Compares the id in {@code wanted} with the one stored at {@code at}, as unsigned words. */
    private int compare(ByteBuffer wanted, int at) {
        for (int word = 0; word < ID_LENGTH; word += 4) {
            int cmp = Integer.compareUnsigned(wanted.getInt(word), map.getInt(at + word));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    @Override
    public long findCRC32(AnyObjectId objectId) throws MissingObjectException {
        int position = findPosition(objectId);
        if (position < 0) {
            throw new MissingObjectException(objectId.copy(), "unknown");
        }
        return Integer.toUnsignedLong(map.getInt(crcAt + position * 4));
    }

    @Override
    public boolean hasCRC32Support() {
        return true;
    }

    @Override
    public void resolve(Set<ObjectId> matches, AbbreviatedObjectId id, int matchLimit) {
        int bucket = id.getFirstByte();
        int first = bucket == 0 ? 0 : map.getInt(FANOUT_AT + (bucket - 1) * 4);
        int end = map.getInt(FANOUT_AT + bucket * 4);
        int low = first;
        int high = end;
        while (low < high) {
            int p = (low + high) >>> 1;
            int cmp = id.prefixCompare(idBytes(p), 0);
            if (cmp < 0) {
                high = p;
            } else if (cmp > 0) {
                low = p + 1;
            } else {
                // landed somewhere among the matches: back to the first, then forwards (JGit's limit semantics)
                while (first < p && id.prefixCompare(idBytes(p - 1), 0) == 0) {
                    p--;
                }
                for (; p < end && id.prefixCompare(idBytes(p), 0) == 0; p++) {
                    matches.add(ObjectId.fromRaw(idBytes(p), 0));
                    if (matches.size() > matchLimit) {
                        break;
                    }
                }
                return;
            }
        }
    }

    @Override
    public byte[] getChecksum() {
        byte[] checksum = new byte[ID_LENGTH];
        map.get(map.limit() - 2 * ID_LENGTH, checksum);
        return checksum;
    }

    @Override
    public Iterator<MutableEntry> iterator() {
        return new EntriesIterator(count) {
            private int next;

            @Override
            protected void readNext() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                setIdBuffer(idBytes(next), 0);
                setOffset(offsetAt(next));
                next++;
            }
        };
    }

    private int checkedPosition(long nthPosition) {
        if (nthPosition < 0 || nthPosition >= count) {
            throw new IndexOutOfBoundsException("position " + nthPosition + " of " + count);
        }
        return (int) nthPosition;
    }

    private byte[] idBytes(int position) {
        byte[] raw = new byte[ID_LENGTH];
        map.get(NAMES_AT + position * ID_LENGTH, raw);
        return raw;
    }

    private long offsetAt(int position) {
        int small = map.getInt(offsetsAt + position * 4);
        if ((small & LARGE_OFFSET) == 0) {
            return small;
        }
        int slot = small & ~LARGE_OFFSET;
        if (slot >= largeOffsets) {
            throw new IllegalStateException("corrupt pack index: large offset " + slot + " of " + largeOffsets);
        }
        return map.getLong(largeOffsetsAt + slot * 8);
    }
}
