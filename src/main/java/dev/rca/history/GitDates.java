package dev.rca.history;

import dev.rca.RcaException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the dates {@code --since} and {@code --until} take, with git's results for the forms people
 * type: ISO dates ({@code 2024-03-01}, {@code 2024-03-01 12:00}, {@code 2024-03-01T12:00:00+02:00}),
 * relative dates ({@code 2.weeks.ago}, {@code 3 days ago}, {@code yesterday}, {@code now}) and epoch
 * seconds ({@code @1700000000}).
 *
 * <p>Like git, a date without a time of day means that date at the current time of day, and months
 * and years are counted on the calendar in the local time zone while days and weeks are exact multiples
 * of 24 hours.
 */
public final class GitDates {
    private static final Pattern ISO = Pattern.compile(
        "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[t ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*(z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern RELATIVE_PART = Pattern.compile("(\\d+)?\\s*([a-z]+)");

    private GitDates() {
    }

    /**
     * The date as epoch seconds.
     *
     * @param text what the user typed
     * @param now the current time
     * @param zone the local time zone (git uses {@code TZ})
     * @throws RcaException exit 2 when the date is not in a form rca understands
     */
    public static long parse(String text, Instant now, ZoneId zone) {
        try {
            return parseOrThrow(text, now, zone);
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            // digits too many for a long, or a date java.time cannot hold: the user's typo, not rca's bug
            throw RcaException.usage("the date '" + text + "' is out of range");
        }
    }

    private static long parseOrThrow(String text, Instant now, ZoneId zone) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("now")) {
            return now.getEpochSecond();
        }
        if (t.matches("@\\d+")) {
            return Long.parseLong(t.substring(1));
        }
        if (t.matches("\\d{9,}")) {
            return Long.parseLong(t);
        }
        Matcher iso = ISO.matcher(t);
        if (iso.matches()) {
            return parseIso(iso, now, zone, text);
        }
        Long relative = parseRelative(t, now, zone);
        if (relative != null) {
            return relative;
        }
        throw unknown(text);
    }

    private static long parseIso(Matcher m, Instant now, ZoneId zone, String text) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
            ZoneId at = m.group(7) == null ? zone
                : m.group(7).equals("z") ? ZoneOffset.UTC : ZoneOffset.of(withColon(m.group(7)));
            LocalTime time = m.group(4) == null
                ? now.atZone(at).toLocalTime().withNano(0)
                : LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return ZonedDateTime.of(date, time, at).toEpochSecond();
        } catch (DateTimeException e) {
            throw unknown(text);
        }
    }

    private static String withColon(String offset) {
        return offset.contains(":") ? offset : offset.substring(0, 3) + ":" + offset.substring(3);
    }

    private static Long parseRelative(String t, Instant now, ZoneId zone) {
        String s = t.replace('.', ' ').replace('_', ' ').trim();
        if (s.endsWith(" ago")) {
            s = s.substring(0, s.length() - 4).trim();
        }
        if (s.equals("yesterday")) {
            s = "1 day";
        }
        ZonedDateTime when = now.atZone(zone);
        Matcher m = RELATIVE_PART.matcher(s);
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (!s.substring(end, m.start()).isBlank()) {
                return null;
            }
            long n = m.group(1) == null ? 1 : Long.parseLong(m.group(1));
            String unit = m.group(2);
            if (unit.endsWith("s") && unit.length() > 3) {
                unit = unit.substring(0, unit.length() - 1);
            }
            when = switch (unit) {
                case "sec", "second" -> when.minusSeconds(n);
                case "min", "minute" -> when.minusMinutes(n);
                case "hour" -> when.minusHours(n);
                case "day" -> when.minusSeconds(Math.multiplyExact(n, 86_400L));
                case "week" -> when.minusSeconds(Math.multiplyExact(n, 604_800L));
                case "month" -> when.minusMonths(n);
                case "year" -> when.minusYears(n);
                default -> null;
            };
            if (when == null) {
                return null;
            }
            end = m.end();
            any = true;
        }
        return any && s.substring(end).isBlank() ? when.toEpochSecond() : null;
    }

    private static RcaException unknown(String text) {
        return RcaException.usage("cannot understand the date '" + text + "'")
            .withHint("use an ISO date (2024-03-01, 2024-03-01 12:00, 2024-03-01T12:00:00Z), "
                + "a relative one (2.weeks.ago, 3 days ago, yesterday) or @<epoch seconds>");
    }
}
