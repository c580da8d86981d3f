package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.RcaException;
import dev.rca.testing.RandomTexts;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogMaskerTest {
    private final LogMasker masker = LogMasker.defaults();

    private void masks(String expected, String line) {
        assertEquals(expected, masker.mask(line), line);
    }

    @Test
    void timestampsAndDates() {
        masks("<time> INFO start", "2026-11-20T09:00:00.123+01:00 INFO start");
        masks("<time> [main]", "2026-11-20 09:00:00,123 [main]");
        masks("<time> host", "Nov  1 02:03:04 host");
        masks("<time> UTC <num>", "Sat Nov 21 11:11:38 UTC 2026");
        masks("ip - - [<time>] \"GET /\"".replace("ip", "<ip>"), "10.1.2.3 - - [21/Nov/2026:11:11:38 +0000] \"GET /\"");
        masks("I<time> <time> <num> main.go:42] go", "I1121 11:11:38.123456   12345 main.go:42] go");
        masks("at <time>", "at 3:04:05 PM");
        masks("Date: <time> GMT", "Date: Sun, 06 Dec 2026 10:00:00 GMT");
        masks("pod shop-<pod> ready, deployment shop-api", "pod shop-7d9f8b6c5d-x2k4p ready, deployment shop-api");
        // as much of Europe writes a date: a time of the run, not a version
        masks("start <time> ok, <time>", "start 12.05.2024 ok, 1.5.2024 13:02:11");
    }

    @Test
    void durationsIdsAddressesAndPaths() {
        masks("took <duration>, <duration> and <duration>", "took 45ms, 1.5 s and PT0.25S");
        masks("built in <duration> and <duration>, query in <duration>, Started in <duration> (process running for"
            + " <duration>)", "built in 1m2.345s and 1h2m3s, query in 250 milliseconds, Started in 3.4 seconds (process"
            + " running for 4.1)");
        masks("order <uuid> by Order@<hex> at <hex>", "order 8f14e45f-ceea-467a-9f0e-1234567890ab by Order@1b6d3586 at 0x7ffd5a3c");
        masks("commit <hex> trace <hex>", "commit 3f2a9c1d5e7b trace 4bf92f3577b34da6a3ce929d0e0e4736");
        masks("[pool-<num>-thread-<num>] sshd[<num>]: pid=<num> user <num> request #<num> port <num>",
            "[pool-2-thread-13] sshd[812]: pid=42 user 17 request #3 port 80");
        masks("wrote <tmp>/out.txt and <tmp>", "wrote /tmp/shop-881273/out.txt and C:\\Users\\ann\\AppData\\Local\\Temp\\x1.tmp");
        masks("listening on <ip>", "listening on 10.0.3.17:8080");
        masks("id <num> and session_id=<num> and orderId: <num>", "id 5 and session_id=7 and orderId: 9");
        masks("goroutine <num> [running]: heap <num> -> <num>", "goroutine 42 [running]: heap 51200K -> 2048MB");
        masks("[Thread-<num>] ForkJoinPool.commonPool-worker-<num>", "[Thread-12] ForkJoinPool.commonPool-worker-3");
    }

    @Test
    void idsNamedByQuotedKeysAndJournalCursors() {
        masks("{\"pid\":<num>,\"request_id\": \"<num>\",\"_PID\":\"<num>\",\"level\":30} {'tid': <num>}",
            "{\"pid\":812,\"request_id\": \"42\",\"_PID\":\"98\",\"level\":30} {'tid': 7}");
        masks("{\"<cursor>,\"MESSAGE\":\"exit 3\"}",
            "{\"__CURSOR\":\"s=2b1f5c3a9d8e4f70a1b2c3d4e5f60718;i=1a2b;m=3c4d5e;t=5f6e7d8c9bab0\",\"MESSAGE\":\"exit 3\"}");
    }

    /** Only the name a run makes up is masked: a different file in the temporary directory is a difference. */
    @Test
    void temporaryPathsKeepWhatLiesBelowTheRunsOwnDirectory() {
        masks("open '<tmp>/conf/app.yaml': no such file", "open '/tmp/tmpab3x_9qz/conf/app.yaml': no such file");
        masks("open '<tmp>/conf/app.yml': no such file", "open '/tmp/tmpk2j4/conf/app.yml': no such file");
        masks("<tmp>/b001/exe/main and <tmp> and <tmp>/x.py", "/tmp/go-build3456789/b001/exe/main and /tmp/app.sock and "
            + "/private/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T/tmp1x2y/x.py");
        masks("<tmp>\\out.txt", "C:\\Users\\ann\\AppData\\Local\\Temp\\run-42\\out.txt");
    }

    @Test
    void syslogProcessIdsInBothLayouts() {
        masks("<time> host sshd[<num>]: failed", "Dec  6 10:00:00 host sshd[812]: failed");
        masks("<13>1 <time> host app <num> - - exit 3", "<13>1 2026-12-06T10:00:00Z host app 812 - - exit 3");
        masks("<13>1 <time> host app - ID47 - exit 3", "<13>1 2026-12-06T10:00:00Z host app - ID47 - exit 3");
    }

    @Test
    void keepsWhatTellsRunsApart() {
        masks("status 500 after 3 retries, exit code 137", "status 500 after 3 retries, exit code 137");
        masks("at com.example.Cart.evict(Cart.java:42)", "at com.example.Cart.evict(Cart.java:42)");
        masks("at validate (/app/lib/validate.js:12:11)", "at validate (/app/lib/validate.js:12:11)");
        masks("./main.go:42:13: undefined: cfg", "./main.go:42:13: undefined: cfg");
        masks("started at:<time> on node:<num>", "started at:10:00:01 on node:12345");
        masks("deadbeef cafe 42 accepted", "deadbeef cafe 42 accepted");
    }

    @Test
    void shortWordsAtTheEndOfALineAreSafe() {
        masks("in <duration>", "in 5s");
        masks("x 1a", "x 1a");
        masks("<num>", "12345");
        masks("v2", "v2");
    }

    /** zap writes its time as epoch seconds with as many decimals as it needs, one in every ten lines or so. */
    @Test
    void aLargeNumbersFractionGoesWithIt() {
        masks("{\"ts\":<num>,\"ts\":<num>,\"v\":1234.5.6}", "{\"ts\":1765015201.5,\"ts\":1765015201.25,\"v\":1234.5.6}");
    }

    /** A number before {@code :line:column} is a source location only after a file's name; {@code time:10:31} is a clock. */
    @Test
    void aLineAndColumnFollowsAFileName() {
        masks("event time:<time> done, at=<time>", "event time:10:31 done, at=10:31");
        masks("at main.go:10:31 and src/app:10:31 and C:\\src\\app:10:31", "at main.go:10:31 and src/app:10:31 and C:\\src\\app:10:31");
        masks("webpack:///./src/App.vue:12:34 (node:<time>)", "webpack:///./src/App.vue:12:34 (node:10:31)");
    }

    /**
     * A version is kept whole, whatever its parts look like: three or more dotted numbers (calendar versions such as
     * {@code 2024.10.1} too) or two after a {@code v}; four short ones are an IPv4 address.
     */
    @Test
    void versionsStayVisible() {
        masks("release 2024.10.1 and 2024.10.15, openssl-3.0.13, v1.2.345, v2024.10, build 10.0.19041.1",
            "release 2024.10.1 and 2024.10.15, openssl-3.0.13, v1.2.345, v2024.10, build 10.0.19041.1");
        masks("sent 1.<num> bytes", "sent 1.234.567 bytes");
        masks("Linux version 5.15.0-1051-azure, package 1.2.3-4", "Linux version 5.15.0-1051-azure, package 1.2.3-4");
        masks("1.3.6.1.4.1.311 at <ip> and <ip>, version <num> (<num>)", "1.3.6.1.4.1.311 at 10.0.0.1:8080 and 1.2.3.4, version 3.10 (2024.10)");
    }

    /**
     * A layout's process id column is masked whatever its size (reviewer-107: in containers pids are small, so two
     * runs of PostgreSQL, gunicorn, Spring Boot, klog, nginx, Node or Redis differed on every line); a small number in
     * the message stays.
     */
    @Test
    void processIdColumnsOfCommonLayoutsAreMaskedWhateverTheirSize() {
        String[][] pairs = {
            {"2026-12-06 10:00:00.123 UTC [812] LOG:  ready", "2026-12-06 10:00:00.123 UTC [790] LOG:  ready"},
            {"2026-12-06 10:00:01.456 UTC [471] shop@shopdb ERROR:  no relation",
                "2026-12-06 10:00:01.456 UTC [472] shop@shopdb ERROR:  no relation"},
            {"[2026-12-06 10:00:03 +0000] [7] [INFO] Booting worker", "[2026-12-06 10:00:03 +0000] [8] [INFO] Booting worker"},
            {"2026-12-06T10:30:45.123+01:00  INFO 812 --- [main] c.e.App : hi",
                "2026-12-06T10:30:45.123+01:00  INFO 790 --- [main] c.e.App : hi"},
            {"I1206 10:00:00.123456     812 main.go:42] hi", "I1206 10:00:00.123456     790 main.go:42] hi"},
            {"2026/12/06 10:00:05 [error] 29#29: *1 connect() failed", "2026/12/06 10:00:05 [error] 30#30: *1 connect() failed"},
            {"(node:42) Warning: Possible EventEmitter memory leak", "(node:57) Warning: Possible EventEmitter memory leak"},
            {"1:M 06 Dec 2026 10:00:00.126 * Ready", "7:M 06 Dec 2026 10:00:00.126 * Ready"},
        };
        for (String[] pair : pairs) {
            assertEquals(masker.mask(pair[0]), masker.mask(pair[1]), pair[0]);
        }
        masks("<time> INFO 200 requests served, retry [3], status [503]",
            "2026-12-06 10:00:00,123 INFO 200 requests served, retry [3], status [503]");
        masks("<time> [500] failed", "2026-12-06 10:00:00 [500] failed");
    }

    /** The scan for Windows' temporary directories ends where the pattern did, asked start after start along a line. */
    @Test
    void windowsTemporaryDirectoriesEndWhereThePatternEnded() {
        Pattern old = Pattern.compile("[A-Za-z]:\\\\[^\\s'\"]*\\\\(?:Temp|tmp)\\\\[^\\s'\"\\\\]*");
        int found = 0;
        for (String t : RandomTexts.of(35, 100_000, 13, "C", "c", ":", "\\", "Temp", "tmp", "T", "x", " ", "'", "\t",
            "\u00e9", ":\\", "C:\\", "\\Temp\\")) {
            for (int i = 0; i < t.length(); i++) {
                Matcher m = old.matcher(t).region(i, t.length());
                int expected = m.lookingAt() ? m.end() : -1;
                assertEquals(expected, masker.windowsTempEnd(t, i), t + " at " + i);
                found += expected >= 0 ? 1 : 0;
            }
        }
        assertTrue(found > 5_000, "too few matches: " + found);
    }

    /** {@code C:\C:\C:\…} of 180,000 characters, each {@code C} where a path may start: read once, not once a start. */
    @Test
    void aLongRunOfDrivesIsReadOnce() {
        String drives = "C:\\".repeat(60_000);
        masks(drives + " end", drives + " end");
        masks("<tmp>\\out.txt end", drives + "Temp\\run-1\\out.txt end");
    }

    @Test
    void collapsesWhitespaceAndTrimsTheEnd() {
        masks("a b c", "a   b\t\tc   ");
    }

    @Test
    void extraMasksComeFirst() {
        LogMasker withHost = LogMasker.withExtra(List.of(LogMask.of("host", "web-[0-9]+\\.example\\.com")));
        assertEquals("served by <host> in <duration>", withHost.mask("served by web-17.example.com in 12ms"));
        assertEquals(List.of("host"), withHost.extra().stream().map(LogMask::name).toList());
    }

    @Test
    void badExtraMasksAreBadInput() {
        RcaException bad = assertThrows(RcaException.class, () -> LogMask.of("x", "("));
        assertEquals(3, bad.exitCode());
        RcaException empty = assertThrows(RcaException.class, () -> LogMask.of("x", "a*"));
        assertEquals("mask pattern matches the empty string: a*", empty.getMessage());
        assertThrows(RcaException.class, () -> LogMask.of("two words", "a"));
    }
}
