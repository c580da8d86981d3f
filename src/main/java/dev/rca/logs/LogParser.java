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
        "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})) (stdout|stderr) ([PF])(?: |$)");

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
        Wrapping wrapping = format == LogFormat.JSON ? Wrapping.NONE : Wrapping.of(sample);
        // the program's own lines are what is read, in their own format; the runtime adds a time where they have none
        LogFormat used = format != null ? format : detect(wrapping == Wrapping.NONE ? sample : unwrapped(wrapping, sample));
        Grouper grouper = new Grouper(used, sink);
        Unwrapper unwrapper = new Unwrapper(wrapping, grouper);
        for (int i = 0; i < sample.size(); i++) {
            unwrapper.accept(numbers.get(i), sample.get(i));
        }
        sample.clear();
        while (reader.next()) {
            unwrapper.accept(reader.lineNumber(), reader.displayText());
        }
        unwrapper.flush();
        grouper.flush();
        return used;
    }

    private static List<String> unwrapped(Wrapping wrapping, List<String> sample) {
        List<String> lines = new ArrayList<>();
        Unwrapper unwrapper = new Unwrapper(wrapping, (number, text, time, stream) -> lines.add(text));
        for (String line : sample) {
            unwrapper.accept(1, line);
        }
        unwrapper.flush();
        return lines;
    }

    /**
     * {@code line} as a reader wants to see it on its own: a Docker json-file record is the program's line inside it
     * (its escapes decoded, without the line break the record keeps); any other line is itself.
     */
    static String shownLine(String line) {
        Piece piece = Wrapping.DOCKER.piece(line);
        return piece == null ? line : piece.text();
    }

    /** A program's line as a container runtime wraps it: its text, time and stream, and whether it ends there. */
    private record Piece(String text, String time, String stream, boolean complete) {
    }

    /**
     * How a container runtime wraps each line a program writes. Kubernetes' pod logs (containerd, CRI-O) put
     * {@code 2026-12-06T10:00:00.123456789Z stdout F } before it, {@code P} for a part of a line longer than the
     * runtime's buffer; Docker's json-file driver writes {@code {"log":"…\n","stream":"stdout","time":"…"}}, a
     * part without the final line break. Nearly every line must carry the wrapping for a log to be read as wrapped.
     */
    private enum Wrapping {
        NONE {
            @Override
            Piece piece(String line) {
                return null;
            }
        },
        CRI {
            @Override
            Piece piece(String line) {
                Matcher m = CONTAINER_PREFIX.matcher(line);
                return m.lookingAt()
                    ? new Piece(line.substring(m.end()), m.group(1), m.group(2), !"P".equals(m.group(3))) : null;
            }
        },
        DOCKER {
            @Override
            Piece piece(String line) {
                java.util.Map<String, String> members = FlatJson.parseObject(line);
                if (members == null || members.size() > 4 || !members.containsKey("stream")
                    || members.get("log") == null || members.get("time") == null) {
                    return null;
                }
                String log = members.get("log");
                boolean complete = log.endsWith("\n");
                String text = complete ? log.substring(0, log.length() - (log.endsWith("\r\n") ? 2 : 1)) : log;
                return new Piece(LogLineReader.cleanLogLine(text), members.get("time"), members.get("stream"), complete);
            }
        };

        /** {@code line}'s piece of a program's line, or null when the runtime did not wrap it. */
        abstract Piece piece(String line);

        static Wrapping of(List<String> sample) {
            for (Wrapping wrapping : List.of(CRI, DOCKER)) {
                int wrapped = 0;
                int nonBlank = 0;
                for (String line : sample) {
                    if (!line.isBlank()) {
                        nonBlank++;
                        if (wrapping.piece(line) != null) {
                            wrapped++;
                        }
                    }
                }
                if (nonBlank > 0 && wrapped * 5 >= nonBlank * 4) {
                    return wrapping;
                }
            }
            return NONE;
        }
    }

    /** Where the lines of a log go once unwrapped: their number, text, and the runtime's time and stream (or null). */
    private interface LineSink {
        void accept(long number, String text, String wrapperTime, String stream);
    }

    /**
     * Takes the runtime's wrapping off each line and joins the parts of a line the runtime split, each stream's
     * with its own: stdout and stderr interleave, and a part of one is no part of the other's line. A line is handed
     * on when its last part comes, so a stream's line split around the other stream's is handed on after it.
     */
    private static final class Unwrapper {
        private final Wrapping wrapping;
        private final LineSink sink;
        private final java.util.Map<String, Partial> partials = new java.util.LinkedHashMap<>();

        /** The parts so far of one stream's line. */
        private static final class Partial {
            final long line;
            final String time;
            final StringBuilder text = new StringBuilder();

            Partial(long line, String time) {
                this.line = line;
                this.time = time;
            }
        }

        Unwrapper(Wrapping wrapping, LineSink sink) {
            this.wrapping = wrapping;
            this.sink = sink;
        }

        void accept(long number, String line) {
            Piece piece = wrapping.piece(line);
            if (piece == null) {
                flush();
                sink.accept(number, line, null, null);
                return;
            }
            Partial partial = partials.get(piece.stream());
            if (partial == null && piece.complete()) {
                sink.accept(number, piece.text(), piece.time(), piece.stream());
                return;
            }
            if (partial == null) {
                partial = new Partial(number, piece.time());
                partials.put(piece.stream(), partial);
            }
            if (partial.text.length() < MAX_ENTRY_CHARS) {
                partial.text.append(piece.text(), 0,
                    Math.min(piece.text().length(), MAX_ENTRY_CHARS - partial.text.length()));
            }
            if (piece.complete()) {
                partials.remove(piece.stream());
                sink.accept(partial.line, partial.text.toString(), partial.time, piece.stream());
            }
        }

        void flush() {
            partials.forEach((stream, partial) -> sink.accept(partial.line, partial.text.toString(), partial.time,
                stream));
            partials.clear();
        }
    }

    /** Joins continuation lines to the entry they belong to. */
    private static final class Grouper implements LineSink {
        private final LogFormat format;
        private final Consumer<LogEntry> sink;
        private LogEntry current;
        private String currentStream;
        private StringBuilder message;
        private int lines;
        private long omittedLines;

        Grouper(LogFormat format, Consumer<LogEntry> sink) {
            this.format = format;
            this.sink = sink;
        }

        @Override
        public void accept(long number, String text, String wrapperTime, String stream) {
            LogEntry started = format.parse(number, text);
            if (started == null && current != null && stream != null) {
                // a container's output mixes programs: a line of a layout of its own, or one the other stream
                // wrote, continues nothing (a stack trace stays: its lines have no layout and one stream)
                started = ownLayout(number, text);
                if (started == null && !stream.equals(currentStream)) {
                    started = LogFormat.PLAIN.parse(number, text);
                }
            }
            if (started == null && current == null) {
                started = LogFormat.PLAIN.parse(number, text);
            }
            if (started != null && started.time() == null && wrapperTime != null) {
                // the program wrote no time of its own: the runtime's says when the line was written
                started = new LogEntry(started.line(), started.lines(), wrapperTime, started.level(), started.thread(),
                    started.source(), started.message());
            }
            if (started != null) {
                flush();
                current = started;
                currentStream = stream;
                message = null;
                lines = 1;
                omittedLines = 0;
                return;
            }
            LogEntry folded = lines == 1 ? format.fold(current, text) : null;
            lines++;
            if (folded != null) {
                current = folded;
                return;
            }
            if (message == null) {
                message = new StringBuilder(current.message());
            }
            if (message.length() + text.length() + 1 <= MAX_ENTRY_CHARS) {
                message.append('\n').append(text);
            } else {
                omittedLines++;
            }
        }

        /** The entry {@code text} starts in a format other than the log's, when one reads a time or level in it. */
        private LogEntry ownLayout(long number, String text) {
            for (LogFormat other : LogFormat.values()) {
                if (other != format && other != LogFormat.PLAIN) {
                    LogEntry entry = other.parse(number, text);
                    if (entry != null && (entry.time() != null || entry.level() != null)) {
                        return entry;
                    }
                }
            }
            return null;
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
