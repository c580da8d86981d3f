package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LogParserTest {
    static List<LogEntry> parse(String resource, LogFormat expected) throws IOException {
        try (InputStream in = LogParserTest.class.getResourceAsStream("/logs/" + resource)) {
            return parse(in, expected);
        }
    }

    static List<LogEntry> parse(InputStream in, LogFormat expected) throws IOException {
        return parse(in, null, expected);
    }

    /** The entries of {@code in} read as {@code forced} (null: detected), asserting the format used. */
    static List<LogEntry> parse(InputStream in, LogFormat forced, LogFormat expected) throws IOException {
        List<LogEntry> entries = new ArrayList<>();
        try (LogLineReader reader = new LogLineReader(in, LogLineReader.DEFAULT_MAX_LINE_BYTES)) {
            assertEquals(expected, LogParser.parse(reader, forced, entries::add));
        }
        return entries;
    }

    private static LogEntry entry(long line, int lines, String time, String level, String thread, String source,
                                  String message) {
        return new LogEntry(line, lines, time, level, thread, source, message);
    }

    @Test
    void log4jWithStackTraceKeptInItsEntry() throws IOException {
        List<LogEntry> entries = parse("log4j.log", LogFormat.LOG4J);
        assertEquals(5, entries.size());
        assertEquals(entry(1, 1, "2026-11-20 09:00:00,123", "INFO", "main", "com.example.shop.App",
            "Starting shop 1.42 on host web-1"), entries.get(0));
        assertEquals(entry(4, 6, "2026-11-20 09:00:01,010", "ERROR", "pool-1-thread-3", "com.example.shop.order.OrderLock",
            "lock wait timed out\njava.lang.IllegalStateException: lock held by pool-1-thread-7\n"
                + "\tat com.example.shop.order.OrderLock.acquire(OrderLock.java:88)\n"
                + "\tat com.example.shop.cart.CartCache.evict(CartCache.java:42)\n"
                + "Caused by: java.util.concurrent.TimeoutException: 30 s\n\t... 2 more"), entries.get(3));
        assertEquals(10, entries.get(4).line());
    }

    @Test
    void logbackSpringBootAndLevelFirstLayouts() throws IOException {
        assertEquals(entry(2, 1, "09:00:00.200", "WARN", "http-nio-8080-exec-1", "c.e.shop.web.Checkout",
            "slow request: GET /checkout, 812 ms"), parse("logback.log", LogFormat.LOG4J).get(1));
        List<LogEntry> boot = parse("spring-boot.log", LogFormat.LOG4J);
        assertEquals(entry(1, 1, "2026-11-20 09:00:00.123", "INFO", "main", "c.e.shop.ShopApplication",
            "Started ShopApplication in 3.2 seconds"), boot.get(0));
        assertEquals(entry(2, 1, "2026-11-20T09:00:01.456Z", "WARN", "nio-8080-exec-2", "c.e.shop.web.CheckoutController",
            "Checkout slow: 4211 ms"), boot.get(1));
        assertEquals(entry(2, 1, "2026-11-20 09:00:00,124", "ERROR", "worker-2", "Cart:17",
            "evict failed: key=a,b \"quoted\""), parse("log4j-level-first.log", LogFormat.LOG4J).get(1));
    }

    @Test
    void pythonLoggingWithTraceback() throws IOException {
        List<LogEntry> entries = parse("python.log", LogFormat.PYTHON);
        assertEquals(3, entries.size());
        assertEquals(entry(2, 5, "2026-11-20 09:00:01,500", "ERROR", null, "shop.checkout",
            "checkout failed\nTraceback (most recent call last):\n  File \"/srv/shop/checkout.py\", line 42, in checkout\n"
                + "    cart.evict(order)\nKeyError: 'order-17'"), entries.get(1));
        assertEquals(List.of(entry(1, 1, null, "WARNING", null, "root", "disk almost full"),
            entry(2, 1, null, "INFO", null, "shop.cache", "evicted 3 entries")), parse("python-basic.log", LogFormat.PYTHON));
    }

    @Test
    void syslogRfc3164WithPriorityAndWithout() throws IOException {
        List<LogEntry> entries = parse("syslog3164.log", LogFormat.SYSLOG);
        assertEquals(List.of(
            entry(1, 1, "Nov 21 11:11:38", "CRIT", "812", "sshd", "Failed password for root from 10.0.0.7 port 52344 ssh2"),
            entry(2, 1, "Nov 21 11:11:40", "INFO", "1", "systemd", "Started shop.service."),
            entry(3, 1, "Nov  1 02:03:04", null, null, "kernel", "Out of memory: Killed process 4242 (java)")), entries);
    }

    @Test
    void syslogRfc5424WithStructuredData() throws IOException {
        assertEquals(List.of(
            entry(1, 1, "2026-11-21T11:11:38.003Z", "NOTICE", "1234", "shop",
                "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] checkout started"),
            entry(2, 1, "2026-11-21T11:11:39.010Z", "ERR", "1234", "shop", "checkout failed")),
            parse("syslog5424.log", LogFormat.SYSLOG5424));
    }

    @Test
    void journalctlShortPreciseWithMarkers() throws IOException {
        List<LogEntry> entries = parse("journald.log", LogFormat.SYSLOG);
        assertEquals(6, entries.size());
        assertEquals(entry(1, 1, null, null, null, "journal",
            "Logs begin at Fri 2026-11-20 08:00:00 UTC, end at Sat 2026-11-21 11:12:00 UTC."), entries.get(0));
        assertEquals(entry(3, 1, "Nov 21 11:11:39.654321", null, "4242", "shop",
            "Exception in thread \"main\" java.lang.IllegalStateException: boom"), entries.get(2));
        assertEquals("Boot 3f2a9c1d5e7b4a6c8d0e1f2a3b4c5d6e", entries.get(4).message());
    }

    @Test
    void jsonLinesWithStackTraceAndOtherKeyNames() throws IOException {
        List<LogEntry> entries = parse("json.log", LogFormat.JSON);
        assertEquals(entry(2, 1, "2026-11-20T09:00:01.000Z", "ERROR", "pool-1-thread-3", "com.example.shop.cart.CartCache",
            "evict failed\njava.lang.IllegalStateException: boom\n\tat com.example.shop.cart.CartCache.evict(CartCache.java:42)"),
            entries.get(1));
        assertEquals(entry(3, 1, "2026-11-20T09:00:02Z", "warn", null, "cart/cache.go:42", "slow evict duration=1.5"), entries.get(2));
    }

    /** What went wrong is in zap's, zerolog's and logrus's {@code error} and in pino's {@code err}: it stays in view. */
    @Test
    void jsonLinesKeepTheirErrorAndStackMembers() throws IOException {
        String log = "{\"level\":\"error\",\"ts\":1765015201.5,\"caller\":\"db/conn.go:10\",\"msg\":\"dial failed\","
            + "\"error\":\"connection refused\",\"stacktrace\":\"main.main\\n\\t/app/main.go:20\"}\n"
            + "{\"level\":50,\"time\":1765015200123,\"pid\":812,\"err\":{\"type\":\"Error\",\"message\":\"ECONNREFUSED\","
            + "\"stack\":\"Error: ECONNREFUSED\\n    at afterConnect (node:net:1555:16)\"},\"msg\":\"query failed\"}\n"
            + "{\"level\":\"error\",\"error\":\"boom\",\"time\":\"2026-12-06T10:00:01Z\",\"message\":\"failed: boom\"}\n"
            + "{\"time\":\"2026-12-06T10:00:02Z\",\"msg\":\"rejected\",\"error\":{\"code\":42}}\n";
        List<LogEntry> entries = parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON);
        assertEquals(List.of(
            entry(1, 1, "2025-12-06T10:00:01.5Z", "error", null, "db/conn.go:10",
                "dial failed: connection refused\nmain.main\n\t/app/main.go:20"),
            entry(2, 1, "2025-12-06T10:00:00.123Z", "ERROR", "812", null,
                "query failed: ECONNREFUSED\nError: ECONNREFUSED\n    at afterConnect (node:net:1555:16)"),
            entry(3, 1, "2026-12-06T10:00:01Z", "error", null, null, "failed: boom"),
            entry(4, 1, "2026-12-06T10:00:02Z", null, null, null, "rejected: {\"code\":42}")), entries);
    }

    /**
     * Times written as counts since 1970 read as ISO 8601 in UTC, as every other layout's: zap's seconds with a
     * fraction, zerolog's Unix seconds, milliseconds, microseconds and nanoseconds, pino's milliseconds, journald's
     * microseconds, log4j2's instant; bunyan's and logrus's ISO strings as written.
     */
    @Test
    void epochTimesReadAsIsoTimes() throws IOException {
        String log = "{\"level\":\"info\",\"ts\":1733472000.123456,\"msg\":\"zap\"}\n"
            + "{\"level\":\"info\",\"time\":1733472000,\"message\":\"zerolog s\"}\n"
            + "{\"level\":\"info\",\"time\":1733472000123,\"message\":\"zerolog ms\"}\n"
            + "{\"level\":\"info\",\"time\":1733472000123456,\"message\":\"zerolog us\"}\n"
            + "{\"level\":\"info\",\"time\":1733472000123456789,\"message\":\"zerolog ns\"}\n"
            + "{\"level\":30,\"time\":1733472000123,\"pid\":7,\"msg\":\"pino\"}\n"
            + "{\"name\":\"app\",\"level\":30,\"msg\":\"bunyan\",\"time\":\"2024-12-06T08:00:00.123Z\",\"v\":0}\n"
            + "{\"level\":\"info\",\"msg\":\"logrus\",\"time\":\"2024-12-06T08:00:00Z\"}\n"
            + "{\"__REALTIME_TIMESTAMP\":\"1733472000123456\",\"PRIORITY\":\"6\",\"MESSAGE\":\"journald\"}\n"
            + "{\"instant\":{\"epochSecond\":1733472000,\"nanoOfSecond\":123000000},\"level\":\"INFO\",\"message\":\"log4j2\"}\n"
            + "{\"ts\":1733472000123.5,\"msg\":\"zap epoch millis\"}\n";
        List<LogEntry> entries = parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON);
        assertEquals(List.of("2024-12-06T08:00:00.123456Z", "2024-12-06T08:00:00Z", "2024-12-06T08:00:00.123Z",
            "2024-12-06T08:00:00.123456Z", "2024-12-06T08:00:00.123456789Z", "2024-12-06T08:00:00.123Z",
            "2024-12-06T08:00:00.123Z", "2024-12-06T08:00:00Z", "2024-12-06T08:00:00.123456Z", "2024-12-06T08:00:00.123Z",
            "2024-12-06T08:00:00.1235Z"), entries.stream().map(LogEntry::time).toList());
    }

    /** A number under a time key that is no time since 1970 in any unit (a duration, a count) is kept as written. */
    @Test
    void numbersThatAreNoTimesStayAsWritten() throws IOException {
        String log = "{\"time\":12,\"msg\":\"took\"}\n{\"time\":12.5,\"msg\":\"took\"}\n"
            + "{\"ts\":17334720001,\"msg\":\"eleven digits\"}\n{\"ts\":99999999999999999999,\"msg\":\"twenty\"}\n"
            + "{\"time\":\"-1733472000\",\"msg\":\"negative\"}\n{\"time\":5000000000,\"msg\":\"year 2128\"}\n"
            + "{\"time\":\"1733472000.\",\"msg\":\"dot\"}\n";
        List<LogEntry> entries = parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON);
        assertEquals(List.of("12", "12.5", "17334720001", "99999999999999999999", "-1733472000", "5000000000",
            "1733472000."), entries.stream().map(LogEntry::time).toList());
    }

    /** A line that starts with epoch seconds or milliseconds shows them as the ISO time they are. */
    @Test
    void timestampedLinesWithEpochTimes() throws IOException {
        String log = "1733472000.5 ERROR disk full\n1733472001123 INFO retried\n";
        List<LogEntry> entries = parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), null,
            LogFormat.TIMESTAMP);
        assertEquals(List.of(entry(1, 1, "2024-12-06T08:00:00.5Z", "ERROR", null, null, "disk full"),
            entry(2, 1, "2024-12-06T08:00:01.123Z", "INFO", null, null, "retried")), entries);
    }

    /**
     * The journal's short lines carry no priority: the level the program wrote at the start of its message is the
     * entry's, as is a JSON export's without a PRIORITY; a priority the journal gives stays.
     */
    @Test
    void journalLinesTakeTheProgramsLevelWhereTheJournalGivesNone() throws IOException {
        String shortIso = "2024-12-06T08:00:00+0000 web-1 myapp[123]: ERROR disk full\n"
            + "2024-12-06T08:00:01+0000 web-1 myapp[123]: [warn] slow\n"
            + "2024-12-06T08:00:02+0000 web-1 myapp[123]: error: no config\n"
            + "2024-12-06T08:00:03+0000 web-1 myapp[123]: time=2024-12-06T08:00:03Z level=error msg=\"dial failed\"\n"
            + "2024-12-06T08:00:04+0000 web-1 myapp[123]: Config loaded, errors: 0\n"
            + "<14>2024-12-06T08:00:05+0000 web-1 myapp[123]: ERROR but the priority says info\n"
            + "2024-12-06T08:00:06+0000 web-1 myapp[123]: Config: /etc/myapp.yaml\n"
            + "2024-12-06T08:00:07+0000 web-1 myapp[123]: Fine: nothing to do\n";
        List<LogEntry> entries = parse(new ByteArrayInputStream(shortIso.getBytes(StandardCharsets.UTF_8)),
            LogFormat.SYSLOG);
        assertEquals(java.util.Arrays.asList("ERROR", "warn", "error", "error", null, "INFO", null, null),
            entries.stream().map(LogEntry::level).toList());
        assertEquals(entry(1, 1, "2024-12-06T08:00:00+0000", "ERROR", "123", "myapp", "ERROR disk full"), entries.get(0));
        String json = "{\"MESSAGE\":\"ERROR disk full\",\"SYSLOG_IDENTIFIER\":\"myapp\",\"_PID\":\"123\"}\n"
            + "{\"MESSAGE\":\"ERROR disk full\",\"PRIORITY\":\"6\",\"SYSLOG_IDENTIFIER\":\"myapp\",\"_PID\":\"123\"}\n"
            // a service's standard output: every line gets the unit's default priority, the program's level says more
            + "{\"MESSAGE\":\"ERROR disk full\",\"PRIORITY\":\"6\",\"_TRANSPORT\":\"stdout\",\"_PID\":\"123\"}\n"
            + "{\"MESSAGE\":\"disk at 80%\",\"PRIORITY\":\"6\",\"_TRANSPORT\":\"stdout\",\"_PID\":\"123\"}\n";
        assertEquals(List.of("ERROR", "INFO", "ERROR", "INFO"), parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
            LogFormat.JSON).stream().map(LogEntry::level).toList());
    }

    /** A Kubernetes pod log: containerd's prefix on every line, the program's own layout and stack trace after it. */
    @Test
    void containerRuntimePrefixGivesWayToTheProgramsOwnLog() throws IOException {
        String log = "2026-12-06T10:00:01.000000001Z stdout F 2026-12-06 10:00:01.456 [exec-1] ERROR c.e.Orders - failed\n"
            + "2026-12-06T10:00:01.000000002Z stdout F java.lang.IllegalStateException: boom\n"
            + "2026-12-06T10:00:01.000000003Z stdout F \tat c.e.Orders.post(Orders.java:42)\n"
            + "2026-12-06T10:00:02.000000000Z stderr F 2026-12-06 10:00:02.000 [main] WARN  c.e.App - stopping\n";
        assertEquals(List.of(
            entry(1, 3, "2026-12-06 10:00:01.456", "ERROR", "exec-1", "c.e.Orders",
                "failed\njava.lang.IllegalStateException: boom\n\tat c.e.Orders.post(Orders.java:42)"),
            entry(4, 1, "2026-12-06 10:00:02.000", "WARN", "main", "c.e.App", "stopping")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.LOG4J));
        List<LogEntry> named = new ArrayList<>();
        try (LogLineReader reader = new LogLineReader(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
            LogLineReader.DEFAULT_MAX_LINE_BYTES)) {
            LogParser.parse(reader, LogFormat.LOG4J, named::add);
        }
        assertEquals(List.of(1L, 4L), named.stream().map(LogEntry::line).toList());
        // lines of no known layout are the program's all the same: the runtime's time and stream tag say nothing more
        String plain = "2026-12-06T10:00:01.000000001Z stdout F listening on :8080\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:01.000000001Z", null, null, null, "listening on :8080")),
            parse(new ByteArrayInputStream(plain.getBytes(StandardCharsets.UTF_8)), LogFormat.PLAIN));
    }

    /**
     * A line longer than the runtime's buffer comes in parts, each but the last tagged P (containerd, CRI-O) or
     * without its line break (Docker's json-file): the parts are one line again, numbered by the first.
     */
    @Test
    void partsOfALineTheRuntimeSplitAreJoined() throws IOException {
        String cri = "2026-12-06T10:00:01.1Z stdout P 2026-12-06 10:00:01.456 [exec-1] ERROR c.e.Orders - fai\n"
            + "2026-12-06T10:00:01.2Z stdout P le\n"
            + "2026-12-06T10:00:01.3Z stdout F d\n"
            + "2026-12-06T10:00:02.0Z stdout F 2026-12-06 10:00:02.000 [main] WARN  c.e.App - stopping\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06 10:00:01.456", "ERROR", "exec-1", "c.e.Orders", "failed"),
                entry(4, 1, "2026-12-06 10:00:02.000", "WARN", "main", "c.e.App", "stopping")),
            parse(new ByteArrayInputStream(cri.getBytes(StandardCharsets.UTF_8)), LogFormat.LOG4J));
        String docker = "{\"log\":\"INFO:app:a very long \",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:01Z\"}\n"
            + "{\"log\":\"line\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:01.5Z\"}\n"
            + "{\"log\":\"ERROR:app:boom\\r\\n\",\"stream\":\"stderr\",\"time\":\"2026-12-06T10:00:02Z\"}\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:01Z", "INFO", null, "app", "a very long line"),
                entry(3, 1, "2026-12-06T10:00:02Z", "ERROR", null, "app", "boom")),
            parse(new ByteArrayInputStream(docker.getBytes(StandardCharsets.UTF_8)), LogFormat.PYTHON));
    }

    /**
     * Docker's json-file driver: the program's own log inside "log", read in its own layout (its stack trace kept
     * with its entry), the driver's time where the program wrote none; a colour or erase-line it printed goes.
     */
    @Test
    void dockerJsonFileGivesWayToTheProgramsOwnLog() throws IOException {
        String log = "{\"log\":\"2026-12-06 10:00:01.456 [exec-1] ERROR c.e.Orders - \\u001b[31mfailed\\u001b[0m\\n\","
            + "\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:01.000000001Z\"}\n"
            + "{\"log\":\"\\tat c.e.Orders.post(Orders.java:42)\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:01.1Z\"}\n"
            + "{\"log\":\"2026-12-06 10:00:02.000 [main] WARN  c.e.App - stopping\\n\",\"stream\":\"stderr\","
            + "\"time\":\"2026-12-06T10:00:02Z\"}\n";
        assertEquals(List.of(entry(1, 2, "2026-12-06 10:00:01.456", "ERROR", "exec-1", "c.e.Orders",
                "failed\n\tat c.e.Orders.post(Orders.java:42)"),
                entry(3, 1, "2026-12-06 10:00:02.000", "WARN", "main", "c.e.App", "stopping")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.LOG4J));
        String plain = "{\"log\":\"listening on :8080\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:01.5Z\"}\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:01.5Z", null, null, null, "listening on :8080")),
            parse(new ByteArrayInputStream(plain.getBytes(StandardCharsets.UTF_8)), LogFormat.PLAIN));
        // asked to read the JSON itself, rca reads the driver's record, without the line break it keeps
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:01.5Z", null, null, null, "listening on :8080 stream=stdout")),
            parse(new ByteArrayInputStream(plain.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON, LogFormat.JSON));
    }

    /**
     * stdout and stderr interleave: a part of one stream's line is joined with that stream's next part, never with
     * the other stream's line in between; and a line the other stream wrote, or one with a layout of its own, starts
     * an entry of its own rather than continuing the one before (a stack trace still does).
     */
    @Test
    void streamsOfAContainerLogStayApart() throws IOException {
        String docker = "{\"log\":\"{\\\"level\\\":\\\"error\\\",\\\"msg\\\":\\\"part one \",\"stream\":\"stderr\",\"time\":\"2026-12-06T10:00:00Z\"}\n"
            + "{\"log\":\"{\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"whole\\\"}\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-06T10:00:01Z\"}\n"
            + "{\"log\":\"and two\\\"}\\n\",\"stream\":\"stderr\",\"time\":\"2026-12-06T10:00:02Z\"}\n";
        assertEquals(List.of(entry(2, 1, "2026-12-06T10:00:01Z", "info", null, null, "whole"),
                entry(1, 1, "2026-12-06T10:00:00Z", "error", null, null, "part one and two")),
            parse(new ByteArrayInputStream(docker.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON));
        String cri = "2026-12-06T10:00:00.1Z stderr P {\"level\":\"error\",\"msg\":\"part one \n"
            + "2026-12-06T10:00:00.2Z stdout F {\"level\":\"info\",\"msg\":\"whole\"}\n"
            + "2026-12-06T10:00:00.3Z stderr F and two\"}\n";
        assertEquals(List.of(entry(2, 1, "2026-12-06T10:00:00.2Z", "info", null, null, "whole"),
                entry(1, 1, "2026-12-06T10:00:00.1Z", "error", null, null, "part one and two")),
            parse(new ByteArrayInputStream(cri.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON));
        String mixed = "2026-12-06T10:00:00Z stdout F {\"level\":\"info\",\"ts\":\"10:00:01\",\"msg\":\"json one\"}\n"
            + "2026-12-06T10:00:02Z stderr F time=10:00:02 level=error msg=\"logfmt one\"\n"
            + "2026-12-06T10:00:03Z stdout F 172.17.0.1 - - [06/Dec/2026:10:00:03 +0000] \"GET / HTTP/1.1\" 500 615\n"
            + "2026-12-06T10:00:04Z stderr F entrypoint: waiting\n"
            + "2026-12-06T10:00:05Z stdout F {\"level\":\"error\",\"ts\":\"10:00:05\",\"msg\":\"json two\"}\n"
            + "2026-12-06T10:00:05Z stdout F java.lang.IllegalStateException: boom\n"
            + "2026-12-06T10:00:05Z stdout F \tat a.B.c(B.java:1)\n";
        assertEquals(List.of(entry(1, 1, "10:00:01", "info", null, null, "json one"),
                entry(2, 1, "10:00:02", "error", null, null, "logfmt one"),
                entry(3, 1, "06/Dec/2026:10:00:03 +0000", "ERROR", null, "172.17.0.1", "\"GET / HTTP/1.1\" 500 615"),
                entry(4, 1, "2026-12-06T10:00:04Z", null, null, null, "entrypoint: waiting"),
                entry(5, 3, "10:00:05", "error", null, null, "json two\njava.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)")),
            parse(new ByteArrayInputStream(mixed.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON));
    }

    /**
     * The members no column shows follow the message as logfmt pairs (reviewer-107's finding 1: they were dropped);
     * a journal export's own fields stay out, and a line with no other member reads as before.
     */
    @Test
    void structuredFieldsNoColumnShowsFollowTheMessage() throws IOException {
        String json = "{\"level\":\"error\",\"ts\":1796551200.5,\"caller\":\"srv/h.go:12\",\"msg\":\"request failed\","
            + "\"status\":503,\"path\":\"/api/pay\",\"order_id\":\"A-17\",\"err\":\"timeout\","
            + "\"note\":\"say \\\"hi\\\" now\",\"empty\":\"\",\"user\":{\"id\":7},\"gone\":null}\n"
            + "{\"level\":\"info\",\"ts\":1796551201.5,\"msg\":\"config loaded\"}\n"
            + "{\"__REALTIME_TIMESTAMP\":\"1796551200000000\",\"__CURSOR\":\"s=1\",\"PRIORITY\":\"3\","
            + "\"_TRANSPORT\":\"journal\",\"SYSLOG_IDENTIFIER\":\"shop\",\"SYSLOG_FACILITY\":\"3\",\"_PID\":\"42\","
            + "\"_HOSTNAME\":\"web01\",\"CODE_FILE\":\"main.c\",\"MESSAGE\":\"disk full\",\"DEVICE\":\"/dev/sda\"}\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:00.5Z", "error", null, "srv/h.go:12",
                "request failed: timeout status=503 path=/api/pay order_id=A-17 note=\"say \\\"hi\\\" now\" empty=\"\""
                    + " user={\"id\":7} gone=null"),
                entry(2, 1, "2026-12-06T10:00:01.5Z", "info", null, null, "config loaded"),
                entry(3, 1, "2026-12-06T10:00:00.000000Z", "ERR", "42", "shop", "disk full DEVICE=/dev/sda")),
            parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON));
        String logfmt = "time=2026-12-06T10:00:00.000Z level=info msg=\"server starting\" version=2024.10.1 addr=:8080\n"
            + "at=error code=H12 desc=\"Request timeout\" method=GET msg=\"router\"\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:00.000Z", "info", null, null,
                "server starting version=2024.10.1 addr=:8080"),
                entry(2, 1, null, "error", null, null, "router code=H12 desc=\"Request timeout\" method=GET")),
            parse(new ByteArrayInputStream(logfmt.getBytes(StandardCharsets.UTF_8)), LogFormat.LOGFMT));
    }

    /**
     * journalctl exports a field with a control character as an array of its bytes (reviewer-107's finding 4): the
     * message reads as text, its colour codes go, and on a service's standard output the level it starts with wins.
     */
    @Test
    void journalByteArraysAreDecoded() throws IOException {
        String json = "{\"__REALTIME_TIMESTAMP\":\"1796551200000000\",\"PRIORITY\":\"6\",\"_TRANSPORT\":\"stdout\","
            + "\"SYSLOG_IDENTIFIER\":\"shop\",\"_PID\":\"42\",\"MESSAGE\":[27,91,51,49,109,69,82,82,79,82,27,91,48,109,32,"
            + "100,98,32,195,169,116,195,169]}\n"
            + "{\"__REALTIME_TIMESTAMP\":\"1796551201000000\",\"PRIORITY\":\"6\",\"_TRANSPORT\":\"stdout\","
            + "\"MESSAGE\":\"ids\",\"LIST\":[1,2,300]}\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:00.000000Z", "ERROR", "42", "shop", "ERROR db \u00e9t\u00e9"),
                entry(2, 1, "2026-12-06T10:00:01.000000Z", "INFO", null, null, "ids LIST=[1,2,300]")),
            parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON));
    }

    /**
     * The level is read past what comes between the time and it (reviewer-107's findings 5 and 6): Python's
     * {@code %(process)d}, a pid and {@code [thread]}, Celery's {@code [time: LEVEL/process]}, Airflow's
     * {@code {file:line}} and PostgreSQL's Debian prefix {@code [pid] user@db}, whose STATEMENT stays with its entry.
     */
    @Test
    void levelPastPidThreadFileAndPostgresUser() throws IOException {
        String log = "2026-12-06 10:00:00,123 4242 INFO svc.main starting\n"
            + "2026-12-06T18:34:28.588 30807 [MainThread] ERROR svc.main: sync failed\n"
            + "[2026-12-06 10:00:01,456: ERROR/ForkPoolWorker-2] Task shop.tasks.charge raised unexpected: ValueError()\n"
            + "[2026-12-06T10:00:01.456+0000] {taskinstance.py:1935} ERROR - Task failed with exception\n"
            + "2026-12-06 10:00:00.123 UTC [42] LOG:  database system is ready to accept connections\n"
            + "2026-12-06 10:00:01.456 UTC [4711] shop@shopdb ERROR:  relation \"order\" does not exist at character 15\n"
            + "2026-12-06 10:00:01.456 UTC [4711] shop@shopdb STATEMENT:  SELECT * FROM order;\n"
            + "2026-12-06 10:00:02.000 UTC [4712] [unknown]@[unknown] FATAL:  password authentication failed\n"
            + "2026-12-06 10:00:03 42 items left\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06 10:00:00,123", "INFO", "4242", null, "svc.main starting"),
                entry(2, 1, "2026-12-06T18:34:28.588", "ERROR", "MainThread", null, "svc.main: sync failed"),
                entry(3, 1, "2026-12-06 10:00:01,456", "ERROR", "ForkPoolWorker-2", null,
                    "Task shop.tasks.charge raised unexpected: ValueError()"),
                entry(4, 1, "2026-12-06T10:00:01.456+0000", "ERROR", null, "taskinstance.py:1935",
                    "Task failed with exception"),
                entry(5, 1, "2026-12-06 10:00:00.123 UTC", "LOG", "42", null,
                    "database system is ready to accept connections"),
                entry(6, 2, "2026-12-06 10:00:01.456 UTC", "ERROR", "4711", "shop@shopdb",
                    "relation \"order\" does not exist at character 15\n"
                        + "2026-12-06 10:00:01.456 UTC [4711] shop@shopdb STATEMENT:  SELECT * FROM order;"),
                entry(8, 1, "2026-12-06 10:00:02.000 UTC", "FATAL", "4712", "[unknown]@[unknown]",
                    "password authentication failed"),
                entry(9, 1, "2026-12-06 10:00:03", null, null, null, "42 items left")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.TIMESTAMP));
        assertEquals(LogFormat.TIMESTAMP, LogParser.detect(List.of(log.split("\n"))));
    }

    /**
     * java.util.logging's default SimpleFormatter writes a record on two lines, the time and source, then the level
     * and message (reviewer-107's finding 3): one entry, its stack trace attached.
     */
    @Test
    void javaUtilLoggingTwoLineRecords() throws IOException {
        String log = "Dec 06, 2026 6:53:05 PM App main\n"
            + "INFO: starting\n"
            + "Dec 06, 2026 6:53:05 PM com.shop.Orders\n"
            + "WARNING: cache miss ratio high\n"
            + "Dec 06, 2026 12:03:05 AM App main\n"
            + "SEVERE: parse failed\n"
            + "java.lang.NumberFormatException: For input string: \"abc\"\n"
            + "\tat java.base/java.lang.Integer.parseInt(Integer.java:668)\n"
            + "\tat App.main(App.java:4)\n"
            + "Dec 06, 2026 12:03:06 AM App main\n"
            + "INFO: x\n"
            + "INFO: not a header's second line\n";
        assertEquals(LogFormat.JUL, LogParser.detect(List.of(log.split("\n"))));
        assertEquals(List.of(entry(1, 2, "Dec 06, 2026 6:53:05 PM", "INFO", null, "App main", "starting"),
                entry(3, 2, "Dec 06, 2026 6:53:05 PM", "WARNING", null, "com.shop.Orders", "cache miss ratio high"),
                entry(5, 5, "Dec 06, 2026 12:03:05 AM", "SEVERE", null, "App main", "parse failed\n"
                    + "java.lang.NumberFormatException: For input string: \"abc\"\n"
                    + "\tat java.base/java.lang.Integer.parseInt(Integer.java:668)\n\tat App.main(App.java:4)"),
                entry(10, 3, "Dec 06, 2026 12:03:06 AM", "INFO", null, "App main", "x\nINFO: not a header's second line")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.JUL));
    }

    /** log4j2's JsonLayout "thrown" object reads as Java prints the exception (reviewer-107's finding 16). */
    @Test
    void log4j2ThrownObjectReadsAsAStackTrace() throws IOException {
        String log = "{\"instant\":{\"epochSecond\":1796551200,\"nanoOfSecond\":5000000},\"thread\":\"main\","
            + "\"level\":\"ERROR\",\"loggerName\":\"com.x.Y\",\"message\":\"failed\",\"thrown\":{\"commonElementCount\":0,"
            + "\"name\":\"java.lang.IllegalStateException\",\"message\":\"bad\",\"extendedStackTrace\":["
            + "{\"class\":\"com.x.Y\",\"method\":\"m\",\"file\":\"Y.java\",\"line\":3,\"exact\":true},"
            + "{\"class\":\"com.x.Z\",\"method\":\"n\"}],"
            + "\"cause\":{\"name\":\"java.io.IOException\",\"extendedStackTrace\":\"\\tat a.B.c(B.java:1)\"}}}\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:00.005Z", "ERROR", "main", "com.x.Y",
                "failed: bad\njava.lang.IllegalStateException: bad\n\tat com.x.Y.m(Y.java:3)\n\tat com.x.Z.n(Unknown Source)"
                    + "\nCaused by: java.io.IOException\n\tat a.B.c(B.java:1)")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.JSON));
    }

    /** journalctl's short-unix and short-monotonic outputs are journal lines (reviewer-107's finding 10). */
    @Test
    void journalShortUnixAndShortMonotonic() throws IOException {
        String unix = "1796551200.123456 web01 shop[4242]: ERROR database unreachable\n"
            + "1796551201.000000 web01 kernel: eth0: link up\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:00.123456Z", "ERROR", "4242", "shop", "ERROR database unreachable"),
                entry(2, 1, "2026-12-06T10:00:01.000000Z", null, null, "kernel", "eth0: link up")),
            parse(new ByteArrayInputStream(unix.getBytes(StandardCharsets.UTF_8)), LogFormat.SYSLOG));
        String monotonic = "[   12.345678] web01 shop[4242]: ERROR database unreachable\n"
            + "[   13.000001] web01 kernel: eth0: link up\n";
        assertEquals(List.of(entry(1, 1, "12.345678", "ERROR", "4242", "shop", "ERROR database unreachable"),
                entry(2, 1, "13.000001", null, null, "kernel", "eth0: link up")),
            parse(new ByteArrayInputStream(monotonic.getBytes(StandardCharsets.UTF_8)), LogFormat.SYSLOG));
        String dmesg = "[   12.345678] usb 1-1: new high-speed USB device\n[   13.000001] systemd[1]: Started foo\n";
        assertEquals(LogFormat.DMESG, LogParser.detect(List.of(dmesg.split("\n"))));
    }

    /** Apache's vhost_combined lines are access-log entries of their own (reviewer-107's finding 14). */
    @Test
    void apacheVhostCombined() throws IOException {
        String log = "10.0.0.1 - - [06/Dec/2026:10:00:03 +0000] \"GET /x HTTP/1.1\" 400 0 \"-\" \"-\"\n"
            + "shop.example.com:443 10.0.0.2 - - [06/Dec/2026:10:00:04 +0000] \"POST /pay HTTP/1.1\" 503 5 \"-\" \"curl/8\"\n";
        assertEquals(List.of(entry(1, 1, "06/Dec/2026:10:00:03 +0000", "WARN", null, "10.0.0.1",
                "\"GET /x HTTP/1.1\" 400 0 \"-\" \"-\""),
                entry(2, 1, "06/Dec/2026:10:00:04 +0000", "ERROR", null, "10.0.0.2",
                    "shop.example.com:443 \"POST /pay HTTP/1.1\" 503 5 \"-\" \"curl/8\"")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.ACCESS));
    }

    /**
     * The thread and source some layouts write after the level, or GIT_TRACE after the time, are columns, not the
     * message's start (reviewer-107's finding 15): Tomcat, Django, nginx's pid#tid, a source file's name:line.
     */
    @Test
    void threadAndSourceAfterTheLevel() throws IOException {
        String log = "06-Dec-2026 10:00:01.456 SEVERE [main] org.apache.catalina.core.StandardService.startInternal Failed\n"
            + "[2026-12-06 10:00:02,123] ERROR [django.request:241] Internal Server Error: /pay\n"
            + "2026/12/06 10:00:05 [crit] 1235#1235: *12 SSL_do_handshake() failed\n"
            + "2026-12-06 10:00:06,000 ERROR views.py:42 payment failed\n"
            + "18:34:21.080316 git.c:460               trace: built-in: git status\n"
            + "2026-12-06 10:00:07 ERROR db.example.com:5432 unreachable\n"
            + "2026-12-06 10:00:08 [main] starting\n";
        assertEquals(List.of(entry(1, 1, "06-Dec-2026 10:00:01.456", "SEVERE", "main",
                "org.apache.catalina.core.StandardService.startInternal", "Failed"),
                entry(2, 1, "2026-12-06 10:00:02,123", "ERROR", null, "django.request:241", "Internal Server Error: /pay"),
                entry(3, 1, "2026/12/06 10:00:05", "crit", "1235#1235", null, "*12 SSL_do_handshake() failed"),
                entry(4, 1, "2026-12-06 10:00:06,000", "ERROR", null, "views.py:42", "payment failed"),
                entry(5, 1, "18:34:21.080316", null, null, "git.c:460", "trace: built-in: git status"),
                entry(6, 1, "2026-12-06 10:00:07", "ERROR", null, null, "db.example.com:5432 unreachable"),
                entry(7, 1, "2026-12-06 10:00:08", null, null, null, "[main] starting")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.TIMESTAMP));
    }

    /** logfmt as logrus, log/slog, go-kit and Heroku's router write it; prose holding an a=b is not logfmt. */
    @Test
    void logfmt() throws IOException {
        String log = "time=\"2026-12-06T10:00:00Z\" level=error msg=\"dial failed\" err=\"connection refused\" component=db\n"
            + "time=2026-12-06T10:00:01.000Z level=INFO source=/app/main.go:42 msg=\"say \\\"hi\\\"\" n=1\n"
            + "at=error code=H12 desc=\"Request timeout\" method=GET path=\"/\" status=503\n"
            + "user=alice logged in\n";
        assertEquals(List.of(entry(1, 1, "2026-12-06T10:00:00Z", "error", null, "db", "dial failed: connection refused"),
                entry(2, 1, "2026-12-06T10:00:01.000Z", "INFO", null, "/app/main.go:42", "say \"hi\" n=1"),
                entry(3, 2, null, "error", null, null,
                    "at=error code=H12 desc=\"Request timeout\" method=GET path=\"/\" status=503\nuser=alice logged in")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.LOGFMT));
    }

    /** Common and Combined Log Format: the status gives the level, the client is the source. */
    @Test
    void accessLog() throws IOException {
        String log = "10.0.0.1 - - [06/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 12\n"
            + "10.0.0.2 - bob [06/Dec/2026:10:00:01 +0000] \"POST /pay?q=\\\"x\\\" HTTP/1.1\" 503 0 \"-\" \"curl/8.5\"\n"
            + "::1 - - [06/Dec/2026:10:00:02 +0000] \"GET /missing HTTP/1.1\" 404 9 \"-\" \"-\"\n";
        assertEquals(List.of(entry(1, 1, "06/Dec/2026:10:00:00 +0000", "INFO", null, "10.0.0.1", "\"GET / HTTP/1.1\" 200 12"),
                entry(2, 1, "06/Dec/2026:10:00:01 +0000", "ERROR", null, "10.0.0.2",
                    "\"POST /pay?q=\\\"x\\\" HTTP/1.1\" 503 0 \"-\" \"curl/8.5\""),
                entry(3, 1, "06/Dec/2026:10:00:02 +0000", "WARN", null, "::1", "\"GET /missing HTTP/1.1\" 404 9 \"-\" \"-\"")),
            parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), LogFormat.ACCESS));
    }

    @Test
    void glogWithFileHeader() throws IOException {
        List<LogEntry> entries = parse("glog.log", LogFormat.GLOG);
        assertEquals(4, entries.size());
        assertEquals(3, entries.get(0).lines());
        assertEquals(entry(5, 1, "1121 11:11:39.000001", "WARNING", "43", "cache.go:88", "eviction slow"), entries.get(2));
    }

    @Test
    void dmesgPlainHumanAndRawForms() throws IOException {
        String log = "[    0.000000] Linux version 6.1.0-18-amd64\n"
            + "[    1.234567] usb 1-1: new high-speed USB device number 2\n"
            + "[   12.345678] EXT4-fs (sda1): mounted filesystem\n"
            + "kern  :err   : [Fri Dec  5 13:00:02 2026] EXT4-fs error (device sda1): bad block\n"
            + "<3>[   14.000000] nvme nvme0: I/O 12 timeout\n";
        List<LogEntry> entries = parse(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
            LogFormat.DMESG);
        assertEquals(List.of(
            entry(1, 1, "0.000000", null, null, null, "Linux version 6.1.0-18-amd64"),
            entry(2, 1, "1.234567", null, null, "usb 1-1", "new high-speed USB device number 2"),
            entry(3, 1, "12.345678", null, null, "EXT4-fs (sda1)", "mounted filesystem"),
            entry(4, 1, "Fri Dec  5 13:00:02 2026", "ERR", null, "EXT4-fs error (device sda1)", "bad block"),
            entry(5, 1, "14.000000", "ERR", null, "nvme nvme0", "I/O 12 timeout")), entries);
    }

    @Test
    void leadingTimestampFallback() throws IOException {
        assertEquals(List.of(
            entry(1, 1, "2026-11-20 09:00:00", "WARN", null, null, "disk almost full"),
            entry(2, 2, "2026-11-20 09:00:01", null, null, null, "job finished\n  with 2 warnings"),
            entry(4, 1, "2023-11-14T22:13:20Z", null, null, null, "heartbeat"),
            entry(5, 1, "2026/11/20 09:00:02", "error", "811#0", null, "upstream timed out")),
            parse("timestamped.log", LogFormat.TIMESTAMP));
    }

    @Test
    void binaryJunkAndColourCodesBecomeVisibleText() throws IOException {
        assertEquals(List.of(entry(1, 1, null, null, null, null, "plain text line"),
            entry(2, 1, null, null, null, null, "\uFFFD\uFFFDbinary\uFFFD\uFFFD junk red"),
            entry(3, 1, null, null, null, null, "another line")), parse("binary.log", LogFormat.PLAIN));
    }

    @Test
    void tenMegabyteLineIsCutNotFatal() throws IOException {
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.writeBytes("2026-11-20 09:00:00,000 [main] INFO  App - before\n".getBytes(StandardCharsets.UTF_8));
        log.writeBytes("2026-11-20 09:00:01,000 [main] INFO  App - ".getBytes(StandardCharsets.UTF_8));
        log.writeBytes(huge);
        log.writeBytes("\n2026-11-20 09:00:02,000 [main] INFO  App - after\n".getBytes(StandardCharsets.UTF_8));
        List<LogEntry> entries = parse(new ByteArrayInputStream(log.toByteArray()), LogFormat.LOG4J);
        assertEquals(3, entries.size());
        String cut = entries.get(1).message();
        assertTrue(cut.endsWith(" … [" + (huge.length + 43 - LogLineReader.DEFAULT_MAX_LINE_BYTES) + " more bytes]"), cut.substring(cut.length() - 40));
        assertTrue(cut.length() < LogLineReader.DEFAULT_MAX_LINE_BYTES + 100);
        assertEquals("after", entries.get(2).message());
        assertEquals(3, entries.get(2).line());
    }

    @Test
    void gzipIsDecompressedAndCrLfAndByteOrderMarkStripped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("\uFEFFWARNING:root:one\r\nINFO:root:two\r\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(entry(1, 1, null, "WARNING", null, "root", "one"), entry(2, 1, null, "INFO", null, "root", "two")),
            parse(new ByteArrayInputStream(bytes.toByteArray()), LogFormat.PYTHON));
    }

    @Test
    void hugeStackTraceIsCappedPerEntry() throws IOException {
        StringBuilder log = new StringBuilder("2026-11-20 09:00:00,000 [main] ERROR App - boom\n");
        String frame = "\tat com.example.Deep.recurse(Deep.java:1)" + "x".repeat(60) + "\n";
        int frames = LogParser.MAX_ENTRY_CHARS / frame.length() + 500;
        log.append(frame.repeat(frames));
        List<LogEntry> entries = parse(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)),
            LogFormat.LOG4J);
        assertEquals(1, entries.size());
        assertEquals(frames + 1, entries.get(0).lines());
        assertTrue(entries.get(0).message().length() <= LogParser.MAX_ENTRY_CHARS + 40);
        assertTrue(entries.get(0).message().matches("(?s).*\n… \\[\\d+ more lines\\]"));
    }
}
