package dev.rca.logs;

/**
 * One log entry: a line that starts an entry in the log's format, with the continuation lines (stack
 * traces, wrapped messages) that follow it joined to its message by {@code \n}. Fields the format does
 * not carry are {@code null}; {@code time} is kept as written, because many formats (syslog, glog)
 * leave out the year or the zone and guessing them would invent data, except a count since 1970, which names its
 * instant whole and is written in ISO 8601 UTC.
 *
 * @param line    the 1-based number of the entry's first line in the file
 * @param lines   how many physical lines the entry spans (1 unless it has continuation lines)
 * @param time    the timestamp as written (a count since 1970 in ISO 8601), or null
 * @param level   the level or severity as written (glog's {@code I}, {@code W}… spelled out), or null
 * @param thread  thread name or id, or the process id where the format has no thread, or null
 * @param source  logger, class, function, file:line or program, or null
 * @param message the message, never null
 */
public record LogEntry(long line, int lines, String time, String level, String thread, String source, String message) {
    public LogEntry {
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be >= 1: " + lines);
        }
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        time = blankToNull(time);
        level = blankToNull(level);
        thread = blankToNull(thread);
        source = blankToNull(source);
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
