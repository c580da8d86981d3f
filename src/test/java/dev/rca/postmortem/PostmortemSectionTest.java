package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.RandomTexts;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostmortemSectionTest {
    /** The heading reading as it did when a trailing run of colons and periods was taken off by {@code [:.]+$}. */
    @Test
    void headingsAreNamedAsBefore() {
        int named = 0;
        for (String h : RandomTexts.of(35, 100_000, 7, "Root", " ", "cause", "Fix", ":", ".", "\t", "x", "Summary")) {
            Optional<PostmortemSection> expected = oldFromTitle(h);
            assertEquals(expected, PostmortemSection.fromTitle(h), h);
            named += expected.isPresent() ? 1 : 0;
        }
        assertTrue(named > 1_000, "too few headings name a section: " + named);
    }

    /** 200,000 colons inside a heading are read once, not once a colon. */
    @Test
    void aLongRunOfColonsIsReadOnce() {
        String colons = ":".repeat(200_000);
        assertEquals(Optional.empty(), PostmortemSection.fromTitle("Fix" + colons + "x"));
        assertEquals(Optional.of(PostmortemSection.FIX), PostmortemSection.fromTitle("Fix" + colons));
    }

    private static Optional<PostmortemSection> oldFromTitle(String headingText) {
        String wanted = headingText.strip().replaceAll("[:.]+$", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (PostmortemSection section : PostmortemSection.values()) {
            if (section.title().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }
}
