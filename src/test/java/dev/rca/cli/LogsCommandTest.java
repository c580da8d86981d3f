package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void copySamples() throws IOException {
        for (String name : new String[] {"log4j.log", "log4j-level-first.log", "python.log", "good-run-1.log",
            "good-run-2.log", "bad-run.log", "json.log"}) {
            try (InputStream in = getClass().getResourceAsStream("/logs/" + name)) {
                Files.copy(in, tmp.resolve(name));
            }
        }
    }

    @Test
    void tableKeepsStackTraceUnderItsEntry() {
        CliResult r = Cli.run(tmp, "logs", "table", "log4j.log");
        assertEquals(0, r.exitCode(), r.toString());
        String indent = " ".repeat(89);
        assertEquals(String.join("\n",
            "LINE  TIME                     LEVEL  THREAD           SOURCE                            MESSAGE",
            "   1  2026-11-20 09:00:00,123  INFO   main             com.example.shop.App              Starting shop 1.42 on host web-1",
            "   2  2026-11-20 09:00:00,456  DEBUG  main             com.example.shop.cart.CartCache   cache size=512",
            "   3  2026-11-20 09:00:01,002  WARN   pool-1-thread-3  com.example.shop.cart.CartCache   eviction took 1200 ms",
            "   4  2026-11-20 09:00:01,010  ERROR  pool-1-thread-3  com.example.shop.order.OrderLock  lock wait timed out",
            indent + "java.lang.IllegalStateException: lock held by pool-1-thread-7",
            indent + "\tat com.example.shop.order.OrderLock.acquire(OrderLock.java:88)",
            indent + "\tat com.example.shop.cart.CartCache.evict(CartCache.java:42)",
            indent + "Caused by: java.util.concurrent.TimeoutException: 30 s",
            indent + "\t... 2 more",
            "  10  2026-11-20 09:00:02,000  INFO   main             com.example.shop.App              Shutdown", ""), r.out());
        assertEquals("", r.err());
    }

    /** --grep finds what a JSON or logfmt line holds in a member of its own (reviewer-107's finding 1). */
    @Test
    void grepFindsStructuredFields() throws Exception {
        Files.writeString(tmp.resolve("z.log"), "{\"level\":\"error\",\"ts\":1796551200.5,\"msg\":\"request failed\","
            + "\"status\":503,\"path\":\"/api/pay\"}\n{\"level\":\"info\",\"ts\":1796551201.5,\"msg\":\"config loaded\"}\n");
        assertEquals(new CliResult(0, "{\"line\":1,\"time\":\"2026-12-06T10:00:00.5Z\",\"level\":\"error\",\"thread\":null,"
            + "\"source\":null,\"message\":\"request failed status=503 path=/api/pay\"}\n", ""),
            Cli.run(tmp, "logs", "table", "z.log", "--grep=api/pay", "--format=json"));
    }

    /** An access log's 5xx rows are its errors, and a Docker log's rows are its program's own lines. */
    @Test
    void accessAndDockerLogsReadEndToEnd() throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("access.log"),
            "10.0.0.1 - - [06/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 12\n"
                + "10.0.0.2 - - [06/Dec/2026:10:00:01 +0000] \"POST /pay HTTP/1.1\" 502 0\n");
        assertEquals(new CliResult(0, "line,time,level,thread,source,message\r\n"
            + "2,06/Dec/2026:10:00:01 +0000,ERROR,,10.0.0.2,\"\"\"POST /pay HTTP/1.1\"\" 502 0\"\r\n", ""),
            Cli.run(tmp, "logs", "table", "access.log", "--level=ERROR", "--format=csv"));
        java.nio.file.Files.writeString(tmp.resolve("docker.log"),
            "{\"log\":\"ERROR:shop:boom\\n\",\"stream\":\"stderr\",\"time\":\"2026-12-06T10:00:00Z\"}\n");
        assertEquals(new CliResult(0, "line,time,level,thread,source,message\r\n"
            + "1,2026-12-06T10:00:00Z,ERROR,,shop,boom\r\n", ""), Cli.run(tmp, "logs", "table", "docker.log", "--format=csv"));
    }

    @Test
    void csvFollowsRfc4180() {
        CliResult r = Cli.run(tmp, "logs", "table", "log4j-level-first.log", "--format=csv");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("line,time,level,thread,source,message\r\n"
            + "1,\"2026-11-20 09:00:00,123\",INFO,main,App:42,Starting\r\n"
            + "2,\"2026-11-20 09:00:00,124\",ERROR,worker-2,Cart:17,\"evict failed: key=a,b \"\"quoted\"\"\"\r\n", r.out());
    }

    @Test
    void jsonIsOneObjectPerEntryWithNullsForMissingFields() {
        CliResult r = Cli.run(tmp, "logs", "table", "python.log", "--format=json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, r.outLines().size());
        assertEquals("{\"line\":2,\"time\":\"2026-11-20 09:00:01,500\",\"level\":\"ERROR\",\"thread\":null,"
            + "\"source\":\"shop.checkout\",\"message\":\"checkout failed\\nTraceback (most recent call last):\\n"
            + "  File \\\"/srv/shop/checkout.py\\\", line 42, in checkout\\n    cart.evict(order)\\nKeyError: 'order-17'\"}",
            r.outLines().get(1));
    }

    @Test
    void readsStandardInputAndHonoursForcedFormat() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("12:00:00 INFO App: up\n".getBytes(StandardCharsets.UTF_8)));
            CliResult r = Cli.run(tmp, "logs", "table", "-", "--log-format=plain", "--format=csv");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("line,time,level,thread,source,message\r\n1,,,,,12:00:00 INFO App: up\r\n", r.out());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void filtersByLevelThreadSourceAndMessage() {
        CliResult r = Cli.run(tmp, "logs", "table", "log4j.log", "--format=csv", "--level=warn,error",
            "--thread=thread-3$", "--source=cart|order", "--grep=(?i)TIMED");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(2, r.out().split("\r\n", -1).length - 1, "header and one record: " + r.out());
        assertTrue(r.out().startsWith("line,time,level,thread,source,message\r\n4,\"2026-11-20 09:00:01,010\",ERROR,"), r.out());
        CliResult none = Cli.run(tmp, "logs", "table", "python.log", "--format=csv", "--thread=.");
        assertEquals("line,time,level,thread,source,message\r\n", none.out());
    }

    /** --help names every format --log-format takes (it lists them by hand; jul was missing). */
    @Test
    void helpNamesEveryLogFormat() {
        String help = Cli.run(tmp, "logs", "table", "--help").out().replaceAll("\\s+", " ");
        for (dev.rca.logs.LogFormat format : dev.rca.logs.LogFormat.values()) {
            assertTrue(help.contains(" " + format.label() + ",") || help.contains(" " + format.label() + " ")
                || help.contains(" " + format.label() + "."), format.label() + " in " + help);
        }
    }

    /** A bad pattern is one line, as for rca log --grep (it was picocli's three with Java's exception text). */
    @Test
    void aBadPatternOptionIsOneLineAndPosixClassesReadAsGitReadsThem() throws IOException {
        for (String option : java.util.List.of("--grep", "--thread", "--source")) {
            CliResult bad = Cli.run(tmp, "logs", "table", "python.log", option + "=[");
            assertEquals(new CliResult(2, "", "rca: error: " + option + ": bad regular expression '[': Unclosed"
                + " character class\n"), bad);
        }
        CliResult posix = Cli.run(tmp, "logs", "table", "python.log", "--format=csv", "--grep=^retry[[:space:]]*ing$");
        assertEquals(0, posix.exitCode(), posix.toString());
        // emerg and alert are more severe than crit, which FATAL already kept
        assertEquals("line,level,message\r\n1,crit,handshake failed\r\n2,emerg,bind failed\r\n3,alert,disk\r\n",
            keptLevels("nginx-error.log", "FATAL", "2026/12/06 10:00:05 [crit] 1235#1235: handshake failed",
                "2026/12/06 10:00:06 [emerg] 1#1: bind failed", "2026/12/06 10:00:07 [alert] 1#1: disk",
                "2026/12/06 10:00:08 [error] 1#1: other"));
    }

    @Test
    void levelFilterKnowsEachFormatsNameForALevel() throws IOException {
        // Python says WARNING where logback says WARN; syslog says ERR; Serilog WRN; java.util.logging SEVERE
        assertEquals("line,level,message\r\n7,WARNING,retrying\r\n",
            csvOf(Cli.run(tmp, "logs", "table", "python.log", "--format=csv", "--level=WARN")));
        assertEquals("line,level,message\r\n1,ERR,giving up after 1 attempts\r\n2,WARNING,retry budget low\r\n",
            keptLevels("syslog.log", "error,warn", "<11>Nov 22 09:00:03 relayhost relay[4242]: giving up after 1 attempts",
                "<12>Nov 22 09:00:04 relayhost relay[4242]: retry budget low",
                "<14>Nov 22 09:00:05 relayhost relay[4242]: shutdown"));
        assertEquals("line,level,message\r\n1,WRN,retry budget low\r\n2,SEVERE,batch dropped\r\n",
            keptLevels("serilog.json", "Warning,ERR",
                "{\"time\":\"2026-11-22T09:00:03Z\",\"level\":\"WRN\",\"message\":\"retry budget low\"}",
                "{\"time\":\"2026-11-22T09:00:04Z\",\"level\":\"SEVERE\",\"message\":\"batch dropped\"}",
                "{\"time\":\"2026-11-22T09:00:05Z\",\"level\":\"INF\",\"message\":\"shutdown\"}"));
        // pino and bunyan number their levels: 40 is warn, 50 error
        assertEquals("line,level,message\r\n1,WARN,retry budget low\r\n2,ERROR,batch dropped\r\n",
            keptLevels("pino.json", "warn,error",
                "{\"level\":40,\"time\":1763802003000,\"msg\":\"retry budget low\"}",
                "{\"level\":50,\"time\":1763802004000,\"msg\":\"batch dropped\"}",
                "{\"level\":30,\"time\":1763802005000,\"msg\":\"shutdown\"}"));
    }

    /**
     * A level that sits after the timestamp, a time zone's name and a process id is read: gunicorn's
     * {@code [time] [pid] [LEVEL]} and PostgreSQL's {@code time zone [pid] LEVEL:} (its LOG, PANIC and DEBUG1-5
     * too), the pid as the thread; PostgreSQL's STATEMENT and DETAIL lines stay with the entry they explain.
     */
    @Test
    void aLevelAfterTheTimestampAndAProcessIdIsRead() throws IOException {
        Files.write(tmp.resolve("gunicorn.log"), java.util.List.of(
            "[2024-01-01 10:00:00 +0000] [42] [INFO] Starting gunicorn 21.2.0",
            "[2024-01-01 10:00:01 +0000] [42] [ERROR] Worker (pid:43) was sent SIGKILL!",
            "[2024-01-01 10:00:02 +0000] [44] [WARNING] Worker timeout"));
        assertEquals(new CliResult(0, """
            LINE  TIME                       LEVEL    THREAD  SOURCE  MESSAGE
               2  2024-01-01 10:00:01 +0000  ERROR    42      -       Worker (pid:43) was sent SIGKILL!
               3  2024-01-01 10:00:02 +0000  WARNING  44      -       Worker timeout
            """, ""), Cli.run(tmp, "logs", "table", "gunicorn.log", "--level=error,warn"));
        Files.write(tmp.resolve("postgres.log"), java.util.List.of(
            "2024-01-01 10:00:00 UTC [42] LOG:  database system is ready to accept connections",
            "2024-01-01 10:00:01.123 UTC [43] ERROR:  relation \"users\" does not exist at character 15",
            "2024-01-01 10:00:01.123 UTC [43] STATEMENT:  SELECT * FROM users;",
            "2024-01-01 10:00:02 UTC [44] FATAL:  password authentication failed for user \"app\"",
            "2024-01-01 10:00:03 UTC [45] WARNING:  there is no transaction in progress",
            "2024-01-01 10:00:04 UTC [46] PANIC:  could not write to file \"pg_wal/xlogtemp.46\"",
            "2024-01-01 10:00:05 UTC [47] DEBUG2:  checkpointer updated shared memory configuration values"));
        assertEquals(new CliResult(0, """
            LINE  TIME                         LEVEL  THREAD  SOURCE  MESSAGE
               2  2024-01-01 10:00:01.123 UTC  ERROR  43      -       relation "users" does not exist at character 15
                                                                      2024-01-01 10:00:01.123 UTC [43] STATEMENT:  SELECT * FROM users;
               4  2024-01-01 10:00:02 UTC      FATAL  44      -       password authentication failed for user "app"
               6  2024-01-01 10:00:04 UTC      PANIC  46      -       could not write to file "pg_wal/xlogtemp.46"
            """, ""), Cli.run(tmp, "logs", "table", "postgres.log", "--level=ERROR,FATAL"));
        assertEquals("line,level,message\r\n1,LOG,database system is ready to accept connections\r\n"
            + "7,DEBUG2,checkpointer updated shared memory configuration values\r\n",
            csvOf(Cli.run(tmp, "logs", "table", "postgres.log", "--format=csv", "--level=info,debug")));
    }

    /** The CSV line, level and message columns of {@code rca logs table --level=<levels>} over {@code lines}. */
    private String keptLevels(String name, String levels, String... lines) throws IOException {
        Files.write(tmp.resolve(name), java.util.List.of(lines));
        return csvOf(Cli.run(tmp, "logs", "table", name, "--format=csv", "--level=" + levels));
    }

    /** Syslog and the journal's short lines give no priority: the level the program wrote is what --level reads. */
    @Test
    void levelFilterReadsTheProgramsLevelWhereSyslogGivesNone() throws IOException {
        assertEquals("line,level,message\r\n1,ERROR,ERROR relay.retry: giving up after 1 attempts\r\n",
            keptLevels("relay.log", "ERROR",
                "Nov 22 09:00:03 relayhost relay[4242]: ERROR relay.retry: giving up after 1 attempts",
                "Nov 22 09:00:04 relayhost relay[4242]: INFO relay.main: shutdown"));
    }

    @Test
    void levelFilterOnALogWithoutLevelsSaysWhyNothingIsLeft() throws IOException {
        Files.write(tmp.resolve("app.log"), java.util.List.of(
            "Nov 22 09:00:03 relayhost relay[4242]: relay.retry: giving up after 1 attempts",
            "Nov 22 09:00:04 relayhost relay[4242]: relay.main: shutdown"));
        CliResult r = Cli.run(tmp, "logs", "table", "app.log", "--level=ERROR");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("LINE  TIME  LEVEL  THREAD  SOURCE  MESSAGE\n", r.out());
        assertEquals("rca: note: no entry in app.log has a level rca can read, so --level keeps none; select by the "
            + "message with --grep instead\n", r.err());
        assertEquals("", Cli.run(tmp, "logs", "table", "python.log", "--level=FATAL").err());
    }

    /** The line, level and message columns of a CSV table (the others are tested elsewhere). */
    private static String csvOf(CliResult r) {
        assertEquals(0, r.exitCode(), r.toString());
        StringBuilder kept = new StringBuilder();
        for (String row : r.out().split("\r\n")) {
            String[] cells = row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            kept.append(cells[0]).append(',').append(cells[2]).append(',').append(cells[5]).append("\r\n");
        }
        return kept.toString();
    }

    @Test
    void emptyLogGivesHeaderOnly() throws IOException {
        Files.writeString(tmp.resolve("empty.log"), "");
        assertEquals("LINE  TIME  LEVEL  THREAD  SOURCE  MESSAGE\n", Cli.run(tmp, "logs", "table", "empty.log").out());
    }

    /** Runs rca, expecting it to fail with {@code code}, exactly {@code err} on stderr and nothing on stdout. */
    private void fails(int code, String err, String... args) {
        CliResult r = Cli.run(tmp, args);
        assertEquals(code, r.exitCode(), r.toString());
        assertEquals(err, r.err());
        assertEquals("", r.out());
    }

    @Test
    void tableErrors() {
        fails(3, "rca: error: no such file: nope.log\n", "logs", "table", "nope.log");
        fails(2, "rca: error: --format=sha is not available here; use one of table, csv, json\n",
            "logs", "table", "log4j.log", "--format=sha");
        fails(2, "rca: error: unknown --log-format 'xml'; use one of json, logfmt, access, glog, syslog5424, syslog, log4j, python, "
            + "jul, dmesg, timestamp, plain\n", "logs", "table", "log4j.log", "--log-format=xml");
        CliResult noCommand = Cli.run(tmp, "logs");
        assertEquals(2, noCommand.exitCode());
        assertTrue(noCommand.err().endsWith("rca: error: logs needs a command: table or diff\n"), noCommand.err());
    }

    @Test
    void twoHealthyRunsMatchAfterMasking() {
        CliResult r = Cli.run(tmp, "logs", "diff", "good-run-1.log", "good-run-2.log");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("logs match after masking: good-run-1.log (7 lines), good-run-2.log (7 lines)\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void oneLineLogsAreCountedInTheSingular() throws IOException {
        Files.writeString(tmp.resolve("g.log"), "started at 2026-11-20T09:00:00Z\n");
        Files.writeString(tmp.resolve("b.log"), "started at 2026-11-20T10:00:00Z\n");
        assertEquals(new CliResult(0, "logs match after masking: g.log (1 line), b.log (1 line)\n", ""),
            Cli.run(tmp, "logs", "diff", "g.log", "b.log"));
    }

    @Test
    void badRunShowsFirstDivergenceAndOneSidedLines() {
        CliResult r = Cli.run(tmp, "logs", "diff", "good-run-1.log", "bad-run.log");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(String.join("\n",
            "--- good-run-1.log (7 lines)",
            "+++ bad-run.log (9 lines)",
            "first divergence: good-run-1.log line 5, bad-run.log line 5",
            "@@ -5,2 +5,4 @@",
            "-5\t2026-11-20 09:00:01,010 [pool-1-thread-4] INFO  com.example.shop.order.OrderLock - lock acquired by "
                + "com.example.shop.order.Order@1b6d3586 (request #17)",
            "-6\t2026-11-20 09:00:01,020 [pool-1-thread-4] INFO  com.example.shop.order.Orders - order committed, "
                + "status 200, took 0.153s",
            "+5\t2026-11-22 03:12:45,010 [pool-1-thread-6] WARN  com.example.shop.cart.CartCache - evict released lock "
                + "before commit",
            "+6\t2026-11-22 03:12:45,011 [pool-1-thread-6] ERROR com.example.shop.order.OrderLock - lock wait timed out "
                + "after 30 s",
            "+7\tjava.lang.IllegalStateException: lock held by pool-1-thread-5",
            "+8\t\tat com.example.shop.order.OrderLock.acquire(OrderLock.java:88)",
            "2 lines only in good-run-1.log, 4 only in bad-run.log, in 1 place", ""), r.out());
    }

    @Test
    void contextLinesSurroundEachHunkAndTheHeadersCountThem() throws IOException {
        Files.write(tmp.resolve("a.log"), java.util.List.of("one", "two", "three", "four", "five", "six", "seven"));
        Files.write(tmp.resolve("b.log"), java.util.List.of("one", "two", "three", "FOUR", "five", "seven", "eight"));
        CliResult r = Cli.run(tmp, "logs", "diff", "a.log", "b.log", "-U", "2");
        assertEquals(1, r.exitCode(), r.toString());
        // diff -U2 a.log b.log: one hunk @@ -2,6 +2,6 @@, as the three changes are at most 4 shared lines apart
        assertEquals(String.join("\n",
            "--- a.log (7 lines)",
            "+++ b.log (7 lines)",
            "first divergence: a.log line 4, b.log line 4",
            "@@ -2,6 +2,6 @@",
            " 2\ttwo",
            " 3\tthree",
            "-4\tfour",
            "+4\tFOUR",
            " 5\tfive",
            "-6\tsix",
            " 7\tseven",
            "+7\teight",
            "2 lines only in a.log, 2 only in b.log, in 3 places", ""), r.out());
        // diff -U0: an empty range starts at the line before it
        assertEquals(String.join("\n",
            "@@ -4,1 +4,1 @@",
            "-4\tfour",
            "+4\tFOUR",
            "@@ -6,1 +5,0 @@",
            "-6\tsix",
            "@@ -7,0 +7,1 @@",
            "+7\teight",
            "2 lines only in a.log, 2 only in b.log, in 3 places", ""),
            Cli.run(tmp, "logs", "diff", "a.log", "b.log").out().split("\n", 4)[3]);
        assertEquals(2, Cli.run(tmp, "logs", "diff", "a.log", "b.log", "--context=-1").exitCode());
    }

    @Test
    void ignoreMovesForgivesInterleavingButNotNewLines() throws IOException {
        Files.write(tmp.resolve("a.log"), java.util.List.of("[pool-1-thread-1] start", "[pool-1-thread-1] load cart",
            "[pool-1-thread-2] load prices", "[pool-1-thread-1] done", "[main] exit"));
        Files.write(tmp.resolve("b.log"), java.util.List.of("[pool-1-thread-4] start", "[pool-1-thread-3] load prices",
            "[pool-1-thread-4] load cart", "[pool-1-thread-4] done", "[main] ERROR lock timeout", "[main] exit"));
        CliResult strict = Cli.run(tmp, "logs", "diff", "a.log", "b.log");
        assertEquals(1, strict.exitCode(), strict.toString());
        assertTrue(strict.out().contains("first divergence: a.log line 2, b.log line 2\n"), strict.out());
        CliResult r = Cli.run(tmp, "logs", "diff", "a.log", "b.log", "--ignore-moves");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(String.join("\n",
            "--- a.log (5 lines)",
            "+++ b.log (6 lines)",
            "first divergence: a.log line 5, b.log line 5",
            "@@ -4,0 +5,1 @@",
            "+5\t[main] ERROR lock timeout",
            "0 lines only in a.log, 1 only in b.log, in 1 place", ""), r.out());
        Files.write(tmp.resolve("c.log"), java.util.List.of("[pool-1-thread-1] start", "[pool-1-thread-9] load prices",
            "[pool-1-thread-1] load cart", "[pool-1-thread-1] done", "[main] exit"));
        assertEquals("logs match after masking: a.log (5 lines), c.log (5 lines)\n",
            Cli.run(tmp, "logs", "diff", "a.log", "c.log", "--ignore-moves").out());
    }

    @Test
    void ignoreMovesKeepsAReplacementInOneHunk() throws IOException {
        java.util.List<String> good = java.util.List.of("[main] start", "[main] max_attempts=3",
            "[worker-1] delivered batch 1", "[worker-2] delivered batch 2", "[main] exit");
        java.util.List<String> bad = java.util.List.of("[main] start", "[main] WARN max_attempts is not a number",
            "[main] max_attempts=1", "[worker-2] delivered batch 2", "[worker-1] delivered batch 1", "[main] exit");
        String replaced = String.join("\n",
            "-2\t[main] max_attempts=3",
            "+2\t[main] WARN max_attempts is not a number",
            "+3\t[main] max_attempts=1",
            "1 line only in good.log, 2 only in bad.log, in 1 place", "");
        String head = "--- good.log (5 lines)\n+++ bad.log (6 lines)\nfirst divergence: good.log line 2, bad.log line 2\n";
        assertEquals(head + "@@ -2,1 +2,2 @@\n" + replaced, diffIgnoringMoves(good, bad));
        // the context after is the good log's next line, though it moved: with moves, context is the good log's
        assertEquals(head + "@@ -1,3 +1,4 @@\n 1\t[main] start\n" + replaced.replace("1 line only",
            " 3\t[worker-1] delivered batch 1\n1 line only"), diffIgnoringMoves(good, bad, "-U", "1"));
        // a moved line splits the bad side in two: each hunk's header stays above its own lines
        assertEquals(String.join("\n",
            "--- good.log (5 lines)",
            "+++ bad.log (6 lines)",
            "first divergence: good.log line 4, bad.log line 3",
            "@@ -4,1 +2,0 @@",
            "-4\tmax_attempts=3",
            "@@ -3,0 +3,1 @@",
            "+3\tWARN max_attempts is not a number",
            "@@ -3,0 +5,1 @@",
            "+5\tmax_attempts=1",
            "1 line only in good.log, 2 only in bad.log, in 3 places", ""),
            diffIgnoringMoves(java.util.List.of("start", "config loaded", "upstream ready", "max_attempts=3", "exit"),
                java.util.List.of("start", "upstream ready", "WARN max_attempts is not a number", "config loaded",
                    "max_attempts=1", "exit")));
    }

    /** {@code rca logs diff --ignore-moves} of two logs that differ: its output. */
    private String diffIgnoringMoves(java.util.List<String> good, java.util.List<String> bad, String... options)
        throws IOException {
        Files.write(tmp.resolve("good.log"), good);
        Files.write(tmp.resolve("bad.log"), bad);
        String[] args = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("logs", "diff", "good.log", "bad.log", "--ignore-moves"),
            java.util.Arrays.stream(options)).toArray(String[]::new);
        CliResult r = Cli.run(tmp, args);
        assertEquals(1, r.exitCode(), r.toString());
        return r.out();
    }

    @Test
    void diffAsJson() {
        CliResult r = Cli.run(tmp, "logs", "diff", "good-run-2.log", "bad-run.log", "--format=json");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("{\"match\":false,\"good\":{\"path\":\"good-run-2.log\",\"lines\":7},"
            + "\"bad\":{\"path\":\"bad-run.log\",\"lines\":9},\"first_divergence\":{\"good_line\":5,\"bad_line\":5},"
            + "\"only_in_good\":2,\"only_in_bad\":4,\"unmatched\":[{\"side\":\"good\",\"line\":5,\"text\":\"2026-11-21 "),
            r.out());
        assertTrue(r.out().endsWith(",{\"side\":\"bad\",\"line\":8,\"text\":\"\\tat com.example.shop.order.OrderLock"
            + ".acquire(OrderLock.java:88)\"}]}\n"), r.out());
        CliResult same = Cli.run(tmp, "logs", "diff", "good-run-1.log", "good-run-2.log", "--format=json");
        assertEquals("{\"match\":true,\"good\":{\"path\":\"good-run-1.log\",\"lines\":7},\"bad\":{\"path\":"
            + "\"good-run-2.log\",\"lines\":7},\"first_divergence\":null,\"only_in_good\":0,\"only_in_bad\":0,"
            + "\"unmatched\":[]}\n", same.out());
    }

    @Test
    void extraMaskMakesLogsMatch() throws IOException {
        Files.writeString(tmp.resolve("a.log"), "served by alpha.example.com\n");
        Files.writeString(tmp.resolve("b.log"), "served by beta.example.com\n");
        assertEquals(1, Cli.run(tmp, "logs", "diff", "a.log", "b.log").exitCode());
        CliResult r = Cli.run(tmp, "logs", "diff", "a.log", "b.log", "--mask=host=[a-z]+\\.example\\.com");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void diffErrors() {
        fails(2, "rca: error: logs diff reads each log twice; save standard input to a file first\n",
            "logs", "diff", "-", "bad-run.log");
        fails(3, "rca: error: no such file: gone.log\n", "logs", "diff", "good-run-1.log", "gone.log");
        fails(3, "rca: error: not a regular file: .\n", "logs", "diff", ".", "bad-run.log");
        fails(2, "rca: error: --mask takes <name>=<regex>, not 'oops'\n", "logs", "diff", "a.log", "b.log", "--mask=oops");
        fails(3, "rca: error: invalid mask pattern '(': Unclosed group\n", "logs", "diff", "good-run-1.log",
            "bad-run.log", "--mask=x=(");
    }

    @Test
    void helpHasAnExample() {
        for (String sub : new String[] {"table", "diff"}) {
            CliResult r = Cli.run(tmp, "logs", sub, "--help");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("Example:\n  rca logs " + sub), r.out());
        }
    }
}
