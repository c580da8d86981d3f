package dev.rca.cli;

import dev.rca.history.GitDates;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** {@code --since}/{@code --until} (and git's aliases {@code --after}/{@code --before}), in git's date forms. */
final class DateRangeOptions {
    @Option(names = {"--since", "--after"}, paramLabel = "<date>",
        description = "Committed at or after <date> (2024-03-01, 2024-03-01 12:00, 2.weeks.ago, yesterday noon, @<epoch>).")
    String since;
    @Option(names = {"--until", "--before"}, paramLabel = "<date>", description = "Committed at or before <date>.")
    String until;

    /** {@code --since} in epoch seconds, relative dates counted from {@code now} in {@code zone}, or null. */
    Long sinceSeconds(Instant now, ZoneId zone) {
        return since == null ? null : GitDates.parse(since, now, zone);
    }

    /** {@code --until} in epoch seconds, relative dates counted from {@code now} in {@code zone}, or null. */
    Long untilSeconds(Instant now, ZoneId zone) {
        return until == null ? null : GitDates.parse(until, now, zone);
    }
}
