package dev.rca.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Looks up what a tree holds at a few fixed paths (file or directory entries) by scanning raw tree
 * objects, without building a tree walk per commit. Lookups below the top level are cached by subtree id,
 * because a directory's tree is shared by every commit that did not change it.
 */
final class TreePaths {
    /** What a tree holds at one path: the entry's id and mode. */
    record Entry(ObjectId id, int mode) {
    }

    private static final int CACHE_SIZE = 8192;

    private final ObjectReader reader;
    private final byte[][][] components;
    private final boolean[] directoryOnly;
    private final List<Map<ObjectId, Entry>> caches = new java.util.ArrayList<>();
    private static final Entry MISSING = new Entry(ObjectId.zeroId(), 0);

    TreePaths(ObjectReader reader, List<String> paths) {
        this.reader = reader;
        this.components = new byte[paths.size()][][];
        this.directoryOnly = new boolean[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            directoryOnly[i] = Pathspecs.directoryOnly(paths.get(i));
            String[] parts = Pathspecs.name(paths.get(i)).split("/");
            components[i] = new byte[parts.length][];
            for (int j = 0; j < parts.length; j++) {
                components[i][j] = parts[j].getBytes(StandardCharsets.UTF_8);
            }
            caches.add(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ObjectId, Entry> eldest) {
                    return size() > CACHE_SIZE;
                }
            });
        }
    }

    /**
     * The entries at each path in {@code tree}, null where the path does not exist (or, for a
     * {@link Pathspecs#directoryOnly} path, holds a file).
     */
    Entry[] lookup(ObjectId tree) throws IOException {
        Entry[] result = new Entry[components.length];
        byte[] root = null;
        for (int i = 0; i < components.length; i++) {
            if (root == null) {
                root = reader.open(tree, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE);
            }
            Entry found = lookup(root, i);
            result[i] = found != null && directoryOnly[i] && !Pathspecs.holdsDirectory(found.mode()) ? null : found;
        }
        return result;
    }

    private Entry lookup(byte[] root, int i) throws IOException {
        Entry top = find(root, components[i][0]);
        if (top == null || components[i].length == 1) {
            return top;
        }
        if (top.mode() >>> 12 != 4) {
            return null;
        }
        Map<ObjectId, Entry> cache = caches.get(i);
        Entry below = cache.get(top.id());
        if (below == null) {
            below = descend(top.id(), components[i], 1);
            cache.put(top.id(), below == null ? MISSING : below);
        }
        return below == MISSING ? null : below;
    }

    private Entry descend(ObjectId tree, byte[][] parts, int from) throws IOException {
        ObjectId current = tree;
        Entry entry = null;
        for (int level = from; level < parts.length; level++) {
            byte[] raw = reader.open(current, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE);
            entry = find(raw, parts[level]);
            if (entry == null) {
                return null;
            }
            if (level < parts.length - 1) {
                if (entry.mode() >>> 12 != 4) {
                    return null;
                }
                current = entry.id();
            }
        }
        return entry;
    }

    /** The entry named {@code name} in a raw tree object, or null. */
    static Entry find(byte[] raw, byte[] name) {
        int pos = 0;
        while (pos < raw.length) {
            int mode = 0;
            while (raw[pos] != ' ') {
                mode = (mode << 3) + (raw[pos++] - '0');
            }
            int nameStart = ++pos;
            while (raw[pos] != 0) {
                pos++;
            }
            int nameEnd = pos;
            int idStart = pos + 1;
            if (nameEnd - nameStart == name.length && equalBytes(raw, nameStart, name)) {
                return new Entry(ObjectId.fromRaw(raw, idStart), mode);
            }
            pos = idStart + Constants.OBJECT_ID_LENGTH;
        }
        return null;
    }

    private static boolean equalBytes(byte[] raw, int start, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (raw[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }
}
