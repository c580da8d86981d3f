package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rca's own log patterns over a line of 200,000 characters on the launcher's 4 MiB stack: a repeated group matched by
 * recursion once per repetition overflowed it (RCA-13's action item; RFC 5424's structured data is tested with the
 * other long lines in LongMessagePatternTest).
 */
class LongLogLineTest {
    @TempDir
    Path tmp;

    @Test
    void logsDiffMasksALongIsoDuration() throws IOException {
        String duration = "PT" + "1H".repeat(100_000);
        Path good = tmp.resolve("good.log");
        Path bad = tmp.resolve("bad.log");
        Files.writeString(good, "start\nwaited " + duration + "\nend\n");
        Files.writeString(bad, "start\nwaited " + duration + "\nfailed\nend\n");
        CliResult r = Cli.runOnLauncherStack(tmp, "logs", "diff", "good.log", "bad.log");
        assertEquals(new CliResult(1, "--- good.log (3 lines)\n+++ bad.log (4 lines)\n"
            + "first divergence: good.log line 3, bad.log line 3\n@@ -2,0 +3,1 @@\n+3\tfailed\n"
            + "0 lines only in good.log, 1 only in bad.log, in 1 place\n", ""), r);
    }

    /** The possessive structured data parses the lines, into the same fields, that the greedy one did. */
    @Test
    void theSyslogPatternParsesWhatItParsedBefore() {
        Pattern old = Pattern.compile("^(?:<(\\d{1,3})>)?1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) "
            + "(-|(?:\\[(?:[^\\]\\\\\"]|\\\\.|\"(?:[^\"\\\\]|\\\\.)*+\")*+\\])+)(?: (.*))?$");
        int parsed = 0;
        for (String line : randomLines("<165>1 2026-11-21T11:11:38.003Z host app 1234 ID47 ",
            new String[] {"[", "]", "\"", "\\", "a", " ", "=", "-", "]["})) {
            Matcher m = old.matcher(line);
            LogEntry entry = LogFormat.SYSLOG5424.parse(1, line);
            assertEquals(m.matches(), entry != null, line);
            if (entry != null) {
                String message = m.group(8) == null ? "" : m.group(8);
                String expected = m.group(7).equals("-") ? message : message.isEmpty() ? m.group(7) : m.group(7) + " "
                    + message;
                assertEquals(expected, entry.message(), line);
                parsed++;
            }
        }
        assertTrue(parsed > 1_000, "parsed " + parsed);
    }

    /** The possessive ISO 8601 duration masks the same text as before. */
    @Test
    void theDurationPatternMasksWhatItMaskedBefore() {
        // written out without possessive quantifiers (Go's compound durations and spelled-out units since
        // reviewer-107)
        Pattern old = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|h|m|s)){2,}(?!\\w)"
            + "|\\d+(?:\\.\\d+)?(?:(?:ns|us|µs|ms|s|sec|secs|m|min|mins|h|hr|hrs)"
            + "|\\s(?:ns|us|µs|ms|s|sec|secs|seconds?|mins?|minutes?|hrs?|hours?|milliseconds?|millis|microseconds?"
            + "|nanoseconds?))(?!\\w)"
            + "|P(?:\\d+D)?T(?:\\d+(?:\\.\\d+)?[HMS])+(?!\\w)");
        Pattern now = Pattern.compile(LogMasker.DURATION);
        int masked = 0;
        for (String text : randomLines("", new String[] {"P", "T", "1", "2", "D", "H", "M", "S", ".", " ", "x", "_",
            "ms", "PT", "m", "s", "h"})) {
            String expected = old.matcher(text).replaceAll("<duration>");
            assertEquals(expected, now.matcher(text).replaceAll("<duration>"), text);
            masked += expected.equals(text) ? 0 : 1;
        }
        assertTrue(masked > 1_000, "masked " + masked);
    }

    /** 100,000 lines of up to 12 of {@code parts}, half of them after {@code prefix}. */
    private static List<String> randomLines(String prefix, String[] parts) {
        Random random = new Random(34);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? prefix : "");
            for (int n = random.nextInt(13); n > 0; n--) {
                line.append(parts[random.nextInt(parts.length)]);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
