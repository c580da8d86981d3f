package dev.rca.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Waits for what another process does (a file it writes, a child it starts, its death), polling for at most half a
 * minute on a loaded machine: a bound against hanging, never a timed assertion.
 */
public final class Waits {
    private static final int POLLS = 3000;

    private Waits() {
    }

    /** Waits until {@code file} exists; fails if it never does. */
    public static void untilExists(Path file) throws InterruptedException {
        for (int i = 0; i < POLLS && !Files.exists(file); i++) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(file), file + " appeared");
    }

    /** Waits until {@code process} has started a child; returns its descendants then. */
    public static List<ProcessHandle> untilItsChildStarted(ProcessHandle process) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        for (int i = 0; i < POLLS && tree.isEmpty(); i++) {
            Thread.sleep(10);
            tree = process.descendants().toList();
        }
        assertFalse(tree.isEmpty(), "process " + process.pid() + " started a child");
        return tree;
    }

    /** Waits until {@code process} is gone (a grandchild is reaped by init, which may take a moment); fails if not. */
    public static void untilGone(ProcessHandle process) throws InterruptedException {
        for (int i = 0; i < POLLS && process.isAlive(); i++) {
            Thread.sleep(10);
        }
        assertFalse(process.isAlive(), "process " + process.pid() + " was killed");
    }
}
