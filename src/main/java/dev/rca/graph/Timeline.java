package dev.rca.graph;

import dev.rca.io.PaddedSeparator;
import dev.rca.io.TerminalColumns;
import dev.rca.json.Json;
import dev.rca.logs.LogLineReader;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts {@link TimelineEvent}s in time order and renders them.
 *
 * <p>Ordering is by time, stable: events at the same instant keep the order they were given in (so the
 * caller decides, e.g. symptom before experiment). Events without a time come last, in the order given:
 * a position "between" timed neighbours would be a guess, and a guess in a timeline misleads.
 */
public final class Timeline {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    private static final Pattern LINE_BREAK = PaddedSeparator.of("\\R");

    private Timeline() {
    }

    /** {@code events} in time order; untimed events last; ties in the given order. */
    public static List<TimelineEvent> order(List<TimelineEvent> events) {
        List<TimelineEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(TimelineEvent::at, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
        return ordered;
    }

    /**
     * An aligned table with columns TIME (ISO-8601 UTC, {@code -} when unknown), KIND, TEXT and SOURCE,
     * in the order given (call {@link #order} first). Multi-line text is put on one line; control characters of the
     * ledger's text are made harmless ({@link LogLineReader#cleanLines}).
     */
    public static String table(List<TimelineEvent> events) {
        String[][] rows = new String[events.size() + 1][];
        rows[0] = new String[] {"TIME", "KIND", "TEXT", "SOURCE"};
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            rows[i + 1] = new String[] {e.at() == null ? "-" : ISO.format(e.at()), e.kind(),
                LINE_BREAK.matcher(LogLineReader.cleanLines(e.text())).replaceAll(" "),
                e.source() == null ? "-" : LINE_BREAK.matcher(LogLineReader.cleanLines(e.source())).replaceAll(" ")};
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], TerminalColumns.of(row[c]));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                // by the columns a terminal gives the text: a Chinese symptom's are two a character
                line.append(row[c]).append(" ".repeat(widths[c] - TerminalColumns.of(row[c]) + 2));
            }
            sb.append(line.append(row[3]).toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * A JSON array of objects with keys {@code at} (ISO-8601 UTC or null), {@code kind}, {@code text} and
     * {@code source}, in the order given.
     */
    public static String json(List<TimelineEvent> events) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (TimelineEvent e : events) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", e.at() == null ? null : ISO.format(e.at()));
            item.put("kind", e.kind());
            item.put("text", e.text());
            item.put("source", e.source());
            items.add(item);
        }
        return Json.write(items) + "\n";
    }
}
