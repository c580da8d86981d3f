package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs far larger than the heap go through {@code logs table} and {@code logs diff}: a ~50 MB log with a
 * 10 MB line in it, in a child JVM limited to a 64 MB heap.
 */
class LogStreamingTest {
    private static final int LINES = 450_000;

    @TempDir
    Path tmp;

    private static void write(Path file, boolean bad) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                int ms = (bad ? 7_000_000 : 0) + i * 7;
                String time = String.format("2026-11-20 %02d:%02d:%02d,%03d", ms / 3_600_000 % 24, ms / 60_000 % 60,
                    ms / 1000 % 60, ms % 1000);
                int thread = (i * 31 + (bad ? 5 : 0)) % 16 + 1;
                switch (i % 4) {
                    case 0 -> w.write(time + " [pool-1-thread-" + thread + "] INFO  com.example.shop.order.Orders - order "
                        + String.format("%08x-0000-4000-8000-%012x", i * 7919 + (bad ? 13 : 0), i)
                        + " accepted for user " + (i * 37 % 100_000));
                    case 1 -> w.write(time + " [pool-1-thread-" + thread + "] DEBUG com.example.shop.cart.CartCache - hit in "
                        + (i % 900) + " ms at 0x7ffd" + Integer.toHexString(i));
                    case 2 -> w.write(time + " [main] INFO  com.example.shop.Heartbeat - alive");
                    default -> w.write(time + " [pool-1-thread-" + thread + "] INFO  com.example.shop.order.Orders - committed");
                }
                w.write('\n');
                if (i == LINES / 2) {
                    w.write(time + " [main] INFO  com.example.shop.Dump - state " + "x".repeat(10 * 1024 * 1024) + "\n");
                    if (bad) {
                        w.write(time + " [main] ERROR com.example.shop.order.OrderLock - lock wait timed out\n");
                        w.write("java.lang.IllegalStateException: lock held\n");
                    }
                }
            }
        }
    }

    private static Process rca(Path dir, Path out, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.rca.cli.Rca"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
            .redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private static String lastLine(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            byte[] tail = new byte[(int) Math.min(4096, length)];
            f.seek(length - tail.length);
            f.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).stripTrailing();
            return text.substring(text.lastIndexOf('\n') + 1);
        }
    }

    @Test
    void tableAndDiffStreamInASmallHeap() throws Exception {
        write(tmp.resolve("good.log"), false);
        write(tmp.resolve("bad.log"), true);
        assertTrue(Files.size(tmp.resolve("good.log")) > 40_000_000L, "log large enough to matter");
        Process table = rca(tmp, tmp.resolve("table.json"), "logs", "table", "good.log", "--format=json");
        Process diff = rca(tmp, tmp.resolve("diff.txt"), "logs", "diff", "good.log", "bad.log");
        assertEquals(1, diff.waitFor(), () -> read(tmp.resolve("stderr.txt")));
        assertEquals(0, table.waitFor(), () -> read(tmp.resolve("stderr.txt")));
        assertTrue(lastLine(tmp.resolve("table.json")).startsWith("{\"line\":" + (LINES + 1) + ",\"time\":\"2026-11-20 "),
            lastLine(tmp.resolve("table.json")));
        List<String> out = Files.readAllLines(tmp.resolve("diff.txt"));
        int divergence = LINES / 2 + 3;
        assertEquals("first divergence: good.log line " + divergence + ", bad.log line " + divergence, out.get(2));
        assertEquals("@@ -" + (divergence - 1) + ",0 +" + divergence + ",2 @@", out.get(3));
        assertEquals("+" + (divergence + 1) + "\tjava.lang.IllegalStateException: lock held", out.get(5));
        assertEquals("0 lines only in good.log, 2 only in bad.log, in 1 place", out.get(6));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
