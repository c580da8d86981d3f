package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** The process's inflated blobs and trees: one array per blob while kept, least recently used out first. */
class ObjectBytesCacheTest {
    private static ObjectId id(int n) {
        return ObjectId.fromString(String.format("%040x", n));
    }

    @Test
    void aBlobKeptTwiceIsOneArrayAndIsRecognisedByIt() {
        ObjectBytesCache cache = new ObjectBytesCache(800);
        byte[] first = "one\n".getBytes();
        assertSame(first, cache.keepBlob(id(1), first));
        byte[] again = "one\n".getBytes();
        assertSame(first, cache.keepBlob(id(1), again), "a second reader gets the array already kept");
        assertSame(first, cache.blob(id(1)));
        assertEquals(id(1), cache.blobOf(first));
        assertNull(cache.blobOf(again), "recognised by identity, not by content");
    }

    @Test
    void theLeastRecentlyUsedBlobsGoFirstWhenTheBudgetIsExceeded() {
        ObjectBytesCache cache = new ObjectBytesCache(800);
        byte[] a = new byte[100];
        byte[] b = new byte[100];
        cache.keepBlob(id(1), a);
        cache.keepBlob(id(2), b);
        for (int n = 3; n <= 8; n++) {
            cache.blob(id(1));
            cache.keepBlob(id(n), new byte[100]);
        }
        cache.blob(id(1));
        cache.keepBlob(id(9), new byte[100]);
        assertSame(a, cache.blob(id(1)), "read just before each addition: kept");
        assertNull(cache.blob(id(2)), "the least recently used");
        assertNull(cache.blobOf(b), "forgotten with its blob");
        assertFalse(cache.keepsBlobOf(101), "larger than an eighth of the budget");
        assertTrue(cache.keepsBlobOf(100));
    }

    @Test
    void treesHaveAQuarterOfTheBudget() {
        ObjectBytesCache cache = new ObjectBytesCache(800);
        cache.keepTree(id(1), new byte[] {1});
        cache.keepTree(id(2), new byte[150]);
        cache.keepTree(id(3), new byte[50]);
        assertNull(cache.tree(id(1)), "201 bytes of trees exceed 200: the oldest goes");
        assertArrayEquals(new byte[150], cache.tree(id(2)));
        assertThrows(IllegalArgumentException.class, () -> new ObjectBytesCache(-1));
    }
}
