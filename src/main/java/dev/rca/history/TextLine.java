package dev.rca.history;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line a user's pattern is matched against, as git's grep sees it in a UTF-8 locale: its text, and where bytes
 * that are not UTF-8 stood, each as one U+FFFD at an index in {@code breaks} (ascending). Around a break git's
 * matcher (with {@code -P}, whose syntax rca's patterns share) matches nothing: no match spans the bytes, and only
 * the line's own ends are its ends.
 */
record TextLine(String text, int[] breaks) {
    static final int[] NONE = {};

    /** A line of text that holds no undecodable bytes. */
    static TextLine of(String text) {
        return new TextLine(text, NONE);
    }

    /** {@code raw[from, to)} read as UTF-8, each malformed sequence a break. */
    static TextLine utf8(byte[] raw, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = raw[i] >= 0;
        }
        if (ascii) {
            return of(new String(raw, from, to - from, StandardCharsets.US_ASCII));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        List<Integer> breaks = new ArrayList<>();
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            // malformed (an unmappable result cannot come from UTF-8): one break for the bytes it names
            breaks.add(out.position());
            out.put('\uFFFD');
            in.position(in.position() + result.length());
        }
        decoder.flush(out);
        out.flip();
        return new TextLine(out.toString(), breaks.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether {@code p} matches somewhere in the line, between its breaks. */
    boolean find(Pattern p) {
        return count(p, 1) > 0;
    }

    /**
     * How many times {@code p} matches in the line, left to right without overlapping, an empty match moving on one
     * character (as git's {@code -S --pickaxe-regex} counts), stopping at {@code limit} (0 for no limit).
     */
    int count(Pattern p, int limit) {
        Matcher m = p.matcher(text);
        int found = 0;
        if (breaks.length == 0) {
            while (m.find()) {
                if (++found == limit) {
                    return found;
                }
            }
            return found;
        }
        m.useAnchoringBounds(false).useTransparentBounds(false);
        int start = 0;
        for (int i = 0; i <= breaks.length; i++) {
            int end = i < breaks.length ? breaks[i] : text.length();
            m.region(start, end);
            while (m.find()) {
                if (++found == limit) {
                    return found;
                }
            }
            start = end + 1;
        }
        return found;
    }
}
