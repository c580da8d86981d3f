package dev.rca.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * What a commit's tree holds at the names {@code --follow} follows, which may grow to hundreds (every file
 * moved into a followed directory adds its old name). Names are grouped by their top-level component: the
 * root tree is read once per commit and scanned once when there are many groups, and what lies below a
 * top-level directory is looked up with {@link TreePaths} and remembered by that directory's tree id, which
 * most commits share with their parents.
 */
final class FollowedNames {
    /** Above this many top-level components one full scan of the root beats a search for each. */
    private static final int SCAN_ALL_ABOVE = 8;
    private static final int CACHE_SIZE = 4096;

    private final ObjectReader reader;
    private final List<String> names;
    /** Per top-level component: the indexes of the names under it, and the rest of their paths. */
    private final List<Group> groups = new ArrayList<>();
    /** The first bytes of the top-level components, so a full scan only keeps entries that may match. */
    private final boolean[] firstBytes = new boolean[256];

    private static final class Group {
        final byte[] top;
        final String topName;
        final List<Integer> whole = new ArrayList<>();
        final List<Integer> below = new ArrayList<>();
        final List<String> rests = new ArrayList<>();
        TreePaths lookup;
        final Map<ObjectId, TreePaths.Entry[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectId, TreePaths.Entry[]> eldest) {
                return size() > CACHE_SIZE;
            }
        };

        Group(String topName) {
            this.topName = topName;
            this.top = topName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    FollowedNames(ObjectReader reader, List<String> names) {
        this.reader = reader;
        this.names = List.copyOf(names);
        Map<String, Group> byTop = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                continue;
            }
            int slash = name.indexOf('/');
            Group g = byTop.computeIfAbsent(slash < 0 ? name : name.substring(0, slash), Group::new);
            if (slash < 0) {
                g.whole.add(i);
            } else {
                g.below.add(i);
                g.rests.add(name.substring(slash + 1));
            }
        }
        for (Group g : byTop.values()) {
            firstBytes[g.top[0] & 0xff] = true;
            if (!g.rests.isEmpty()) {
                g.lookup = new TreePaths(reader, g.rests);
            }
            groups.add(g);
        }
    }

    /** The entry at each name in {@code tree} (the root itself for the name ""), null where absent. */
    TreePaths.Entry[] lookup(ObjectId tree) throws IOException {
        TreePaths.Entry[] result = new TreePaths.Entry[names.size()];
        int whole = names.indexOf("");
        if (whole >= 0) {
            result[whole] = new TreePaths.Entry(tree.copy(), FileMode.TREE.getBits());
        }
        if (groups.isEmpty()) {
            return result;
        }
        byte[] root = reader.open(tree, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE);
        Map<String, TreePaths.Entry> scanned = groups.size() > SCAN_ALL_ABOVE ? scan(root) : null;
        for (Group g : groups) {
            TreePaths.Entry top = scanned != null ? scanned.get(g.topName) : TreePaths.find(root, g.top);
            if (top == null) {
                continue;
            }
            for (int i : g.whole) {
                result[i] = top;
            }
            if (g.lookup == null || (top.mode() & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
                continue;
            }
            TreePaths.Entry[] below = g.cache.get(top.id());
            if (below == null) {
                below = g.lookup.lookup(top.id());
                g.cache.put(top.id(), below);
            }
            for (int k = 0; k < g.below.size(); k++) {
                result[g.below.get(k)] = below[k];
            }
        }
        return result;
    }

    private Map<String, TreePaths.Entry> scan(byte[] root) {
        Map<String, TreePaths.Entry> entries = new HashMap<>();
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(root);
        for (; !parser.eof(); parser.next()) {
            // a root parser's path is the entry's name
            if (firstBytes[parser.getEntryPathBuffer()[0] & 0xff]) {
                entries.put(parser.getEntryPathString(), new TreePaths.Entry(parser.getEntryObjectId(),
                    parser.getEntryRawMode()));
            }
        }
        return entries;
    }
}
