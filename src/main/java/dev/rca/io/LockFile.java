package dev.rca.io;

import dev.rca.RcaException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A lock file, created atomically ({@code O_EXCL}), that names its holder: process id, host, since when, the start
 * time of that process, what it is doing, and a token, so that only the holder removes it and a waiting process can
 * say who holds it and tell a holder that is gone. The policy (how long to wait, what to do with a lock whose holder
 * is gone) is the caller's: a ledger's lock is held for milliseconds and reported when stale, a bisection's for a
 * whole {@code run}.
 */
public final class LockFile implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HALF_WRITTEN_AFTER = Duration.ofSeconds(3);
    /** Serialises {@link #removeStale} among this JVM's threads; the guard file's lock does among processes. */
    private static final Object TAKING_OVER = new Object();

    /**
     * Who holds a lock, as its file says.
     *
     * @param pid the holder's process id
     * @param host the holder's host name
     * @param since when it took the lock
     * @param started when the holder's process started, or null (a lock written before rca recorded it)
     * @param doing what it holds the lock for (a command line), or null
     * @param token the holder's token
     */
    public record Holder(String pid, String host, String since, String started, String doing, String token) {
        /** The holder named by a lock file's {@code content}; null when the content has no token (half written). */
        static Holder parse(String content) {
            String token = field(content, "token");
            return token == null ? null : new Holder(field(content, "pid"), field(content, "host"),
                field(content, "since"), field(content, "started"), field(content, "doing"), token);
        }

        /**
         * Whether the holder is certainly gone: on this host, no process has its id, or the one that has it started
         * at another time than the holder did (its id was reused). A holder on another host is never gone.
         */
        public boolean isGone() {
            if (pid == null || host == null || !host.equals(hostName())) {
                return false;
            }
            try {
                return ProcessHandle.of(Long.parseLong(pid))
                    .map(p -> !p.isAlive() || started != null && p.info().startInstant()
                        .map(t -> !t.toString().equals(started)).orElse(false))
                    .orElse(true);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** "process 42 on host (since …)", as messages name a holder. */
        public String describe() {
            return "process " + pid + " on " + host + " (since " + since + ")";
        }
    }

    private final Path path;
    private final String token;

    private LockFile(Path path, String token) {
        this.path = path;
        this.token = token;
    }

    /**
     * Creates {@code lockFile} naming this process as its holder, doing {@code doing} (null: not said); null when
     * the file exists already.
     *
     * @throws NoSuchFileException when its directory does not exist
     * @throws IOException when it cannot be written
     */
    public static LockFile tryCreate(Path lockFile, String doing) throws IOException {
        String token = UUID.randomUUID().toString();
        ProcessHandle self = ProcessHandle.current();
        String content = "pid " + self.pid() + "\nhost " + hostName() + "\nsince " + Instant.now() + "\n"
            + self.info().startInstant().map(t -> "started " + t + "\n").orElse("")
            + (doing == null ? "" : "doing " + doing.replace('\n', ' ') + "\n")
            + "token " + token + "\n";
        try {
            Files.writeString(lockFile, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
            return new LockFile(lockFile, token);
        } catch (FileAlreadyExistsException held) {
            return null;
        }
    }

    /** Who holds {@code lockFile}; null when it is missing or not completely written. */
    public static Holder holderOf(Path lockFile) {
        try {
            return Holder.parse(Files.readString(lockFile, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /**
     * A lock file without its token is being written right now, or was left by a process killed between
     * creating and filling it; a writer fills it within microseconds, so after a few seconds it is the latter.
     */
    public static boolean leftHalfWritten(Path lockFile) {
        try {
            Instant modified = Files.getLastModifiedTime(lockFile).toInstant();
            return modified.isBefore(Instant.now().minus(HALF_WRITTEN_AFTER));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes {@code lockFile} if it still names {@code stale} as its holder (null: if it is still half written),
     * and says whether it did. Processes and threads doing so at once are serialised by a lock on a guard file
     * beside it, so none removes a lock another has just taken in its place.
     */
    public static boolean removeStale(Path lockFile, Holder stale) throws IOException {
        Path guard = lockFile.resolveSibling(lockFile.getFileName() + ".guard");
        synchronized (TAKING_OVER) {
            try (FileChannel channel = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Holder now = holderOf(lockFile);
                boolean same = stale == null ? now == null && leftHalfWritten(lockFile)
                    : now != null && now.token().equals(stale.token());
                return same && Files.deleteIfExists(lockFile);
            }
        }
    }

    /**
     * How long to wait for a lock another process holds: 10 s, or {@code RCA_LOCK_TIMEOUT} seconds, or the
     * {@code rca.lockTimeoutMillis} system property.
     */
    public static Duration configuredTimeout() {
        String property = System.getProperty("rca.lockTimeoutMillis");
        String env = System.getenv("RCA_LOCK_TIMEOUT");
        try {
            if (property != null) {
                return Duration.ofMillis(Long.parseLong(property));
            }
            if (env != null) {
                return Duration.ofSeconds(Long.parseLong(env));
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
        return timeout.toMillis() >= 1000 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** The lock file. */
    public Path path() {
        return path;
    }

    /**
     * Removes the lock file, if it is still this lock's.
     *
     * @throws RcaException exit 3 when it cannot be removed
     */
    @Override
    public void close() {
        Holder holder = holderOf(path);
        try {
            if (holder != null && token.equals(holder.token())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw RcaException.badInput("cannot remove the lock file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String field(String content, String name) {
        return content.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1))
            .findFirst().orElse(null);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
