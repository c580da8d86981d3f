package dev.rca.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * Replaces a file so that a reader, or a crash, sees either the old content or the new, never half: the bytes go
 * to a temporary file in the same directory (so the rename cannot cross file systems), are forced to disk, take
 * the old file's permissions, and are renamed over it.
 *
 * <p>This is not a lock: two writers may both succeed and the last rename wins. Callers that read, modify and
 * write (the ledger) hold their own lock around it.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Replaces (or creates) {@code path} with {@code text} in UTF-8; see {@link #write(Path, byte[])}. */
    public static void write(Path path, String text) throws IOException {
        write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces (or creates) {@code path} with {@code bytes}, creating missing parent directories. On failure the
     * file is as it was and no temporary file is left behind.
     */
    public static void write(Path path, byte[] bytes) throws IOException {
        write(path, out -> out.write(bytes));
    }

    /** Writes a file's content to a stream; the stream is the temporary file's and is closed by the caller. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces (or creates) {@code path} with what {@code content} writes, streaming, so large files need not be in
     * memory; otherwise as {@link #write(Path, byte[])}.
     */
    public static void write(Path path, Content content) throws IOException {
        write(path, content, true);
    }

    /**
     * As {@link #write(Path, String)}, but the bytes are not forced to disk: a killed process still leaves the old
     * content or the new, a power loss may leave neither. For state rewritten many times a second that git keeps
     * the same way (its refs are not synced by default either).
     */
    public static void writeWithoutSync(Path path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(path, out -> out.write(bytes), false);
    }

    private static void write(Path path, Content content, boolean sync) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a random name, so two writers never share a temporary file, and never <name>.lock, which is a lock's
        Path temp = parent.resolve("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                if (sync) {
                    channel.force(true);
                }
            }
            copyPermissions(path, temp);
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original error is the one worth reporting
            }
            throw e;
        }
    }

    /** A user who made the file private (or executable) keeps it so after rca rewrites it. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && target != null) {
            target.setPermissions(source.readAttributes().permissions());
        }
    }
}
