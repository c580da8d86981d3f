package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rca.RcaException;
import dev.rca.testing.NativeGit;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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

    private static long parse(String text) {
        return GitDates.parse(text, NOW, ZoneOffset.UTC);
    }
}
