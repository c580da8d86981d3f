package dev.rca.postmortem;

import java.util.Locale;
import java.util.Optional;

/**
 * The nine sections of a post-mortem, in the order they are written, under a {@code # <TICKET>: <title>}
 * heading. The renderer writes them from this list and {@code rca lint} checks documents against it, so
 * the titles live here and nowhere else.
 */
public enum PostmortemSection {
    SUMMARY("Summary", true),
    SYMPTOM("Symptom", false),
    ROOT_CAUSE("Root cause", true),
    WHY_SYMPTOM("Why it produced the symptom", false),
    FIX("Fix", true),
    HOW_FOUND("How it was found", false),
    SLIPPED("Why it slipped through", false),
    VALIDATION("Validation", true),
    ACTION_ITEMS("Action items", false);

    private final String title;
    private final boolean mandatory;

    PostmortemSection(String title, boolean mandatory) {
        this.title = title;
        this.mandatory = mandatory;
    }

    /** The heading text, e.g. {@code Root cause}. */
    public String title() {
        return title;
    }

    /** The Markdown heading line, e.g. {@code ## Root cause}. */
    public String heading() {
        return "## " + title;
    }

    /** True for the sections no post-mortem may leave out: Summary, Root cause, Fix, Validation. */
    public boolean mandatory() {
        return mandatory;
    }

    /**
     * The section a heading text names, ignoring case, runs of blanks and a trailing colon or period, so
     * {@code ## Root Cause:} is taken for Root cause rather than reported as both unknown and missing.
     */
    public static Optional<PostmortemSection> fromTitle(String headingText) {
        // tried only where a run of colons and periods starts: from each one inside, the rest of a long run was read
        // again (100,000 colons, minutes), and no match starts there that the run's start would not have found
        String wanted = headingText.strip().replaceAll("(?<![:.])[:.]+$", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (PostmortemSection section : values()) {
            if (section.title.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }
}
