package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumstatCacheTest {
    @TempDir
    Path tmp;

    private static ObjectId id(int n) {
        return ObjectId.fromString(String.format("%040x", n * 7919L + 1));
    }

    private static NumstatCache.Pair pair(int a, int b) {
        return new NumstatCache.Pair(id(a), id(b));
    }

    @Test
    void savedEntriesAreFoundAgainAndMergedWithLaterOnes() {
        NumstatCache first = NumstatCache.open(tmp, "myers");
        assertNull(first.get(pair(1, 2)));
        for (int i = 0; i < 500; i++) {
            first.put(pair(i, i + 1), i, 2 * i);
        }
        first.save();
        NumstatCache second = NumstatCache.open(tmp, "myers");
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(new int[] {i, 2 * i}, second.get(pair(i, i + 1)), "entry " + i);
        }
        assertNull(second.get(pair(1, 1)));
        second.put(pair(1000, 1), 7, 8);
        second.put(pair(3, 4), 3, 6);
        second.save();
        NumstatCache third = NumstatCache.open(tmp, "myers");
        assertArrayEquals(new int[] {7, 8}, third.get(pair(1000, 1)));
        assertArrayEquals(new int[] {499, 998}, third.get(pair(499, 500)));
        assertArrayEquals(new int[] {0, 0}, third.get(pair(0, 1)));
        assertNull(NumstatCache.open(tmp, "histogram").get(pair(3, 4)), "one file per algorithm");
    }

    @Test
    void aDamagedFileIsIgnored() throws Exception {
        NumstatCache cache = NumstatCache.open(tmp, "myers");
        cache.put(pair(1, 2), 1, 2);
        cache.save();
        Path file = tmp.resolve("numstat-myers-v1.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertNull(NumstatCache.open(tmp, "myers").get(pair(1, 2)), "truncated");
        bytes[20] ^= 1;
        Files.write(file, bytes);
        assertNull(NumstatCache.open(tmp, "myers").get(pair(1, 2)), "checksum");
    }

    @Test
    void aCacheThatCannotBeWrittenIsNoError() throws Exception {
        // A file where the directory should be fails the write even for root, as a read-only .git does.
        Path blocker = Files.writeString(tmp.resolve("cache"), "not a directory");
        NumstatCache cache = NumstatCache.open(blocker, "myers");
        cache.put(pair(1, 2), 1, 2);
        cache.save();
        assertEquals("not a directory", Files.readString(blocker));
        assertEquals(1, cache.added());
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }
}
