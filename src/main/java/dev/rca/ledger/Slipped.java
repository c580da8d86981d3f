package dev.rca.ledger;

import java.util.Set;

/** Why the bug slipped through: one of {@link #CATEGORIES} and an explanation. */
public record Slipped(String category, String text) {
    /** The categories DESIGN.md allows. */
    public static final Set<String> CATEGORIES = Set.of("ci-gap", "latent-code", "workload-gap",
        "incomplete-prior-fix", "review-miss", "no-good-reason");
}
