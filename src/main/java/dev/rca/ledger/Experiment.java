package dev.rca.ledger;

import java.util.Objects;

/**
 * An experiment {@code X<n>}: what was done ({@code action}) to test hypothesis {@code tests}, the result, and
 * when ({@code at}, as written; {@code null} when not recorded).
 */
public record Experiment(String id, String tests, String action, String result, String at) {
    public Experiment {
        if (!ItemKind.EXPERIMENT.isId(id)) {
            throw new IllegalArgumentException("not an experiment id: " + id);
        }
        Objects.requireNonNull(action, "action");
    }
}
