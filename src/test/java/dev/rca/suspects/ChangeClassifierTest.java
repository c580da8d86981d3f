package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
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
}
