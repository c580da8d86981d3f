package dev.rca.logs;

import dev.rca.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * Compares a good run's log with a bad run's, after {@link LogMasker masking} what differs between any
 * two runs, to find where the bad run went off track.
 *
 * <p>Memory stays proportional to the number of lines, not their size: the first pass reads each log
 * once and keeps only a 64-bit hash of every masked line (a 300 MB log of 3 million lines costs 24 MB);
 * JGit's histogram diff aligns the two hash sequences after cutting their common prefix and suffix; a
 * second pass reads the logs again for the original text of the lines only one side has. Lines are
 * compared on their first {@value #COMPARED_LINE_BYTES} bytes.
 */
public final class LogDiff {
    /** The part of a line that takes part in the comparison. */
    public static final int COMPARED_LINE_BYTES = 1 << 20;
    /** Above this many lines a region with no unique anchor line is reported as replaced wholesale. */
    static final int MYERS_LIMIT = 20_000;

    private LogDiff() {
    }

    /** Compares {@code good} with {@code bad} after masking each line with {@code masker}. */
    public static LogDiffResult compare(Path good, Path bad, LogMasker masker, Progress progress) throws IOException {
        return compare(good, bad, masker, false, progress);
    }

    /**
     * Compares {@code good} with {@code bad} after masking each line with {@code masker}.
     *
     * @param ignoreMoves when true, a line one log has in one place and the other log has in another (as
     *                    concurrent threads interleave differently from run to run) is not a difference: a
     *                    one-sided line is dropped when the other side has an unpaired one-sided copy of it
     */
    public static LogDiffResult compare(Path good, Path bad, LogMasker masker, boolean ignoreMoves, Progress progress)
        throws IOException {
        HashedLines a = hash(good, masker, progress, "masking " + good.getFileName());
        HashedLines b = hash(bad, masker, progress, "masking " + bad.getFileName());
        progress.update("aligning", 0, -1);
        HistogramDiff histogram = new HistogramDiff();
        histogram.setFallbackAlgorithm(new BoundedMyers());
        EditList edits = histogram.diff(new HashComparator(), a, b);
        progress.finish();
        List<LogDiffHunk> hunks = new ArrayList<>(edits.size());
        if (ignoreMoves) {
            dropMoves(edits, a, b, hunks);
        } else {
            for (Edit edit : edits) {
                hunks.add(new LogDiffHunk(edit.getBeginA() + 1L, edit.getLengthA(), edit.getBeginB() + 1L, edit.getLengthB()));
            }
        }
        return new LogDiffResult(good, bad, a.size(), b.size(), hunks);
    }

    /**
     * Adds to {@code hunks} what is left of {@code edits} once lines that moved are dropped: every one-sided
     * line whose masked text is one-sided on the other side too is paired off (first come, first paired),
     * and the unpaired lines of each edit become hunks of consecutive lines, good side first. An edit left with
     * one run on each side stays one hunk, a replacement as without moves.
     */
    private static void dropMoves(EditList edits, HashedLines a, HashedLines b, List<LogDiffHunk> hunks) {
        long[] deleted = oneSided(edits, a, true);
        long[] inserted = oneSided(edits, b, false);
        Arrays.sort(deleted);
        Arrays.sort(inserted);
        long[] keys = new long[Math.min(deleted.length, inserted.length)];
        int[] pairs = new int[keys.length];
        int n = 0;
        for (int i = 0, j = 0; i < deleted.length && j < inserted.length;) {
            if (deleted[i] < inserted[j]) {
                i++;
            } else if (deleted[i] > inserted[j]) {
                j++;
            } else {
                if (n == 0 || keys[n - 1] != deleted[i]) {
                    keys[n++] = deleted[i];
                }
                pairs[n - 1]++;
                i++;
                j++;
            }
        }
        long[] movedKeys = Arrays.copyOf(keys, n);
        int[] goodBudget = Arrays.copyOf(pairs, n);
        int[] badBudget = Arrays.copyOf(pairs, n);
        for (Edit edit : edits) {
            List<LogDiffHunk> good = new ArrayList<>();
            List<LogDiffHunk> bad = new ArrayList<>();
            addRuns(good, a, edit.getBeginA(), edit.getEndA(), movedKeys, goodBudget, true, edit.getBeginB());
            addRuns(bad, b, edit.getBeginB(), edit.getEndB(), movedKeys, badBudget, false, edit.getBeginA());
            if (good.size() == 1 && bad.size() == 1) {
                LogDiffHunk g = good.get(0);
                LogDiffHunk d = bad.get(0);
                hunks.add(new LogDiffHunk(g.goodFrom(), g.goodCount(), d.badFrom(), d.badCount()));
            } else {
                hunks.addAll(good);
                hunks.addAll(bad);
            }
        }
    }

    private static long[] oneSided(EditList edits, HashedLines lines, boolean goodSide) {
        int total = 0;
        for (Edit edit : edits) {
            total += goodSide ? edit.getLengthA() : edit.getLengthB();
        }
        long[] hashes = new long[total];
        int k = 0;
        for (Edit edit : edits) {
            for (int i = goodSide ? edit.getBeginA() : edit.getBeginB(); i < (goodSide ? edit.getEndA() : edit.getEndB()); i++) {
                hashes[k++] = lines.get(i);
            }
        }
        return hashes;
    }

    private static void addRuns(List<LogDiffHunk> hunks, HashedLines lines, int begin, int end, long[] movedKeys,
                                int[] budget, boolean goodSide, int otherBegin) {
        int runStart = -1;
        for (int i = begin; i <= end; i++) {
            boolean kept = false;
            if (i < end) {
                int key = Arrays.binarySearch(movedKeys, lines.get(i));
                kept = key < 0 || budget[key]-- <= 0;
            }
            if (kept && runStart < 0) {
                runStart = i;
            } else if (!kept && runStart >= 0) {
                hunks.add(goodSide ? new LogDiffHunk(runStart + 1L, i - runStart, otherBegin + 1L, 0)
                    : new LogDiffHunk(otherBegin + 1L, 0, runStart + 1L, i - runStart));
                runStart = -1;
            }
        }
    }

    /**
     * Reads both logs again and hands every line only one side has to {@code sink}, hunk by hunk, the good
     * side's lines of a hunk before the bad side's; stops early when {@code sink} returns false.
     */
    public static void unmatchedLines(LogDiffResult result, Predicate<UnmatchedLine> sink) throws IOException {
        hunkLines(result, 0, hunk -> true, sink);
    }

    /**
     * As {@link #unmatchedLines}, with up to {@code context} lines both logs share before and after each hunk,
     * given as {@link UnmatchedLine.Side#CONTEXT} with their line number in the good log. As in {@code diff -U},
     * hunks whose context would touch or overlap (at most {@code 2 * context} shared lines apart) are shown as one:
     * {@code onHunk} gets each shown hunk, its ranges spanning its context, before its first line.
     */
    public static void hunkLines(LogDiffResult result, int context, Predicate<LogDiffHunk> onHunk,
                                 Predicate<UnmatchedLine> sink) throws IOException {
        if (context < 0) {
            throw new IllegalArgumentException("context must be >= 0: " + context);
        }
        if (result.matches()) {
            return;
        }
        List<LogDiffHunk> hunks = result.hunks();
        try (LogLineReader good = reader(result.good()); LogLineReader bad = reader(result.bad())) {
            long goodDone = 1;
            for (int first = 0; first < hunks.size();) {
                int end = shownTogether(hunks, first, context);
                List<LogDiffHunk> members = hunks.subList(first, end);
                long goodFrom = members.stream().mapToLong(LogDiffHunk::goodFrom).min().orElseThrow();
                long goodEnd = members.stream().mapToLong(h -> h.goodFrom() + h.goodCount()).max().orElseThrow();
                long badFrom = members.stream().mapToLong(LogDiffHunk::badFrom).min().orElseThrow();
                long badEnd = members.stream().mapToLong(h -> h.badFrom() + h.badCount()).max().orElseThrow();
                // with moves dropped, a bad-only run may stand before the good lines already shown: no context then
                long before = Math.max(0, Math.min(goodFrom - Math.max(goodDone, goodFrom - context), badFrom - 1));
                long after = Math.min(Math.min(context, result.goodLines() + 1 - goodEnd),
                    result.badLines() + 1 - badEnd);
                if (!onHunk.test(new LogDiffHunk(goodFrom - before, goodEnd + after - goodFrom + before,
                    badFrom - before, badEnd + after - badFrom + before))
                    || !emit(good, UnmatchedLine.Side.CONTEXT, goodFrom - before, before, sink)) {
                    return;
                }
                long shared = goodFrom;
                for (LogDiffHunk hunk : members) {
                    if (!emit(good, UnmatchedLine.Side.CONTEXT, shared, hunk.goodFrom() - shared, sink)
                        || !emit(good, UnmatchedLine.Side.GOOD, hunk.goodFrom(), hunk.goodCount(), sink)
                        || !emit(bad, UnmatchedLine.Side.BAD, hunk.badFrom(), hunk.badCount(), sink)) {
                        return;
                    }
                    shared = Math.max(shared, hunk.goodFrom() + hunk.goodCount());
                }
                if (!emit(good, UnmatchedLine.Side.CONTEXT, goodEnd, after, sink)) {
                    return;
                }
                goodDone = goodEnd + after;
                first = end;
            }
        }
    }

    /**
     * The end (exclusive) of the run of hunks from {@code first} that {@code diff -U<context>} would show as one:
     * each next hunk at most {@code 2 * context} shared lines after the run so far. Without context every hunk
     * stands alone, as in {@code diff -U0}.
     */
    private static int shownTogether(List<LogDiffHunk> hunks, int first, int context) {
        long goodEnd = hunks.get(first).goodFrom() + hunks.get(first).goodCount();
        int end = first + 1;
        while (context > 0 && end < hunks.size() && hunks.get(end).goodFrom() - goodEnd <= 2L * context) {
            goodEnd = Math.max(goodEnd, hunks.get(end).goodFrom() + hunks.get(end).goodCount());
            end++;
        }
        return end;
    }

    /** The first {@code limit} lines only one side has, in the order {@link #unmatchedLines} gives them. */
    public static List<UnmatchedLine> sample(LogDiffResult result, int limit) throws IOException {
        List<UnmatchedLine> lines = new ArrayList<>();
        if (limit > 0) {
            unmatchedLines(result, line -> {
                lines.add(line);
                return lines.size() < limit;
            });
        }
        return lines;
    }

    private static boolean emit(LogLineReader reader, UnmatchedLine.Side side, long from, long count,
                                Predicate<UnmatchedLine> sink) throws IOException {
        for (long line = from; line < from + count; line++) {
            while (reader.lineNumber() < line) {
                if (!reader.next()) {
                    throw new IOException("log changed while it was compared: line " + line + " is gone");
                }
            }
            if (!sink.test(new UnmatchedLine(side, line, LogParser.shownLine(reader.displayText())))) {
                return false;
            }
        }
        return true;
    }

    private static LogLineReader reader(Path file) throws IOException {
        return new LogLineReader(Files.newInputStream(file), LogLineReader.DEFAULT_MAX_LINE_BYTES);
    }

    private static HashedLines hash(Path file, LogMasker masker, Progress progress, String task) throws IOException {
        long size = Files.size(file);
        HashedLines lines = new HashedLines();
        try (LogLineReader reader = new LogLineReader(Files.newInputStream(file), COMPARED_LINE_BYTES)) {
            while (reader.next()) {
                lines.add(hash64(masker.mask(reader.text())));
                if ((reader.lineNumber() & 0xffff) == 0) {
                    progress.update(task, Math.min(size, reader.offset()), size);
                }
            }
        }
        return lines;
    }

    /** FNV-1a over the characters, then a 64-bit finaliser so that the low bits are well mixed. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A log as the sequence of its masked lines' hashes. */
    static final class HashedLines extends Sequence {
        private long[] hashes = new long[1024];
        private int size;

        void add(long hash) {
            if (size == hashes.length) {
                if (size == Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("more lines than a log comparison can hold");
                }
                hashes = Arrays.copyOf(hashes, (int) Math.min(Integer.MAX_VALUE - 8L, size + (size >> 1)));
            }
            hashes[size++] = hash;
        }

        long get(int i) {
            return hashes[i];
        }

        @Override
        public int size() {
            return size;
        }
    }

    private static final class HashComparator extends SequenceComparator<HashedLines> {
        @Override
        public boolean equals(HashedLines a, int ai, HashedLines b, int bi) {
            return a.get(ai) == b.get(bi);
        }

        @Override
        public int hash(HashedLines seq, int i) {
            long h = seq.get(i);
            return (int) (h ^ (h >>> 32));
        }
    }

    /**
     * Where the histogram diff finds no line unique enough to anchor on (a stretch made only of lines that
     * repeat, such as heartbeats), Myers' algorithm aligns it when it is small; its cost grows with the
     * product of the stretch and the number of differences, so a large stretch is aligned greedily instead:
     * equal lines are matched in order, and at each mismatch the nearest point within
     * {@value #RESYNC_WINDOW} lines on either side where {@value #RESYNC_RUN} lines agree again is taken.
     * That is linear in practice and finds inserted and dropped blocks, the usual shape of a bad run.
     */
    private static final class BoundedMyers extends DiffAlgorithm {
        @Override
        public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
            if ((long) a.size() + b.size() <= MYERS_LIMIT) {
                return MyersDiff.INSTANCE.diffNonCommon(cmp, a, b);
            }
            return resync(cmp, a, b);
        }
    }

    static final int RESYNC_WINDOW = 4096;
    static final int RESYNC_RUN = 4;

    private static <S extends Sequence> EditList resync(SequenceComparator<? super S> cmp, S a, S b) {
        EditList edits = new EditList();
        int n = a.size();
        int m = b.size();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (cmp.equals(a, i, b, j)) {
                i++;
                j++;
                continue;
            }
            long best = -1;
            for (int window = 32; best < 0 && window <= RESYNC_WINDOW; window *= 16) {
                best = nearestResync(cmp, a, i, b, j, window);
            }
            int di = best < 0 ? Math.min(RESYNC_WINDOW, n - i) : (int) (best >>> 32);
            int dj = best < 0 ? Math.min(RESYNC_WINDOW, m - j) : (int) best;
            edits.add(new Edit(i, i + di, j, j + dj));
            i += di;
            j += dj;
        }
        if (i < n || j < m) {
            edits.add(new Edit(i, n, j, m));
        }
        return edits;
    }

    /**
     * The smallest {@code di + dj} (packed as {@code di << 32 | dj}) such that {@value #RESYNC_RUN} lines
     * agree from {@code a[i + di]} and {@code b[j + dj]}, both below {@code window}; -1 when there is none
     * or when a wider window could hold a nearer one.
     */
    private static <S extends Sequence> long nearestResync(SequenceComparator<? super S> cmp, S a, int i, S b, int j,
                                                           int window) {
        int wa = Math.min(window, a.size() - i);
        int wb = Math.min(window, b.size() - j);
        Map<Integer, List<Integer>> starts = new HashMap<>();
        for (int dj = 0; dj < wb; dj++) {
            starts.computeIfAbsent(cmp.hash(b, j + dj), k -> new ArrayList<>()).add(dj);
        }
        long best = -1;
        int bestCost = Integer.MAX_VALUE;
        for (int di = 0; di < wa && di < bestCost; di++) {
            List<Integer> candidates = starts.get(cmp.hash(a, i + di));
            if (candidates == null) {
                continue;
            }
            for (int dj : candidates) {
                if (di + dj >= bestCost) {
                    break;
                }
                if ((di > 0 || dj > 0) && runAgrees(cmp, a, i + di, b, j + dj)) {
                    bestCost = di + dj;
                    best = ((long) di << 32) | dj;
                    break;
                }
            }
        }
        // A pair found with di + dj above the window may be beaten by one outside it: look wider then.
        return bestCost <= window || (wa < window && wb < window) ? best : -1;
    }

    private static <S extends Sequence> boolean runAgrees(SequenceComparator<? super S> cmp, S a, int ai, S b, int bi) {
        int run = Math.min(RESYNC_RUN, Math.min(a.size() - ai, b.size() - bi));
        for (int k = 0; k < run; k++) {
            if (!cmp.equals(a, ai + k, b, bi + k)) {
                return false;
            }
        }
        return run > 0;
    }
}
