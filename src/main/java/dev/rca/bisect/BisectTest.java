package dev.rca.bisect;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test {@code bisect-helper run} decided the verdicts with, as the ledger's {@code bisect.run} records it, so
 * that a reader can tell what "bad" meant, and a later run can go on as this one was asked to.
 *
 * @param command the test as one POSIX shell command line that runs what rca ran
 * @param repeat runs per chosen commit (at least 1)
 * @param flakeRate {@code --flake-rate} as given, or null
 * @param confidence the probability a flaky run was asked to reach, at which its end was judged; null for a
 *     deterministic run, and in a state written before rca recorded it
 * @param timeoutSeconds {@code --timeout}, or null
 */
public record BisectTest(String command, int repeat, String flakeRate, Double confidence, Long timeoutSeconds) {
    public BisectTest {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("a bisection test needs a command");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
        }
        if (confidence != null && !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutSeconds);
        }
    }

    /** A deterministic run's test, without a timeout. */
    public BisectTest(String command, int repeat, String flakeRate) {
        this(command, repeat, flakeRate, null, null);
    }

    /** This test with its end judged at {@code asked}. */
    public BisectTest judgedAt(double asked) {
        return new BisectTest(command, repeat, flakeRate, asked, timeoutSeconds);
    }

    /** {@code confidence} as a user would type it ({@code 0.99999}, not {@code 9.9999E-1}). */
    public static String typed(double confidence) {
        return BigDecimal.valueOf(confidence).stripTrailingZeros().toPlainString();
    }

    /** The mapping {@code {command, repeat, flake_rate, confidence, timeout}}, all but the first only when they say something. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        if (repeat > 1) {
            m.put("repeat", repeat);
        }
        if (flakeRate != null) {
            m.put("flake_rate", flakeRate);
        }
        if (confidence != null) {
            m.put("confidence", confidence);
        }
        if (timeoutSeconds != null) {
            m.put("timeout", timeoutSeconds);
        }
        return m;
    }

    /** The test from its mapping (see {@link #toMap}); a ledger gives the numbers as text. */
    public static BisectTest fromMap(Map<?, ?> m) {
        Object repeat = m.get("repeat");
        Object rate = m.get("flake_rate");
        Object confidence = m.get("confidence");
        Object timeout = m.get("timeout");
        return new BisectTest((String) m.get("command"), repeat == null ? 1 : YamlBisectStore.number(repeat).intValue(),
            rate == null ? null : String.valueOf(rate),
            confidence == null ? null : YamlBisectStore.number(confidence).doubleValue(),
            timeout == null ? null : YamlBisectStore.number(timeout).longValue());
    }
}
