package dev.rca.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.RcaException;
import dev.rca.testing.HoldLock;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one lock of rca (ledgers, the bisection, verify, scratch checkouts, the daemon): the system's record lock,
 * which excludes other processes and, here, other threads of this JVM, ends with its process however it ends, and
 * ignores what a file left behind says. Another process is a JVM of its own ({@link HoldLock}) that holds the lock
 * until the test closes its standard input.
 */
class LockFileTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesExcludeEachOther() throws Exception {
        Path file = dir.resolve("x.lock");
        Process other = HoldLock.start(file, "holding it");
        try {
            assertNull(LockFile.tryAcquire(file, "test"));
            LockFile.Holder holder = LockFile.holderOf(file);
            assertEquals(Long.toString(other.pid()), holder.pid());
            assertEquals(InetAddress.getLocalHost().getHostName(), holder.host());
            assertEquals("holding it", holder.doing());
            other.getOutputStream().close();
            assertEquals(0, other.waitFor());
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertFalse(Files.exists(file), "its holder deleted it as it let go");
        try (LockFile lock = LockFile.tryAcquire(file, "test")) {
            assertNotNull(lock);
            // and the other way round
            Process refused = HoldLock.launch(file, null);
            assertEquals("refused\n", new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(2, refused.waitFor());
            assertEquals("test", LockFile.holderOf(file).doing());
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void aLockWhoseProcessWasKilledIsFree() throws Exception {
        Path file = dir.resolve("x.lock");
        Process killed = HoldLock.start(file, "killed");
        killed.destroyForcibly().waitFor();
        assertTrue(Files.exists(file), "SIGKILL left the file");
        try (LockFile lock = LockFile.tryAcquire(file, "test")) {
            assertNotNull(lock);
            assertEquals(Long.toString(ProcessHandle.current().pid()), LockFile.holderOf(file).pid());
        }
        assertFalse(Files.exists(file));
    }

    /** What a file says is informative only: a pid file an older rca left, naming a live process, is taken. */
    @Test
    void aFileNamingALiveProcessIsTakenWhenNoProcessHoldsTheLock() throws Exception {
        Path file = dir.resolve("x.lock");
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(file, "pid " + alive + "\nhost " + InetAddress.getLocalHost().getHostName()
            + "\nsince 2026-12-01T10:00:00Z\ndoing bisect-helper run\ntoken old\n");
        try (LockFile lock = LockFile.tryAcquire(file, "test")) {
            assertNotNull(lock);
            assertEquals(Long.toString(ProcessHandle.current().pid()), LockFile.holderOf(file).pid());
        }
        assertFalse(Files.exists(file));
    }

    /**
     * A copy of a lock file names another file's identity; the file at the path is the one locked all the same, not
     * mistaken for one deleted by its holder and retried for ever.
     */
    @Test
    @Timeout(120)
    void aCopiedLockFileIsTaken() throws Exception {
        Path file = dir.resolve("x.lock");
        Path copy = dir.resolve("copy.lock");
        try (LockFile lock = LockFile.tryAcquire(file, "test")) {
            Files.copy(file, copy);
        }
        try (LockFile lock = LockFile.tryAcquire(copy, "test")) {
            assertNotNull(lock);
        }
        assertFalse(Files.exists(copy));
    }

    /**
     * The daemon runs commands on threads of one JVM: another thread's lock is refused, and waited for, as another
     * process's would be, named with this process's id; the wait says so once, after a second.
     */
    @Test
    void threadsOfOneJvmExcludeEachOther() throws Exception {
        Path file = dir.resolve("x.lock");
        List<String> notes = new CopyOnWriteArrayList<>();
        CountDownLatch said = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            LockFile first = LockFile.tryAcquire(file, "the first");
            try {
                assertNull(thread.submit(() -> LockFile.tryAcquire(file, "the second")).get());
                LockFile.Holder holder = LockFile.holderOf(file);
                assertEquals(Long.toString(ProcessHandle.current().pid()), holder.pid());
                Future<LockFile> waiting = thread.submit(() -> LockFile.acquire(file, "the second", null,
                    "the test's lock", h -> { }, note -> {
                        notes.add(note);
                        said.countDown();
                    }));
                assertTrue(said.await(120, TimeUnit.SECONDS), "a note while waiting");
                assertFalse(waiting.isDone());
                assertEquals(List.of("waiting for the test's lock, held by " + holder.describe() + ", the first"),
                    notes);
                first.close();
                try (LockFile second = waiting.get(120, TimeUnit.SECONDS)) {
                    assertEquals("the second", LockFile.holderOf(file).doing());
                }
                assertEquals(1, notes.size());
            } finally {
                first.close();
            }
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * Two JVMs, two threads each, count to 1,200 in a file under the lock, each increment a read and a rewrite: a
     * moment two held it at once (one locked a file its holder had just deleted, say) loses an increment or reads a
     * half-written count. Each holder deletes the file as it lets go, so the file at the path changes all the time.
     */
    @Test
    void twoProcessesAndTheirThreadsNeverHoldItAtOnce() throws Exception {
        Path file = dir.resolve("x.lock");
        Path count = Files.writeString(dir.resolve("count"), "0\n");
        List<Process> processes = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", Counting.class.getName(), file.toString(),
                count.toString(), "300").redirectErrorStream(true).start());
        }
        for (Process p : processes) {
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), said);
        }
        assertEquals("1200\n", Files.readString(count));
        assertFalse(Files.exists(file));
    }

    /** {@code Counting <lock> <count> <n>}: two threads add 1 to the count n times each, under the lock. */
    static final class Counting {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            Path count = Path.of(args[1]);
            int n = Integer.parseInt(args[2]);
            List<Thread> threads = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic
                .AtomicReference<>();
            for (int t = 0; t < 2; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            try (LockFile lock = LockFile.acquire(file, "counting", null, "the count", h -> { },
                                note -> { })) {
                                int now = Integer.parseInt(Files.readString(count).trim());
                                Files.writeString(count, (now + 1) + "\n");
                            }
                        }
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failed.get() != null) {
                failed.get().printStackTrace();
                System.exit(1);
            }
        }
    }

    @Test
    void aLockInADirectoryThatIsMissingIsRefusedInOneLine() {
        Path file = dir.resolve("missing/x.lock");
        RcaException e = assertThrows(RcaException.class, () -> LockFile.tryAcquire(file, "test"));
        assertEquals("cannot lock " + file + ": its directory does not exist", e.getMessage());
    }

    /** RCA_LOCK_TIMEOUT in seconds, fractions too; a negative one waits not at all (it was shown as "-1000 ms"). */
    @Test
    void theTimeoutReadsSecondsWithFractionsAndNoNegativeWait() {
        assertEquals(java.time.Duration.ofMillis(1500), LockFile.timeoutOf(null, "1.5"));
        assertEquals(java.time.Duration.ZERO, LockFile.timeoutOf(null, "-1"));
        assertEquals(java.time.Duration.ofSeconds(10), LockFile.timeoutOf(null, "abc"));
        assertEquals(java.time.Duration.ofSeconds(30), LockFile.timeoutOf(null, " 30 "));
        assertEquals(java.time.Duration.ofMillis(50), LockFile.timeoutOf("50", "30"));
        assertEquals("1.5 s", LockFile.shown(LockFile.timeoutOf(null, "1.5")));
        assertEquals("0 ms", LockFile.shown(LockFile.timeoutOf(null, "-1")));
        assertEquals("10 s", LockFile.shown(LockFile.timeoutOf(null, null)));
    }
}
