package dev.rca.suspects;

import java.lang.reflect.Field;
import java.util.Arrays;
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
