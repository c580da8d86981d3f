package dev.rca.postmortem;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The checks {@code rca lint} runs; each can be turned off by its id in {@code .rca.yaml}. */
public enum LintRule {
    /** The document does not start with one {@code # <TICKET>: <title>} heading. */
    TITLE("title"),
    /** Summary, Root cause, Fix or Validation is absent. */
    MISSING_SECTION("missing-section"),
    /** A section comes before one it should follow, or appears twice. */
    SECTION_ORDER("section-order"),
    /** A {@code ##} heading that is not one of the nine sections. */
    UNKNOWN_SECTION("unknown-section"),
    /** A section heading with nothing under it. */
    EMPTY_SECTION("empty-section"),
    /** Hedging words ("we believe", "might", "probably") in prose. */
    HEDGING("hedging"),
    /** Words that blame a person ("should have caught", "X's fault", "careless"). */
    BLAME("blame"),
    /** A SHA-looking hex run that does not resolve to a commit of the repository. */
    UNKNOWN_SHA("unknown-sha"),
    /** A Root cause section that names no function, file, field or commit: a summary, not the mechanism. */
    VAGUE_ROOT_CAUSE("vague-root-cause"),
    /** A Validation section that says nothing about what was and was not covered. */
    VALIDATION_COVERAGE("validation-coverage"),
    /** An action item without an owner or without a tracking reference. */
    ACTION_ITEM_OWNER("action-item-owner");

    private final String id;

    LintRule(String id) {
        this.id = id;
    }

    /** The kebab-case id printed in findings and used in {@code lint.disable}. */
    public String id() {
        return id;
    }

    /** The rule with this id. */
    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** Every id, comma-separated, for error messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(LintRule::id).collect(Collectors.joining(", "));
    }
}
