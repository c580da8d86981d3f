package dev.rca.history;

import dev.rca.RcaException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Parses the dates {@code --since} and {@code --until} take, as git does: ISO dates ({@code 2024-03-01},
 * {@code 2024-03-01 12:00}, {@code 2024-03-01T12:00:00+02:00}), git's own output ({@code Mon Nov 30 12:00:00 2026
 * +0000}), relative dates ({@code 2.weeks.ago}, {@code 3 days ago}, {@code last friday}, {@code yesterday noon},
 * {@code 5pm}) and epoch seconds ({@code @1700000000}).
 *
 * <p>Like git, a date without a time of day means that date at the current time of day, months and years are
 * counted on the calendar in the local time zone (a day past the month's end carries into the next month) while
 * days and weeks are exact multiples of 24 hours. Where git would skip a word or a number it does not understand,
 * and so answer another date than the one typed (often "now": {@code today}, {@code a week ago}, {@code @123}),
 * the date is a usage error instead.
 */
public final class GitDates {
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
            return ApproxiDate.parse(text == null ? "" : text, now, zone);
        } catch (ApproxiDate.Skipped e) {
            throw unknown(text);
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            // digits too many for a long, or a date java.time cannot hold: the user's typo, not rca's bug
            throw RcaException.usage("the date '" + text + "' is out of range");
        }
    }

    private static RcaException unknown(String text) {
        String hint = text != null && text.trim().matches("@\\d+")
            ? "git reads @<n> as epoch seconds only from @100000000 (1973-03-03) on; a smaller one it takes for now"
            : "use an ISO date (2024-03-01, 2024-03-01 12:00, 2024-03-01T12:00:00Z), a relative one (2.weeks.ago, "
                + "3 days ago, yesterday, last friday, noon) or @<epoch seconds>; 'today' is midnight";
        return RcaException.usage("cannot understand the date '" + text + "'").withHint(hint);
    }
}
