package dev.rca.ledger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reproduce the bug: a command and how often it fails, {@code deterministic} or {@code <failing>/<total>}.
 * Either may be {@code null} when the ledger does not say yet.
 */
public record Repro(String command, String rate) {
    private static final Pattern RATIO = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Repro {
        if (rate != null && !isRate(rate)) {
            throw new IllegalArgumentException("not a repro rate: " + rate);
        }
    }

    /** True for {@code deterministic} or {@code f/t} with {@code 0 <= f <= t} and {@code t > 0}. */
    public static boolean isRate(String rate) {
        if ("deterministic".equals(rate)) {
            return true;
        }
        Matcher m = RATIO.matcher(rate);
        return m.matches() && Long.parseLong(m.group(2)) > 0 && Long.parseLong(m.group(1)) <= Long.parseLong(m.group(2));
    }

    /** True when the repro is deterministic or fails in at least half of its runs. */
    public boolean reliable() {
        if (rate == null) {
            return false;
        }
        if ("deterministic".equals(rate)) {
            return true;
        }
        Matcher m = RATIO.matcher(rate);
        return m.matches() && 2 * Long.parseLong(m.group(1)) >= Long.parseLong(m.group(2));
    }
}
