package dev.rca.history;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Which commits {@code git log -S}/{@code -G} shows: those whose diff (against the first parent, a root's against
 * nothing unless {@code log.showRoot} is false, a merge's none unless the walk follows first parents, under the
 * query's paths, renames paired as {@code diff.renames} says) has a file the {@link PickaxeText} finds a change
 * in. Changed files come from rca's changed-path table where it covers the commit; a blob's count is worked out
 * once, however many commits have it on a side.
 */
final class PickaxeFilter implements AutoCloseable {
    /** Blobs whose count (or whether a line matches) is remembered: a file's next change starts from its blob. */
    private static final int REMEMBERED = 1 << 16;

    private final Pickaxe.Kind kind;
    private final boolean binaryAsText;
    private final PickaxeText text;
    private final ObjectReader reader;
    private final Churn churn;
    private final List<String> paths;
    private final boolean showRoot;
    private final Map<ObjectId, Integer> counts = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * A filter for the commits of one walk over {@code reader}'s repository, under {@code paths} (empty for the
     * whole tree), merges diffed against their first parent when {@code firstParent}; {@code changedFiles}
     * supplies the cache's view of changed files once the walk has opened its tables (null for none).
     */
    PickaxeFilter(Pickaxe pickaxe, Repository repository, ObjectReader reader, List<String> paths,
                  boolean firstParent, Supplier<ChangedFiles> changedFiles) {
        this.kind = pickaxe.kind();
        this.binaryAsText = pickaxe.text();
        this.text = new PickaxeText(pickaxe);
        this.reader = reader;
        this.churn = new Churn(repository, reader, null, firstParent);
        churn.useTable(changedFiles);
        this.paths = paths.isEmpty() ? List.of("") : paths;
        // git log's default, log.showRoot: a root commit's diff is against the empty tree
        this.showRoot = repository.getConfig().getBoolean("log", "showroot", true);
    }

    /** Whether the pickaxe finds a change in what the commit, with {@code parents} parents, changed. */
    boolean matches(LoggedCommit commit, int parents) throws IOException {
        if (parents == 0 && !showRoot) {
            return false;
        }
        for (Churn.Change change : churn.changes(commit, paths, false)) {
            if (matches(change)) {
                return true;
            }
        }
        return false;
    }

    /** git's {@code pickaxe_match} for one file pair. */
    private boolean matches(Churn.Change change) throws IOException {
        if (change.oldId().equals(change.newId())) {
            return false; // the same contents (a pure rename, a mode change): the same count, no changed line
        }
        if (kind != Pickaxe.Kind.LINES) {
            return count(change.oldMode(), change.oldId()) != count(change.newMode(), change.newId());
        }
        byte[] before = bytes(change.oldMode(), change.oldId());
        byte[] after = bytes(change.newMode(), change.newId());
        // -G leaves binary files out (git's diff_filespec_is_binary, without --text), by attribute or by a NUL
        if (!binaryAsText && (binary(change.oldSide(), before) || binary(change.newSide(), after))) {
            return false;
        }
        if (!matchesSomeLine(change.oldId(), before) && !matchesSomeLine(change.newId(), after)) {
            return false;
        }
        return text.changedLineMatches(before, after);
    }

    private static boolean binary(DiffAttributes.Diffing diffing, byte[] contents) {
        return diffing == DiffAttributes.Diffing.BINARY
            || diffing == DiffAttributes.Diffing.BY_CONTENT && Churn.looksBinary(contents);
    }

    private int count(int mode, ObjectId id) throws IOException {
        if (id.equals(ObjectId.zeroId())) {
            return 0;
        }
        Integer known = counts.get(id);
        if (known == null) {
            known = text.count(bytes(mode, id));
            counts.put(id.copy(), known);
        }
        return known;
    }

    private boolean matchesSomeLine(ObjectId id, byte[] contents) {
        if (id.equals(ObjectId.zeroId())) {
            return false;
        }
        Integer known = counts.get(id);
        if (known == null) {
            known = text.anyLineMatches(contents) ? 1 : 0;
            counts.put(id.copy(), known);
        }
        return known > 0;
    }

    /** A side's contents as git's diff reads them: nothing when absent, a submodule as the line naming its commit. */
    private byte[] bytes(int mode, ObjectId id) throws IOException {
        if (id.equals(ObjectId.zeroId())) {
            return new byte[0];
        }
        if ((mode & FileMode.TYPE_MASK) == FileMode.TYPE_GITLINK) {
            return Churn.submoduleText(id);
        }
        return reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        churn.close();
    }
}
