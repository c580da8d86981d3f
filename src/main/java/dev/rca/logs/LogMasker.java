package dev.rca.logs;

import dev.rca.DeepRecursion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what differs between any two runs of the same program, so that two healthy runs' logs read the
 * same: timestamps and dates, durations, UUIDs, hex addresses and hashes, IP addresses and ports, the
 * directory a run makes in a temporary one, journald's cursor, and ids, sizes and counters: numbers of four or
 * more digits (with a unit such as {@code 51200K} or not), numbers after an id-like key ({@code pid=},
 * {@code "pid": }, {@code user }, {@code #}), numbered thread and pool names ({@code pool-1-thread-3}) and
 * syslog's process ids ({@code sshd[812]}, RFC 5424's PROCID). Runs of whitespace become one space, so padded
 * columns do not matter.
 *
 * <p>Small numbers elsewhere (an HTTP status, an exit code, a retry count, a {@code file:line:column}) are
 * kept, and versions whole ({@code 2024.10.1}): they are what tells a bad run from a good one. Extra masks given by
 * the user are applied first.
 *
 * <p>The line is scanned once; the built-in masks are tried only where a word starts, which keeps
 * masking cheap enough for logs of millions of lines. An instance is not thread-safe.
 */
public final class LogMasker {
    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?";
    private static final String ZONE = "(?:\\s?Z(?!\\w)|\\s?[+-]\\d{2}:?\\d{2}(?!\\d))?";
    private static final String CLOCK = "\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,9})?(?:\\s?[AaPp][Mm](?!\\w))?" + ZONE;

    /**
     * {@code 45ms}, {@code 1.5 s}, {@code 250 milliseconds}, Go's {@code 1m2.345s} and {@code 1h2m3s}, ISO 8601's
     * {@code PT0.25S}. Its parts are possessive, not matched by recursion once
     * per part (RCA-13): none can give back a match, as what follows them is no word character.
     */
    static final String DURATION = "(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|h|m|s)){2,}+(?!\\w)"
        + "|\\d+(?:\\.\\d+)?(?:(?:ns|us|µs|ms|s|sec|secs|m|min|mins|h|hr|hrs)"
        + "|\\s(?:ns|us|µs|ms|s|sec|secs|seconds?|mins?|minutes?|hrs?|hours?|milliseconds?|millis|microseconds?"
        + "|nanoseconds?))(?!\\w)"
        + "|P(?:\\d+D)?T(?:\\d+(?:\\.\\d+)?[HMS])++(?!\\w)";
    private static final String PATH_NAME = "[^/\\s'\"\\])>,;]*";
    /** RFC 5424's priority, version, time, host and app: the process id comes next, as in sshd[812]. */
    private static final Pattern SYSLOG5424_HEADER = Pattern.compile("<\\d{1,3}>1 \\S+ \\S+ \\S+ ");
    /** A line's masked start before PostgreSQL's or gunicorn's process id: {@code <time> UTC [}, {@code [<time>] [}. */
    private static final Pattern PID_IN_BRACKETS_AFTER_TIME = Pattern.compile("\\[?<time>\\]?(?: [A-Z]{2,5})? \\[");
    /**
     * What follows that bracketed process id: gunicorn's {@code [INFO]}, PostgreSQL's {@code LOG:} or its Debian
     * prefix's {@code user@db}; not a message ({@code [500] failed}).
     */
    private static final Pattern BRACKETED_PID_NEXT = Pattern.compile("\\] (?:\\[|[A-Z]+:|[^\\s@]*@[^\\s@]* )");
    /** Spring Boot's, before its process id: {@code <time>  INFO }. */
    private static final Pattern PID_AFTER_LEVEL = Pattern.compile(
        "<time> +(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL) +");
    /** klog's, before its thread id: {@code I<time> <time>   }. */
    private static final Pattern KLOG_HEADER = Pattern.compile("[IWEF]<time> <time> +");
    private static final String RUNNING_FOR = "running for ";
    private static final int RULE_TMP = 0;
    private static final int RULE_UUID = 1;
    private static final int RULE_TIME = 2;
    private static final int RULE_HEX = 4;
    private static final int RULE_DURATION = 5;
    private static final int RULE_CURSOR = 7;
    private static final int RULE_POD = 8;
    private static final Set<String> ID_KEYS = Set.of("id", "pid", "ppid", "tid", "uid", "gid",
        "port", "seq", "session", "sid", "req", "request", "txn", "trace", "span", "conn", "connection", "job",
        "worker", "user", "thread", "process", "build", "goroutine", "fiber", "client", "container", "pod");

    private final List<LogMask> extra;
    private final List<Rule> rules = new ArrayList<>();
    /** The stretch without blanks or quotes {@link #windowsTempEnd} last read, and its last temporary directory. */
    private String stretchText;
    private int stretchStart;
    private int stretchEnd;
    private int stretchTemp;

    private LogMasker(List<LogMask> extra) {
        this.extra = List.copyOf(extra);
        // the temporary directory and the one name in it that a run makes up; what lies below is the program's
        // own (config.yaml or config.yml) and is compared. Windows' (C:\…\Temp\name) is windowsTempEnd's.
        rule("tmp", "(?:/tmp|/var/tmp|/dev/shm|(?:/private)?/var/folders(?:/" + PATH_NAME + "){1,3})"
            + "(?:/" + PATH_NAME + ")?");
        rule("uuid", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\\w-])");
        rule("time", "\\d{4}-\\d{2}-\\d{2}(?:[T ]" + CLOCK + ")?(?!\\w)"
            + "|\\d{4}/\\d{2}/\\d{2}(?: " + CLOCK + ")?(?!\\w)"
            + "|\\d{1,2}/[A-Z][a-z]{2}/\\d{4}(?::" + CLOCK + ")?(?!\\w)"
            + "|\\d{1,2}-[A-Z][a-z]{2}-\\d{4}(?: " + CLOCK + ")?(?!\\w)"
            + "|\\d{1,2}/\\d{1,2}/\\d{2,4}(?:,? " + CLOCK + ")?(?!\\w)"
            + "|\\d{1,2}\\.\\d{1,2}\\.\\d{4}(?:,? " + CLOCK + ")?(?![\\w.])"
            + "|" + CLOCK + "(?!\\w)"
            + "|(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? )?" + MONTH + " +\\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?"
            + "(?: " + CLOCK + ")?(?!\\w)"
            + "|(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? )?\\d{1,2} " + MONTH + ",? \\d{4}(?: " + CLOCK + ")?(?!\\w)");
        rule("ip", "(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?(?![\\w.])");
        rule("hex", "0[xX][0-9a-fA-F]+(?!\\w)"
            + "|(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}(?!\\w)"
            + "|(?<=\\w@)[0-9a-fA-F]{4,16}(?!\\w)");
        rule("duration", DURATION);
        // the fraction of a number masked for its size goes with it: zap's "ts":1765015201.5 as well as .123
        rule("num", "\\d+\\.\\d{2,}(?![\\w.])|\\d{4,}\\.\\d(?![\\w.])|\\d{4,}(?:[A-Za-z]{1,3})?(?!\\w)");
        // journald's cursor names one entry of one journal file: every export differs in it, in short hex parts too
        rule("cursor", "__CURSOR\"\\s*:\\s*\"[^\"]*\"");
        // a Kubernetes pod's name ends in its ReplicaSet's hash and a suffix of its own, new on every rollout, in the
        // alphabet Kubernetes draws them from (no vowels, no 0, 1 or 3)
        rule("pod", "[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}(?![\\w-])");
    }

    /** The built-in masks. */
    public static LogMasker defaults() {
        return new LogMasker(List.of());
    }

    /** The built-in masks, preceded by {@code extra} (applied in the order given). */
    public static LogMasker withExtra(List<LogMask> extra) {
        return new LogMasker(extra);
    }

    /** The extra masks this masker applies before the built-in ones. */
    public List<LogMask> extra() {
        return extra;
    }

    private void rule(String name, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher("");
        matcher.useTransparentBounds(true);
        matcher.useAnchoringBounds(false);
        rules.add(new Rule("<" + name + ">", matcher));
    }

    /** {@code line} with every mask applied and whitespace runs collapsed. */
    public String mask(String line) {
        String text = line;
        for (LogMask mask : extra) {
            String before = text;
            text = DeepRecursion.call(
                () -> mask.pattern().matcher(before).replaceAll(Matcher.quoteReplacement(mask.replacement())),
                () -> DeepRecursion.patternTooDeep(mask.pattern().pattern(), before.length()));
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        if (n > 5 && "IWEF".indexOf(text.charAt(0)) >= 0 && isGlogDate(text)) {
            out.append(text.charAt(0)).append("<time>");
            i = 5;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                i++;
                continue;
            }
            boolean wordStart = i == 0 || !isWordChar(text.charAt(i - 1));
            if (!wordStart || !(isWordChar(c) || c == '/')) {
                out.append(c);
                i++;
                continue;
            }
            int wordEnd = i + 1;
            while (wordEnd < n && isWordChar(text.charAt(wordEnd))) {
                wordEnd++;
            }
            int version = versionEnd(text, i, wordEnd);
            if (version > i) {
                out.append(text, i, version);
                i = version;
                continue;
            }
            int end = maskAt(text, i, wordEnd, out);
            if (end > i) {
                i = end;
                continue;
            }
            if (Character.isDigit(c) && allDigits(text, i, wordEnd)
                && (isIdContext(text, i, wordEnd) || isProcessColumn(out, text, i, wordEnd))) {
                out.append("<num>");
            } else {
                out.append(text, i, wordEnd);
            }
            i = wordEnd;
        }
        int length = out.length();
        while (length > 0 && out.charAt(length - 1) == ' ') {
            length--;
        }
        out.setLength(length);
        return out.toString();
    }

    /**
     * Tries the built-in masks at {@code i}, the start of a word ending at {@code wordEnd}; cheap character
     * tests first, so that the common word (a plain English or identifier word) costs no regex at all.
     */
    private int maskAt(String text, int i, int wordEnd, StringBuilder out) {
        char c = text.charAt(i);
        if (i > 0 && text.charAt(i - 1) == '-' && wordEnd - i >= 6 && wordEnd - i <= 10 && wordEnd < text.length()
            && text.charAt(wordEnd) == '-') {
            int end = tryRule(RULE_POD, text, i, out);
            if (end > i) {
                return end;
            }
        }
        if (c == '/') {
            return text.startsWith("/tmp", i) || text.startsWith("/var/", i) || text.startsWith("/private/var/", i)
                || text.startsWith("/dev/shm", i) ? tryRule(RULE_TMP, text, i, out) : i;
        }
        boolean hexWord = allHex(text, i, wordEnd);
        if (hexWord && i + 8 < text.length() && text.charAt(i + 8) == '-') {
            int end = tryRule(RULE_UUID, text, i, out);
            if (end > i) {
                return end;
            }
        }
        if (Character.isDigit(c)) {
            int length = wordEnd - i;
            char next = wordEnd < text.length() ? text.charAt(wordEnd) : '\0';
            boolean digits = allDigits(text, i, wordEnd);
            boolean[] plausible = {
                next == '-' || next == '/' || (next == ':' && !isLineAndColumn(text, i, wordEnd))
                    || (length <= 2 && (next == ' ' || next == '.')),
                digits && length <= 3 && next == '.',
                !digits || length >= 8 || (i >= 2 && text.charAt(i - 1) == '@'),
                !digits || next == '.' || next == ' ',
                digits ? length >= 4 || next == '.' : length >= 5 && allDigits(text, i, i + 4),
            };
            if (text.startsWith(RUNNING_FOR, i - RUNNING_FOR.length())) {
                // Spring Boot's "Started App in 3.4 seconds (process running for 4.1)": the uptime, without a unit
                int end = wordEnd;
                if (end + 1 < text.length() && text.charAt(end) == '.' && isAsciiDigit(text.charAt(end + 1))) {
                    end++;
                    while (end < text.length() && isAsciiDigit(text.charAt(end))) {
                        end++;
                    }
                }
                if (digits && (end == text.length() || !isWordChar(text.charAt(end)) && text.charAt(end) != '.')) {
                    out.append(rules.get(RULE_DURATION).replacement);
                    return end;
                }
            }
            for (int rule = RULE_TIME; rule < RULE_TIME + plausible.length; rule++) {
                int end = plausible[rule - RULE_TIME] ? tryRule(rule, text, i, out) : i;
                if (end > i) {
                    return end;
                }
            }
            return i;
        }
        if (hexWord && (wordEnd - i >= 8 || (i >= 2 && text.charAt(i - 1) == '@' && isWordChar(text.charAt(i - 2))))) {
            return tryRule(RULE_HEX, text, i, out);
        }
        if (Character.isUpperCase(c) && wordEnd - i >= 3 && "JFMASONDTW".indexOf(c) >= 0) {
            return tryRule(RULE_TIME, text, i, out);
        }
        if (c == '_' && text.startsWith("__CURSOR\"", i)) {
            return tryRule(RULE_CURSOR, text, i, out);
        }
        if (c == 'P' && wordEnd - i >= 3) {
            return tryRule(RULE_DURATION, text, i, out);
        }
        if (Character.isLetter(c) && wordEnd == i + 1 && text.startsWith(":\\", wordEnd)) {
            int end = windowsTempEnd(text, i);
            if (end > i) {
                out.append(rules.get(RULE_TMP).replacement);
                return end;
            }
        }
        return i;
    }

    /**
     * Where the Windows temporary directory and the name a run made in it ({@code C:\Users\ann\AppData\Local\Temp\x1})
     * starting at {@code i} end, or -1: where {@code [A-Za-z]:\\[^\s'"]*\\(?:Temp|tmp)\\[^\s'"\\]*} matching there
     * ends. Every start in one stretch without blanks or quotes ends its path at the stretch's last {@code \Temp\} or
     * {@code \tmp\}, found once and kept for the next start (they are asked in order along a line): the pattern read
     * the rest of the stretch again from each start, minutes over a long {@code C:\C:\C:\…}.
     */
    int windowsTempEnd(String text, int i) {
        int n = text.length();
        if (i + 2 >= n || !isAsciiLetter(text.charAt(i)) || text.charAt(i + 1) != ':' || text.charAt(i + 2) != '\\') {
            return -1;
        }
        int from = i + 3;
        if (text != stretchText || from < stretchStart || from > stretchEnd) {
            stretchText = text;
            stretchStart = from;
            stretchEnd = from;
            while (stretchEnd < n && !isPathEnd(text.charAt(stretchEnd))) {
                stretchEnd++;
            }
            stretchTemp = -1;
            for (int p = stretchEnd - 1; p >= from && stretchTemp < 0; p--) {
                if (text.startsWith("\\Temp\\", p) || text.startsWith("\\tmp\\", p)) {
                    stretchTemp = p;
                }
            }
        }
        if (stretchTemp < from) {
            return -1;
        }
        int end = stretchTemp + (text.charAt(stretchTemp + 1) == 'T' ? 6 : 5);
        while (end < n && !isPathEnd(text.charAt(end)) && text.charAt(end) != '\\') {
            end++;
        }
        return end;
    }

    /** A blank ({@code \s}) or a quote: where a path in a log's text ends. */
    private static boolean isPathEnd(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == '\'' || c == '"';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private int tryRule(int index, String text, int i, StringBuilder out) {
        Rule rule = rules.get(index);
        Matcher m = rule.matcher;
        m.reset(text);
        m.region(i, text.length());
        if (m.lookingAt() && m.end() > i) {
            out.append(rule.replacement);
            return m.end();
        }
        return i;
    }

    /**
     * The end of a version starting at {@code i}, the word ending at {@code wordEnd} its first number: three or more
     * numbers joined by dots ({@code 2024.10.1}, {@code 1.2.345}, {@code 10.0.19041.1}), or two after a {@code v}
     * ({@code v3.10}); -1 for anything else, four numbers of up to three digits (an IPv4 address) and a number grouped
     * in thousands by dots ({@code 1.234.567}) included. A version is often what differs between a good run and a bad
     * one, so it is never masked, nor are its parts taken for a time, a measurement or a count.
     */
    private static int versionEnd(String text, int i, int wordEnd) {
        char c = text.charAt(i);
        int first = c == 'v' || c == 'V' ? i + 1 : i;
        if (first == wordEnd || !allAsciiDigits(text, first, wordEnd)) {
            return -1;
        }
        int n = text.length();
        int parts = 1;
        boolean short3 = wordEnd - first <= 3;
        boolean thousands = short3;
        int end = wordEnd;
        while (end + 1 < n && text.charAt(end) == '.' && isAsciiDigit(text.charAt(end + 1))) {
            int partEnd = end + 1;
            while (partEnd < n && isAsciiDigit(text.charAt(partEnd))) {
                partEnd++;
            }
            short3 &= partEnd - end - 1 <= 3;
            thousands &= partEnd - end - 1 == 3;
            parts++;
            end = partEnd;
        }
        boolean address = first == i && parts == 4 && short3;
        boolean date = first == i && parts == 3 && isDottedDate(text, i, end);
        if (parts < (first == i ? 3 : 2) || address || date || first == i && thousands) {
            return -1;
        }
        // a release's numbers after a dash belong to it: the ABI of a kernel's 5.15.0-1051-azure, a package's 1.2.3-4
        while (end + 1 < n && text.charAt(end) == '-' && isAsciiDigit(text.charAt(end + 1))) {
            end++;
            while (end < n && isAsciiDigit(text.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    /**
     * A day, month and year as much of Europe writes them ({@code 12.05.2024}, {@code 1.5.2024}): a time of the run,
     * to be masked as the other dates are, not a version.
     */
    private static boolean isDottedDate(String text, int start, int end) {
        String[] parts = text.substring(start, end).split("\\.");
        if (parts.length != 3 || parts[0].length() > 2 || parts[1].length() > 2 || parts[2].length() != 4) {
            return false;
        }
        int day = Integer.parseInt(parts[0]);
        int month = Integer.parseInt(parts[1]);
        int year = Integer.parseInt(parts[2]);
        return day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1970 && year <= 2099;
    }

    /**
     * True when the number at {@code start..end} is an id or counter by its context: after an id-like key
     * ({@code pid=}, {@code user }, {@code request #}), inside a numbered name ({@code pool-1-thread-3}),
     * or a syslog process id ({@code sshd[812]}).
     */
    private static boolean isIdContext(String text, int start, int end) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        if (before == '#') {
            return true;
        }
        if (before == '-' && start >= 2 && Character.isLetter(text.charAt(start - 2))) {
            return true;
        }
        if (before == '[' && end < text.length() && text.charAt(end) == ']' && start >= 2
            && Character.isLetter(text.charAt(start - 2))) {
            return true;
        }
        if (before == ' ' && text.charAt(0) == '<' && end < text.length() && text.charAt(end) == ' ') {
            Matcher header = SYSLOG5424_HEADER.matcher(text);
            if (header.lookingAt() && header.end() == start) {
                return true;
            }
        }
        int k = start;
        // quotes too: JSON's "pid": 812 and a Python dict's 'pid': 812 name their ids like pid=812 does
        while (k > 0 && " \t=:#\"'".indexOf(text.charAt(k - 1)) >= 0 && start - k < 4) {
            k--;
        }
        if (k == start && before != ' ') {
            return false;
        }
        int keyEnd = k;
        while (k > 0 && (Character.isLetterOrDigit(text.charAt(k - 1)) || text.charAt(k - 1) == '_')) {
            k--;
        }
        if (k == keyEnd || (k > 0 && text.charAt(k - 1) == '.')) {
            return false;
        }
        // journald's trusted fields carry a leading underscore: _PID, _TID
        String key = text.substring(k, keyEnd).replaceFirst("^_+", "");
        return ID_KEYS.contains(key.toLowerCase(Locale.ROOT)) || key.endsWith("_id") || key.endsWith("Id");
    }

    /**
     * True when the number at {@code start..end} is where a common layout writes its process id, whatever its size
     * (in a container pids are small, and a database's backends get them in the order clients came): PostgreSQL's
     * and gunicorn's {@code [812]} right after the time, Spring Boot's {@code INFO 812 ---}, klog's
     * {@code I1206 10:00:00.123456  812 main.go:42]}, nginx's {@code 29#29:}, Node's {@code (node:42)} and Redis's
     * {@code 1:M}. {@code masked} is the line's masked text before the number.
     */
    private static boolean isProcessColumn(StringBuilder masked, String text, int start, int end) {
        int n = text.length();
        char after = end < n ? text.charAt(end) : '\0';
        if (after == '#' && end + 1 < n && isAsciiDigit(text.charAt(end + 1))) {
            return true;
        }
        if (start == 0) {
            return after == ':' && end + 2 < n && "XCSM".indexOf(text.charAt(end + 1)) >= 0 && text.charAt(end + 2) == ' ';
        }
        if (after == ')' && text.startsWith("(node:", start - 6)) {
            return true;
        }
        if (masked.length() > 60 || masked.indexOf("<time>") < 0) {
            return false;
        }
        String before = masked.toString();
        return after == ']' && PID_IN_BRACKETS_AFTER_TIME.matcher(before).matches()
            && BRACKETED_PID_NEXT.matcher(text).region(end, n).lookingAt()
            || text.startsWith(" ---", end) && PID_AFTER_LEVEL.matcher(before).matches()
            || after == ' ' && KLOG_HEADER.matcher(before).matches();
    }

    /**
     * True when the number at {@code start..end} is the line of a {@code file:line:column} ({@code index.js:12:34},
     * {@code main.go:42:13}), which reads like a clock without seconds but tells two code paths apart. The word before
     * must name a file, {@code time:10:31} being a clock.
     */
    private static boolean isLineAndColumn(String text, int start, int end) {
        if (start < 2 || text.charAt(start - 1) != ':' || !isWordChar(text.charAt(start - 2))
            || !namesFile(text, start - 1)) {
            return false;
        }
        int column = end + 1;
        int columnEnd = column;
        while (columnEnd < text.length() && Character.isDigit(text.charAt(columnEnd))) {
            columnEnd++;
        }
        boolean seconds = columnEnd + 1 < text.length() && text.charAt(columnEnd) == ':'
            && Character.isDigit(text.charAt(columnEnd + 1));
        return columnEnd > column && !seconds;
    }

    /**
     * Whether the name before the colon at {@code colon} is a file's: it ends in an extension ({@code index.js},
     * {@code Cart.java}) or holds a directory ({@code /app/lib/x}, {@code C:\src\x}). Read back to the colon, blank,
     * quote or bracket before it, so that each character is read for one colon at most.
     */
    private static boolean namesFile(String text, int colon) {
        int k = colon;
        while (k > 0 && Character.isLetterOrDigit(text.charAt(k - 1))) {
            k--;
        }
        int extension = colon - k;
        if (extension >= 1 && extension <= 10 && Character.isLetter(text.charAt(k)) && k >= 2
            && text.charAt(k - 1) == '.' && !endsName(text.charAt(k - 2))) {
            return true;
        }
        for (int j = colon - 1; j >= 0 && !endsName(text.charAt(j)); j--) {
            if (text.charAt(j) == '/' || text.charAt(j) == '\\') {
                return true;
            }
        }
        return false;
    }

    /** A character no file name in a log's text holds: a blank, a quote, a bracket, {@code :}, {@code =} and such. */
    private static boolean endsName(char c) {
        return Character.isWhitespace(c) || "'\"()[]{}<>:=,;".indexOf(c) >= 0;
    }

    private static boolean allHex(String text, int start, int end) {
        for (int k = start; k < end; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGlogDate(String text) {
        for (int k = 1; k < 5; k++) {
            if (!Character.isDigit(text.charAt(k))) {
                return false;
            }
        }
        return text.charAt(5) == ' ';
    }

    /** Whether {@code text[start, end)} is ASCII digits only (what a count or a version is made of). */
    static boolean allAsciiDigits(String text, int start, int end) {
        for (int k = start; k < end; k++) {
            if (!isAsciiDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String text, int start, int end) {
        for (int k = start; k < end; k++) {
            if (!Character.isDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** One built-in mask, tried at the start of a word. */
    private record Rule(String replacement, Matcher matcher) {
    }
}
