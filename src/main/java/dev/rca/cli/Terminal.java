package dev.rca.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the process is attached to, decided once at start. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when file descriptor {@code fd} is a terminal. Java 17 cannot ask about stderr alone
     * ({@code System.console()} needs stdin and stdout too), so on Linux the descriptor's link in
     * {@code /proc/self/fd} is read.
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
