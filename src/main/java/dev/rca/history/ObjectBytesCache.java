package dev.rca.history;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The inflated bytes of blobs and trees read through {@link CachedGraphReader}, kept for the whole process, least
 * recently used first out. An object's id names its content, so bytes kept for one command, or one repository,
 * are right for every later one: in the daemon the next query of an investigation finds the versions of the
 * files it blames already inflated and undeltified, where JGit's own caches keep the compressed pack windows and
 * delta bases only. Blobs take up to {@code min(64 MiB, heap / 16)}, trees a quarter of that; a blob larger than
 * an eighth of its budget is never kept. Safe for the daemon's threads (its indexer and warm-up read beside a
 * command). One difference from a fresh JVM, in an error case only: a repository that lacks an object another
 * one had (a partial clone, a pruned blob) is handed the object instead of failing to find it.
 */
final class ObjectBytesCache {
    /** The cache every reader of this process shares. */
    static final ObjectBytesCache SHARED =
        new ObjectBytesCache(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));

    private final long blobBudget;
    private final LinkedHashMap<ObjectId, byte[]> blobs = new LinkedHashMap<>(64, 0.75f, true);
    /** The id of each kept blob's bytes, by identity: what {@link #blobOf} answers. */
    private final Map<byte[], ObjectId> blobIds = new IdentityHashMap<>();
    private long blobBytes;
    private final LinkedHashMap<ObjectId, byte[]> trees = new LinkedHashMap<>(64, 0.75f, true);
    private long treeBytes;

    ObjectBytesCache(long blobBudget) {
        if (blobBudget < 0) {
            throw new IllegalArgumentException("negative budget: " + blobBudget);
        }
        this.blobBudget = blobBudget;
    }

    /** The bytes kept for blob {@code id}, or null. */
    synchronized byte[] blob(AnyObjectId id) {
        return blobs.get(id);
    }

    /** Whether a blob of {@code size} bytes would be kept. */
    boolean keepsBlobOf(long size) {
        return size <= blobBudget / 8;
    }

    /**
     * Keeps {@code bytes} as blob {@code id} and answers the bytes to hand out: those already kept when another
     * thread kept the blob first, so that one blob is one array while it is kept.
     */
    synchronized byte[] keepBlob(AnyObjectId id, byte[] bytes) {
        byte[] kept = blobs.get(id);
        if (kept != null) {
            return kept;
        }
        ObjectId key = id.copy();
        blobs.put(key, bytes);
        blobIds.put(bytes, key);
        blobBytes += bytes.length;
        for (var it = blobs.entrySet().iterator(); blobBytes > blobBudget && it.hasNext(); ) {
            var eldest = it.next();
            blobBytes -= eldest.getValue().length;
            blobIds.remove(eldest.getValue());
            it.remove();
        }
        return bytes;
    }

    /** The id of the blob whose bytes are {@code content} itself, while they are kept; null otherwise. */
    synchronized ObjectId blobOf(byte[] content) {
        return blobIds.get(content);
    }

    /** The bytes kept for tree {@code id}, or null. */
    synchronized byte[] tree(AnyObjectId id) {
        return trees.get(id);
    }

    /** Keeps {@code bytes} as tree {@code id}. */
    synchronized void keepTree(AnyObjectId id, byte[] bytes) {
        if (trees.put(id.copy(), bytes) == null) {
            treeBytes += bytes.length;
        }
        for (var it = trees.entrySet().iterator(); treeBytes > blobBudget / 4 && it.hasNext(); ) {
            treeBytes -= it.next().getValue().length;
            it.remove();
        }
    }
}
