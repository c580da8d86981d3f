package dev.rca.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.RandomTexts;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The separators rca splits or joins a person's text on, blanks around them included: {@code \R} (the timeline's
 * rows), {@code [\r\n]+} (a code span), {@code ,} (an experiment's hypotheses), {@code /} (a repro's rate) and
 * {@code \n} (rca reject's note). Written plainly they were quadratic over a long run of blanks.
 */
class PaddedSeparatorTest {
    /** The same splits and replacements as the plain {@code \s*(?:separator)\s*}, written out here, on random text. */
    @ParameterizedTest
    @ValueSource(strings = {"\\R", "[\r\n]+", ",", "/", "\n"})
    void matchesAsThePlainPatternDid(String separator) {
        Pattern old = Pattern.compile("\\s*(?:" + separator + ")\\s*");
        Pattern now = PaddedSeparator.of(separator);
        int changed = 0;
        for (String t : RandomTexts.of(35, 100_000, 13, " ", "\t", "\n", "\r", "\u000b", "\f", ",", "/", "a", "\u2028",
            "\u0085")) {
            assertArrayEquals(old.split(t), now.split(t), t);
            assertArrayEquals(old.split(t, -1), now.split(t, -1), t);
            String replaced = old.matcher(t).replaceAll("|");
            assertEquals(replaced, now.matcher(t).replaceAll("|"), t);
            changed += replaced.equals(t) ? 0 : 1;
        }
        assertTrue(changed > 25_000, "too few texts hold a separator: " + changed);
    }

    /** 200,000 blanks that no separator follows, and as many before one: read once, not once a blank. */
    @ParameterizedTest
    @ValueSource(strings = {"\\R", "[\r\n]+", ",", "/", "\n"})
    void aLongRunOfBlanksIsReadOnce(String separator) {
        Pattern now = PaddedSeparator.of(separator);
        String blanks = " ".repeat(200_000);
        String sep = separator.equals(",") || separator.equals("/") ? separator : "\n";
        assertEquals("a" + blanks + "b", now.matcher("a" + blanks + "b").replaceAll("|"));
        assertEquals(List.of("a" + blanks + "b", "c"), List.of(now.split("a" + blanks + "b" + blanks + sep + blanks + "c")));
        assertEquals("a|c", now.matcher("a" + blanks + sep + "\t" + blanks + "c").replaceAll("|"));
    }
}
