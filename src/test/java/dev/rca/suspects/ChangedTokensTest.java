package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedTokensTest {
    private static List<String> tokens(String line) {
        return CosmeticHunks.tokens(line);
    }

    /** {@code changed}'s places in the older line, aligned as the trace aligns them. */
    private static ChangedTokens before(ChangedTokens changed, String olderLine) {
        List<String> older = tokens(olderLine);
        return changed.before(ChangedTokens.align(changed.tokens(), older, 1000), older);
    }

    @Test
    void aRemovedTokenIsFollowedToItsOwnPlaceNotToAnotherOfTheSame() {
        // the fix removes the '=' of '<=' (index 8); 'i = 0' holds another '=' (index 3)
        List<String> now = tokens("for (i = 0; i <= n; i++)");
        ChangedTokens changed = new ChangedTokens(now, List.of(8), List.of());
        assertNull(before(changed, "for (i = 0; i < n; i++)"), "the older line had no '=' there: the commit brought it");
        assertEquals(List.of(8), before(changed, "for (i = 0; i <= n; i++) {").removed());
    }

    @Test
    void aGapIsCarriedOnlyWhereNothingStoodBetweenItsTokens() {
        // the fix inserts '- 1' between 'entry' (index 11) and ')' (index 12)
        List<String> now = tokens("memmove(entry, entry + 1, (end - entry) * size);");
        ChangedTokens changed = new ChangedTokens(now, List.of(), List.of(11));
        assertEquals(List.of(11), before(changed, "memmove(entry, entry + 1, (end - entry) * sizeof(e));").gaps());
        assertNull(before(changed, "memmove(entry, entry + 1, (end - entry - 1) * size);"),
            "the commit dropped '- 1' there");
    }

    @Test
    void anAlignmentOverTheLimitIsNotWorkedOut() {
        List<String> huge = Collections.nCopies(2_000, "x");
        assertNull(ChangedTokens.align(huge, huge, ChangedTokens.MAX_CELLS));
        ChangedTokens changed = new ChangedTokens(huge, List.of(0), List.of());
        assertNull(changed.in(Collections.nCopies(2_001, "x")), "a minified line is not traced");
        assertArrayEquals(new int[] {0, -1, 1}, ChangedTokens.align(List.of("a", "b", "c"), List.of("a", "c"), 100));
    }
}
