package dev.rca.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the times people write in a ledger ({@code at:} fields are free text): ISO-8601 instants and
 * offsets, local date-times and dates (taken as UTC), git's {@code 2026-11-20 09:12:00 +0100}, and a time
 * copied from a log line: fractions of a second after a point or a comma ({@code 2026-11-20 09:12:00,120}, as
 * logback and Python print them) and offsets with or without a colon, after a space or none ({@code 2026-11-20 09:12:00.120+0100}).
 */
public final class LooseInstant {
    /** What a message shows as the form to use. */
    public static final String EXAMPLE = "2026-11-20T09:12:00Z";
    // strict, so that 2026-02-30 is refused rather than read as 2026-02-28
    // every other form with an offset is first written as ISO's (LOG_OFFSET_TIME)
    private static final List<DateTimeFormatter> WITH_OFFSET = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    private static final List<DateTimeFormatter> LOCAL = List.of(
        DateTimeFormatter.ISO_LOCAL_DATE_TIME,
        strict(' '));
    /**
     * A date and time with an offset in any of the ways a log line writes one: {@code T} or a space between them,
     * a space or none before the offset, {@code Z}, {@code +01:00} or {@code +0100}.
     */
    private static final Pattern LOG_OFFSET_TIME = Pattern.compile(
        "(\\d{4}-\\d\\d-\\d\\d)[T ](\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d{1,9})?)?) ?(?:(Z)|([+-]\\d\\d):?(\\d\\d))");
    /** A comma before the fraction of a second, which ISO-8601 allows and logback and Python print. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("(?<=\\d:\\d\\d),(?=\\d)");

    private LooseInstant() {
    }

    /** {@code uuuu-MM-dd<separator>HH:mm[:ss[.fraction]]}, strict. */
    private static DateTimeFormatter strict(char separator) {
        return new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'" + separator + "'HH:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    }

    /** True when {@code text} is written but names no time rca can place (a hand-edited "yesterday"). */
    public static boolean isUnreadable(String text) {
        return text != null && !text.isBlank() && parse(text) == null;
    }

    /** The instant {@code text} names, or null when it is empty or not a time rca can place. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = DECIMAL_COMMA.matcher(text.strip()).replaceFirst(".");
        java.util.regex.Matcher logTime = LOG_OFFSET_TIME.matcher(t);
        if (logTime.matches()) {
            t = logTime.group(1) + "T" + logTime.group(2)
                + (logTime.group(3) != null ? "Z" : logTime.group(4) + ":" + logTime.group(5));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not an instant; try the other forms
        }
        for (DateTimeFormatter f : WITH_OFFSET) {
            try {
                return OffsetDateTime.parse(t, f).toInstant();
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
