package dev.rca.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs that are not logs: pure binary, NUL bytes, a truncated gzip, a 10 MB line with no newline, a directory.
 * {@code logs table} and {@code logs diff} answer (exit 0 or 1) or refuse in one line (exit 3), never a stack trace.
 * (Parsing binary junk and 10 MB lines is covered in {@code LogParserTest}; streaming a 50 MB log with a 10 MB line
 * in a 64 MB heap in {@code LogStreamingTest}; 300 MB in 256 MB by {@code scripts/stress-logs}.)
 */
class HostileLogsTest {
    @TempDir
    Path dir;

    @Test
    void binaryAndBrokenFilesGetAnAnswerOrOneLine() throws IOException {
        Random random = new Random(3);
        byte[] binary = new byte[2 * 1024 * 1024];
        random.nextBytes(binary);
        Files.write(dir.resolve("random.bin"), binary);
        byte[] nul = new byte[100_000];
        Files.write(dir.resolve("nul.log"), nul);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("2026-11-20 09:00:00,001 [main] INFO  a.B - hello\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        Files.write(dir.resolve("truncated.log.gz"), Arrays.copyOf(whole, whole.length / 2));
        Files.write(dir.resolve("not-really.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        Files.writeString(dir.resolve("one-line.log"), "x".repeat(10 * 1024 * 1024));
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes("2026-11-20 09:00:00,001 [main] INFO  a.B - hello\n\u0000\u0001".getBytes(StandardCharsets.UTF_8));
        mixed.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '\r', '\r', '\n', (byte) 0xed, (byte) 0xa0,
            (byte) 0x80, '\n'});
        mixed.writeBytes("\u001b[31mred\u001b[0m\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("mixed.log"), mixed.toByteArray());
        Files.createDirectories(dir.resolve("a-directory"));
        List<String> files = List.of("random.bin", "nul.log", "truncated.log.gz", "not-really.gz", "one-line.log",
            "mixed.log", "a-directory", "missing.log");
        for (String file : files) {
            for (String format : List.of("table", "csv", "json")) {
                check(Cli.run(dir, "logs", "table", file, "--format=" + format), "logs table " + file);
            }
            check(Cli.run(dir, "logs", "diff", file, "mixed.log"), "logs diff " + file);
            check(Cli.run(dir, "logs", "diff", "mixed.log", file), "logs diff … " + file);
        }
        CliResult missing = Cli.run(dir, "logs", "table", "missing.log");
        assertEquals(3, missing.exitCode());
        CliResult folder = Cli.run(dir, "logs", "diff", "a-directory", "mixed.log");
        assertEquals(3, folder.exitCode(), folder.err());
    }

    private static void check(CliResult result, String label) {
        int code = result.exitCode();
        assertTrue(code == 0 || code == 1 || code == 3, label + ": exit " + code + "\n" + result.err());
        assertFalse(result.err().contains("\tat ") || result.err().contains("internal error"), label + "\n" + result.err());
        if (code == 3) {
            assertTrue(result.err().startsWith("rca: error: "), label + "\n" + result.err());
            assertTrue(result.err().lines().count() <= 2, label + "\n" + result.err());
        }
    }
}
