package dev.rca.suspects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Stand-in trees that hold nothing but a set of file paths: a root tree whose directories lead to every path
 * known, and nothing else. A tree walk looking for a known path finds it, as it would in
 * the real tree of a commit that has the path, without reading that commit's trees out of the pack.
 */
final class PathOnlyTrees {
    private static final ObjectId NO_BLOB = ObjectId.zeroId();

    private final Set<String> paths = new HashSet<>();
    /** The stand-in trees by id, root included; rebuilt when a path is added. */
    private Map<ObjectId, byte[]> trees;
    private byte[] root;

    /** Adds {@code path} (a file's, slash-separated, not empty) to the paths the trees hold. */
    void add(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("not a file path: " + path);
        }
        if (paths.add(path)) {
            trees = null;
        }
    }

    /**
     * The stand-in tree named {@code id} when it is one of the subtrees handed out, else the root: a walk from
     * any commit's tree id finds the known paths.
     */
    byte[] tree(AnyObjectId id) {
        if (trees == null) {
            trees = new HashMap<>();
            root = build(new ArrayList<>(paths), trees);
        }
        byte[] subtree = trees.get(id);
        return subtree != null ? subtree : root;
    }

    /** The tree of {@code relative} paths (relative to one directory), its subtrees put in {@code out}. */
    private static byte[] build(List<String> relative, Map<ObjectId, byte[]> out) {
        // git orders a directory's entries by name, a subtree's name as if it ended in '/'
        TreeMap<byte[], Object> entries = new TreeMap<>(Arrays::compareUnsigned);
        Map<String, List<String>> directories = new HashMap<>();
        for (String path : relative) {
            int slash = path.indexOf('/');
            if (slash < 0) {
                entries.put(path.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE);
            } else {
                directories.computeIfAbsent(path.substring(0, slash), d -> new ArrayList<>())
                    .add(path.substring(slash + 1));
            }
        }
        for (Map.Entry<String, List<String>> directory : directories.entrySet()) {
            entries.put((directory.getKey() + '/').getBytes(StandardCharsets.UTF_8), directory.getValue());
        }
        TreeFormatter formatter = new TreeFormatter();
        ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
        for (Map.Entry<byte[], Object> entry : entries.entrySet()) {
            byte[] name = entry.getKey();
            if (entry.getValue() instanceof List<?> children) {
                @SuppressWarnings("unchecked")
                byte[] subtree = build((List<String>) children, out);
                ObjectId id = ids.idFor(Constants.OBJ_TREE, subtree);
                out.put(id, subtree);
                formatter.append(name, 0, name.length - 1, FileMode.TREE, id);
            } else {
                formatter.append(name, FileMode.REGULAR_FILE, NO_BLOB);
            }
        }
        return formatter.toByteArray();
    }
}
