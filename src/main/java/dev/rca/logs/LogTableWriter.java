package dev.rca.logs;

import dev.rca.io.TerminalColumns;
import dev.rca.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link LogEntry}s as they arrive, as an aligned table, RFC 4180 CSV or one JSON object a line,
 * all with the columns line, time, level, thread, source, message. The table's column widths are
 * taken from the first {@value #WIDTH_SAMPLE} entries (so output starts before the log is read to its
 * end, with room for line numbers up to ten million); a longer value later widens its row, never gets cut. Continuation lines of a multi-line
 * message go on rows of their own under the message column.
 */
public final class LogTableWriter {
    /** Output shapes. */
    public enum Style { TABLE, CSV, JSON }

    static final int WIDTH_SAMPLE = 100;
    /** Line numbers up to this keep the table aligned once it has started before the end of the log. */
    private static final long LONG_LOG_LINES = 9_999_999;
    private static final String[] HEADERS = {"LINE", "TIME", "LEVEL", "THREAD", "SOURCE", "MESSAGE"};
    private static final int[] MAX_WIDTHS = {10, 32, 8, 24, 40};

    private final Appendable out;
    private final Style style;
    private final int lineWidth;
    private final List<LogEntry> pending = new ArrayList<>();
    private int[] widths;
    private boolean started;

    /**
     * @param out       where rows go
     * @param style     the output shape
     * @param lineWidth table only: cut every output line to this many characters (a terminal's width),
     *                  or 0 to print messages in full
     */
    public LogTableWriter(Appendable out, Style style, int lineWidth) {
        if (lineWidth < 0) {
            throw new IllegalArgumentException("lineWidth must be >= 0: " + lineWidth);
        }
        this.out = out;
        this.style = style;
        this.lineWidth = lineWidth;
    }

    /** Writes (or, for the table's first rows, queues) one entry. */
    public void write(LogEntry entry) {
        try {
            switch (style) {
                case JSON -> out.append(Json.write(toMap(entry))).append('\n');
                case CSV -> {
                    if (!started) {
                        out.append(String.join(",", "line", "time", "level", "thread", "source", "message"))
                            .append("\r\n");
                        started = true;
                    }
                    csvRow(entry);
                }
                case TABLE -> {
                    if (widths == null) {
                        pending.add(entry);
                        if (pending.size() >= WIDTH_SAMPLE) {
                            startTable(false);
                        }
                    } else {
                        tableRow(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes whatever is queued; call once after the last entry. */
    public void finish() {
        try {
            if (style == Style.TABLE && widths == null) {
                startTable(true);
            } else if (style == Style.CSV && !started) {
                out.append("line,time,level,thread,source,message\r\n");
                started = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry as the JSON output's object: keys line, time, level, thread, source, message. */
    public static Map<String, Object> toMap(LogEntry entry) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("line", entry.line());
        map.put("time", entry.time());
        map.put("level", entry.level());
        map.put("thread", entry.thread());
        map.put("source", entry.source());
        map.put("message", entry.message());
        return map;
    }

    /** Fixes the column widths from the queued entries; when more are to come, line numbers will grow. */
    private void startTable(boolean complete) throws IOException {
        widths = new int[5];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADERS[i].length();
        }
        if (!complete) {
            widths[0] = Long.toString(LONG_LOG_LINES).length();
        }
        for (LogEntry entry : pending) {
            String[] cells = cells(entry);
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.min(MAX_WIDTHS[i], Math.max(widths[i], TerminalColumns.of(cells[i])));
            }
        }
        emit(row(HEADERS));
        for (LogEntry entry : pending) {
            tableRow(entry);
        }
        pending.clear();
    }

    private void tableRow(LogEntry entry) throws IOException {
        String[] cells = cells(entry);
        String[] messageLines = entry.message().split("\n", -1);
        cells[5] = messageLines[0];
        emit(row(cells));
        if (messageLines.length > 1) {
            String indent = " ".repeat(row(new String[] {"", "", "", "", "", ""}).length());
            for (int i = 1; i < messageLines.length; i++) {
                emit(indent + messageLines[i]);
            }
        }
    }

    private String row(String[] cells) {
        StringBuilder sb = new StringBuilder();
        // padded by the columns a terminal gives each cell, a Chinese thread name two a character
        sb.append(" ".repeat(Math.max(0, widths[0] - TerminalColumns.of(cells[0])))).append(cells[0]);
        for (int i = 1; i < 5; i++) {
            sb.append("  ").append(cells[i]).append(" ".repeat(Math.max(0, widths[i] - TerminalColumns.of(cells[i]))));
        }
        return sb.append("  ").append(cells[5]).toString();
    }

    private void emit(String line) throws IOException {
        String shown = line.stripTrailing();
        if (lineWidth > 0) {
            shown = TerminalColumns.cut(shown, lineWidth);
        }
        out.append(shown).append('\n');
    }

    private static String[] cells(LogEntry entry) {
        return new String[] {Long.toString(entry.line()), dash(entry.time()), dash(entry.level()),
            dash(entry.thread()), dash(entry.source()), entry.message()};
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private void csvRow(LogEntry entry) throws IOException {
        out.append(Long.toString(entry.line()));
        for (String field : new String[] {entry.time(), entry.level(), entry.thread(), entry.source(), entry.message()}) {
            out.append(',').append(csvField(field));
        }
        out.append("\r\n");
    }

    /** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
