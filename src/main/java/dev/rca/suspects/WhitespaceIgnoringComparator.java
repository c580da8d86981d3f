package dev.rca.suspects;

import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.util.IntList;
import org.eclipse.jgit.util.RawCharUtil;

/**
 * Compares lines exactly as {@link RawTextComparator#WS_IGNORE_ALL} does — the same hash for every line and the
 * same answer to every comparison, so a diff with it makes the same edits — but faster for the two texts it is
 * made for: each line is hashed once however many diffs its text takes part in ({@link Lines}), and lines are
 * told apart by hash and most equal ones found equal by their bytes, where {@code WS_IGNORE_ALL} skips
 * whitespace byte by byte for every match the diff tries. Any other text is handed to {@code WS_IGNORE_ALL}.
 */
final class WhitespaceIgnoringComparator extends RawTextComparator {
    /**
     * A text's line bounds and each line's {@code WS_IGNORE_ALL} hash, hashed when first asked for: a diff
     * hashes only the lines between the common head and tail of its two texts, often a few of a long file.
     */
    static final class Lines {
        /** {@link RawText}'s own line map: line {@code i} starts at {@code get(i + 1)}. */
        private final IntList bounds;
        private final int[] hashes;
        private final boolean[] hashed;

        private Lines(IntList bounds, int size) {
            this.bounds = bounds;
            this.hashes = new int[size];
            this.hashed = new boolean[size];
        }

        /** The lines of {@code text}, or null when its line map cannot be read (JGit's internals changed). */
        static Lines of(RawText text) {
            if (LINE_MAP == null) {
                return null;
            }
            try {
                IntList bounds = (IntList) LINE_MAP.get(text);
                return bounds.size() == text.size() + 2 ? new Lines(bounds, text.size()) : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        int hash(RawText text, int line) {
            if (!hashed[line]) {
                hashes[line] = WS_IGNORE_ALL.hash(text, line);
                hashed[line] = true;
            }
            return hashes[line];
        }

        int start(int line) {
            return bounds.get(line + 1);
        }
    }

    /** {@link RawText}'s line map, which it keeps protected; null if that changed. */
    private static final Field LINE_MAP;

    static {
        Field lines = null;
        try {
            lines = RawText.class.getDeclaredField("lines");
            lines.setAccessible(true);
            if (lines.getType() != IntList.class) {
                lines = null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            lines = null;
        }
        LINE_MAP = lines;
    }

    private final RawText a;
    private final Lines linesA;
    private final RawText b;
    private final Lines linesB;

    /** A comparator for diffs of {@code a} against {@code b}, either of whose lines may be null (unknown). */
    WhitespaceIgnoringComparator(RawText a, Lines linesA, RawText b, Lines linesB) {
        this.a = a;
        this.linesA = linesA;
        this.b = b;
        this.linesB = linesB;
    }

    /** A comparator for one diff of {@code a} against {@code b}, hashing each line of both once. */
    static WhitespaceIgnoringComparator of(RawText a, RawText b) {
        return new WhitespaceIgnoringComparator(a, Lines.of(a), b, Lines.of(b));
    }

    private Lines linesOf(RawText text) {
        return text == a ? linesA : text == b ? linesB : null;
    }

    @Override
    public int hash(RawText seq, int lno) {
        Lines lines = linesOf(seq);
        return lines != null ? lines.hash(seq, lno) : WS_IGNORE_ALL.hash(seq, lno);
    }

    @Override
    public boolean equals(RawText x, int xi, RawText y, int yi) {
        Lines lx = linesOf(x);
        Lines ly = linesOf(y);
        if (lx != null && ly != null) {
            // lines equal but for whitespace have the same non-whitespace bytes, hence the same hash
            if (lx.hash(x, xi) != ly.hash(y, yi)) {
                return false;
            }
            if (Arrays.equals(x.getRawContent(), lx.start(xi), lx.start(xi + 1),
                y.getRawContent(), ly.start(yi), ly.start(yi + 1))) {
                return true;
            }
        }
        return WS_IGNORE_ALL.equals(x, xi, y, yi);
    }

    /**
     * What {@link RawTextComparator#reduceCommonStartEnd(RawText, RawText, Edit)} makes of the edit, step for step
     * (its quirk included: b's start is looked up in a's line map, the same 0 for the whole texts a diff covers),
     * but finding the lines holding the first and last differing bytes by binary search where JGit counts lines
     * one by one from the ends: a diff of two versions of a long file otherwise walks most of its lines here.
     * The region comes back as a new edit rather than {@code e} changed (its fields are JGit's alone).
     */
    @Override
    public Edit reduceCommonStartEnd(RawText a, RawText b, Edit e) {
        Lines la = linesOf(a);
        Lines lb = linesOf(b);
        if (la == null || lb == null) {
            return super.reduceCommonStartEnd(a, b, e);
        }
        int beginA = e.getBeginA();
        int endA = e.getEndA();
        int beginB = e.getBeginB();
        int endB = e.getEndB();
        if (beginA == endA || beginB == endB) {
            return e;
        }
        byte[] aRaw = a.getRawContent();
        byte[] bRaw = b.getRawContent();
        int aPtr = la.bounds.get(beginA + 1);
        int bPtr = la.bounds.get(beginB + 1);
        int aEnd = la.bounds.get(endA + 1);
        int bEnd = lb.bounds.get(endB + 1);
        if (aPtr < 0 || bPtr < 0 || aEnd > aRaw.length || bEnd > bRaw.length) {
            throw new ArrayIndexOutOfBoundsException();
        }
        if (aPtr < aEnd && bPtr < bEnd) {
            int differ = Arrays.mismatch(aRaw, aPtr, aEnd, bRaw, bPtr, bEnd);
            int same = differ < 0 ? aEnd - aPtr : differ;
            aPtr += same;
            bPtr += same;
        }
        int sameTail = commonTail(aRaw, aPtr, aEnd, bRaw, bPtr, bEnd);
        aEnd -= sameTail;
        bEnd -= sameTail;
        beginA = forwardLine(la.bounds, beginA, aPtr);
        beginB = forwardLine(lb.bounds, beginB, bPtr);
        endA = reverseLine(la.bounds, endA, aEnd);
        boolean partialA = aEnd < la.bounds.get(endA + 1);
        if (partialA) {
            bEnd += la.bounds.get(endA + 1) - aEnd;
        }
        endB = reverseLine(lb.bounds, endB, bEnd);
        if (!partialA && bEnd < lb.bounds.get(endB + 1)) {
            endA++;
        }
        // then line by line with whitespace ignored, as SequenceComparator does
        while (beginA < endA && beginB < endB && equals(a, beginA, b, beginB)) {
            beginA++;
            beginB++;
        }
        while (beginA < endA && beginB < endB && equals(a, endA - 1, b, endB - 1)) {
            endA--;
            endB--;
        }
        return new Edit(beginA, endA, beginB, endB);
    }

    /**
     * How many bytes {@code a[aFrom, aEnd)} and {@code b[bFrom, bEnd)} share at their ends. Compared in blocks
     * from the end by {@link Arrays#equals(byte[], int, int, byte[], int, int)}, which the JIT vectorises, and byte
     * by byte only within the last 64: two versions of a long file share most of their bytes, and a loop over
     * them one at a time was a sixth of a first {@code suspects} query on git.git.
     */
    static int commonTail(byte[] a, int aFrom, int aEnd, byte[] b, int bFrom, int bEnd) {
        int limit = Math.min(aEnd - aFrom, bEnd - bFrom);
        int same = 0;
        int block = 64;
        while (same < limit) {
            int n = Math.min(block, limit - same);
            if (Arrays.equals(a, aEnd - same - n, aEnd - same, b, bEnd - same - n, bEnd - same)) {
                same += n;
                block = Math.min(block << 1, 1 << 16);
            } else if (n > 64) {
                block = 64;
            } else {
                // these n bytes differ somewhere, so this stops within them
                while (a[aEnd - same - 1] == b[bEnd - same - 1]) {
                    same++;
                }
                return same;
            }
        }
        return same;
    }

    /** The first line from {@code from} on that is the last or whose successor starts at or after {@code ptr}. */
    private static int forwardLine(IntList lines, int from, int ptr) {
        int low = from;
        int high = lines.size() - 2;
        if (low >= high) {
            return low;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (lines.get(mid + 2) >= ptr) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** The last line up to {@code from} that is the first or starts before {@code ptr}. */
    private static int reverseLine(IntList lines, int from, int ptr) {
        int low = 0;
        int high = from;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lines.get(mid) < ptr) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** What {@code WS_IGNORE_ALL} hashes: every byte but whitespace (only reached for an unknown text). */
    @Override
    protected int hashRegion(byte[] raw, int ptr, int end) {
        int hash = 5381;
        for (; ptr < end; ptr++) {
            byte c = raw[ptr];
            if (!RawCharUtil.isWhitespace(c)) {
                hash = ((hash << 5) + hash) + (c & 0xff);
            }
        }
        return hash;
    }
}
