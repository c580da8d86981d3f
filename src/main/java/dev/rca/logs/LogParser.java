package dev.rca.logs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a stream of log lines into {@link LogEntry}s with bounded memory: the format is detected from
 * the first {@value #SAMPLE_LINES} lines, then every line either starts an entry or continues the
 * current one (stack traces, wrapped messages). Only the current entry is held, and its message is cut
 * at {@value #MAX_ENTRY_CHARS} characters however many continuation lines follow.
 */
public final class LogParser {
    /** Lines read before choosing a format. */
    public static final int SAMPLE_LINES = 200;
    /** The longest message one entry keeps; later continuation lines are counted, not kept. */
    public static final int MAX_ENTRY_CHARS = 256 * 1024;
    private static final Pattern CONTAINER_PREFIX = Pattern.compile(
        "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2}) (?:stdout|stderr) [PF](?: |$)");

    private LogParser() {
    }

    /**
     * The format that best fits {@code lines}: the most specific one that starts nearly as many entries as
     * the best fit, or {@link LogFormat#PLAIN} when none starts more than one line in twenty (lines that
     * look like continuations, such as indented stack frames, are not counted).
     */
    public static LogFormat detect(List<String> lines) {
        LogFormat[] formats = LogFormat.values();
        int[] counts = new int[formats.length];
        int nonBlank = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!looksLikeContinuation(line)) {
                nonBlank++;
            }
            for (int i = 0; i < formats.length; i++) {
                if (formats[i] != LogFormat.PLAIN && formats[i].parse(1, line) != null) {
                    counts[i]++;
                }
            }
        }
        int best = 0;
        for (int count : counts) {
            best = Math.max(best, count);
        }
        if (best == 0 || best * 20 < nonBlank) {
            return LogFormat.PLAIN;
        }
        for (int i = 0; i < formats.length; i++) {
            if (counts[i] * 5 >= best * 4) {
                return formats[i];
            }
        }
        throw new AssertionError("the best format is always chosen");
    }

    private static boolean looksLikeContinuation(String line) {
        return Character.isWhitespace(line.charAt(0)) || line.startsWith("Caused by: ") || line.startsWith("Traceback ");
    }

    /**
     * Parses everything {@code reader} delivers and hands each entry to {@code sink} in file order.
     *
     * @param format the format to use, or null to detect it
     * @return the format used
     */
    public static LogFormat parse(LogLineReader reader, LogFormat format, Consumer<LogEntry> sink) throws IOException {
        List<String> sample = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        while (sample.size() < SAMPLE_LINES && reader.next()) {
            sample.add(reader.displayText());
            numbers.add(reader.lineNumber());
        }
        boolean container = isContainerLog(sample);
        LogFormat used = format != null ? format : detect(container ? withoutContainerPrefix(sample) : sample);
        if (format == null && container && used == LogFormat.PLAIN) {
            // the program's own lines carry no time: the runtime's timestamp is the only one there is
            container = false;
            used = detect(sample);
        }
        Grouper grouper = new Grouper(used, sink);
        for (int i = 0; i < sample.size(); i++) {
            grouper.accept(numbers.get(i), container ? withoutContainerPrefix(sample.get(i)) : sample.get(i));
        }
        sample.clear();
        while (reader.next()) {
            String text = reader.displayText();
            grouper.accept(reader.lineNumber(), container ? withoutContainerPrefix(text) : text);
        }
        grouper.flush();
        return used;
    }

    /**
     * True when nearly every line carries the prefix containerd and CRI-O write to Kubernetes' pod logs,
     * {@code 2026-12-06T10:00:00.123456789Z stdout F }: the program's own log follows it, stack frames included.
     */
    private static boolean isContainerLog(List<String> sample) {
        int prefixed = 0;
        int nonBlank = 0;
        for (String line : sample) {
            if (!line.isBlank()) {
                nonBlank++;
                if (CONTAINER_PREFIX.matcher(line).lookingAt()) {
                    prefixed++;
                }
            }
        }
        return nonBlank > 0 && prefixed * 5 >= nonBlank * 4;
    }

    private static List<String> withoutContainerPrefix(List<String> lines) {
        return lines.stream().map(LogParser::withoutContainerPrefix).toList();
    }

    private static String withoutContainerPrefix(String line) {
        Matcher m = CONTAINER_PREFIX.matcher(line);
        return m.lookingAt() ? line.substring(m.end()) : line;
    }

    /** Joins continuation lines to the entry they belong to. */
    private static final class Grouper {
        private final LogFormat format;
        private final Consumer<LogEntry> sink;
        private LogEntry current;
        private StringBuilder message;
        private int lines;
        private long omittedLines;

        Grouper(LogFormat format, Consumer<LogEntry> sink) {
            this.format = format;
            this.sink = sink;
        }

        void accept(long number, String text) {
            LogEntry started = format.parse(number, text);
            if (started == null && current == null) {
                started = LogFormat.PLAIN.parse(number, text);
            }
            if (started != null) {
                flush();
                current = started;
                message = null;
                lines = 1;
                omittedLines = 0;
                return;
            }
            lines++;
            if (message == null) {
                message = new StringBuilder(current.message());
            }
            if (message.length() + text.length() + 1 <= MAX_ENTRY_CHARS) {
                message.append('\n').append(text);
            } else {
                omittedLines++;
            }
        }

        void flush() {
            if (current == null) {
                return;
            }
            String text = current.message();
            if (message != null) {
                if (omittedLines > 0) {
                    message.append("\n… [").append(omittedLines).append(" more lines]");
                }
                text = message.toString();
            }
            sink.accept(new LogEntry(current.line(), lines, current.time(), current.level(), current.thread(),
                current.source(), text));
            current = null;
        }
    }
}
