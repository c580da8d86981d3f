package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.junit.jupiter.api.Test;

class WhitespaceIgnoringComparatorTest {
    /** Lines that differ in every way whitespace can, and some that differ in more. */
    private static final String[] LINES = {
        "", " ", "\t", "  \t ", "\r", " \r", "a", " a", "a ", "\ta", "a\t", "a b", "ab", "a  b", "a\tb", "a\r",
        "a \r", "\ta b\r", "b", "ba", "a\u00a0b", "é", " é", "é\t", "e\u0301", "日本 語", "日本語", "\u00e9a",
        "\u00e9 a", "x = 1;", "x=1;", "x = 1 ;", "\tx = 1;  ", "x = 2;", "}", "\t}", "\t\t}", "} ", "{}", "{ }",
        "\f", "a\fb", "\u000b", "a\u000bb", "\0", "a\0b",
    };

    private static RawText text(List<String> lines, boolean finalNewline) {
        String joined = String.join("\n", lines) + (finalNewline ? "\n" : "");
        return new RawText(joined.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyPairOfLinesComparesAndHashesAsWsIgnoreAll() {
        List<String> lines = List.of(LINES);
        for (boolean newline : new boolean[] {true, false}) {
            RawText a = text(lines, newline);
            List<String> reversed = new ArrayList<>(lines);
            java.util.Collections.reverse(reversed);
            RawText b = text(reversed, !newline);
            WhitespaceIgnoringComparator cmp = WhitespaceIgnoringComparator.of(a, b);
            RawText other = text(lines, newline);
            int equal = 0;
            for (RawText x : new RawText[] {a, b, other}) {
                for (int i = 0; i < x.size(); i++) {
                    assertEquals(RawTextComparator.WS_IGNORE_ALL.hash(x, i), cmp.hash(x, i), "hash of " + i);
                    for (RawText y : new RawText[] {a, b, other}) {
                        for (int j = 0; j < y.size(); j++) {
                            boolean expected = RawTextComparator.WS_IGNORE_ALL.equals(x, i, y, j);
                            assertEquals(expected, cmp.equals(x, i, y, j),
                                "'" + x.getString(i) + "' against '" + y.getString(j) + "'");
                            equal += expected ? 1 : 0;
                        }
                    }
                }
            }
            assertTrue(equal > 9 * LINES.length, "equal pairs: " + equal);
        }
        assertFalse(WhitespaceIgnoringComparator.of(text(List.of("a b"), true), text(List.of("a c"), true))
            .equals(text(List.of("a b"), true), 0, text(List.of("a c"), true), 0));
    }

    @Test
    void theCommonTailIsWhatAByteByByteLoopFinds() {
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            byte[] shared = new byte[random.nextInt(round % 10 == 0 ? 300_000 : 700)];
            random.nextBytes(shared);
            byte[] a = withHead(random, shared);
            byte[] b = withHead(random, shared);
            if (random.nextInt(3) == 0 && shared.length > 0) {
                // a difference inside what would otherwise be shared
                b[b.length - 1 - random.nextInt(shared.length)] ^= 1;
            }
            int aFrom = random.nextInt(a.length + 1);
            int bFrom = random.nextInt(b.length + 1);
            int aEnd = a.length - (random.nextInt(4) == 0 ? random.nextInt(a.length - aFrom + 1) : 0);
            int bEnd = b.length - (random.nextInt(4) == 0 ? random.nextInt(b.length - bFrom + 1) : 0);
            int expected = 0;
            while (aEnd - expected > aFrom && bEnd - expected > bFrom
                && a[aEnd - expected - 1] == b[bEnd - expected - 1]) {
                expected++;
            }
            assertEquals(expected, WhitespaceIgnoringComparator.commonTail(a, aFrom, aEnd, b, bFrom, bEnd),
                "round " + round);
        }
    }

    private static byte[] withHead(Random random, byte[] tail) {
        byte[] head = new byte[random.nextInt(200)];
        random.nextBytes(head);
        byte[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    @Test
    void diffsMakeTheSameEditsAsWithWsIgnoreAll() {
        Random random = new Random(5);
        HistogramDiff histogram = new HistogramDiff();
        for (int round = 0; round < 600; round++) {
            List<String> before = new ArrayList<>();
            for (int i = random.nextInt(round % 3 == 0 ? 400 : 60); i > 0; i--) {
                before.add(LINES[random.nextInt(LINES.length)] + (random.nextInt(4) == 0 ? "x" + i : ""));
            }
            List<String> after = new ArrayList<>(before);
            for (int e = random.nextInt(8); e > 0; e--) {
                String line = LINES[random.nextInt(LINES.length)];
                int at = after.isEmpty() ? 0 : random.nextInt(after.size());
                switch (random.nextInt(3)) {
                    case 0 -> after.add(at, line);
                    case 1 -> {
                        if (!after.isEmpty()) {
                            after.remove(at);
                        }
                    }
                    default -> {
                        if (!after.isEmpty()) {
                            after.set(at, line);
                        }
                    }
                }
            }
            boolean newline = random.nextBoolean();
            RawText a = text(before, newline);
            RawText b = text(after, random.nextBoolean() || newline);
            for (Edit region : new Edit[] {new Edit(0, a.size(), 0, b.size()), new Edit(0, a.size() / 2, 0, b.size()),
                new Edit(a.size() / 3, a.size(), b.size() / 4, b.size())}) {
                Edit mine = new Edit(region.getBeginA(), region.getEndA(), region.getBeginB(), region.getEndB());
                assertEquals(RawTextComparator.WS_IGNORE_ALL.reduceCommonStartEnd(a, b, region),
                    WhitespaceIgnoringComparator.of(a, b).reduceCommonStartEnd(a, b, mine), "round " + round);
            }
            EditList expected = histogram.diff(RawTextComparator.WS_IGNORE_ALL, a, b);
            assertEquals(expected, histogram.diff(WhitespaceIgnoringComparator.of(a, b), a, b), "round " + round);
            // the lines of a text, hashed in one diff, serve the next one it takes part in
            WhitespaceIgnoringComparator.Lines linesOfA = WhitespaceIgnoringComparator.Lines.of(a);
            assertNotNull(linesOfA);
            RawText again = new RawText(a.getRawContent());
            assertEquals(histogram.diff(RawTextComparator.WS_IGNORE_ALL, b, again),
                histogram.diff(new WhitespaceIgnoringComparator(b, null, again, linesOfA), b, again));
            assertEquals(expected, histogram.diff(new WhitespaceIgnoringComparator(a, linesOfA, b, null), a, b));
        }
    }
}
