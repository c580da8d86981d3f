package dev.rca.logs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log formats rca recognises, in the order detection prefers them when several fit equally well
 * (the most specific first). Each knows which lines start an entry and how to split such a line into
 * the fields of a {@link LogEntry}; a line that does not start an entry continues the one before.
 */
public enum LogFormat {
    /** One JSON object a line (logstash, ECS, structlog, pino, zap, {@code journalctl -o json}). */
    JSON("json") {
        @Override
        LogEntry parse(long line, String text) {
            Map<String, String> members = FlatJson.parseObject(text);
            if (members == null) {
                return null;
            }
            return entryOf(line, text, members, false);
        }
    },
    /**
     * logfmt: {@code time=… level=error msg="dial failed" err="connection refused" caller=db.go:42}, as logrus's text
     * formatter, Go's log/slog TextHandler, go-kit and Heroku's router ({@code at=error}) write it. The members are
     * read as a JSON line's are; a line with neither a message, a level nor a time is not taken for an entry.
     */
    LOGFMT("logfmt") {
        @Override
        LogEntry parse(long line, String text) {
            Map<String, String> pairs = Logfmt.parse(text);
            if (pairs == null) {
                return null;
            }
            String at = pairs.get("at");
            if (at != null && first(pairs, LEVEL_KEYS) == null && LEVEL_WORD.matcher(at).matches()) {
                // Heroku's router: at=info, at=error
                pairs.put("level", at);
                pairs.remove("at");
            }
            return entryOf(line, text, pairs, true);
        }
    },
    /**
     * Web servers' access logs, Common and Combined Log Format (Apache, nginx, Envoy and others in their default
     * layouts): {@code 10.0.0.1 - - [06/Dec/2026:10:00:00 +0000] "GET / HTTP/1.1" 500 12 "-" "curl/8"}. The level is
     * read from the status, as log viewers do: 5xx ERROR, 4xx WARN, anything else INFO; the client's address is the
     * source, the request line onwards the message (after the virtual host, where Apache's vhost_combined writes it).
     */
    ACCESS("access") {
        // the request's loop is possessive (java.util.regex then runs it without recursing per character, RCA-13);
        // Apache writes a quote inside it as \", nginx as \x22
        // Apache's vhost_combined puts the virtual host and port first (Debian's other_vhosts_access.log)
        private final Pattern pattern = Pattern.compile("^(?:(\\S+:\\d+) (?=\\S+ \\S+ \\S+ \\[))?"
            + "(\\S+) \\S+ \\S+ \\[(\\d{2}/[A-Z][a-z]{2}/\\d{4}"
            + ":\\d{2}:\\d{2}:\\d{2}(?: [+-]\\d{4})?)\\] (\"(?:[^\"\\\\]|\\\\.)*+\" (\\d{3})\\b.*)$");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = pattern.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String level = switch (m.group(5).charAt(0)) {
                case '5' -> "ERROR";
                case '4' -> "WARN";
                default -> "INFO";
            };
            String message = m.group(1) == null ? m.group(4) : m.group(1) + " " + m.group(4);
            return new LogEntry(line, 1, m.group(3), level, null, m.group(2), message);
        }
    },
    /** Google's glog and Kubernetes' klog: {@code I1121 11:11:38.123456   42 main.go:17] msg}. */
    GLOG("glog") {
        private final Pattern pattern = Pattern.compile(
            "^([IWEF])(\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6})\\s+(\\d+)\\s+([^\\s\\]]+)\\]\\s?(.*)$");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = pattern.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String level = switch (m.group(1)) {
                case "I" -> "INFO";
                case "W" -> "WARNING";
                case "E" -> "ERROR";
                default -> "FATAL";
            };
            return new LogEntry(line, 1, m.group(2), level, m.group(3), m.group(4), m.group(5));
        }
    },
    /** RFC 5424 syslog: {@code <165>1 2026-11-21T11:11:38.003Z host app 1234 ID47 [sd] msg}. */
    SYSLOG5424("syslog5424") {
        // the structured data's loops are possessive, which java.util.regex runs without recursing once per
        // character (a 20,000-character value overflowed the stack, RCA-13) or per element (as many elements did);
        // no part can give a ']' or '"' back, nor an element, as what follows them starts with no '['
        private final Pattern pattern = Pattern.compile("^(?:<(\\d{1,3})>)?1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) "
            + "(-|(?:\\[(?:[^\\]\\\\\"]|\\\\.|\"(?:[^\"\\\\]|\\\\.)*+\")*+\\])++)(?: (.*))?$");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = pattern.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String structured = nil(m.group(7));
            String message = m.group(8) == null ? "" : m.group(8).replace("\uFEFF", "");
            if (structured != null) {
                message = message.isEmpty() ? structured : structured + " " + message;
            }
            return new LogEntry(line, 1, nil(m.group(2)), severity(m.group(1)), nil(m.group(5)), nil(m.group(4)),
                message);
        }
    },
    /**
     * RFC 3164 syslog and {@code journalctl}'s short outputs (short, short-precise, short-iso, short-unix's epoch
     * seconds, short-monotonic's {@code [   12.345678]} since boot): {@code <34>Nov 21 11:11:38 host sshd[812]: msg};
     * journal markers such as {@code -- Boot … --} are entries. A time since boot is dmesg's too: there a line is the
     * journal's only with a {@code program[pid]:} or {@code kernel:} after the host, which dmesg does not write.
     */
    SYSLOG("syslog") {
        private final Pattern pattern = Pattern.compile("^(?:<(\\d{1,3})>)?(" + SYSLOG_TIME + "(?:\\.\\d{1,6})?"
            + "|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?|\\d{10}\\.\\d{6})"
            + " (\\S+) ([^\\s\\[:]+)(?:\\[([^\\]]*)\\])?: ?(.*)$");
        private final Pattern monotonic = Pattern.compile(
            "^\\[\\s*(\\d+\\.\\d{6})\\] (\\S+) (?:([^\\s\\[:]+)\\[(\\d+)\\]|(kernel)): ?(.*)$");
        private final Pattern marker = Pattern.compile("^-- (.*) --$");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = pattern.matcher(text);
            if (m.matches()) {
                String level = m.group(1) != null ? severity(m.group(1)) : messageLevel(m.group(6));
                return new LogEntry(line, 1, EpochTime.orAsWritten(m.group(2)), level, m.group(5), m.group(4),
                    m.group(6));
            }
            Matcher b = monotonic.matcher(text);
            if (b.matches()) {
                return new LogEntry(line, 1, b.group(1), messageLevel(b.group(6)), b.group(4),
                    b.group(3) != null ? b.group(3) : b.group(5), b.group(6));
            }
            Matcher j = marker.matcher(text);
            return j.matches() ? new LogEntry(line, 1, null, null, null, "journal", j.group(1)) : null;
        }
    },
    /**
     * log4j, logback, java.util.logging via SLF4J and Spring Boot layouts: a timestamp, a level and a
     * {@code [thread]} in either order, a logger, then {@code -} or {@code :} and the message.
     */
    LOG4J("log4j") {
        private final Pattern pattern = Pattern.compile("^\\[?(" + APP_TIME + ")\\]?\\s+(?:"
            + "(" + LEVEL + ")\\s+(?:(\\d+)\\s+---\\s+)?(?:\\[[^\\]]*\\]\\s+)??\\[\\s*([^\\]]*?)\\s*\\]"
            + "|\\[\\s*([^\\]]*?)\\s*\\]\\s+(" + LEVEL + ")"
            + "|(" + LEVEL + "))"
            + "\\s+(\\S+?)\\s*(?:\\s-|:)(?:\\s(.*)|$)");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                return null;
            }
            String level = m.group(2) != null ? m.group(2) : m.group(6) != null ? m.group(6) : m.group(7);
            String thread = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(3);
            return new LogEntry(line, 1, m.group(1), level, thread, m.group(8), nullToEmpty(m.group(9)));
        }
    },
    /**
     * Python's logging: {@code %(asctime)s - %(name)s - %(levelname)s - %(message)s} and the
     * {@code basicConfig} default {@code LEVEL:name:message}.
     */
    PYTHON("python") {
        private final Pattern dashed = Pattern.compile(
            "^(" + APP_TIME + ") - (\\S+) - (" + LEVEL + ") - (.*)$");
        private final Pattern basic = Pattern.compile("^(" + LEVEL + "):([^:\\s]+):(.*)$");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = dashed.matcher(text);
            if (m.matches()) {
                return new LogEntry(line, 1, m.group(1), m.group(3), null, m.group(2), m.group(4));
            }
            Matcher b = basic.matcher(text);
            return b.matches() ? new LogEntry(line, 1, null, b.group(1), null, b.group(2), b.group(3)) : null;
        }
    },
    /**
     * java.util.logging's default {@code SimpleFormatter}, two lines a record: {@code Dec 06, 2026 6:32:57 PM App main}
     * (the time, then the class and method, or the logger, as the source) and {@code SEVERE: parse failed} (the
     * level and the message), the stack trace after them. What every plain {@code java} program writes.
     */
    JUL("jul") {
        private final Pattern header = Pattern.compile("^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
            + " \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M) (\\S+(?: \\S+)?)$");
        private final Pattern levelLine = Pattern.compile("^(SEVERE|WARNING|INFO|CONFIG|FINEST|FINER|FINE): ?(.*)$");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = header.matcher(text);
            return m.matches() ? new LogEntry(line, 1, m.group(1), null, null, m.group(2), "") : null;
        }

        @Override
        LogEntry fold(LogEntry header, String text) {
            Matcher m = levelLine.matcher(text);
            return header.level() == null && header.message().isEmpty() && m.matches()
                ? new LogEntry(header.line(), header.lines(), header.time(), m.group(1), header.thread(),
                    header.source(), m.group(2))
                : null;
        }
    },
    /**
     * The kernel's ring buffer as {@code dmesg} prints it: {@code [   12.345678] usb 1-1: new device} (seconds since
     * boot), {@code -T}'s {@code [Fri Dec  5 13:00:01 2026]}, {@code -r}'s {@code <6>} priority and {@code -x}'s
     * {@code kern  :info  : } prefix. The source is the subsystem before the first colon, when there is one.
     */
    DMESG("dmesg") {
        private final Pattern pattern = Pattern.compile("^(?:<(\\d{1,3})>)?(?:[a-z]+\\s*:([a-z]+)\\s*: )?\\[\\s*("
            + "\\d+\\.\\d{6}|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4})\\] ?(.*)$");
        private final Pattern subsystem = Pattern.compile("^([^\\s:][^:]{0,47}?): (.+)$");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = pattern.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String level = m.group(2) != null ? m.group(2).toUpperCase(Locale.ROOT) : severity(m.group(1));
            Matcher s = subsystem.matcher(m.group(4));
            return s.matches() ? new LogEntry(line, 1, m.group(3), level, null, s.group(1), s.group(2))
                : new LogEntry(line, 1, m.group(3), level, null, null, m.group(4));
        }
    },
    /**
     * Anything whose lines start with a timestamp (Go's log package, nginx, shell scripts); a level right
     * after it, in any case and optionally in brackets, is recognised too, also after a time zone's name and a
     * process id in brackets, the thread: gunicorn's {@code [2024-01-01 10:00:00 +0000] [42] [ERROR] msg} and
     * PostgreSQL's {@code 2024-01-01 10:00:00.123 UTC [42] ERROR:  msg} (whose own {@code LOG}, {@code PANIC} and
     * {@code DEBUG1}…{@code DEBUG5} are levels before a colon, and whose {@code STATEMENT:}, {@code DETAIL:},
     * {@code HINT:}, {@code CONTEXT:}, {@code QUERY:} and {@code LOCATION:} lines continue the entry before them).
     * The level is read past more in between: a process id and a {@code [thread]} before an upper-case level (Python's
     * {@code %(process)d}), Airflow's {@code {file:line}} (the source), PostgreSQL's Debian prefix
     * {@code [pid] user@db} (the source), and Celery's {@code [time: LEVEL/process]} (the process as the thread);
     * a thread or source after the level (nginx's {@code pid#tid}, Django's, Tomcat's) or a source file's
     * {@code name.ext:line} right after the time (GIT_TRACE) is taken out of the message into its column.
     */
    TIMESTAMP("timestamp") {
        // epoch milliseconds before seconds, whose ten digits start them: 1733472000123 read as seconds and "123 …"
        private final Pattern pattern = Pattern.compile("^\\[?((?:" + APP_TIME + "|" + SYSLOG_TIME
            + "|\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?: [+-]\\d{4})?|\\d{13}|\\d{10}(?:\\.\\d{1,9})?)"
            + "(?: (?!(?:" + LEVEL + ")\\b)(?:UTC|GMT|[A-Z]{1,4}T)\\b)?)\\]?"
            + "(?:\\s+\\[(\\d+)\\](?=\\s)(?:\\s+([^\\s@]*@[^\\s@]*)(?=\\s+[A-Z][A-Z0-9]*:))?)?"
            + "(?:[\\s:,|]+(\\d+)(?:\\s+\\[([^\\]]*)\\])?(?=\\s+(?:" + LEVEL + ")\\b))?"
            + "(?:\\s+\\{([^{}\\s]+)\\})?"
            + "(?:[\\s:,|]+\\[?((?i:" + LEVEL + ")|(?:LOG|PANIC|DEBUG[1-5])(?=:))(?:/([^\\]\\s]+))?\\]?(?=[\\s:|]))?"
            + "[\\s:,|-]*(.*)$");

        /**
         * A thread or source after the level: nginx's {@code pid#tid:}, Django's {@code [logger:line]}, Tomcat's
         * {@code [thread] package.Class.method}, or a source file's {@code name.ext:line}.
         */
        private final Pattern afterLevel = Pattern.compile("(?:(\\d+#\\d+):|\\[([\\w.]+:\\d+)\\]"
            + "|\\[([^\\]\\s]+)\\]\\s+([a-z][\\w$]*(?:\\.[\\w$<>]+){2,})|" + SOURCE_FILE + ")\\s+");
        /** A source file's {@code name.ext:line} right after the time, as GIT_TRACE writes it (no level). */
        private final Pattern sourceFile = Pattern.compile(SOURCE_FILE + "\\s+");

        /** What PostgreSQL adds to the message before it, on lines of their own with the same prefix. */
        private final Pattern postgresDetail = Pattern.compile("^(?:STATEMENT|DETAIL|HINT|CONTEXT|QUERY|LOCATION):\\s");

        @Override
        LogEntry parse(long line, String text) {
            Matcher m = pattern.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String level = m.group(7);
            String message = m.group(9);
            if (m.group(2) != null && level == null && postgresDetail.matcher(message).find()) {
                // continues the entry before it, so that --level=ERROR keeps an error's statement with it
                return null;
            }
            // the thread's name, else Celery's process, else the process id; the source PostgreSQL's user@database
            // or Airflow's {file:line}
            String thread = m.group(5) != null ? m.group(5) : m.group(8) != null ? m.group(8)
                : m.group(4) != null ? m.group(4) : m.group(2);
            String source = m.group(3) != null ? m.group(3) : m.group(6);
            Matcher t = (level != null ? afterLevel : sourceFile).matcher(message);
            if (thread == null && source == null && t.lookingAt()) {
                if (level == null) {
                    source = t.group(1);
                } else {
                    thread = t.group(1) != null ? t.group(1) : t.group(3);
                    source = t.group(2) != null ? t.group(2) : t.group(4) != null ? t.group(4) : t.group(5);
                }
                message = message.substring(t.end());
            }
            return new LogEntry(line, 1, EpochTime.orAsWritten(m.group(1)), level, thread, source, message);
        }
    },
    /** No recognised structure: every line is an entry holding only a message. */
    PLAIN("plain") {
        @Override
        LogEntry parse(long line, String text) {
            return new LogEntry(line, 1, null, null, null, null, text);
        }
    };

    static final String LEVEL = "TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|SEVERE|FATAL|CRIT(?:ICAL)?"
        + "|FINE(?:R|ST)?|CONFIG|ALERT|EMERG";
    /**
     * The levels a word before a colon names in any case: java.util.logging's CONFIG and FINE are left out, since
     * "Config: loaded …" and "Fine: …" start ordinary messages far more often.
     */
    private static final String WORD_BEFORE_COLON_LEVEL = "TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|SEVERE"
        + "|FATAL|CRIT(?:ICAL)?|ALERT|EMERG";
    /** One of {@link #LEVEL}'s words in any case (compiled once: every logfmt line with an {@code at=} asks). */
    private static final Pattern LEVEL_WORD = Pattern.compile("(?i)(?:" + LEVEL + ")");
    /** A level a program wrote at the start of its message: {@code ERROR …}, {@code [warn] …}, {@code error: …}. */
    private static final Pattern MESSAGE_LEVEL = Pattern.compile("\\[((?i:" + LEVEL + "))\\](?=[\\s:|]|$)"
        + "|((?i:" + WORD_BEFORE_COLON_LEVEL + ")):|(" + LEVEL + ")(?=[\\s|]|$)");
    /** A source file's name and line, {@code git.c:460}, {@code views.py:42} (a capturing group). */
    private static final String SOURCE_FILE = "([\\w/-]+\\.(?:c|h|cc|cpp|go|py|rs|java|kt|js|ts|rb|php|cs|swift):\\d+)";
    static final String SYSLOG_TIME = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \\d]\\d \\d{2}:\\d{2}:\\d{2}";
    /** Timestamps as application logging frameworks write them, with or without a date. */
    static final String APP_TIME = "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:\\s?Z|\\s?[+-]\\d{2}:?\\d{2})?"
        + "|\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
        + "|\\d{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
        + "|\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?";

    private static final List<String> SYSLOG_SEVERITIES =
        List.of("EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG");
    /** pino's and bunyan's levels 10, 20 … 60. */
    private static final List<String> NUMBERED_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final List<String> TIME_KEYS = List.of("@timestamp", "timestamp", "time", "ts", "t", "datetime",
        "asctime", "@t", "date", "timeMillis", "instant", "__REALTIME_TIMESTAMP");
    private static final List<String> LEVEL_KEYS = List.of("level", "severity", "log.level", "levelname", "lvl",
        "loglevel", "@l", "PRIORITY");
    private static final List<String> THREAD_KEYS = List.of("thread", "thread_name", "threadName", "thread.name",
        "process.thread.name", "tid", "thread_id", "pid", "_PID");
    private static final List<String> SOURCE_KEYS = List.of("logger", "logger_name", "loggerName", "log.logger",
        "name", "caller", "source", "funcName", "func", "function", "module", "component", "SYSLOG_IDENTIFIER");
    private static final List<String> MESSAGE_KEYS = List.of("message", "msg", "MESSAGE", "@m", "@mt", "event",
        "log", "text");
    private static final List<String> STACK_KEYS = List.of("stack_trace", "stackTrace", "stacktrace", "stack",
        "exception", "exc_info", "error.stack_trace", "thrown");
    private static final List<String> ERROR_KEYS = List.of("error", "err", "error.message");

    private final String label;

    LogFormat(String label) {
        this.label = label;
    }

    /** The name used on the command line and in output ({@code log4j}, {@code syslog}, …). */
    public String label() {
        return label;
    }

    /**
     * Parses {@code text}, line {@code line} of the log.
     *
     * @return the entry this line starts, or null when the line does not start one in this format
     */
    abstract LogEntry parse(long line, String text);

    /**
     * {@code header}, the entry a line just started, with its second line {@code text} read into it, where the format
     * writes an entry's first line as a header only; null when {@code text} is an ordinary continuation line.
     */
    LogEntry fold(LogEntry header, String text) {
        return null;
    }

    /** The format called {@code label}, or null. */
    public static LogFormat byLabel(String label) {
        for (LogFormat format : values()) {
            if (format.label.equals(label.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }

    /**
     * The entry of a line whose members {@code members} are (a JSON object's or logfmt's pairs): what went wrong
     * stays in the message, an {@code error} or {@code err} member after it and a stack member below; null when the
     * line has neither a message nor a time (nor, where {@code levelSuffices}, a level).
     */
    private static LogEntry entryOf(long line, String text, Map<String, String> members, boolean levelSuffices) {
        boolean journal = isJournalExport(members);
        if (journal) {
            members.replaceAll((key, value) -> FlatJson.bytesAsText(value));
        }
        String message = first(members, MESSAGE_KEYS);
        if (message != null && message.endsWith("\n")) {
            // Docker's "log" keeps the line break the program wrote: an empty line in every row
            message = message.substring(0, message.length() - (message.endsWith("\r\n") ? 2 : 1));
        }
        String time = EpochTime.orAsWritten(first(members, TIME_KEYS));
        String level = first(members, LEVEL_KEYS);
        if (message == null && time == null && (level == null || !levelSuffices)) {
            return null;
        }
        String stack = first(members, STACK_KEYS);
        if (message == null) {
            message = text.strip();
        } else {
            String error = first(members, ERROR_KEYS);
            Map<String, String> thrown = error == null ? null : FlatJson.parseObject(error);
            if (thrown != null && first(thrown, List.of("message", "msg")) != null) {
                // pino's err and ECS's error are objects: their message and stack, not their JSON text
                error = first(thrown, List.of("message", "msg"));
                stack = stack != null ? stack : first(thrown, STACK_KEYS);
            }
            Map<String, String> exception = stack == null ? null : FlatJson.parseObject(stack);
            if (exception != null && exception.get("name") != null) {
                // log4j2's JsonLayout "thrown": the exception's class, message and frames, as Java prints them
                error = error != null ? error : exception.get("message");
                stack = javaTrace(exception, 0);
            }
            if (error != null && !error.isBlank() && !message.contains(error)) {
                // zap's, zerolog's and logrus's "error" is what went wrong: "dial failed: connection refused"
                message = message + ": " + error;
            }
            message = message + otherFields(members, journal);
            if (stack != null && !stack.isBlank()) {
                message = message + "\n" + stack;
            }
        }
        if (level != null && level.length() == 1 && level.charAt(0) >= '0' && level.charAt(0) <= '7'
            && members.containsKey("PRIORITY")) {
            String given = SYSLOG_SEVERITIES.get(Integer.parseInt(level));
            // a service's standard output gets the unit's SyslogLevel= (info unless set) on every line: what the
            // program wrote at the start of its message says more
            String written = "stdout".equals(members.get("_TRANSPORT")) && members.get("MESSAGE") != null
                ? messageLevel(LogLineReader.cleanLogLine(members.get("MESSAGE"))) : null;
            level = written != null ? written : given;
        } else if (level != null && level.length() == 2 && level.charAt(0) >= '1' && level.charAt(0) <= '6'
            && level.charAt(1) == '0') {
            // pino's and bunyan's numbers, named so that --level and the table read them like any other
            level = NUMBERED_LEVELS.get(Integer.parseInt(level) / 10 - 1);
        } else if (level == null && members.get("MESSAGE") != null) {
            // journalctl -o json without a PRIORITY: the program's own level, as for a journal's short lines
            level = messageLevel(LogLineReader.cleanLogLine(members.get("MESSAGE")));
        }
        return new LogEntry(line, 1, time, level, first(members, THREAD_KEYS), first(members, SOURCE_KEYS),
            LogLineReader.cleanLines(message));
    }

    /**
     * The level a program wrote at the start of a message that the journal or syslog gave no priority: an upper-case
     * level word ({@code ERROR …}), one in any case in brackets or before a colon ({@code [warn] …}, {@code error: …}),
     * or the level of a logfmt or JSON message ({@code level=error msg=…}); null when there is none.
     */
    private static String messageLevel(String message) {
        Matcher m = MESSAGE_LEVEL.matcher(message);
        if (m.lookingAt()) {
            return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        }
        LogEntry structured = message.startsWith("{") ? JSON.parse(1, message) : LOGFMT.parse(1, message);
        return structured == null ? null : structured.level();
    }

    /**
     * The stack trace log4j2's JsonLayout writes as a {@code thrown} object, as {@code printStackTrace} prints it:
     * {@code name: message}, a {@code \tat class.method(file:line)} line a frame of its {@code extendedStackTrace} (or
     * that member's text, where the layout wrote the trace as a string), then {@code Caused by: } its cause.
     */
    private static String javaTrace(Map<String, String> exception, int depth) {
        String message = exception.get("message") != null ? exception.get("message") : exception.get("localizedMessage");
        StringBuilder sb = new StringBuilder(exception.get("name"));
        if (message != null) {
            sb.append(": ").append(message);
        }
        String frames = first(exception, List.of("extendedStackTrace", "stackTrace"));
        List<String> elements = frames == null ? null : FlatJson.parseArray(frames);
        if (elements == null && frames != null) {
            sb.append('\n').append(frames);
        }
        for (String element : elements == null ? List.<String>of() : elements) {
            Map<String, String> frame = FlatJson.parseObject(element);
            if (frame != null) {
                String file = frame.get("file");
                sb.append("\n\tat ").append(frame.get("class")).append('.').append(frame.get("method")).append('(')
                    .append(file == null ? "Unknown Source" : frame.get("line") == null ? file
                        : file + ":" + frame.get("line")).append(')');
            }
        }
        Map<String, String> cause = exception.get("cause") == null ? null : FlatJson.parseObject(exception.get("cause"));
        if (cause != null && cause.get("name") != null && depth < 20) {
            sb.append("\nCaused by: ").append(javaTrace(cause, depth + 1));
        }
        return sb.toString();
    }

    /** Whether {@code members} are a {@code journalctl -o json} record's (journald names its own fields so). */
    private static boolean isJournalExport(Map<String, String> members) {
        return members.containsKey("__REALTIME_TIMESTAMP") || members.containsKey("_TRANSPORT")
            || members.containsKey("__CURSOR");
    }

    /**
     * The members no column shows, as logfmt pairs after the message ({@code " status=503 path=/api/pay"}), so that
     * the facts structured logging puts in fields stay in every output and {@code --grep} finds them: what the time,
     * level, thread, source, message, error and stack columns show is left out, and in a journal export so are
     * journald's own fields ({@code _PID}, {@code __CURSOR}, {@code _HOSTNAME} …, all starting with {@code _}), the
     * {@code SYSLOG_*} ones, {@code PRIORITY} and the {@code CODE_*} location journald's client library adds.
     */
    private static String otherFields(Map<String, String> members, boolean journal) {
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (List<String> keys : List.of(TIME_KEYS, LEVEL_KEYS, THREAD_KEYS, SOURCE_KEYS, MESSAGE_KEYS, STACK_KEYS,
            ERROR_KEYS)) {
            for (String key : keys) {
                if (members.get(key) != null) {
                    // the member first() reads; a null one it passes over goes on after the message
                    shown.add(key);
                    break;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> member : members.entrySet()) {
            String key = member.getKey();
            if (shown.contains(key) || journal && (key.startsWith("_") || key.startsWith("SYSLOG_")
                || key.startsWith("CODE_") || key.equals("PRIORITY"))) {
                continue;
            }
            sb.append(' ').append(key).append('=').append(logfmtValue(member.getValue()));
        }
        return sb.toString();
    }

    /**
     * {@code value} as logfmt writes it: quoted, with {@code "}, {@code \} and line breaks escaped, when it needs;
     * a nested object or array as its JSON text, which reads better unquoted.
     */
    private static String logfmtValue(String value) {
        if (value == null) {
            return "null";
        }
        if ((value.startsWith("{") && value.endsWith("}") || value.startsWith("[") && value.endsWith("]"))
            && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\';
        }
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String first(Map<String, String> members, List<String> keys) {
        for (String key : keys) {
            String value = members.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String severity(String pri) {
        return pri == null ? null : SYSLOG_SEVERITIES.get(Integer.parseInt(pri) % 8);
    }

    private static String nil(String value) {
        return "-".equals(value) ? null : value;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
