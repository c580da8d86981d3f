package dev.rca.suspects;

import dev.rca.git.GitWorkspace;
import dev.rca.history.CachedGraphReader;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Whitespace-insensitive blame that follows renames, computed lazily: a {@link BlameGenerator} per (commit,
 * path), driven only as far back in history as the lines asked for need, and kept so that later questions about
 * the same file continue where it stopped.
 *
 * <p>Like {@code git blame -L}, a generator follows only the lines it is asked about ({@link #track} declares
 * them up front), not the whole file: the other lines of a long, busy file would make every diff and every
 * merge along the walk cost more, and pull the walk into side branches those lines came from. A line's
 * origin does not depend on which other lines are followed with it. JGit has no API for this, so the
 * generator's starting region list is replaced by reflection; should JGit's internals change, the whole file
 * is followed as before.
 */
final class Blamer implements AutoCloseable {
    /** Where a line came from: the commit that introduced it, its path there and its 0-based line. */
    record Origin(ObjectId commit, String path, int line) {
        /**
         * The {@code indexes} into {@code origins} grouped by commit and path, each group in line order: one diff of
         * a commit's file serves all the lines it owns.
         */
        static Collection<List<Integer>> byCommitAndPath(List<Integer> indexes, List<Origin> origins) {
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int i : indexes) {
                Origin o = origins.get(i);
                groups.computeIfAbsent(o.commit().name() + ':' + o.path(), k -> new ArrayList<>()).add(i);
            }
            groups.values().forEach(g -> g.sort(Comparator.comparingInt(i -> origins.get(i).line())));
            return groups.values();
        }
    }

    /** The blame of one file as far as it has been computed. */
    private static final class FileBlame {
        final BlameGenerator generator;
        final Origin[] origins;
        final int[] times;
        /** The lines the generator follows: all of them when it could not be restricted. */
        final BitSet tracked;
        final boolean restricted;
        /** Commit time of the last region attributed: the walk has gone back (about) this far. */
        int reached = Integer.MAX_VALUE;
        boolean exhausted;

        FileBlame(BlameGenerator generator, int lines, BitSet wanted) {
            this.generator = generator;
            this.origins = new Origin[lines];
            this.times = new int[lines];
            BitSet tracked = (BitSet) wanted.clone();
            tracked.clear(lines, Math.max(lines, tracked.length()));
            this.restricted = !tracked.isEmpty() && Restriction.apply(generator, tracked);
            if (!restricted) {
                tracked.set(0, lines);
            }
            this.tracked = tracked;
        }

        /**
         * Whether the next step could only attribute lines to commits made before {@code time}. A restricted
         * generator may walk far between two regions of its few lines: it stops before that walk, where one
         * following the whole file would have stopped at the first older region of any line.
         */
        boolean olderNext(int time) {
            return restricted && Restriction.nextTime(generator) < time;
        }

        /** Attributes the next region; false when history is exhausted. */
        boolean step() throws IOException {
            if (exhausted) {
                return false;
            }
            if (!generator.next()) {
                exhausted = true;
                generator.close();
                return false;
            }
            RevCommit source = generator.getSourceCommit();
            if (source == null) {
                return true;
            }
            reached = source.getCommitTime();
            ObjectId id = source.copy();
            String path = generator.getSourcePath();
            int sourceStart = generator.getSourceStart();
            for (int i = generator.getResultStart(); i < generator.getResultEnd(); i++) {
                origins[i] = new Origin(id, path, sourceStart + i - generator.getResultStart());
                times[i] = reached;
            }
            return true;
        }

        /** Ends the walk where it is: lines not attributed yet stay so. */
        void stop() {
            if (!exhausted) {
                exhausted = true;
                generator.close();
            }
        }

        boolean done(int start, int end) {
            for (int i = start; i < end; i++) {
                if (origins[i] == null) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What the generators are handed: the repository, reading through {@link #graphReader} when there is one. */
    private final Repository generatorRepository;
    /**
     * What the generators whose commit pool is replaced are handed ({@link BlameRepository#attributeBlind}), or
     * null when they get {@link #generatorRepository}.
     */
    private final BlameRepository attributeBlindRepository;
    /** Commits and changed paths from rca's cache, or null: the generators then read git's objects alone. */
    private final CachedGraphReader graphReader;
    /** One memory of diffs for all the generators: each file of a fix and each re-blame walks the same history. */
    private final RememberingDiff diff;
    /** The commit pool all the generators share ({@link BlamePool}); null without {@link #graphReader}. */
    private final BlamePool pool;
    /** Per "commit:path", the generators started there, each following its own lines. */
    private final Map<String, List<FileBlame>> files = new HashMap<>();
    /** The paths that do not exist (or are no file, or cannot be read) at a commit. */
    private final Set<String> absent = new HashSet<>();
    /** What blame could not read: the lines behind it are left unattributed. */
    private final MissingObjects missing = new MissingObjects();

    Blamer(Repository repository) {
        this(repository, (BlamePool) null);
    }

    /**
     * A blamer whose generators take commits and changed paths from {@code graphReader}'s commit graph (rca's
     * cache) when not null; the blamer closes it, or keeps it with its commits for the next blamer.
     */
    Blamer(Repository repository, CachedGraphReader graphReader) {
        this(repository, graphReader == null ? null : BlamePool.over(repository, graphReader));
    }

    private Blamer(Repository repository, BlamePool pool) {
        this.pool = pool;
        this.graphReader = pool == null ? null : pool.reader;
        this.generatorRepository = graphReader == null ? repository : new BlameRepository(repository, graphReader);
        this.attributeBlindRepository = graphReader == null || !Pool.replaceable() ? null
            : BlameRepository.attributeBlind(repository, graphReader);
        this.diff = graphReader == null ? null : new RememberingDiff(graphReader);
    }

    /**
     * A blamer of history from {@code start} on in {@code workspace}'s repository, walking it through rca's cache
     * where there is one, with the commits the last blamer parsed when it walked the same repository and tables.
     */
    static Blamer at(GitWorkspace workspace, RevCommit start) {
        return new Blamer(workspace.repository(), BlamePool.open(workspace, start));
    }

    /**
     * Declares that lines {@code lines} (0-based) of {@code path} at {@code commit} will be asked about: one
     * generator follows them together. A later question about a line not declared starts another generator.
     */
    void track(RevCommit commit, String path, BitSet lines) throws IOException {
        file(commit, path, lines);
    }

    /**
     * The origin of each of {@code lines} (one line of a file at a commit), null where blame finds none. The lines of
     * one commit and path are tracked together first, so that they share one walk.
     */
    Origin[] blameEach(List<ChangeClassifier.LineInParent> lines) throws IOException {
        Map<String, BitSet> asked = new LinkedHashMap<>();
        Map<String, ChangeClassifier.LineInParent> where = new HashMap<>();
        for (ChangeClassifier.LineInParent b : lines) {
            String key = b.parent().name() + ':' + b.path();
            asked.computeIfAbsent(key, k -> new BitSet()).set(b.line());
            where.putIfAbsent(key, b);
        }
        for (var e : asked.entrySet()) {
            track(where.get(e.getKey()).parent(), where.get(e.getKey()).path(), e.getValue());
        }
        Origin[] out = new Origin[lines.size()];
        for (int k = 0; k < out.length; k++) {
            ChangeClassifier.LineInParent b = lines.get(k);
            out[k] = blame(b.parent(), b.path(), b.line(), b.line() + 1)[0];
        }
        return out;
    }

    /**
     * The origin of lines {@code [start, end)} of {@code path} as of {@code commit}; entries are
     * {@code null} for lines blame could not attribute.
     */
    Origin[] blame(RevCommit commit, String path, int start, int end) throws IOException {
        return blame(commit, path, start, end, Integer.MIN_VALUE);
    }

    /**
     * Like {@link #blame(RevCommit, String, int, int)}, but walks no further back than commits made at
     * {@code notBefore} (seconds since the epoch) for them: lines still unattributed by then stay {@code null}.
     */
    Origin[] blame(RevCommit commit, String path, int start, int end, int notBefore) throws IOException {
        Origin[] out = new Origin[end - start];
        BitSet wanted = new BitSet();
        wanted.set(start, end);
        FileBlame file = file(commit, path, wanted);
        if (file == null) {
            return out;
        }
        int to = Math.min(end, file.origins.length);
        if (start >= to) {
            return out;
        }
        try {
            while (!file.done(start, to) && file.reached >= notBefore && !file.olderNext(notBefore) && file.step()) {
                // each step attributes one region, newest history first
            }
        } catch (MissingObjectException e) {
            // the regions attributed so far stand; the lines behind the missing object stay unattributed
            missing.add(e, path + " blamed from " + commit.abbreviate(12).name());
            file.stop();
        }
        for (int i = start; i < to; i++) {
            if (file.origins[i] != null && file.times[i] >= notBefore) {
                out[i - start] = file.origins[i];
            }
        }
        return out;
    }

    /**
     * The objects this blame, and whatever else reads history for the same answer, could not read; a line whose
     * blame needed one is attributed to nobody rather than guessed.
     */
    MissingObjects missing() {
        return missing;
    }

    /** How far back (commit time) blame has walked for {@code path} at {@code commit}, if at all. */
    int reached(RevCommit commit, String path) {
        List<FileBlame> started = files.get(commit.name() + ':' + path);
        return started == null || started.isEmpty() ? Integer.MAX_VALUE : started.get(0).reached;
    }

    /** Whether generators follow only the lines asked about, as intended, rather than whole files. */
    static boolean followsLinesOnly() {
        return Restriction.QUEUE != null;
    }

    /** A generator at (commit, path) following at least {@code wanted}; null when there is no such file. */
    private FileBlame file(RevCommit commit, String path, BitSet wanted) throws IOException {
        String key = commit.name() + ':' + path;
        if (absent.contains(key)) {
            return null;
        }
        List<FileBlame> started = files.computeIfAbsent(key, k -> new ArrayList<>());
        int start = wanted.nextSetBit(0);
        for (FileBlame file : started) {
            if (start < 0 || covers(file, wanted)) {
                return file;
            }
        }
        BlameGenerator generator = pooledGenerator(path);
        if (generator == null) {
            generator = new BlameGenerator(generatorRepository, path);
        } else {
            generator.setDiffAlgorithm(diff);
            // skips, by rca's exact changed-path filters, the commits that left the file alone: what comparing
            // the parent's blob would decide, without reading the parent's trees. Not with git's own Bloom
            // filters: git writes version 1 by default, which hashes non-ASCII bytes unlike JGit, and a rename
            // followed to such a name would skip the commit that changed it.
            generator.setUseCommitGraphOptimizations(true);
        }
        generator.setTextComparator(RawTextComparator.WS_IGNORE_ALL);
        generator.setFollowFileRenames(true);
        RawText contents;
        try {
            generator.push(null, commit);
            contents = generator.getResultContents();
        } catch (MissingObjectException e) {
            missing.add(e, path + " at " + commit.abbreviate(12).name());
            contents = null;
        }
        if (contents == null) {
            generator.close();
            files.remove(key);
            absent.add(key);
            return null;
        }
        FileBlame file = new FileBlame(generator, contents.size(), wanted);
        started.add(file);
        return file;
    }

    /**
     * A generator of {@code path} reading with {@link #graphReader} and the shared commit pool, attribute-blind
     * where it can be; null without a reader or when the pool could not be replaced.
     */
    private BlameGenerator pooledGenerator(String path) {
        if (graphReader == null) {
            return null;
        }
        BlameRepository blind = attributeBlindRepository;
        if (blind != null) {
            blind.know(path);
        }
        BlameGenerator generator = new BlameGenerator(blind != null ? blind : generatorRepository, path);
        if (Pool.replace(generator, graphReader, pool, blind == null ? null : blind::know)) {
            return generator;
        }
        // its own pool reads with the repository's readers, which the blind one's are not fit for
        generator.close();
        return null;
    }

    /** The reader the generators read through (rca's cache, with its blobs and trees), or null without one. */
    ObjectReader reader() {
        return graphReader;
    }

    /**
     * The edits a {@code WS_IGNORE_ALL} histogram diff makes between {@code before} and {@code after}, as
     * {@link FixLines#edits}: remembered with the generators' own when both texts were read through
     * {@link #reader()}, so a pair blame already diffed is not diffed again.
     */
    EditList edits(RawText before, RawText after) {
        EditList known = diff == null ? null : diff.remembered(before, after);
        return known != null ? known : FixLines.edits(before, after);
    }

    private static boolean covers(FileBlame file, BitSet wanted) {
        for (int i = wanted.nextSetBit(0); i >= 0 && i < file.origins.length; i = wanted.nextSetBit(i + 1)) {
            if (!file.tracked.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (List<FileBlame> started : files.values()) {
            for (FileBlame file : started) {
                if (!file.exhausted) {
                    file.generator.close();
                }
            }
        }
        files.clear();
        if (pool != null) {
            pool.release();
        }
    }

    /**
     * The generator's own diff ({@link HistogramDiff}), remembered per pair of blobs the reader recognises, for
     * the process ({@link RememberedEdits}); the edit list handed out is a copy each time, as a fresh diff would
     * be. Each blob's lines are hashed once for all the diffs it takes part in ({@link WhitespaceIgnoringComparator},
     * which compares as the generator's). Where the texts differ between their common head and tail, the histogram
     * diff is put off until the edits are read ({@link DeferredEdits}).
     */
    private static final class RememberingDiff extends DiffAlgorithm {
        private final DiffAlgorithm histogram = new HistogramDiff();
        private final CachedGraphReader reader;
        private final RememberedEdits known = RememberedEdits.SHARED;
        private final Map<ObjectId, WhitespaceIgnoringComparator.Lines> lines = new HashMap<>();

        RememberingDiff(CachedGraphReader reader) {
            this.reader = reader;
        }

        @Override
        public <S extends Sequence> EditList diff(SequenceComparator<? super S> comparator, S a, S b) {
            if (comparator == RawTextComparator.WS_IGNORE_ALL && a instanceof RawText ta && b instanceof RawText tb) {
                ObjectId ia = reader.blobOf(ta.getRawContent());
                ObjectId ib = reader.blobOf(tb.getRawContent());
                if (ia != null && ib != null) {
                    EditList edits = known.get(ia, ib);
                    if (edits != null) {
                        return copy(edits);
                    }
                    WhitespaceIgnoringComparator cmp =
                        new WhitespaceIgnoringComparator(ta, lines(ia, ta), tb, lines(ib, tb));
                    Edit region = cmp.reduceCommonStartEnd(ta, tb, new Edit(0, ta.size(), 0, tb.size()));
                    if (region.getType() == Edit.Type.REPLACE) {
                        return new DeferredEdits(() -> copy(worked(ia, ib, cmp, ta, tb)));
                    }
                    return copy(worked(ia, ib, cmp, ta, tb));
                }
            }
            return histogram.diff(comparator, a, b);
        }

        /** The {@code WS_IGNORE_ALL} edits of two texts the reader recognises, worked out now; null for others. */
        EditList remembered(RawText a, RawText b) {
            ObjectId ia = reader.blobOf(a.getRawContent());
            ObjectId ib = reader.blobOf(b.getRawContent());
            if (ia == null || ib == null) {
                return null;
            }
            EditList edits = known.get(ia, ib);
            return copy(edits != null ? edits
                : worked(ia, ib, new WhitespaceIgnoringComparator(a, lines(ia, a), b, lines(ib, b)), a, b));
        }

        /** The edits of blob {@code ia} ({@code a}) against blob {@code ib} ({@code b}), kept for the process. */
        private EditList worked(ObjectId ia, ObjectId ib, WhitespaceIgnoringComparator cmp, RawText a, RawText b) {
            EditList edits = known.get(ia, ib);
            if (edits == null) {
                edits = histogram.diff(cmp, a, b);
                known.put(ia, ib, edits);
            }
            return edits;
        }

        private WhitespaceIgnoringComparator.Lines lines(ObjectId blob, RawText text) {
            return lines.computeIfAbsent(blob, k -> WhitespaceIgnoringComparator.Lines.of(text));
        }

        @Override
        public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> comparator, S a, S b) {
            return histogram.diffNonCommon(comparator, a, b);
        }

        private static EditList copy(EditList edits) {
            EditList out = new EditList(edits.size());
            for (Edit e : edits) {
                out.add(new Edit(e.getBeginA(), e.getEndA(), e.getBeginB(), e.getEndB()));
            }
            return out;
        }
    }

    /**
     * The edits between two texts known to differ between their common head and tail, worked out when first
     * read. At a merge the generator diffs the merge against every parent, also after the earlier parents took
     * every line it follows (what {@code git blame} skips): then it asks only whether there are edits
     * ({@link #isEmpty}, {@link #size}) before finding it has no line to hand over, and the histogram diff,
     * most of the cost of a merge, is never made. Any element read, and any change, works the edits out first;
     * until then the size is 1, the least a non-empty list has, which the generator only compares with 0
     * before reading the first edit.
     */
    private static final class DeferredEdits extends EditList {
        private static final long serialVersionUID = 1L;
        private transient java.util.function.Supplier<EditList> edits;

        DeferredEdits(java.util.function.Supplier<EditList> edits) {
            super(0);
            this.edits = edits;
        }

        private void known() {
            if (edits != null) {
                java.util.function.Supplier<EditList> pending = edits;
                edits = null;
                super.addAll(pending.get());
            }
        }

        @Override
        public boolean isEmpty() {
            return edits == null && super.isEmpty();
        }

        @Override
        public int size() {
            return edits != null ? 1 : super.size();
        }

        @Override
        public Edit get(int index) {
            known();
            return super.get(index);
        }

        @Override
        public java.util.Iterator<Edit> iterator() {
            known();
            return super.iterator();
        }

        @Override
        public java.util.ListIterator<Edit> listIterator() {
            known();
            return super.listIterator();
        }

        @Override
        public java.util.ListIterator<Edit> listIterator(int index) {
            known();
            return super.listIterator(index);
        }

        @Override
        public java.util.Spliterator<Edit> spliterator() {
            known();
            return super.spliterator();
        }

        @Override
        public void forEach(java.util.function.Consumer<? super Edit> action) {
            known();
            super.forEach(action);
        }

        @Override
        public Object[] toArray() {
            known();
            return super.toArray();
        }

        @Override
        public <T> T[] toArray(T[] a) {
            known();
            return super.toArray(a);
        }

        @Override
        public List<Edit> subList(int from, int to) {
            known();
            return super.subList(from, to);
        }

        @Override
        public int indexOf(Object o) {
            known();
            return super.indexOf(o);
        }

        @Override
        public int lastIndexOf(Object o) {
            known();
            return super.lastIndexOf(o);
        }

        @Override
        public boolean contains(Object o) {
            known();
            return super.contains(o);
        }

        @Override
        public boolean add(Edit e) {
            known();
            return super.add(e);
        }

        @Override
        public void add(int index, Edit e) {
            known();
            super.add(index, e);
        }

        @Override
        public Edit set(int index, Edit e) {
            known();
            return super.set(index, e);
        }

        @Override
        public Edit remove(int index) {
            known();
            return super.remove(index);
        }

        @Override
        public void clear() {
            edits = null;
            super.clear();
        }

        @Override
        public boolean equals(Object o) {
            known();
            return super.equals(o);
        }

        @Override
        public int hashCode() {
            known();
            return super.hashCode();
        }

        @Override
        public String toString() {
            known();
            return super.toString();
        }
    }

    /**
     * Reaches into {@link BlameGenerator}'s private state, which has no API for the reader it walks with: its
     * commit pool (and the tree walk and flag made with it) is replaced by one reading through another reader,
     * as its own construction would have made it. If any handle is missing, the generator keeps its own.
     */
    private static final class Pool {
        private static final Field REV_POOL;
        private static final Field SEEN;
        private static final Field READER;
        private static final Field TREE_WALK;

        static {
            Field revPool = null;
            Field seen = null;
            Field reader = null;
            Field treeWalk = null;
            try {
                revPool = Restriction.accessible(BlameGenerator.class.getDeclaredField("revPool"));
                seen = Restriction.accessible(BlameGenerator.class.getDeclaredField("SEEN"));
                reader = Restriction.accessible(BlameGenerator.class.getDeclaredField("reader"));
                treeWalk = Restriction.accessible(BlameGenerator.class.getDeclaredField("treeWalk"));
                if (revPool.getType() != RevWalk.class || seen.getType() != RevFlag.class
                    || reader.getType() != ObjectReader.class || treeWalk.getType() != TreeWalk.class) {
                    revPool = null;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                revPool = null;
            }
            REV_POOL = revPool;
            SEEN = seen;
            READER = reader;
            TREE_WALK = treeWalk;
        }

        private Pool() {
        }

        /** Whether {@link #replace} can work at all: every handle was found. */
        static boolean replaceable() {
            return REV_POOL != null;
        }

        /**
         * Makes a generator fresh from its constructor walk with {@code reader} and the blamer's shared commit
         * pool; false if it could not. Its tree walk tells {@code renameSources}, when not null, each path a
         * rename search may take a file's older name from.
         */
        static boolean replace(BlameGenerator generator, CachedGraphReader reader, BlamePool shared,
            Consumer<String> renameSources) {
            if (REV_POOL == null) {
                return false;
            }
            try {
                TreeWalk treeWalk = reader.newTreeWalk(renameSources);
                treeWalk.setRecursive(true);
                RevWalk own = (RevWalk) REV_POOL.get(generator);
                REV_POOL.set(generator, shared.walk);
                SEEN.set(generator, shared.seen);
                READER.set(generator, reader);
                TREE_WALK.set(generator, treeWalk);
                own.close();
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
    }

    /**
     * Reaches into {@link BlameGenerator}'s private state, which has no API for following some lines only:
     * the first candidate's region list and the count of lines left, and the time of the next candidate.
     * Every handle is looked up once; if any is missing, nothing is restricted.
     */
    private static final class Restriction {
        private static final Field QUEUE;
        private static final Field QUEUE_NEXT;
        private static final Field REMAINING;
        private static final Field OUT_REGION;
        private static final Field REGION_LIST;
        private static final Field NEXT;
        private static final Constructor<?> REGION;
        private static final Method TIME;

        static {
            Field queue = null;
            Field queueNext = null;
            Field remaining = null;
            Field outRegion = null;
            Field regionList = null;
            Field next = null;
            Constructor<?> region = null;
            Method time = null;
            try {
                queue = accessible(BlameGenerator.class.getDeclaredField("queue"));
                queueNext = accessible(queue.getType().getDeclaredField("queueNext"));
                remaining = accessible(BlameGenerator.class.getDeclaredField("remaining"));
                outRegion = accessible(BlameGenerator.class.getDeclaredField("outRegion"));
                regionList = accessible(queue.getType().getDeclaredField("regionList"));
                next = accessible(regionList.getType().getDeclaredField("next"));
                region = regionList.getType().getDeclaredConstructor(int.class, int.class, int.class);
                region.setAccessible(true);
                time = queue.getType().getDeclaredMethod("getTime");
                time.setAccessible(true);
                if (remaining.getType() != int.class || outRegion.getType() != regionList.getType()) {
                    queue = null;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                queue = null;
            }
            QUEUE = queue;
            QUEUE_NEXT = queueNext;
            REMAINING = remaining;
            OUT_REGION = outRegion;
            REGION_LIST = regionList;
            NEXT = next;
            REGION = region;
            TIME = time;
        }

        private Restriction() {
        }

        private static Field accessible(Field f) {
            f.setAccessible(true);
            return f;
        }

        /** Makes a generator fresh from {@code push} follow {@code lines} only; false if it could not. */
        static boolean apply(BlameGenerator generator, BitSet lines) {
            if (QUEUE == null) {
                return false;
            }
            try {
                Object first = QUEUE.get(generator);
                if (first == null || QUEUE_NEXT.get(first) != null) {
                    return false;
                }
                Object head = null;
                Object tail = null;
                int count = 0;
                for (int i = lines.nextSetBit(0); i >= 0; ) {
                    int end = lines.nextClearBit(i);
                    Object region = REGION.newInstance(i, i, end - i);
                    if (head == null) {
                        head = region;
                    } else {
                        NEXT.set(tail, region);
                    }
                    tail = region;
                    count += end - i;
                    i = lines.nextSetBit(end);
                }
                REGION_LIST.set(first, head);
                REMAINING.setInt(generator, count);
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }

        /**
         * Commit time of the candidate the generator will look at next, or {@link Integer#MAX_VALUE} while it
         * still has regions of the current one to hand out (or cannot tell).
         */
        static int nextTime(BlameGenerator generator) {
            try {
                Object out = OUT_REGION.get(generator);
                if (out != null && NEXT.get(out) != null) {
                    return Integer.MAX_VALUE;
                }
                Object next = QUEUE.get(generator);
                return next == null ? Integer.MAX_VALUE : (int) TIME.invoke(next);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Integer.MAX_VALUE;
            }
        }
    }
}
