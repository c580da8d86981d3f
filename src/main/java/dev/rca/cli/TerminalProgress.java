package dev.rca.cli;

import dev.rca.Progress;
import java.io.PrintWriter;

/** Progress drawn on one self-overwriting stderr line, at most ten times a second, after the first second. */
final class TerminalProgress implements Progress {
    private static final long INTERVAL_NANOS = 100_000_000L;
    /** Work that ends within a second shows nothing, so short commands never flicker a progress line. */
    private static final long FIRST_DRAW_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private long lastDraw = System.nanoTime() + FIRST_DRAW_NANOS - INTERVAL_NANOS;
    private boolean drawn;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void update(String task, long done, long total) {
        long now = System.nanoTime();
        if (now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        String line = total > 0
            ? String.format("%s: %d/%d (%d%%)", task, done, total, Math.min(100, done * 100 / total))
            : String.format("%s: %d", task, done);
        err.print("\r\033[K" + line);
        err.flush();
        drawn = true;
    }

    @Override
    public void finish() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
