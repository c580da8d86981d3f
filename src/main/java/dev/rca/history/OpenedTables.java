package dev.rca.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cache tables a long-lived process (the daemon) has opened and checked, reused while their file is
 * unchanged: it answers many commands from the same tables, and checking a table's CRC reads every byte of it
 * (78 MB on git.git). rca only ever replaces a table by renaming a new file into place, so a file with the same
 * inode, size and modification time holds the bytes that were checked. Off unless {@link #keep} turned it on: a
 * process that runs one command gains nothing, and a table damaged in place is then always caught by its CRC.
 */
public final class OpenedTables {
    private static final int KEPT = 16;
    private static volatile boolean keeping;

    /** What identifies a file's content without reading it. */
    record Stamp(Object fileKey, long size, FileTime modified) {
        /** The stamp of {@code file} now, or null when it cannot be read (then nothing is reused). */
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return attributes.fileKey() == null ? null
                    : new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    private record Opened(Stamp stamp, Object basis, Object table) {
    }

    private static final Map<Path, Opened> OPENED = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Opened> eldest) {
            return size() > KEPT;
        }
    };

    private OpenedTables() {
    }

    /** Whether this process keeps the tables it opened (the daemon does, while it serves). */
    public static synchronized void keep(boolean on) {
        keeping = on;
        OPENED.clear();
    }

    /** Whether this process keeps its tables open between commands (the daemon does). */
    static boolean keeping() {
        return keeping;
    }

    /**
     * The table opened from {@code file} when it had {@code stamp} and was checked against {@code basis} (the
     * same instance), or null.
     */
    static synchronized <T> T reuse(Path file, Stamp stamp, Object basis, Class<T> type) {
        Opened opened = keeping ? OPENED.get(file) : null;
        if (stamp == null || opened == null || !opened.stamp().equals(stamp) || opened.basis() != basis) {
            return null;
        }
        return type.cast(opened.table());
    }

    /** Keeps {@code table}, opened from {@code file} as it was at {@code stamp}, taken before it was opened. */
    static synchronized void remember(Path file, Stamp stamp, Object basis, Object table) {
        if (keeping && stamp != null && table != null) {
            OPENED.put(file, new Opened(stamp, basis, table));
        }
    }
}
