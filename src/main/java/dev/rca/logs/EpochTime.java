package dev.rca.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A log's time written as a count since 1970 (zap's {@code "ts":1733472000.123}, pino's {@code "time":1733472000123},
 * zerolog's Unix formats, journald's {@code __REALTIME_TIMESTAMP} in microseconds, log4j2's {@code "instant"} object)
 * shown as ISO 8601 in UTC, as the other layouts' times read: such a count names its instant in full, so nothing is
 * guessed. The unit is told by the size: only counts that fall between 1990 and 2100 in seconds, milliseconds,
 * microseconds or nanoseconds are times (their ranges do not overlap); any other number (a duration of 12 seconds
 * under {@code time}) is left as written.
 */
final class EpochTime {
    private static final long FIRST_SECOND = 631_152_000L; // 1990-01-01T00:00:00Z
    private static final long LAST_SECOND = 4_102_444_800L; // 2100-01-01T00:00:00Z
    private static final DateTimeFormatter SECONDS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private EpochTime() {
    }

    /** {@code value} as ISO 8601 in UTC when it is a count since 1970 of a plausible time, else {@code value}. */
    static String orAsWritten(String value) {
        if (value == null) {
            return null;
        }
        String iso = value.startsWith("{") ? log4jInstant(value) : count(value);
        return iso == null ? value : iso;
    }

    /**
     * {@code digits[.digits]} as a time: the whole part's length says the unit (10 digits or 9 from 1990 to 2001
     * seconds, 12 or 13 milliseconds, 15 or 16 microseconds, 18 or 19 nanoseconds), the fraction's digits are kept.
     */
    private static String count(String value) {
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 19 || !LogMasker.allAsciiDigits(whole, 0, whole.length()) || !LogMasker.allAsciiDigits(fraction, 0, fraction.length())
            || dot >= 0 && fraction.isEmpty()) {
            return null;
        }
        for (int scale = 0; scale <= 9; scale += 3) {
            int secondsDigits = whole.length() - scale;
            if (secondsDigits < 9 || secondsDigits > 10) {
                continue;
            }
            long seconds = Long.parseLong(whole.substring(0, secondsDigits));
            if (seconds < FIRST_SECOND || seconds >= LAST_SECOND) {
                return null;
            }
            return format(seconds, whole.substring(secondsDigits) + fraction);
        }
        return null;
    }

    /** log4j2's JSON layouts: {@code "instant":{"epochSecond":1733472000,"nanoOfSecond":123000000}}. */
    private static String log4jInstant(String value) {
        Map<String, String> members = FlatJson.parseObject(value);
        String seconds = members == null ? null : members.get("epochSecond");
        String nanos = members == null ? null : members.getOrDefault("nanoOfSecond", "0");
        if (seconds == null || nanos == null || seconds.isEmpty() || seconds.length() > 10 || !LogMasker.allAsciiDigits(seconds, 0, seconds.length())
            || nanos.isEmpty() || nanos.length() > 9 || !LogMasker.allAsciiDigits(nanos, 0, nanos.length())) {
            return null;
        }
        long second = Long.parseLong(seconds);
        if (second < FIRST_SECOND || second >= LAST_SECOND) {
            return null;
        }
        // in milliseconds or microseconds where the clock gave no finer
        String fraction = "0".repeat(9 - nanos.length()) + nanos;
        while (fraction.endsWith("000")) {
            fraction = fraction.substring(0, fraction.length() - 3);
        }
        return format(second, fraction);
    }

    private static String format(long seconds, String fraction) {
        return SECONDS.format(Instant.ofEpochSecond(seconds)) + (fraction.isEmpty() ? "" : "." + fraction) + "Z";
    }
}
