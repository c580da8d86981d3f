package dev.rca.history;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Makes the changed-path Bloom filters of a commit-graph file answer git as well as JGit for paths with bytes of
 * 0x80 and above.
 *
 * <p>The file says its filters are version 1 (gitformat-commit-graph(5)). git's version-1 Murmur3 reads each byte
 * of a path as a C {@code char}, which is signed on the machines git mostly runs on, so such a byte enters the hash
 * sign-extended; JGit, whose writer makes the filters, hashes bytes unsigned, as Murmur3 means to (git from 2.46 does
 * too, in the version-2 filters it writes only when configured to). For an ASCII path the two hashes agree; for any
 * other they set different bits, and git reading JGit's filter is told "not changed" where the commit changed the
 * path: its {@code log -- café.c} then skips commits and its blame gives lines to the root. Setting both sets of bits
 * leaves every reader a "maybe", which is all a Bloom filter promises; it costs only a few more false positives for
 * the commits that change such paths.
 */
final class GitVersionOneBloom {
    /** The seeds of changed-path Bloom filters, from gitformat-commit-graph(5) (JGit keeps its own private). */
    static final int SEED_0 = 0x293ae76f;
    static final int SEED_1 = 0x7e646e2c;
    private static final int HASHES = 7;
    private static final int BDAT_HEADER = 12;
    private static final int CHUNK_ENTRY = 12;
    private static final int HASH_LENGTH = 20;

    private GitVersionOneBloom() {
    }

    /** Where a commit's changed paths with some byte of 0x80 or more come from (at every level, as in a filter). */
    interface NonAsciiPaths {
        /** The paths {@code commit} changed against its first parent that are not all ASCII; empty for none. */
        List<byte[]> of(ObjectId commit) throws java.io.IOException;
    }

    /** True when every byte of {@code path} is below 0x80, where git and JGit hash it alike. */
    static boolean isAscii(byte[] path) {
        for (byte b : path) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds git's version-1 bits (and JGit's, for filters reused from a file git wrote) of each commit's non-ASCII
     * changed paths to the filters of {@code graph}, a whole commit-graph file in memory, and writes its trailing
     * checksum again when anything changed.
     *
     * @return how many filters changed
     * @throws java.io.IOException when {@code paths} cannot read a commit
     * @throws IllegalArgumentException when {@code graph} is not a SHA-1 commit-graph with BIDX and BDAT chunks
     */
    static int addSignExtendedBits(byte[] graph, NonAsciiPaths paths) throws java.io.IOException {
        Layout layout = Layout.of(graph);
        int changed = 0;
        for (int i = 0; i < layout.commits(); i++) {
            int from = layout.filterStart(i);
            int length = layout.filterEnd(i) - from;
            // a single 0xff byte is "too many changes to list": it already says "maybe" to everything
            if (length == 0 || length == 1 && graph[from] == (byte) 0xff) {
                continue;
            }
            List<byte[]> nonAscii = paths.of(layout.commit(i));
            boolean any = false;
            for (byte[] path : nonAscii) {
                any |= setBits(graph, from, length, path, true);
                any |= setBits(graph, from, length, path, false);
            }
            if (any) {
                changed++;
            }
        }
        if (changed > 0) {
            try {
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                sha1.update(graph, 0, graph.length - HASH_LENGTH);
                System.arraycopy(sha1.digest(), 0, graph, graph.length - HASH_LENGTH, HASH_LENGTH);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-1", e);
            }
        }
        return changed;
    }

    /** Sets {@code path}'s bits in the filter at {@code from}; true when one was not set before. */
    private static boolean setBits(byte[] graph, int from, int length, byte[] path, boolean signExtended) {
        int bits = length * 8;
        int hash0 = hash(path, SEED_0, signExtended);
        int hash1 = hash(path, SEED_1, signExtended);
        boolean added = false;
        for (int i = 0; i < HASHES; i++) {
            int pos = Integer.remainderUnsigned(hash0 + i * hash1, bits);
            byte mask = (byte) (1 << (pos % 8));
            added |= (graph[from + pos / 8] & mask) == 0;
            graph[from + pos / 8] |= mask;
        }
        return added;
    }

    private static int hash(byte[] path, int seed, boolean signExtended) {
        return signExtended ? murmur3SignExtended(path, seed) : MurmurHash3.hash32x86(path, 0, path.length, seed);
    }

    /**
     * git's {@code murmur3_seeded_v1}: Murmur3 (x86, 32 bits) with every byte widened as a signed {@code char},
     * so that in a block a byte of 0x80 or more also sets every bit above its own.
     */
    static int murmur3SignExtended(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            // Java's byte is signed: widening it is exactly C's (uint32_t) of a signed char
            int k = data[4 * i] | data[4 * i + 1] << 8 | data[4 * i + 2] << 16 | data[4 * i + 3] << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= data[tail + 2] << 16;
                // fall through
            case 2:
                k ^= data[tail + 1] << 8;
                // fall through
            case 1:
                k ^= data[tail];
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * Where a commit-graph file (SHA-1, one graph, version-1 filters) keeps its commits' ids and filters.
     *
     * @param graph the whole file
     * @param oidl the offset of the ids (OIDL), sorted as the filters are
     * @param bidx the offset of each filter's end (BIDX)
     * @param bdat the offset of the filters' chunk (BDAT), whose 12-byte header comes first
     * @param commits how many commits the file holds
     */
    record Layout(byte[] graph, int oidl, int bidx, int bdat, int commits) {
        Layout {
            if (oidl < 0 || bidx < 0 || bdat < 0 || commits < 0) {
                throw new IllegalArgumentException("not a commit-graph layout");
            }
        }

        /**
         * Reads the chunk table.
         *
         * @throws IllegalArgumentException when {@code graph} is not a SHA-1 commit-graph with BIDX and BDAT chunks
         */
        static Layout of(byte[] graph) {
            ByteBuffer file = ByteBuffer.wrap(graph);
            if (graph.length < 8 + HASH_LENGTH || file.getInt(0) != 0x43475048 /* CGPH */ || graph[5] != 1) {
                throw new IllegalArgumentException("not a SHA-1 commit-graph file");
            }
            long oidf = -1;
            long oidl = -1;
            long bidx = -1;
            long bdat = -1;
            for (int i = 0; i < Byte.toUnsignedInt(graph[6]); i++) {
                long offset = file.getLong(8 + i * CHUNK_ENTRY + 4);
                switch (file.getInt(8 + i * CHUNK_ENTRY)) {
                    case 0x4f494446 -> oidf = offset; // OIDF
                    case 0x4f49444c -> oidl = offset; // OIDL
                    case 0x42494458 -> bidx = offset; // BIDX
                    case 0x42444154 -> bdat = offset; // BDAT
                    default -> { }
                }
            }
            if (oidf < 0 || oidl < 0 || bidx < 0 || bdat < 0 || Math.max(Math.max(oidf, oidl), bidx) > graph.length) {
                throw new IllegalArgumentException("the commit-graph has no changed-path filters");
            }
            // the fan-out's last entry counts every commit
            return new Layout(graph, (int) oidl, (int) bidx, (int) bdat, file.getInt((int) oidf + 255 * 4));
        }

        /** Commit {@code i}'s id. */
        ObjectId commit(int i) {
            return ObjectId.fromRaw(graph, oidl + i * HASH_LENGTH);
        }

        /** Where commit {@code i}'s filter starts in the file. */
        int filterStart(int i) {
            return bdat + BDAT_HEADER + (i == 0 ? 0 : ByteBuffer.wrap(graph).getInt(bidx + (i - 1) * 4));
        }

        /** Where commit {@code i}'s filter ends in the file. */
        int filterEnd(int i) {
            return bdat + BDAT_HEADER + ByteBuffer.wrap(graph).getInt(bidx + i * 4);
        }
    }
}
