package dev.rca.ledger;

import dev.rca.RcaException;
import java.io.IOException;
import java.net.InetAddress;
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
 * A lock file beside a ledger ({@code <TICKET>.yaml.lock}), created atomically. A second process waits for it
 * up to a bounded time (default 10 s, {@code RCA_LOCK_TIMEOUT} seconds or the {@code rca.lockTimeoutMillis}
 * system property). A lock left by a process that is gone is reported with a hint and never removed silently.
 */
public final class LedgerLock implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HALF_WRITTEN_AFTER = Duration.ofSeconds(3);

    private final Path path;
    private final String token;

    private LedgerLock(Path path, String token) {
        this.path = path;
        this.token = token;
    }

    /** The lock file guarding {@code ledger}. */
    public static Path lockFileFor(Path ledger) {
        return ledger.resolveSibling(ledger.getFileName() + ".lock");
    }

    /**
     * Takes the lock for {@code ledger}, waiting at most the configured time.
     *
     * @throws RcaException exit 3 when the lock is held for too long or its holder is gone
     */
    public static LedgerLock acquire(Path ledger, String file) {
        return acquire(ledger, file, timeout());
    }

    /** Takes the lock for {@code ledger}, waiting at most {@code timeout}. */
    public static LedgerLock acquire(Path ledger, String file, Duration timeout) {
        Path lockFile = lockFileFor(ledger);
        String token = UUID.randomUUID().toString();
        String content = "pid " + ProcessHandle.current().pid() + "\nhost " + hostName() + "\nsince "
            + Instant.now() + "\ntoken " + token + "\n";
        long start = System.nanoTime();
        long limit = saturatedNanos(timeout);
        long sleepMillis = 2;
        while (true) {
            try {
                Files.writeString(lockFile, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                return new LedgerLock(lockFile, token);
            } catch (FileAlreadyExistsException e) {
                String holder = holderOf(lockFile);
                if (holder != null && holderIsGone(holder)) {
                    throw stale(file, lockFile, holder, "its process is no longer running");
                }
                if (holder == null && leftHalfWritten(lockFile)) {
                    throw RcaException.badInput(file + " is locked by an rca that was stopped while taking the lock"
                        + " (the lock file is incomplete)")
                        .withHint("if no rca command is running on this ledger, the lock is stale: delete " + lockFile);
                }
                if (System.nanoTime() - start > limit) {
                    throw stale(file, lockFile, holder, "it was held longer than "
                        + (timeout.toMillis() >= 1000 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
                }
                sleep(sleepMillis + (long) (Math.random() * sleepMillis));
                sleepMillis = Math.min(50, sleepMillis * 2);
            } catch (NoSuchFileException e) {
                throw RcaException.badInput("cannot lock " + file + ": its directory does not exist", e);
            } catch (IOException e) {
                throw RcaException.badInput("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static RcaException stale(String file, Path lockFile, String holder, String why) {
        String who = holder == null ? "another rca" : describe(holder);
        return RcaException.badInput(file + " is locked by " + who + " and " + why)
            .withHint("if no rca command is running on this ledger, the lock is stale: delete " + lockFile);
    }

    private static String describe(String holder) {
        String pid = field(holder, "pid");
        String host = field(holder, "host");
        String since = field(holder, "since");
        return "process " + pid + " on " + host + " (since " + since + ")";
    }

    private static boolean holderIsGone(String holder) {
        String pid = field(holder, "pid");
        String host = field(holder, "host");
        if (pid == null || host == null || !host.equals(hostName())) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String holderOf(Path lockFile) {
        try {
            String content = Files.readString(lockFile, StandardCharsets.UTF_8);
            return content.contains("token ") ? content : null;
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /**
     * A lock file without its token is being written right now, or was left by a process killed between
     * creating and filling it; a writer fills it within microseconds, so after a few seconds it is the latter.
     */
    private static boolean leftHalfWritten(Path lockFile) {
        try {
            Instant modified = Files.getLastModifiedTime(lockFile).toInstant();
            return modified.isBefore(Instant.now().minus(HALF_WRITTEN_AFTER));
        } catch (IOException e) {
            return false;
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

    /** RCA_LOCK_TIMEOUT=9223372036854775807 means "wait for ever", not an overflow. */
    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Duration timeout() {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RcaException.badInput("interrupted while waiting for a ledger lock");
        }
    }

    /** Releases the lock, if the lock file is still this lock's. */
    @Override
    public void close() {
        try {
            String holder = holderOf(path);
            if (holder != null && token.equals(field(holder, "token"))) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw RcaException.badInput("cannot remove the lock file " + path + ": " + e.getMessage(), e);
        }
    }
}
