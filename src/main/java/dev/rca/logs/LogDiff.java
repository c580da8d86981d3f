package dev.rca.logs;

import dev.rca.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        HashedLines a = hash(good, masker, progress, "masking " + good.getFileName());
        HashedLines b = hash(bad, masker, progress, "masking " + bad.getFileName());
        progress.update("aligning", 0, -1);
        HistogramDiff histogram = new HistogramDiff();
        histogram.setFallbackAlgorithm(new BoundedMyers());
        EditList edits = histogram.diff(new HashComparator(), a, b);
        progress.finish();
        List<LogDiffHunk> hunks = new ArrayList<>(edits.size());
        for (Edit edit : edits) {
            hunks.add(new LogDiffHunk(edit.getBeginA() + 1L, edit.getLengthA(), edit.getBeginB() + 1L, edit.getLengthB()));
        }
        return new LogDiffResult(good, bad, a.size(), b.size(), hunks);
    }

    /**
     * Reads both logs again and hands every line only one side has to {@code sink}, hunk by hunk, the good
     * side's lines of a hunk before the bad side's; stops early when {@code sink} returns false.
     */
    public static void unmatchedLines(LogDiffResult result, Predicate<UnmatchedLine> sink) throws IOException {
        if (result.matches()) {
            return;
        }
        try (LogLineReader good = reader(result.good()); LogLineReader bad = reader(result.bad())) {
            for (LogDiffHunk hunk : result.hunks()) {
                if (!emit(good, UnmatchedLine.Side.GOOD, hunk.goodFrom(), hunk.goodCount(), sink)
                    || !emit(bad, UnmatchedLine.Side.BAD, hunk.badFrom(), hunk.badCount(), sink)) {
                    return;
                }
            }
        }
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
            if (!sink.test(new UnmatchedLine(side, line, reader.displayText()))) {
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
     * Where the histogram diff finds no line unique enough to anchor on (a stretch of identical heartbeat
     * lines), Myers' algorithm aligns it, but only when small: its cost grows with the product of the
     * stretch and the number of differences, so a large one is reported as replaced wholesale.
     */
    private static final class BoundedMyers extends DiffAlgorithm {
        @Override
        public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
            if ((long) a.size() + b.size() <= MYERS_LIMIT) {
                return MyersDiff.INSTANCE.diffNonCommon(cmp, a, b);
            }
            EditList edits = new EditList();
            edits.add(new Edit(0, a.size(), 0, b.size()));
            return edits;
        }
    }
}
