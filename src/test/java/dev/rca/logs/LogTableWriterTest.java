package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTableWriterTest {
    @Test
    void tableStartedBeforeTheEndLeavesRoomForLongLineNumbers() {
        StringBuilder out = new StringBuilder();
        LogTableWriter writer = new LogTableWriter(out, LogTableWriter.Style.TABLE, 0);
        for (int i = 1; i <= LogTableWriter.WIDTH_SAMPLE + 1; i++) {
            writer.write(new LogEntry(i * 1000L, 1, "12:00:00", "INFO", "main", "App", "m" + i));
        }
        writer.finish();
        String[] lines = out.toString().split("\n");
        assertEquals("   LINE  TIME      LEVEL  THREAD  SOURCE  MESSAGE", lines[0]);
        assertEquals("   1000  12:00:00  INFO   main    App     m1", lines[1]);
        assertEquals(" 101000  12:00:00  INFO   main    App     m101", lines[101]);
    }

    @Test
    void terminalWidthCutsEveryPrintedLine() {
        StringBuilder out = new StringBuilder();
        LogTableWriter writer = new LogTableWriter(out, LogTableWriter.Style.TABLE, 30);
        writer.write(new LogEntry(1, 2, null, "WARN", null, null, "a rather long message that goes on\nand a second line"));
        writer.finish();
        assertEquals("LINE  TIME  LEVEL  THREAD  SO…\n"
            + "   1  -     WARN   -       - …\n"
            + "                             …\n", out.toString());
    }

    /** Wide characters take two columns of a terminal: padded and cut by columns, not characters (reviewer-107). */
    @Test
    void wideCharactersArePaddedAndCutByTheColumnsTheyTake() {
        StringBuilder out = new StringBuilder();
        LogTableWriter writer = new LogTableWriter(out, LogTableWriter.Style.TABLE, 40);
        writer.write(new LogEntry(1, 1, null, "INFO", "主线程", "A", "日本語のメッセージ"));
        writer.write(new LogEntry(2, 1, null, "INFO", "main", "A", "x"));
        writer.finish();
        String[] lines = out.toString().split("\n");
        assertEquals("LINE  TIME  LEVEL  THREAD  SOURCE  MESS…", lines[0]);
        assertEquals("   1  -     INFO   主线程  A       日本…", lines[1]);
        assertEquals("   2  -     INFO   main    A       x", lines[2]);
        for (String line : lines) {
            assertTrue(dev.rca.io.TerminalColumns.of(line) <= 40, line);
        }
        assertEquals(2, dev.rca.io.TerminalColumns.of(0x1F600));
        assertEquals(0, dev.rca.io.TerminalColumns.of(0x0301));
        assertEquals(0, dev.rca.io.TerminalColumns.of(0x200D));
        assertEquals(1, dev.rca.io.TerminalColumns.of('é'));
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertEquals("", LogTableWriter.csvField(null));
        assertEquals("plain", LogTableWriter.csvField("plain"));
        assertEquals("\"a,b\"", LogTableWriter.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", LogTableWriter.csvField("say \"hi\""));
        assertEquals("\"two\nlines\"", LogTableWriter.csvField("two\nlines"));
        assertEquals("\"cr\rhere\"", LogTableWriter.csvField("cr\rhere"));
    }
}
