package dev.rca.io;

import dev.rca.RcaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An exclusive lock held by this process on a file, through the system's record lock (as the daemon's socket lock
 * is): the system releases it when the process ends, however it ends (SIGKILL, ^C during a long run), so it is never
 * left stale and never needs deleting, unlike {@link dev.rca.ledger.LedgerLock}'s lock file, which is only held for
 * the milliseconds of a write. The file says who holds it ({@code <who>\npid <n>\n}), for the message of whoever
 * is refused it.
 *
 * <p>Within one JVM (the daemon, the tests) a file already held here is refused, or waited for, without opening it:
 * closing any descriptor of a file releases every record lock the process holds on it.
 */
public final class ProcessLock implements AutoCloseable {
    /** The files this JVM holds, with who holds each; every open of a lock file happens under its monitor. */
    private static final Map<Path, String> HELD = new HashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} (created if missing) for {@code who} (e.g. {@code rca verify -t PAY-142}), or
     * returns null when another holder, in this process or another, has it: {@link #holder} then says who.
     *
     * @throws RcaException exit 3 when the file cannot be opened
     */
    public static ProcessLock tryAcquire(Path file, String who) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(key)) {
                return null;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return null;
                }
                String text = who + "\npid " + ProcessHandle.current().pid() + "\n";
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
                HELD.put(key, text);
                return new ProcessLock(key, channel, lock);
            } catch (IOException | OverlappingFileLockException e) {
                closeQuietly(channel);
                throw RcaException.badInput("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Takes the lock on {@code file}, waiting for as long as another holder keeps it (polled, so that an interrupted
     * thread stops waiting).
     *
     * @throws RcaException exit 3 when the file cannot be opened or the thread is interrupted while waiting
     */
    public static ProcessLock acquire(Path file, String who) {
        long sleepMillis = 2;
        while (true) {
            ProcessLock lock = tryAcquire(file, who);
            if (lock != null) {
                return lock;
            }
            try {
                Thread.sleep(sleepMillis + (long) (Math.random() * sleepMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RcaException.badInput("interrupted while waiting for " + file);
            }
            sleepMillis = Math.min(100, sleepMillis * 2);
        }
    }

    /**
     * Who holds the lock on {@code file}, as {@code <who>, process <n>}, or {@code another process} when the file
     * does not say (its holder is writing it); called after {@link #tryAcquire} was refused, so what the file says
     * may be its last holder's only when that one has just let go.
     */
    public static String holder(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            String text = HELD.get(key);
            if (text == null) {
                // no lock of this process is on the file, so closing this descriptor releases none
                try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ)) {
                    ByteBuffer bytes = ByteBuffer.allocate(4096);
                    channel.read(bytes, 0);
                    text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    text = "";
                }
            }
            String[] lines = text.split("\n");
            return lines.length == 2 && lines[1].matches("pid [0-9]+")
                ? lines[0] + ", process " + lines[1].substring(4) : "another process";
        }
    }

    /** Releases the lock; the file stays, for the next holder to open. */
    @Override
    public void close() {
        synchronized (HELD) {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it as well
            }
            closeQuietly(channel);
            HELD.remove(file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it that must reach the disk
            }
        }
    }
}
