package dev.rca.history;

import dev.rca.DeepRecursion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * What git's diffcore-pickaxe looks for in a file's contents: {@code -S}'s count of a string's occurrences (or a
 * pattern's matches) in one side, and {@code -G}'s question whether an added or removed line matches.
 */
final class PickaxeText {
    private final Pickaxe pickaxe;
    /**
     * The string a plain {@code -S} counts, its UTF-8 bytes one character each (lower case when ASCII case is
     * folded); null for a pattern.
     */
    private final String needleText;
    private final boolean foldAsciiCase;
    /** What is matched line by line, when {@link #needleText} is null. */
    private final Pattern pattern;

    PickaxeText(Pickaxe pickaxe) {
        this.pickaxe = pickaxe;
        String text = pickaxe.pattern();
        boolean ascii = text.chars().allMatch(ch -> ch < 0x80);
        if (pickaxe.kind() == Pickaxe.Kind.COUNT && (ascii || !pickaxe.ignoreCase())) {
            // git's kwset search, over the bytes, with -i folding ASCII letters alone (its tolower table)
            this.needleText = new String((pickaxe.ignoreCase() ? lowerAscii(text) : text)
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            this.foldAsciiCase = pickaxe.ignoreCase();
            this.pattern = null;
        } else {
            // git makes a non-ASCII string with -i a quoted regular expression, matched ignoring case
            String regex = pickaxe.kind() == Pickaxe.Kind.COUNT ? Pattern.quote(text) : text;
            this.needleText = null;
            this.foldAsciiCase = false;
            this.pattern = MessageFilter.linePattern(regex, pickaxe.ignoreCase(),
                pickaxe.kind() == Pickaxe.Kind.LINES ? "-G" : "-S", null);
        }
    }

    private static String lowerAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            b.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch);
        }
        return b.toString();
    }

    /**
     * How many times {@code -S} finds its string (or pattern) in {@code blob}: left to right, without overlapping,
     * as git's {@code contains} counts. A pattern is matched line by line, as git's {@code REG_NEWLINE} matching
     * finds it: no match spans a newline.
     */
    int count(byte[] blob) {
        return needleText != null ? countBytes(blob) : countInLines(blob, 0);
    }

    /** Matches of the pattern in {@code blob}'s lines, up to {@code limit} (0 for all). */
    private int countInLines(byte[] blob, int limit) {
        return DeepRecursion.call(() -> {
            int found = 0;
            for (int start = 0; start < blob.length && (limit == 0 || found < limit); ) {
                int end = lineEnd(blob, start);
                found += TextLine.utf8(blob, start, end).count(pattern, limit == 0 ? 0 : limit - found);
                start = end + 1;
            }
            return found;
        }, () -> DeepRecursion.patternTooDeep(pickaxe.pattern(), longestLine(blob)));
    }

    private int countBytes(byte[] blob) {
        // one byte a character, so that String.indexOf's intrinsic does the search
        String text = new String(blob, StandardCharsets.ISO_8859_1);
        if (foldAsciiCase) {
            // Latin-1 lower case also changes bytes of 0xC0 and up, but never into ASCII, and the needle is ASCII:
            // the matches are those of git's ASCII-only folding
            text = text.toLowerCase(Locale.ROOT);
        }
        int found = 0;
        for (int at = text.indexOf(needleText); at >= 0; at = text.indexOf(needleText, at + needleText.length())) {
            found++;
        }
        return found;
    }

    /** Whether some line of {@code blob} matches {@code -G}'s pattern: without one, no diff of it can match. */
    boolean anyLineMatches(byte[] blob) {
        return countInLines(blob, 1) > 0;
    }

    /**
     * Whether a line the diff from {@code a} to {@code b} adds or removes matches {@code -G}'s pattern. The diff is
     * Myers's, as git's {@code diff_grep} makes it whatever {@code diff.algorithm} says, lines compared byte for byte
     * (a CR before the newline is part of the line).
     */
    boolean changedLineMatches(byte[] a, byte[] b) {
        RawText before = new RawText(a);
        RawText after = new RawText(b);
        return DeepRecursion.call(() -> {
            for (Edit edit : MyersDiff.INSTANCE.diff(RawTextComparator.DEFAULT, before, after)) {
                if (anyMatches(before, edit.getBeginA(), edit.getEndA())
                    || anyMatches(after, edit.getBeginB(), edit.getEndB())) {
                    return true;
                }
            }
            return false;
        }, () -> DeepRecursion.patternTooDeep(pickaxe.pattern(), Math.max(longestLine(a), longestLine(b))));
    }

    private boolean anyMatches(RawText text, int from, int to) {
        for (int i = from; i < to; i++) {
            ByteBuffer line = text.getRawString(i);
            if (TextLine.utf8(line.array(), line.arrayOffset() + line.position(),
                line.arrayOffset() + line.limit()).find(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static int lineEnd(byte[] blob, int start) {
        int end = start;
        while (end < blob.length && blob[end] != '\n') {
            end++;
        }
        return end;
    }

    private static int longestLine(byte[] blob) {
        int longest = 0;
        for (int start = 0; start < blob.length; ) {
            int end = lineEnd(blob, start);
            longest = Math.max(longest, end - start);
            start = end + 1;
        }
        return longest;
    }
}
