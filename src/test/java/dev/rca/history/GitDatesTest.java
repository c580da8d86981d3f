package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rca.RcaException;
import dev.rca.testing.NativeGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitDatesTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");

    @TempDir
    Path tmp;

    @Test
    void relativeDatesCountBackFromNow() {
        assertEquals(NOW.getEpochSecond() - 14 * 86_400, parse("2.weeks.ago"));
        assertEquals(NOW.getEpochSecond() - 3 * 86_400, parse("3 days ago"));
        assertEquals(NOW.getEpochSecond() - 86_400, parse("yesterday"));
        assertEquals(NOW.getEpochSecond() - 5 * 3600 - 60, parse("5.hours.1.minute.ago"));
        assertEquals(Instant.parse("2026-10-21T10:15:30Z").getEpochSecond(), parse("1 month ago"));
        assertEquals(Instant.parse("2025-11-21T10:15:30Z").getEpochSecond(), parse("1.year.ago"));
        assertEquals(NOW.getEpochSecond(), parse("now"));
    }

    @Test
    void aDateWithoutATimeMeansThatDayAtTheCurrentTimeLikeGit() {
        assertEquals(Instant.parse("2026-01-01T10:15:30Z").getEpochSecond(), parse("2026-01-01"));
    }

    @Test
    void unknownFormsAreUsageErrors() {
        RcaException e = assertThrows(RcaException.class, () -> parse("next tuesday-ish"));
        assertEquals(2, e.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@99999999999999999999", "99999999999.years.ago", "9999999999999999999999.days.ago",
        "1000000000000000000.seconds.ago", "999999999999999999.weeks.ago"})
    void datesBeyondWhatATimeCanHoldAreUsageErrors(String date) {
        RcaException e = assertThrows(RcaException.class, () -> parse(date));
        assertEquals(2, e.exitCode());
        assertEquals("rca: error: the date '" + date + "' is out of range", e.render());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01 10:00", "2026-01-01T10:00:00Z", "2026-01-01 10:00 +0200",
        "2026-01-01T10:00:00+05:30", "2026-03-01 23:59:59", "@1767225600", "1767225600"})
    void absoluteDatesMatchGit(String date) {
        NativeGit.run(tmp, "init", "-q");
        String git = NativeGit.run(tmp, "rev-parse", "--since=" + date).trim();
        assertEquals(git, "--max-age=" + GitDates.parse(date, NOW, ZoneId.of("UTC")));
    }

    /** UTC, and Berlin in winter, summer and the night it changes (git's TZ as a POSIX rule: no zone files needed). */
    private static final List<ZonedDateTime> CLOCKS = List.of(
        NOW.atZone(ZoneOffset.UTC),
        NOW.atZone(ZoneId.of("Europe/Berlin")),
        Instant.parse("2026-07-15T08:00:00Z").atZone(ZoneId.of("Europe/Berlin")),
        Instant.parse("2026-03-29T00:30:00Z").atZone(ZoneId.of("Europe/Berlin")));

    static Stream<Arguments> formsGitTakes() {
        List<String> forms = List.of("@1767225600", "@0 +0000", "1767225600", "2.weeks", "2.weeks.ago",
            "2 weeks ago", "1 week 2 days ago", "5.hours.1.minute.ago", "10 minutes ago", "1,day,ago", "yesterday",
            "yesterday noon", "yesterday 5pm", "3 days ago at noon", "noon", "midnight", "tea", "5pm", "8am",
            "17:00", "now", "never", "last week", "last friday", "last monday", "one week ago", "two weeks ago",
            "1 month ago", "6 months ago", "last month", "1 year ago", "last year", "2026-12-01", "2026-3-1",
            "2026/12/01", "2026.12.01", "12/25/2025", "25.12.2025", "Dec 1 2026", "1 Dec 2026",
            "December 1, 2026", "Sat Dec 5 2026", "2026-03-31", "2026-01-01 10:00", "2026-01-01T10:00:00Z",
            "2026-01-01 10:00 +0200", "2026-01-01T10:00:00+05:30", "2026-11-30T12:00:00.123Z",
            "Mon Nov 30 12:00:00 2026 +0000", "Mon, 30 Nov 2026 12:00:00 -0800", "Tue, 1 Dec 2026 08:00:00 GMT",
            "2026-12-01 08:00 EST", "Nov 30 12:00:00 2026");
        return CLOCKS.stream().flatMap(clock -> forms.stream().map(form -> Arguments.of(form, clock)));
    }

    @ParameterizedTest
    @MethodSource("formsGitTakes")
    void datesMatchGitAtAFixedClockInTheLocalZone(String date, ZonedDateTime clock) {
        assertEquals(gitSince(date, clock), "--max-age=" + GitDates.parse(date, clock.toInstant(), clock.getZone()));
    }

    /**
     * A date of numbers with its year, before its time of day: git's {@code parse_date_basic} reads the date while
     * the time is still unknown, so its "not more than ten days ahead" check cannot compute the date and refuses
     * nothing; the month comes first (the day with dots). Each of these is weeks after the clock.
     */
    @ParameterizedTest
    @ValueSource(strings = {"12/25/2026 10:00", "12-25-2026 10:00:00", "25.12.2026 10:00", "12.25.2026 10:00",
        "12/25/2026 08:00 +0200", "1/2/2027 10:00"})
    void aDateBeforeItsTimeIsReadMonthFirstEvenAheadOfNowAsInGit(String date) {
        assertEquals(gitSince(date, NOW.atZone(ZoneOffset.UTC)), "--max-age=" + parse(date));
    }

    /**
     * mm/dd forms that git checks against now: without a year (counted back from now) and after a time of day. Only
     * dates before the clock, or within ten days of it, since git's {@code parse_date_basic} checks against the
     * system clock and not {@code GIT_TEST_DATE_NOW}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"11/25", "12/1", "25.11", "12/1/2026", "10:00 12/1/2026", "noon 11/30/2026",
        "10:00 6/20/2020", "10:00 12/25/2025"})
    void monthAndDayFormsCheckedAgainstNowMatchGit(String date) {
        assertEquals(gitSince(date, NOW.atZone(ZoneOffset.UTC)), "--max-age=" + parse(date));
    }

    /**
     * The ten days count from the command's clock, the instant its relative dates count from (a test's fixed one);
     * in a real run that is git's clock too. More than ten days ahead, month first is refused, and day first there
     * is no 25th month: git would read the numbers one by one into another date.
     */
    @Test
    void theTenDaysCountFromTheCommandsClock() {
        Instant tenDaysBefore = Instant.parse("2026-12-15T10:00:00Z");
        assertEquals(Instant.parse("2026-12-25T10:00:00Z").getEpochSecond(),
            GitDates.parse("10:00 12/25/2026", tenDaysBefore, ZoneOffset.UTC));
        RcaException e = assertThrows(RcaException.class,
            () -> GitDates.parse("10:00 12/25/2026", tenDaysBefore.minusSeconds(1), ZoneOffset.UTC));
        assertEquals("rca: error: cannot understand the date '10:00 12/25/2026'", e.render().lines().findFirst().get());
    }

    /**
     * Where git skips a word or number it does not understand, it answers another date than the one typed (mostly
     * now, so {@code git log --since=today} lists nothing): rca refuses those instead of answering wrongly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"today", "a week ago", "monday", "garbage", "@123", "12345", "0 days ago", "20260101"})
    void formsGitTakesForNowAreUsageErrors(String date) {
        assertEquals("--max-age=" + NOW.getEpochSecond(), gitSince(date, NOW.atZone(ZoneOffset.UTC)));
        RcaException e = assertThrows(RcaException.class, () -> parse(date));
        assertEquals(2, e.exitCode());
        assertEquals("rca: error: cannot understand the date '" + date + "'", e.render().lines().findFirst().get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10 mins ago", "10 sec ago", "yesterday at 25:00"})
    void formsGitReadsAsAnotherDateAreUsageErrors(String date) {
        assertNotEquals("--max-age=" + NOW.getEpochSecond(), gitSince(date, NOW.atZone(ZoneOffset.UTC)));
        assertEquals(2, assertThrows(RcaException.class, () -> parse(date)).exitCode());
    }

    /**
     * A comma fraction after the seconds that git does not drop: four digits it reads as a zone, six as the time of
     * day, and one or two before the date as the day of the month. rca refuses them; three or fewer after the date
     * (log4j's milliseconds) git drops, and so does rca.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2024-03-10 12:00:00,1234|2024-03-10 12:00:00",
        "2024-03-10 12:00:00,123456|2024-03-10 12:00:00", "12:00:00,5 Mar 2024|12:00:00 Mar 2024"})
    void aCommaFractionGitReadsAsAnotherFieldIsAUsageError(String date, String withoutFraction) {
        assertNotEquals(gitSince(withoutFraction, NOW.atZone(ZoneOffset.UTC)),
            gitSince(date, NOW.atZone(ZoneOffset.UTC)));
        assertEquals(2, assertThrows(RcaException.class, () -> parse(date)).exitCode());
        assertEquals(Instant.parse("2024-03-10T12:00:00Z").getEpochSecond(), parse("2024-03-10 12:00:00,123"));
    }

    @Test
    void aSmallEpochSaysWhatGitMakesOfIt() {
        assertEquals("""
            rca: error: cannot understand the date '@0'
            hint: git reads @<n> as epoch seconds only from @100000000 (1973-03-03) on; a smaller one it takes \
            for now""", assertThrows(RcaException.class, () -> parse("@0")).render().strip());
    }

    private String gitSince(String date, ZonedDateTime clock) {
        if (!Files.isDirectory(tmp.resolve(".git"))) {
            NativeGit.run(tmp, "init", "-q");
        }
        String tz = clock.getZone().equals(ZoneOffset.UTC) ? "UTC" : "CET-1CEST,M3.5.0,M10.5.0/3";
        NativeGit.Result r = NativeGit.exec(tmp, Map.of("GIT_TEST_DATE_NOW", String.valueOf(clock.toEpochSecond()),
            "TZ", tz), null, "rev-parse", "--since=" + date);
        assertEquals(0, r.exitCode(), r.err());
        return r.out().trim();
    }

    private static long parse(String text) {
        return GitDates.parse(text, NOW, ZoneOffset.UTC);
    }
}
