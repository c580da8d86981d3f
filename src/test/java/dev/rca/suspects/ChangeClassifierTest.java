package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChangeClassifierTest {
    @Test
    void whitespaceIsStrippedExactlyAsTheRegexBackslashSWould() {
        Pattern whitespace = Pattern.compile("\\s+");
        for (String line : List.of("", "x", "  int  a = 1;\t", "\u000B\f\r\n", "a\u00A0b", "é è\u2003ü", " \t lead",
            "trail \t ")) {
            assertEquals(whitespace.matcher(line).replaceAll(""), ChangeClassifier.withoutWhitespace(line), line);
        }
        String clean = "nothing_to_strip();";
        assertSame(clean, ChangeClassifier.withoutWhitespace(clean));
    }

    @Test
    void blobsCompareOutsideWhitespaceAsTheirStrippedStringsWould() {
        Random random = new Random(5);
        byte[] alphabet = {' ', '\t', '\n', '\r', '\f', 0x0b, 'a', 'b', (byte) 0xc3, (byte) 0xa9, 0};
        int equal = 0;
        for (int n = 0; n < 5_000; n++) {
            byte[] a = new byte[random.nextInt(8)];
            byte[] b = new byte[random.nextInt(8)];
            for (byte[] x : List.of(a, b)) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = alphabet[random.nextInt(alphabet.length)];
                }
            }
            boolean expected = stripped(a).equals(stripped(b));
            equal += expected ? 1 : 0;
            assertEquals(expected, ChangeClassifier.sameOutsideWhitespace(a, b), stripped(a) + " / " + stripped(b));
        }
        assertTrue(equal > 100, "only " + equal + " equal pairs");
    }

    private static String stripped(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1).replaceAll("[ \t\n\r\f\u000B]", "");
    }
}
