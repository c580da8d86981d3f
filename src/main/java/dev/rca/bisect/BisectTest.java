package dev.rca.bisect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test {@code bisect-helper run} decided the verdicts with, as the ledger's {@code bisect.run} records it, so
 * that a reader can tell what "bad" meant.
 *
 * @param command the test as one POSIX shell command line that runs what rca ran
 * @param repeat runs per chosen commit (at least 1)
 * @param flakeRate {@code --flake-rate} as given, or null
 */
public record BisectTest(String command, int repeat, String flakeRate) {
    public BisectTest {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("a bisection test needs a command");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
        }
    }

    /** The mapping {@code {command, repeat, flake_rate}}, the last two only when they say something. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        if (repeat > 1) {
            m.put("repeat", repeat);
        }
        if (flakeRate != null) {
            m.put("flake_rate", flakeRate);
        }
        return m;
    }

    /** The test from its mapping (see {@link #toMap}). */
    public static BisectTest fromMap(Map<?, ?> m) {
        Object repeat = m.get("repeat");
        Object rate = m.get("flake_rate");
        return new BisectTest((String) m.get("command"), repeat == null ? 1 : YamlBisectStore.number(repeat).intValue(),
            rate == null ? null : String.valueOf(rate));
    }
}
