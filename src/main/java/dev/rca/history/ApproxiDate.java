package dev.rca.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * git's date parser ({@code date.c}: {@code parse_date_basic}, then {@code approxidate_str}), read strictly. git
 * skips what it does not understand and answers "now" when it understood nothing, so {@code --since=today},
 * {@code --since="a week ago"} or {@code --since=@123} quietly mean the current time; here any word or number git
 * would skip makes the date unparsable instead, and everything git does act on is read as git reads it: month
 * and weekday names, {@code yesterday}, {@code noon}, {@code midnight}, {@code tea}, {@code am}/{@code pm},
 * {@code never}, {@code now}, {@code last}, {@code one} to {@code ten}, units from seconds to years, times
 * ({@code 17:00}), dates ({@code 2026/12/01}, {@code 12/01/2026}, {@code 01.12.2026}), zones ({@code +0100},
 * {@code UTC}, {@code CET}) and epoch seconds (nine digits or more, or {@code @<n> +0000}).
 *
 * <p>One clock: every use of "now" is the instant given, also where git's {@code parse_date_basic} reads the system
 * clock (its check that an mm/dd date is not more than ten days ahead) while its {@code approxidate} reads
 * {@code GIT_TEST_DATE_NOW}. In a real run both are the current time, as the command's start is here; a fixed clock
 * (a test's) then governs every date alike instead of half of them.
 *
 * <p>One parse, one instance: it holds git's {@code struct tm}, fields unset at -1 (month 0-based, year in full).
 */
final class ApproxiDate {
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    private static final String[] WEEKDAYS = {"sundays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays",
        "saturdays"};
    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten"};
    private static final Unit[] UNITS = {new Unit("seconds", 1), new Unit("minutes", 60), new Unit("hours", 3600),
        new Unit("days", 86_400), new Unit("weeks", 604_800)};
    private static final Zone[] ZONES = {new Zone("idlw", -12, 0), new Zone("nt", -11, 0), new Zone("cat", -10, 0),
        new Zone("hst", -10, 0), new Zone("hdt", -10, 1), new Zone("yst", -9, 0), new Zone("ydt", -9, 1),
        new Zone("pst", -8, 0), new Zone("pdt", -8, 1), new Zone("mst", -7, 0), new Zone("mdt", -7, 1),
        new Zone("cst", -6, 0), new Zone("cdt", -6, 1), new Zone("est", -5, 0), new Zone("edt", -5, 1),
        new Zone("ast", -3, 0), new Zone("adt", -3, 1), new Zone("wat", -1, 0), new Zone("gmt", 0, 0),
        new Zone("utc", 0, 0), new Zone("z", 0, 0), new Zone("wet", 0, 0), new Zone("bst", 0, 1),
        new Zone("cet", 1, 0), new Zone("met", 1, 0), new Zone("mewt", 1, 0), new Zone("mest", 1, 1),
        new Zone("cest", 1, 1), new Zone("mesz", 1, 1), new Zone("fwt", 1, 0), new Zone("fst", 1, 1),
        new Zone("eet", 2, 0), new Zone("eest", 2, 1), new Zone("wast", 7, 0), new Zone("wadt", 7, 1),
        new Zone("cct", 8, 0), new Zone("jst", 9, 0), new Zone("east", 10, 0), new Zone("eadt", 10, 1),
        new Zone("gst", 10, 0), new Zone("nzt", 12, 0), new Zone("nzst", 12, 0), new Zone("nzdt", 12, 1),
        new Zone("idle", 12, 0)};
    /** git's object header date, {@code @<epoch> +hhmm}: any epoch, 0 too. */
    private static final Pattern HEADER_DATE = Pattern.compile("@(\\d+) [+-]\\d{4}");

    /** A unit of relative dates: its name in full, which git takes less its last letter too. */
    private record Unit(String name, long seconds) {
    }

    /** A zone name git knows, hours east of UTC, and 1 where git adds an hour to it ("we like summer"). */
    private record Zone(String name, int hoursEast, int summer) {
    }

    /** Something git would have skipped: the date as a whole is not understood. */
    static final class Skipped extends RuntimeException {
        Skipped() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private final long now;
    private final ZoneId zone;
    private int year = -1;
    private int mon = -1;
    private int mday = -1;
    private int hour = -1;
    private int min = -1;
    private int sec = -1;
    private int wday;
    /** Minutes east of UTC that the text named, or null. */
    private Integer offset;
    private boolean gmt;
    /** Whether the text named a date (a month or digits with separators), beside which a weekday is only noise. */
    private boolean dateNamed;
    private boolean weekdayNamed;
    /** The daylight saving in effect at the time last read into the fields (tm_isdst), -1 for none read. */
    private int dstSavings = -1;

    private ApproxiDate(String text, Instant now, ZoneId zone) {
        this.s = text.toLowerCase(Locale.ROOT);
        this.now = now.getEpochSecond();
        this.zone = zone;
    }

    /**
     * The date as epoch seconds, as git reads it.
     *
     * @throws Skipped when git would skip part of it, or understand none of it
     */
    static long parse(String text, Instant now, ZoneId zone) {
        Long basic = new ApproxiDate(text, now, zone).basic();
        return basic != null ? basic : new ApproxiDate(text, now, zone).approximate();
    }

    // ---- parse_date_basic: a full date and time, optionally with a zone

    private Long basic() {
        int i = 0;
        if (s.startsWith("@")) {
            Matcher header = HEADER_DATE.matcher(s);
            if (header.matches()) {
                return Long.parseLong(header.group(1));
            }
            i = 1;
        }
        try {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (isAlpha(c)) {
                    i += basicWord(i);
                } else if (isDigit(c)) {
                    i += basicNumber(i);
                } else if ((c == '-' || c == '+') && i + 1 < s.length() && isDigit(s.charAt(i + 1))) {
                    i += zoneOffset(i);
                } else {
                    i++;
                }
            }
        } catch (Skipped e) {
            return null;
        }
        if (year < 1970 || year > 2099 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0) {
            return null;
        }
        long utc = utcSeconds(year, mon, mday, hour, min, sec);
        if (gmt) {
            return utc;
        }
        if (offset == null) {
            dstSavings = -1; // parse_date_basic leaves tm_isdst at -1: mktime finds it
            return local(year, mon, mday, hour, min, sec);
        }
        return utc - offset * 60L;
    }

    private int basicWord(int i) {
        String word = alnumRun(i);
        if (alphaRun(i).equals("t") && word.length() > 1) {
            return 1; // ISO 8601's T between date and time, which git skips as a word it does not know
        }
        if (monthOrWeekday(word)) {
            return alphaRun(i).length();
        }
        for (Zone z : ZONES) {
            int match = prefixMatch(word, z.name());
            if (match >= 3 || match == z.name().length()) {
                if (offset == null) {
                    offset = 60 * (z.hoursEast() + z.summer());
                }
                return match;
            }
        }
        if (word.equals("pm") || word.equals("am")) {
            if (hour < 0) {
                throw new Skipped();
            }
            hour = hour % 12 + (word.equals("pm") ? 12 : 0);
            return 2;
        }
        throw new Skipped();
    }

    /** Sets the month, or passes over a weekday (git's basic parse keeps it unused); false when it is neither. */
    private boolean monthOrWeekday(String word) {
        for (int k = 0; k < 12; k++) {
            if (prefixMatch(word, MONTHS[k]) >= 3) {
                mon = k;
                return true;
            }
        }
        return isWeekday(word);
    }

    private int basicNumber(int i) {
        int end = digitsEnd(i);
        long num = number(i, end);
        if (num >= 100_000_000 && year < 0 && mon < 0 && mday < 0 && hour < 0 && min < 0 && sec < 0) {
            ZonedDateTime t = Instant.ofEpochSecond(num).atZone(ZoneOffset.UTC);
            setFields(t);
            gmt = true;
            return end - i;
        }
        int multi = multiNumber(num, i, end, now);
        if (multi > 0) {
            return multi;
        }
        int n = end - i;
        if (n == 8) {
            if (!setDate((int) (num / 10000), (int) (num % 10000 / 100), (int) (num % 100))) {
                throw new Skipped();
            }
            return n;
        }
        if (n == 6) {
            if (!setTime(num / 10000, num % 10000 / 100, num % 100)) {
                throw new Skipped();
            }
            return n;
        }
        if (n == 4) {
            if (num <= 1400 && offset == null) {
                offset = (int) (num / 100 * 60 + num % 100);
            } else if (num > 1900 && num < 2100) {
                year = (int) num;
            } else {
                throw new Skipped();
            }
            return n;
        }
        if (n > 2) {
            throw new Skipped();
        }
        if (num > 0 && num < 32 && mday < 0) {
            mday = (int) num;
        } else if (n == 2 && year < 0 && num < 10 && mday >= 0) {
            year = 2000 + (int) num;
        } else if (n == 2 && year < 0 && num >= 70) {
            year = 1900 + (int) num;
        } else if (num > 0 && num < 13 && mon < 0) {
            mon = (int) num - 1;
        } else {
            throw new Skipped();
        }
        return n;
    }

    private int zoneOffset(int i) {
        int end = digitsEnd(i + 1);
        int n = end - (i + 1);
        int h = (int) Math.min(number(i + 1, end), Integer.MAX_VALUE);
        int m = 0;
        if (n == 4) {
            m = h % 100;
            h /= 100;
        } else if (n != 2) {
            throw new Skipped();
        } else if (end < s.length() && s.charAt(end) == ':') {
            int minutesEnd = digitsEnd(end + 1);
            if (minutesEnd - (i + 1) != 5) {
                throw new Skipped();
            }
            m = (int) number(end + 1, minutesEnd);
            end = minutesEnd;
        }
        if (m >= 60 || h >= 24) {
            throw new Skipped();
        }
        offset = (h * 60 + m) * (s.charAt(i) == '-' ? -1 : 1);
        return end - i;
    }

    // ---- approxidate_str: everything else, counted from now in the local zone

    private long approximate() {
        ZonedDateTime current = Instant.ofEpochSecond(now).atZone(zone);
        setFields(current);
        year = -1;
        mon = -1;
        mday = -1;
        long[] num = {0};
        boolean touched = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                pendingNumber(num);
                i = approxNumber(i, num);
                touched = true;
            } else if (isAlpha(c)) {
                i = approxWord(i, num, current);
                touched = true;
            } else {
                i++;
            }
        }
        pendingNumber(num);
        if (!touched || weekdayNamed && !dateNamed) {
            throw new Skipped();
        }
        return updateTm(current, 0);
    }

    private int approxNumber(int i, long[] num) {
        int end = digitsEnd(i);
        long number = number(i, end);
        int multi = multiNumber(number, i, end, now);
        if (multi > 0) {
            return i + multi;
        }
        if (number == 0 || s.charAt(i) == '0' && end - i > 2) {
            throw new Skipped(); // git's "no number" and its skipped zero-padded one: "@0" would mean now
        }
        num[0] = number;
        return end;
    }

    private int approxWord(int i, long[] num, ZonedDateTime current) {
        String word = alnumRun(i);
        int end = i + alphaRun(i).length();
        for (int k = 0; k < 12; k++) {
            if (prefixMatch(word, MONTHS[k]) >= 3) {
                mon = k;
                dateNamed = true;
                return end;
            }
        }
        switch (word) {
            case "yesterday" -> {
                num[0] = 0;
                updateTm(current, 86_400);
                return end;
            }
            case "noon", "midnight", "tea" -> {
                pendingNumber(num);
                int at = word.equals("noon") ? 12 : word.equals("midnight") ? 0 : 17;
                if (hour < at) {
                    updateTm(current, 86_400);
                }
                hour = at;
                min = 0;
                sec = 0;
                return end;
            }
            case "pm", "am" -> {
                int h = hour;
                if (num[0] != 0) {
                    h = (int) Math.min(num[0], Integer.MAX_VALUE);
                    min = 0;
                    sec = 0;
                }
                num[0] = 0;
                hour = h % 12 + (word.equals("pm") ? 12 : 0);
                return end;
            }
            case "never" -> {
                setFields(Instant.EPOCH.atZone(zone));
                num[0] = 0;
                return end;
            }
            case "now" -> {
                num[0] = 0;
                updateTm(current, 0);
                return end;
            }
            case "ago", "at", "and" -> {
                // words git skips that only make the phrase English: "3 days ago", "yesterday at noon"
                return end;
            }
            default -> {
                // below
            }
        }
        if (num[0] == 0) {
            for (int k = 1; k < NUMBERS.length; k++) {
                if (word.equals(NUMBERS[k])) {
                    num[0] = k;
                    return end;
                }
            }
            if (word.equals("last")) {
                num[0] = 1;
                return end;
            }
            if (isWeekday(word)) {
                weekdayNamed = true; // "Sat Dec 5 2026": git skips it, as it may beside a date
                return end;
            }
            throw new Skipped();
        }
        for (Unit unit : UNITS) {
            if (prefixMatch(word, unit.name()) >= unit.name().length() - 1) {
                updateTm(current, Math.multiplyExact(unit.seconds(), num[0]));
                num[0] = 0;
                return end;
            }
        }
        for (int k = 0; k < 7; k++) {
            if (prefixMatch(word, WEEKDAYS[k]) >= 3) {
                long n = num[0] - 1;
                num[0] = 0;
                long diff = wday - k;
                if (diff <= 0) {
                    n++;
                }
                diff += 7 * n;
                updateTm(current, Math.multiplyExact(diff, 86_400L));
                return end;
            }
        }
        if (prefixMatch(word, "months") >= 5) {
            updateTm(current, 0);
            long n = Math.subtractExact(mon, num[0]);
            num[0] = 0;
            year = Math.toIntExact(year + Math.floorDiv(n, 12));
            mon = (int) Math.floorMod(n, 12);
            return end;
        }
        if (prefixMatch(word, "years") >= 4) {
            updateTm(current, 0);
            year = Math.toIntExact(year - num[0]);
            num[0] = 0;
            return end;
        }
        throw new Skipped();
    }

    /** git's {@code pending_number}: a number no word claimed is a day of the month, a month or a year. */
    private void pendingNumber(long[] num) {
        long n = num[0];
        if (n == 0) {
            return;
        }
        num[0] = 0;
        if (mday < 0 && n < 32) {
            mday = (int) n;
        } else if (mon < 0 && n < 13) {
            mon = (int) n - 1;
        } else if (year < 0 && n > 1969 && n < 2100) {
            year = (int) n;
        } else if (year < 0 && n > 69 && n < 100) {
            year = 1900 + (int) n;
        } else if (year < 0 && n < 38) {
            year = 2000 + (int) n;
        } else {
            throw new Skipped();
        }
    }

    /** git's {@code update_tm}: fills the date from now, steps back {@code seconds}, and reads the fields again. */
    private long updateTm(ZonedDateTime current, long seconds) {
        if (mday < 0) {
            mday = current.getDayOfMonth();
        }
        if (mon < 0) {
            mon = current.getMonthValue() - 1;
        }
        if (year < 0) {
            year = current.getYear();
            if (mon > current.getMonthValue() - 1) {
                year--;
            }
        }
        long n = Math.subtractExact(local(year, mon, mday, hour, min, sec), seconds);
        setFields(Instant.ofEpochSecond(n).atZone(zone));
        return n;
    }

    // ---- shared by both: num[-./:]num[same]num

    /** git's {@code match_multi_number}: a time or a date; the characters it took, or 0. */
    private int multiNumber(long num, int start, int end, long nowSeconds) {
        if (end + 1 >= s.length() || ":-/.".indexOf(s.charAt(end)) < 0 || !isDigit(s.charAt(end + 1))) {
            return 0;
        }
        char c = s.charAt(end);
        int end2 = digitsEnd(end + 1);
        long num2 = number(end + 1, end2);
        long num3 = -1;
        int last = end2;
        if (end2 + 1 < s.length() && s.charAt(end2) == c && isDigit(s.charAt(end2 + 1))) {
            last = digitsEnd(end2 + 1);
            num3 = number(end2 + 1, last);
        }
        if (c == ':') {
            if (!setTime(num, num2, Math.max(num3, 0))) {
                if (end - start == 4 && num > 1900 && num < 2100) {
                    return 0; // a year before its time, Apache's 10/Mar/2024:12:00:00: git reads the digits alone
                }
                throw new Skipped();
            }
            boolean dateKnown = year >= 0 && mon >= 0 && mday >= 0;
            if (last + 1 < s.length() && s.charAt(last) == '.' && isDigit(s.charAt(last + 1)) && dateKnown) {
                last = digitsEnd(last + 1);
            } else if (num3 >= 0 && last + 1 < s.length() && s.charAt(last) == ',' && isDigit(s.charAt(last + 1))) {
                // log4j's and Python's milliseconds (12:00:00,123): git skips up to three digits once the date is
                // known; before it, one or two are the day, and four it reads as a zone, six as a time
                int fractionEnd = digitsEnd(last + 1);
                if (!dateKnown || fractionEnd - last - 1 > 3) {
                    throw new Skipped();
                }
                last = fractionEnd;
            }
            return last - start;
        }
        int a = clamp(num);
        int b = clamp(num2);
        int d = clamp(num3);
        boolean done = num > 70 && (setDate(a, b, d) || setDate(a, d, b))
            || c != '.' && setDateNotFuture(d, a, b, nowSeconds)
            || setDateNotFuture(d, b, a, nowSeconds)
            || c == '.' && setDateNotFuture(d, a, b, nowSeconds);
        if (!done) {
            throw new Skipped();
        }
        dateNamed = true;
        return last - start;
    }

    /** git's {@code set_date} without a "now": sets the fields, whatever the date's distance from today. */
    private boolean setDate(int y, int month, int day) {
        if (month <= 0 || month >= 13 || day <= 0 || day >= 32) {
            return false;
        }
        int full = fullYear(y);
        if (y == -1 || full < 0) {
            return false;
        }
        mon = month - 1;
        mday = day;
        year = full;
        return true;
    }

    /**
     * git's {@code set_date} with a "now": refuses a date more than ten days ahead of it, the date read at the time
     * of day the fields hold. With no time of day read yet (a date before its time, {@code 12/25/2026 10:00}, in
     * {@code parse_date_basic}) git's {@code tm_to_time_t} answers -1 and nothing is refused.
     */
    private boolean setDateNotFuture(int y, int month, int day, long nowSeconds) {
        if (month <= 0 || month >= 13 || day <= 0 || day >= 32) {
            return false;
        }
        int full = y == -1 ? Instant.ofEpochSecond(nowSeconds).atZone(ZoneOffset.UTC).getYear() : fullYear(y);
        if (full < 0) {
            return false;
        }
        boolean timeKnown = hour >= 0 && min >= 0 && sec >= 0;
        if (timeKnown && nowSeconds + 10 * 86_400L < utcSeconds(full, month - 1, day, hour, min, sec)) {
            return false;
        }
        mon = month - 1;
        mday = day;
        if (y != -1) {
            year = full;
        }
        return true;
    }

    private static int fullYear(int y) {
        if (y >= 1970 && y < 2100) {
            return y;
        }
        if (y > 70 && y < 100) {
            return 1900 + y;
        }
        if (y >= 0 && y < 38) {
            return 2000 + y;
        }
        return -1;
    }

    private boolean setTime(long h, long m, long second) {
        if (h < 0 || h > 24 || m < 0 || m >= 60 || second < 0 || second > 60) {
            return false;
        }
        hour = (int) h;
        min = (int) m;
        sec = (int) second;
        return true;
    }

    private static boolean isWeekday(String word) {
        for (String name : WEEKDAYS) {
            if (prefixMatch(word, name) >= 3) {
                return true;
            }
        }
        return false;
    }

    // ---- the rest of struct tm

    private void setFields(ZonedDateTime t) {
        var rules = t.getZone().getRules();
        dstSavings = (int) rules.getDaylightSavings(t.toInstant()).getSeconds();
        year = t.getYear();
        mon = t.getMonthValue() - 1;
        mday = t.getDayOfMonth();
        hour = t.getHour();
        min = t.getMinute();
        sec = t.getSecond();
        wday = t.getDayOfWeek().getValue() % 7;
    }

    /**
     * mktime: the fields in the local zone, out-of-range ones carried over as C does. Like git's, it keeps the
     * daylight-saving flag of the last time it read (at first now's): "2026-12-01" asked in summer in Berlin is
     * 1 December at now's time of day read as summer time, an hour earlier than that time in winter.
     */
    private long local(int y, int month, int day, int h, int m, int second) {
        try {
            LocalDateTime wall = LocalDateTime.of(y, 1, 1, 0, 0).plusMonths(month).plusDays(day - 1L).plusHours(h)
                .plusMinutes(m).plusSeconds(second);
            ZonedDateTime resolved = wall.atZone(zone);
            if (dstSavings < 0) {
                return resolved.toEpochSecond();
            }
            int standard = zone.getRules().getStandardOffset(resolved.toInstant()).getTotalSeconds();
            return wall.toEpochSecond(ZoneOffset.ofTotalSeconds(standard + dstSavings));
        } catch (DateTimeException e) {
            throw new ArithmeticException(e.getMessage());
        }
    }

    private static long utcSeconds(int y, int month, int day, int h, int m, int second) {
        return LocalDateTime.of(y, 1, 1, 0, 0).plusMonths(month).plusDays(day - 1L).plusHours(h).plusMinutes(m)
            .plusSeconds(second).toEpochSecond(ZoneOffset.UTC);
    }

    // ---- characters

    /** git's {@code match_string}: how many characters of {@code word} begin {@code name}, or 0 if it strays. */
    private static int prefixMatch(String word, String name) {
        return name.startsWith(word) ? word.length() : 0;
    }

    private String alnumRun(int i) {
        int end = i;
        while (end < s.length() && (isAlpha(s.charAt(end)) || isDigit(s.charAt(end)))) {
            end++;
        }
        return s.substring(i, end);
    }

    private String alphaRun(int i) {
        int end = i;
        while (end < s.length() && isAlpha(s.charAt(end))) {
            end++;
        }
        return s.substring(i, end);
    }

    private int digitsEnd(int i) {
        int end = i;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private long number(int start, int end) {
        return Long.parseLong(s.substring(start, end));
    }

    private static int clamp(long n) {
        return (int) Math.max(-1, Math.min(n, Integer.MAX_VALUE));
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
