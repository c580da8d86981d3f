package dev.rca.history;

import dev.rca.git.ConfiguredDiffAlgorithm;
import dev.rca.history.DiffAttributes.Diffing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Lines a commit added and removed under some paths, as {@code git log --numstat} counts them (binary
 * files, by their bytes or by {@link DiffAttributes}, count nothing, for git's {@code -}; merges count nothing, as
 * git lists no files for them, except against their first parent when the walk follows only first parents).
 * Finding what changed is a path-limited tree comparison; the line counts come from the
 * {@link NumstatCache} or a diff of the two blobs alone, on the other cores while the caller walks when
 * {@link #prefetch} is used.
 */
final class Churn implements AutoCloseable {
    /** Changes handed to a worker at a time: enough to amortise its object reader. */
    private static final int BATCH = 64;
    /**
     * Threads that diff while the calling thread walks: one per core, since the walk (from the changed-path table)
     * ends long before the counting and the caller then only waits; none on one core, where the caller counts.
     */
    private static final int WORKERS = Runtime.getRuntime().availableProcessors() > 1
        ? Runtime.getRuntime().availableProcessors() : 0;
    /** git's {@code buffer_is_binary} looks for a NUL in this many leading bytes. */
    private static final int GIT_BINARY_PROBE = 8000;
    /**
     * One changed file: its blob (or gitlink) before and after, a zero id for an absent side, and what the
     * {@code diff} attribute makes of each side's path.
     */
    record Change(int oldMode, ObjectId oldId, int newMode, ObjectId newId, Diffing oldSide, Diffing newSide) {
        NumstatCache.Pair pair() {
            return new NumstatCache.Pair(oldId, newId);
        }

        /** Whether the count depends on the two blobs alone, the only counts the cache holds. */
        boolean byContent() {
            return oldSide == Diffing.BY_CONTENT && newSide == Diffing.BY_CONTENT;
        }
    }

    private final Repository repository;
    private final DiffFormatter scanner;
    private final TreeWalk diffWalk;
    private final NumstatCache cache;
    private final DiffAlgorithm algorithm;
    private final ObjectReader reader;
    private final Set<NumstatCache.Pair> queued = ConcurrentHashMap.newKeySet();
    /** Counts made ahead ({@link #prefetch}) since {@link #forgetCounted} that the cache had no room for. */
    private final Map<NumstatCache.Pair, int[]> counted = new ConcurrentHashMap<>();
    private final List<Future<?>> running = new ArrayList<>();
    private final List<Change> batch = new ArrayList<>();
    private final java.util.Queue<ObjectReader> readers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<ObjectReader> allReaders = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private ExecutorService workers;
    /** Where changes without renames come from when it covers a commit; asked for once, at the first commit. */
    private Supplier<ChangedFiles> tableSource;
    private ChangedFiles table;
    /** {@code diff.renames}: git's default, true, unless the repository's configuration turns it off. */
    private final boolean renamesByDefault;
    /** The work tree's {@code .gitattributes} and the others, as they are when the query starts. */
    private final DiffAttributes attributes;
    /**
     * Whether a merge counts its changes against its first parent: with {@code --first-parent} git shows a merge's
     * diff against that parent (it implies {@code --diff-merges=first-parent}), and the merged commits, which are
     * not walked, count nowhere else.
     */
    private final boolean mergesAgainstFirstParent;

    Churn(Repository repository, ObjectReader reader, NumstatCache cache, boolean mergesAgainstFirstParent) {
        this.cache = cache;
        this.mergesAgainstFirstParent = mergesAgainstFirstParent;
        this.scanner = new DiffFormatter(DisabledOutputStream.INSTANCE);
        scanner.setReader(reader, ConfiguredDiffAlgorithm.readableByJGit(repository.getConfig()));
        this.repository = repository;
        this.reader = reader;
        this.diffWalk = new TreeWalk(reader);
        diffWalk.setRecursive(true);
        this.algorithm = DiffAlgorithm.getAlgorithm(configuredAlgorithm(repository));
        this.renamesByDefault = renamesByDefault(repository);
        this.attributes = DiffAttributes.of(repository);
    }

    /**
     * {@code diff.renames} as git reads it: unset means true since git 2.9 (JGit's own default is false); copies
     * imply renames.
     */
    private static boolean renamesByDefault(Repository repository) {
        String value = repository.getConfig().getString(ConfigConstants.CONFIG_DIFF_SECTION, null,
            ConfigConstants.CONFIG_KEY_RENAMES);
        if (value == null) {
            return true;
        }
        return !List.of("false", "no", "off", "0").contains(value.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** The name the cache file carries: counts may differ between diff algorithms. */
    static String algorithmName(Repository repository) {
        return configuredAlgorithm(repository).name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code diff.algorithm} with git's default, Myers (JGit's own default is histogram, which counts differently). */
    private static DiffAlgorithm.SupportedAlgorithm configuredAlgorithm(Repository repository) {
        return ConfiguredDiffAlgorithm.read(repository.getConfig(), DiffAlgorithm.SupportedAlgorithm.MYERS);
    }

    /**
     * Takes changes without renames from what {@code files} supplies (null for nothing) for the commits it covers,
     * instead of diffing trees.
     */
    void useTable(Supplier<ChangedFiles> files) {
        this.tableSource = files;
    }

    /**
     * What {@code commit} changed under {@code paths} against its parent, renames paired when asked; nothing
     * for a merge, for which {@code git log --numstat} lists no files either (its lines belong to the
     * commits it merged, which are counted themselves), unless merges count against their first parent.
     */
    List<Change> changes(LoggedCommit logged, Collection<String> paths, boolean detectRenames) throws IOException {
        List<Change> plain = detectRenames ? null : changesWithoutRenames(logged, paths);
        // git log --numstat pairs renames under the paths by default (diff.renames): a file moved within them
        // counts the lines it changed, not a deletion and an addition of the whole file
        if (plain != null && !(renamesByDefault && addsAndDeletes(plain))) {
            return plain;
        }
        return changesPairingRenames(logged, paths);
    }

    private static boolean addsAndDeletes(List<Change> changes) {
        boolean adds = false;
        boolean deletes = false;
        for (Change c : changes) {
            adds |= c.oldMode() == 0;
            deletes |= c.newMode() == 0;
        }
        return adds && deletes;
    }

    private List<Change> changesWithoutRenames(LoggedCommit logged, Collection<String> paths) throws IOException {
        if (tableSource != null) {
            table = tableSource.get();
            tableSource = null;
        }
        if (table != null && table.covers(logged.tableIndex())) {
            return table.changes(logged.tableIndex(), attributes, mergesAgainstFirstParent);
        }
        LoggedCommit.Trees trees = logged.trees();
        if (trees.parents() > 1 && !mergesAgainstFirstParent) {
            return List.of();
        }
        TreeFilter filter = Pathspecs.treeFilter(paths);
        List<Change> changes = new ArrayList<>();
        // The common case without DiffFormatter's entries: one reused walk over the two trees.
        if (trees.firstParentTree() == null) {
            diffWalk.reset();
            diffWalk.addTree(new EmptyTreeIterator());
            diffWalk.addTree(trees.tree());
        } else {
            diffWalk.reset(trees.firstParentTree(), trees.tree());
        }
        diffWalk.setFilter(AndTreeFilter.create(filter, TreeFilter.ANY_DIFF));
        while (diffWalk.next()) {
            Diffing diffing = attributes.of(diffWalk.getPathString());
            changes.add(new Change(diffWalk.getRawMode(0), diffWalk.getObjectId(0), diffWalk.getRawMode(1),
                diffWalk.getObjectId(1), diffing, diffing));
        }
        return changes;
    }

    private List<Change> changesPairingRenames(LoggedCommit logged, Collection<String> paths) throws IOException {
        LoggedCommit.Trees trees = logged.trees();
        if (trees.parents() > 1 && !mergesAgainstFirstParent) {
            return List.of();
        }
        TreeFilter filter = Pathspecs.treeFilter(paths);
        List<Change> changes = new ArrayList<>();
        scanner.setDetectRenames(true);
        scanner.getRenameDetector().setRenameScore(50);
        scanner.setPathFilter(filter);
        for (DiffEntry e : scanner.scan(trees.firstParentTree(), trees.tree())) {
            // an absent side is looked up under the other's name, as git does
            String oldPath = e.getChangeType() == DiffEntry.ChangeType.ADD ? e.getNewPath() : e.getOldPath();
            String newPath = e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
            changes.add(new Change(e.getOldMode().getBits(), e.getOldId().toObjectId(), e.getNewMode().getBits(),
                e.getNewId().toObjectId(), attributes.of(oldPath), attributes.of(newPath)));
        }
        return changes;
    }

    /** {@code {added, removed}} for {@code commit} under {@code paths}, with renames paired when asked. */
    long[] of(LoggedCommit logged, Collection<String> paths, boolean detectRenames) throws IOException {
        return total(changes(logged, paths, detectRenames));
    }

    /** Starts counting the lines of {@code changes} on other threads; {@link #total} waits for them. */
    void prefetch(List<Change> changes) {
        if (WORKERS == 0) {
            return;
        }
        for (Change change : changes) {
            NumstatCache.Pair pair = change.pair();
            if (change.byContent() && !change.oldId().equals(change.newId()) && cache.get(pair) == null
                && queued.add(pair)) {
                batch.add(change);
            }
        }
        if (batch.size() >= BATCH) {
            submitBatch();
        }
    }

    private void submitBatch() {
        if (batch.isEmpty()) {
            return;
        }
        if (workers == null) {
            workers = Executors.newFixedThreadPool(WORKERS, r -> {
                Thread t = new Thread(r, "rca-numstat");
                t.setDaemon(true);
                return t;
            });
        }
        List<Change> mine = List.copyOf(batch);
        batch.clear();
        running.add(workers.submit(() -> {
            // A reader keeps its delta base cache: the blobs of one file are deltas of one another.
            ObjectReader own = readers.poll();
            if (own == null) {
                own = repository.newObjectReader();
                allReaders.add(own);
            }
            try {
                for (Change change : mine) {
                    count(own, change);
                }
            } finally {
                readers.add(own);
            }
            return null;
        }));
    }

    /** The lines {@code changes} added and removed, together. */
    long[] total(List<Change> changes) throws IOException {
        awaitPrefetched();
        long added = 0;
        long removed = 0;
        for (Change change : changes) {
            int[] counts = count(reader, change);
            added += counts[0];
            removed += counts[1];
        }
        return new long[] {added, removed};
    }

    /**
     * Lets go of what this counter holds for the changes totalled so far (waiting for counts still being made):
     * for a caller that totals a long walk piece by piece, so that memory does not grow with the history.
     */
    void forgetCounted() throws IOException {
        awaitPrefetched();
        queued.clear();
        counted.clear();
    }

    private void awaitPrefetched() throws IOException {
        submitBatch();
        try {
            for (Future<?> f : running) {
                f.get();
            }
            running.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while counting lines", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private int[] count(ObjectReader using, Change change) throws IOException {
        if (change.oldId().equals(change.newId())) {
            return new int[] {0, 0};
        }
        if (change.oldSide() == Diffing.BINARY || change.newSide() == Diffing.BINARY) {
            return new int[] {0, 0};
        }
        if (!change.byContent()) {
            // the attributes, not the blobs, decide: the same pair elsewhere may count differently
            return lineCounts(using, change);
        }
        NumstatCache.Pair pair = change.pair();
        int[] known = cache.get(pair);
        if (known == null) {
            known = counted.get(pair);
        }
        if (known != null) {
            return known;
        }
        int[] counts = lineCounts(using, change);
        if (!cache.put(pair, counts[0], counts[1]) && queued.contains(pair)) {
            // counted ahead by a worker: total() asks for it again; a count made when asked is not kept
            counted.put(pair, counts);
        }
        return counts;
    }

    private int[] lineCounts(ObjectReader using, Change change) throws IOException {
        byte[] a = content(using, change.oldMode(), change.oldId(), change.oldSide());
        byte[] b = content(using, change.newMode(), change.newId(), change.newSide());
        return a == null || b == null ? new int[] {0, 0} : lineCounts(a, b);
    }

    /**
     * Lines added and removed from {@code a} to {@code b}. Only the part between the longest common run of
     * whole lines at the start and at the end is handed to the diff: the diff trims those lines itself,
     * so the counts are the same, but a one-line change in a large file no longer costs a line map and a
     * hash of every line.
     */
    int[] lineCounts(byte[] a, byte[] b) {
        if (a.length == 0 || b.length == 0) {
            return new int[] {lines(b), lines(a)};
        }
        int mismatch = Arrays.mismatch(a, b);
        if (mismatch < 0) {
            return new int[] {0, 0};
        }
        int start = mismatch;
        while (start > 0 && a[start - 1] != '\n') {
            start--;
        }
        int suffix = commonSuffix(a, b, Math.min(a.length, b.length) - start);
        int endA = a.length;
        for (int i = a.length - suffix; i < a.length; i++) {
            if (a[i] == '\n') {
                endA = i + 1;
                break;
            }
        }
        int endB = b.length - (a.length - endA);
        RawText middleA = new RawText(Arrays.copyOfRange(a, start, endA));
        RawText middleB = new RawText(Arrays.copyOfRange(b, start, endB));
        if (middleA.size() == 0 || middleB.size() == 0) {
            return new int[] {middleB.size(), middleA.size()};
        }
        int added = 0;
        int removed = 0;
        for (Edit edit : algorithm.diff(RawTextComparator.DEFAULT, middleA, middleB)) {
            added += edit.getLengthB();
            removed += edit.getLengthA();
        }
        return new int[] {added, removed};
    }

    /** How many bytes {@code a} and {@code b} share at their ends, at most {@code limit}. */
    private static int commonSuffix(byte[] a, byte[] b, int limit) {
        int n = 0;
        int chunk = 64;
        while (n + chunk <= limit && Arrays.equals(a, a.length - n - chunk, a.length - n,
            b, b.length - n - chunk, b.length - n)) {
            n += chunk;
        }
        while (n < limit && a[a.length - 1 - n] == b[b.length - 1 - n]) {
            n++;
        }
        return n;
    }

    /** Lines in {@code text}, a last line without newline included. */
    private static int lines(byte[] text) {
        int lines = 0;
        for (byte c : text) {
            if (c == '\n') {
                lines++;
            }
        }
        return text.length > 0 && text[text.length - 1] != '\n' ? lines + 1 : lines;
    }

    /**
     * The side's bytes: empty when absent, null when git would call it binary (a NUL in its first 8000
     * bytes, unless the attributes say text) or it is too large to diff.
     */
    private static byte[] content(ObjectReader using, int mode, ObjectId id, Diffing diffing) throws IOException {
        if (id.equals(ObjectId.zeroId())) {
            return new byte[0];
        }
        if (mode == FileMode.GITLINK.getBits()) {
            return submoduleText(id);
        }
        ObjectLoader loader = using.open(id, Constants.OBJ_BLOB);
        if (loader.getSize() > PackConfig.DEFAULT_BIG_FILE_THRESHOLD) {
            return null;
        }
        byte[] bytes = loader.getCachedBytes(PackConfig.DEFAULT_BIG_FILE_THRESHOLD);
        return diffing != Diffing.TEXT && looksBinary(bytes) ? null : bytes;
    }

    /** What git's diff reads as a submodule's contents: the line naming the commit it is at. */
    static byte[] submoduleText(ObjectId commit) {
        return ("Subproject commit " + commit.name() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** git's guess without attributes: binary when there is a NUL in the first 8000 bytes. */
    static boolean looksBinary(byte[] bytes) {
        for (int i = 0, n = Math.min(bytes.length, GIT_BINARY_PROBE); i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            allReaders.forEach(ObjectReader::close);
        }
        diffWalk.close();
        scanner.close();
    }
}
