package dev.rca.io;

import dev.rca.RcaException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An exclusive lock on a file, held through the system's record lock ({@code fcntl}, as
 * {@link FileChannel#tryLock()} takes it): the system releases it when the process ends, however it ends (^C,
 * SIGKILL, a crash), so a lock is never left stale and nothing ever needs taking over or deleting by hand. The file
 * says who holds it (process id, host, since when, what for) for the message of whoever is refused it; what it
 * says is informative only, the record lock is the truth: a file a killed process left, or an older rca's pid file,
 * is simply taken.
 *
 * <p>The holder deletes the file when it lets go, so that none is left beside a ledger. A process waiting on the
 * file may then lock the deleted one; so every holder writes the file's identity (device and inode) into it, and a
 * process that locked a file whose identity is not the one at the path now locked one already let go of, and tries
 * again. Only a holder deletes, so a file still at its path is the one every process locks.
 *
 * <p>Within one JVM (the daemon, the tests) a file held here is refused without opening it: closing any descriptor
 * of a file releases every record lock the process holds on it. Another thread of this JVM holding it is reported
 * as another process would be, with this process's id.
 */
public final class LockFile implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a wait goes before it says what it waits for. */
    private static final Duration SAY_AFTER = Duration.ofSeconds(1);
    /** The files this JVM holds, with their holders; every open of a lock file happens under its monitor. */
    private static final Map<Path, Holder> HELD = new HashMap<>();
    private static String hostName;

    /**
     * Who holds a lock, as its file says.
     *
     * @param pid the holder's process id
     * @param host the holder's host name
     * @param since when it took the lock
     * @param doing what it holds the lock for (a command), or null
     */
    public record Holder(String pid, String host, String since, String doing) {
        /** The holder named by a lock file's {@code content}; null when it names none (being written, or empty). */
        static Holder parse(String content) {
            String pid = field(content, "pid");
            return pid == null || !pid.matches("[0-9]+") ? null : new Holder(pid, field(content, "host"),
                field(content, "since"), field(content, "doing"));
        }

        /** "process 42 on host (since …)", as messages name a holder. */
        public String describe() {
            return "process " + pid + " on " + host + " (since " + since + ")";
        }
    }

    private final Path file;
    private final String identity;
    private final FileChannel channel;
    private final FileLock lock;

    private LockFile(Path file, String identity, FileChannel channel, FileLock lock) {
        this.file = file;
        this.identity = identity;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} (created if missing) for {@code doing} (a command; null: not said), or returns
     * null when another holder, in another process or on another thread of this one, has it: {@link #holderOf} then
     * says who.
     *
     * @throws RcaException exit 3 when the file cannot be created or written (its directory is missing or read-only),
     *     or its file system has no record locks (some network mounts)
     */
    public static LockFile tryAcquire(Path file, String doing) {
        return tryAcquire(file, doing, file.toString());
    }

    private static LockFile tryAcquire(Path file, String doing, String what) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            String copy = null;
            while (true) {
                if (HELD.containsKey(key)) {
                    return null;
                }
                FileChannel channel = null;
                try {
                    String before = identityOf(key);
                    if (Files.isSymbolicLink(key)) {
                        // a link a cloned repository shipped where a lock goes would have the lock's text written
                        // through it into any file the user can write: rca only ever makes its lock files itself
                        throw RcaException.badInput("cannot lock " + what + ": " + key + " is a symbolic link, where"
                            + " rca keeps a lock file of its own").withHint("remove the link (rm " + key + ") if no"
                            + " one made it on purpose, and rerun");
                    }
                    channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                    FileLock lock = lockOf(channel, key);
                    if (lock == null) {
                        channel.close();
                        return null;
                    }
                    String identity = identityOf(key);
                    String was = field(read(channel), "file");
                    if (identity == null || was != null && !was.equals(identity)
                        && !(identity.equals(before) && identity.equals(copy))) {
                        // The file locked is one its holder deleted when it let go (the one at the path now may even
                        // have its inode number, freed and reused meanwhile): try the one at the path now. The same
                        // file at the path before and after, twice over, is a copy of a lock file (or one from before
                        // a remount), which says another's identity: taken.
                        copy = identity != null && identity.equals(before) ? identity : null;
                        channel.close();
                        continue;
                    }
                    Holder holder = new Holder(Long.toString(ProcessHandle.current().pid()), hostName(),
                        Instant.now().toString(), doing == null ? null : doing.replace('\n', ' '));
                    // the token makes the file a complete one to an rca from before 2026-12-06, which then waits
                    String text = "pid " + holder.pid() + "\nhost " + holder.host() + "\nsince " + holder.since()
                        + "\n" + (holder.doing() == null ? "" : "doing " + holder.doing() + "\n") + "file " + identity
                        + "\ntoken " + UUID.randomUUID() + "\n";
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
                    HELD.put(key, holder);
                    return new LockFile(key, identity, channel, lock);
                } catch (IOException e) {
                    closeQuietly(channel);
                    throw cannotLock(what, key, e);
                }
            }
        }
    }

    /**
     * Takes the lock on {@code file}, waiting while another holder keeps it (polled, so that an interrupted thread
     * stops waiting): at most {@code timeout} (null: as long as it takes). {@code held} sees the holder at every
     * refused attempt (null when its file does not say yet) and may throw to stop waiting at once; after about a
     * second, {@code waiting} hears once what is waited for: {@code waiting for <what>, held by <holder>}.
     *
     * @param what what the lock guards, as messages name it ({@code cannot lock <what>: …})
     * @return the lock, or null when {@code timeout} passed
     * @throws RcaException exit 3 as {@link #tryAcquire} does, or when the thread is interrupted while waiting
     */
    public static LockFile acquire(Path file, String doing, Duration timeout, String what, Consumer<Holder> held,
                                   Consumer<String> waiting) {
        long start = System.nanoTime();
        long limit = timeout == null ? Long.MAX_VALUE : saturatedNanos(timeout);
        boolean said = false;
        long sleepMillis = 2;
        while (true) {
            LockFile taken = tryAcquire(file, doing, what);
            if (taken != null) {
                return taken;
            }
            Holder holder = holderOf(file);
            held.accept(holder);
            long waited = System.nanoTime() - start;
            if (waited > limit) {
                return null;
            }
            if (!said && waited >= SAY_AFTER.toNanos()) {
                said = true;
                waiting.accept("waiting for " + what + ", held by " + (holder == null ? "another process"
                    : holder.describe() + (holder.doing() == null ? "" : ", " + holder.doing())));
            }
            try {
                Thread.sleep(sleepMillis + (long) (Math.random() * sleepMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RcaException.badInput("interrupted while waiting for " + what);
            }
            sleepMillis = Math.min(50, sleepMillis * 2);
        }
    }

    /**
     * Who holds the lock on {@code file}, as its file says; null when it does not say (its holder is writing it, or
     * has just let go). Called after {@link #tryAcquire} was refused.
     */
    public static Holder holderOf(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            Holder here = HELD.get(key);
            if (here != null) {
                return here;
            }
            // no lock of this process is on the file, so closing this descriptor releases none
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                return Holder.parse(read(channel));
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * How long to wait for a lock another process holds: 10 s, or {@code RCA_LOCK_TIMEOUT} seconds, or the
     * {@code rca.lockTimeoutMillis} system property.
     */
    public static Duration configuredTimeout() {
        return timeoutOf(System.getProperty("rca.lockTimeoutMillis"), System.getenv("RCA_LOCK_TIMEOUT"));
    }

    /**
     * The wait {@code property} (milliseconds) or else {@code env} (seconds, fractions too; a negative number: no
     * wait) names; 10 s when neither is set or the one read is no number.
     */
    static Duration timeoutOf(String property, String env) {
        try {
            if (property != null) {
                return Duration.ofMillis(Long.parseLong(property));
            }
            if (env != null) {
                // seconds, fractions too (1.5); a negative number waits not at all
                double seconds = Double.parseDouble(env.strip());
                if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                    return DEFAULT_TIMEOUT;
                }
                return seconds >= Long.MAX_VALUE / 1_000_000_000.0 ? Duration.ofSeconds(Long.MAX_VALUE)
                    : Duration.ofNanos((long) (Math.max(0, seconds) * 1_000_000_000L));
            }
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT;
        }
        return DEFAULT_TIMEOUT;
    }

    /** {@code timeout} in nanoseconds; RCA_LOCK_TIMEOUT=9223372036854775807 means "wait for ever", not an overflow. */
    public static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code timeout} as messages say it: seconds, or milliseconds under one. */
    public static String shown(Duration timeout) {
        long millis = Math.max(0, saturatedNanos(timeout) / 1_000_000);
        return millis >= 1000 && millis % 1000 == 0 ? millis / 1000 + " s"
            : millis >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0) : millis + " ms";
    }

    /** The lock file. */
    public Path path() {
        return file;
    }

    /** Deletes the file, if it is still this lock's, and releases the lock; again, does nothing. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (!channel.isOpen()) {
                return;
            }
            try {
                // deleted while still held: a process that locks it after is told by its identity that it is gone
                if (!identity.isEmpty() && identity.equals(identityOf(file))) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // left in place, it is taken by the next holder all the same
            }
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it as well
            }
            closeQuietly(channel);
            HELD.remove(file);
        }
    }

    /** The record lock, or null when another process holds it; a file system without record locks throws. */
    private static FileLock lockOf(FileChannel channel, Path file) throws IOException {
        try {
            return channel.tryLock();
        } catch (IOException e) {
            throw new NoRecordLocks(file, e);
        }
    }

    /** The device and inode of {@code file}; null when it is gone, empty when the platform has no such key. */
    private static String identityOf(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key == null ? "" : key.toString();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(4096);
        channel.read(bytes, 0);
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }

    private static RcaException cannotLock(String what, Path file, IOException e) {
        if (e instanceof NoRecordLocks) {
            return RcaException.badInput("cannot lock " + what + ": the file system of " + file + " does not support"
                + " file locks (" + e.getCause().getMessage() + ")", e)
                .withHint("rca takes the system's record locks (fcntl) there; keep the repository on a file system that"
                    + " has them (a network mount may need its lock service: NFS mounted without 'nolock')");
        }
        String why = e instanceof NoSuchFileException ? "its directory does not exist"
            : "cannot write " + file + " (" + (e instanceof AccessDeniedException ? "permission denied"
            : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage()) + ")";
        return RcaException.badInput("cannot lock " + what + ": " + why, e);
    }

    /** tryLock's failure: the file opened, but its file system takes no record locks. */
    private static final class NoRecordLocks extends IOException {
        NoRecordLocks(Path file, IOException cause) {
            super(file.toString(), cause);
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

    private static String field(String content, String name) {
        return content.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1))
            .findFirst().orElse(null);
    }

    private static synchronized String hostName() {
        if (hostName == null) {
            try {
                hostName = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                hostName = "localhost";
            }
        }
        return hostName;
    }
}
