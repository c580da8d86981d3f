package dev.rca.ledger;

import dev.rca.io.PaddedSeparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An experiment {@code X<n>}: what was done ({@code action}) to test hypothesis {@code tests}, the result, and
 * when ({@code at}, as written; {@code null} when not recorded).
 */
public record Experiment(String id, String tests, String action, String result, String at) {
    private static final Pattern COMMA = PaddedSeparator.of(",");

    public Experiment {
        if (!ItemKind.EXPERIMENT.isId(id)) {
            throw new IllegalArgumentException("not an experiment id: " + id);
        }
        Objects.requireNonNull(action, "action");
    }

    /** The hypothesis ids {@code tests} names (one, or several separated by commas); empty when it names none. */
    public List<String> testedHypotheses() {
        return tests == null || tests.isBlank() ? List.of() : List.of(COMMA.split(tests.strip()));
    }
}
