package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDiffTest {
    @TempDir
    Path tmp;

    private LogDiffResult diff(List<String> good, List<String> bad) throws IOException {
        Path a = tmp.resolve("good.log");
        Path b = tmp.resolve("bad.log");
        Files.write(a, good);
        Files.write(b, bad);
        return LogDiff.compare(a, b, LogMasker.defaults(), Progress.NONE);
    }

    private static List<String> heartbeats(int count, int startSecond) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int s = startSecond + i;
            lines.add(String.format("2026-11-20 %02d:%02d:%02d,000 [main] INFO  Heartbeat - alive, queue %s",
                s / 3600 % 24, s / 60 % 60, s % 60, i % 3 == 0 ? "empty" : "busy"));
        }
        return lines;
    }

    @Test
    void emptyAndIdenticalLogsMatch() throws IOException {
        LogDiffResult empty = diff(List.of(), List.of());
        assertTrue(empty.matches());
        assertEquals(0, empty.goodLines());
        assertTrue(empty.firstDivergence().isEmpty());
        assertTrue(diff(heartbeats(50, 0), heartbeats(50, 7000)).matches());
    }

    private static String journalEntry(String cursor, long micros, String pid, String priority, String message) {
        return "{\"__CURSOR\":\"s=2b1f5c3a9d8e4f70a1b2c3d4e5f60718;" + cursor + "\",\"__REALTIME_TIMESTAMP\":\"" + micros
            + "\",\"PRIORITY\":\"" + priority + "\",\"SYSLOG_IDENTIFIER\":\"shop\",\"_PID\":\"" + pid
            + "\",\"MESSAGE\":\"" + message + "\"}";
    }

    /** Two runs exported with {@code journalctl -o json} differ in every cursor and pid, never in what they say. */
    @Test
    void journalExportsOfTwoRunsMatchAndDivergeWhereTheMessagesDo() throws IOException {
        List<String> good = List.of(
            journalEntry("i=1a2b;m=3c4d5e;t=5f6e7d8c9bab0", 1765015200123456L, "98", "6", "started worker 2"),
            journalEntry("i=1a2c;m=3c4d5f;t=5f6e7d8c9bab1", 1765015201000000L, "98", "6", "listening"));
        List<String> again = List.of(
            journalEntry("i=2ff;m=4d5e;t=6a7b8c9dab", 1765101600246912L, "412", "6", "started worker 2"),
            journalEntry("i=300;m=4d5f;t=6a7b8c9dac", 1765101601123456L, "412", "6", "listening"));
        assertTrue(diff(good, again).matches());
        List<String> bad = List.of(again.get(0),
            journalEntry("i=300;m=4d5f;t=6a7b8c9dac", 1765101601123456L, "412", "3", "listening"));
        assertEquals(new LogDiffResult.Divergence(2, 2), diff(good, bad).firstDivergence().orElseThrow());
    }

    @Test
    void aDifferentFileInEachRunsTemporaryDirectoryIsADifference() throws IOException {
        List<String> good = List.of("INFO loading /tmp/tmpab3x_9qz/conf/app.yaml", "INFO ready");
        assertTrue(diff(good, List.of("INFO loading /tmp/tmpk2j4/conf/app.yaml", "INFO ready")).matches());
        LogDiffResult r = diff(good, List.of("INFO loading /tmp/tmpk2j4/conf/app.yml", "INFO ready"));
        assertEquals(new LogDiffResult.Divergence(1, 1), r.firstDivergence().orElseThrow());
    }

    /** Two runs whose only difference is the version they ran, a calendar version: that is the divergence. */
    @Test
    void aVersionChangeIsADifference() throws IOException {
        List<String> good = List.of("2026-11-20 09:00:00,100 [main] INFO App - starting relay 2024.10.1 pid=812",
            "2026-11-20 09:00:00,200 [main] INFO App - ready in 120 ms");
        List<String> bad = List.of("2026-11-22 03:12:45,300 [main] INFO App - starting relay 2025.10.1 pid=977",
            "2026-11-22 03:12:45,400 [main] INFO App - ready in 95 ms");
        assertEquals(new LogDiffResult.Divergence(1, 1), diff(good, bad).firstDivergence().orElseThrow());
        List<String> again = List.of(bad.get(0).replace("2025.10.1", "2024.10.1"), bad.get(1));
        assertTrue(diff(good, again).matches());
    }

    @Test
    void extraLinesAtTheEndDivergeAtEndOfGoodLog() throws IOException {
        List<String> bad = new ArrayList<>(heartbeats(10, 0));
        bad.add("2026-11-20 00:00:10,000 [main] ERROR App - died");
        LogDiffResult r = diff(heartbeats(10, 100), bad);
        assertEquals(new LogDiffResult.Divergence(11, 11), r.firstDivergence().orElseThrow());
        assertEquals(List.of(new LogDiffHunk(11, 0, 11, 1)), r.hunks());
        assertEquals(List.of(new UnmatchedLine(UnmatchedLine.Side.BAD, 11, "2026-11-20 00:00:10,000 [main] ERROR App - died")),
            LogDiff.sample(r, 10));
    }

    /** A Docker json-file record is shown as the program's line inside it, not as its escaped JSON. */
    @Test
    void dockerRecordsAreShownAsTheProgramsLines() throws IOException {
        String ok = "{\"log\":\"INFO ready\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:00Z\"}";
        String failed = "{\"log\":\"ERROR\\tfailed\\n\",\"stream\":\"stderr\",\"time\":\"2026-12-07T10:00:01Z\"}";
        LogDiffResult r = diff(List.of(ok), List.of(ok.replace("2026-12-06", "2026-12-07"), failed));
        assertEquals(List.of(new UnmatchedLine(UnmatchedLine.Side.BAD, 2, "ERROR\tfailed")), LogDiff.sample(r, 10));
    }

    /**
     * A long run of repeated lines leaves the histogram diff no unique anchor; the bounded fallback must
     * still place a dropped line and an inserted block exactly, not replace the whole stretch.
     */
    @Test
    void repeatedLinesStillAlignExactlyBeyondTheMyersLimit() throws IOException {
        int n = LogDiff.MYERS_LIMIT;
        List<String> good = heartbeats(n, 0);
        List<String> bad = new ArrayList<>(heartbeats(n, 50_000));
        bad.remove(999);
        bad.addAll(15_000, List.of("2026-11-20 01:00:00,000 [main] ERROR Queue - stalled",
            "2026-11-20 01:00:00,001 [main] WARN  Queue - retrying"));
        LogDiffResult r = diff(good, bad);
        assertEquals(List.of(new LogDiffHunk(1000, 1, 1000, 0), new LogDiffHunk(15_002, 0, 15_001, 2)), r.hunks());
        assertEquals(1, r.onlyInGood());
        assertEquals(2, r.onlyInBad());
        List<UnmatchedLine> lines = LogDiff.sample(r, 10);
        assertEquals(3, lines.size());
        assertEquals(new UnmatchedLine(UnmatchedLine.Side.GOOD, 1000, good.get(999)), lines.get(0));
        assertEquals(new UnmatchedLine(UnmatchedLine.Side.BAD, 15_002, "2026-11-20 01:00:00,001 [main] WARN  Queue - retrying"),
            lines.get(2));
        assertEquals(1, LogDiff.sample(r, 1).size());
    }

    @Test
    void summaryForTheLedgerHoldsTheDivergenceAndASample() throws IOException {
        List<String> bad = new ArrayList<>(heartbeats(10, 0));
        bad.add(3, "2026-11-20 00:00:03,500 [main] ERROR App - first");
        bad.add(4, "2026-11-20 00:00:03,600 [main] ERROR App - second");
        LogDiffResult r = diff(heartbeats(10, 0), bad);
        java.util.Map<String, Object> summary = new LogDiffReport(r, "good.log", "bad.log").summary(1);
        assertEquals("{\"match\":false,\"good\":{\"path\":\"good.log\",\"lines\":10},\"bad\":{\"path\":\"bad.log\","
            + "\"lines\":12},\"first_divergence\":{\"good_line\":4,\"bad_line\":4},\"only_in_good\":0,\"only_in_bad\":2,"
            + "\"unmatched\":[{\"side\":\"bad\",\"line\":4,\"text\":\"2026-11-20 00:00:03,500 [main] ERROR App - first\"}],"
            + "\"unmatched_cut\":true}", dev.rca.json.Json.write(summary));
    }

    @Test
    void hashesSpreadSimilarLines() {
        assertTrue(LogDiff.hash64("a") != LogDiff.hash64("b"));
        assertTrue(LogDiff.hash64("line 1") != LogDiff.hash64("line 2"));
    }
}
