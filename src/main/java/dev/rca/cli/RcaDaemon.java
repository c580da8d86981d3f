package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import dev.rca.history.OpenedTables;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A long-lived rca that runs the command lines {@code rca-client} hands it over a Unix socket, so that a query
 * in the middle of an investigation pays neither a JVM's start nor a cold JIT, and finds git's pack index
 * already read. {@code scripts/rca} starts it in the background and sends it only read-only history
 * commands ({@link #SERVED}) and bisect-helper ({@link #SERVED_BISECT}); everything else, and everything that
 * could depend on the caller's environment beyond what the launcher keys the daemon by, runs in a JVM of its own.
 * The one process {@code bisect-helper run} starts, the user's test, the client starts ({@link ClientStarter}).
 *
 * <p>Commands run one at a time, each exactly as {@link Rca#main} would run it, in the client's directory; a
 * request that arrives while one runs is closed unanswered, and its launcher runs it in a JVM of its own.
 * The daemon exits when it has been idle for the given time, when its jar changes, or on a stop request.
 *
 * <p>Usage: {@code java -cp rca.jar dev.rca.cli.RcaDaemon <socket> <rca.jar> <idle-seconds>}
 */
public final class RcaDaemon {
    /** The commands a daemon runs: they read the repository, run no process and read no standard input. */
    static final Set<String> SERVED = Set.of("log", "history", "suspects");
    /**
     * The bisect-helper commands a daemon runs; {@code run} only for a client that runs the test itself
     * ({@link #RUNS_TESTS}), since the test must start with the caller's environment, not the daemon's.
     */
    static final Set<String> SERVED_BISECT = Set.of("start", "good", "bad", "skip", "next", "status", "log", "range",
        "reset");

    private static final int MAGIC = ('R' << 24) | ('C' << 16) | ('A' << 8) | '1';
    private static final int STDOUT_IS_TERMINAL = 1;
    private static final int STDERR_IS_TERMINAL = 2;
    private static final int STOP = 4;
    /** The client runs test commands when sent {@link #EXECUTE} frames, and answers each with a {@link #RESULT}. */
    private static final int RUNS_TESTS = 8;
    private static final byte OUT = 1;
    private static final byte ERR = 2;
    private static final byte EXIT = 3;
    private static final byte EXECUTE = 4;
    private static final byte RESULT = 5;
    private static final int MAX_STRING = 1 << 20;
    /** How long a client may take to send its request (rca-client sends it at once); a property for tests. */
    private static final String REQUEST_SECONDS = "rca.daemonRequestSeconds";
    private static final java.util.concurrent.ScheduledExecutorService STALLED =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rca-daemon-stalled-request");
            t.setDaemon(true);
            return t;
        });

    private final Path socket;
    private final Path jar;
    private final FileTime jarTime;
    private final long idleMillis;
    private volatile long lastActive = System.currentTimeMillis();
    private volatile boolean busy;
    private volatile boolean serving = true;
    private final DaemonIndexer indexer = new DaemonIndexer(() -> busy);
    private final boolean indexInBackground;

    private RcaDaemon(Path socket, Path jar, long idleMillis, boolean indexInBackground) throws IOException {
        this.indexInBackground = indexInBackground;
        this.socket = socket;
        this.jar = jar;
        this.jarTime = Files.getLastModifiedTime(jar);
        this.idleMillis = idleMillis;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: RcaDaemon <socket> <rca.jar> <idle-seconds>");
            System.exit(ExitCode.USAGE);
        }
        // RCA_DAEMON_INDEX=off leaves the changed-path table to 'rca index'.
        boolean index = !"off".equals(System.getenv("RCA_DAEMON_INDEX"));
        if (serve(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]), Long.parseLong(args[2]) * 1000, index)) {
            System.exit(ExitCode.OK);
        }
    }

    /**
     * Serves {@code socket} until a stop request, or until idle for {@code idleMillis} or {@code jar} changes
     * (then the process halts). False when another daemon already serves the socket.
     *
     * @param indexInBackground whether to complete the changed-path tables of the repositories it answers about
     *     while idle ({@link DaemonIndexer})
     */
    public static boolean serve(Path socket, Path jar, long idleMillis, boolean indexInBackground) throws IOException {
        RcaDaemon daemon = new RcaDaemon(socket, jar, idleMillis, indexInBackground);
        // The lock, held for the daemon's life, makes a second daemon started for the same socket (two
        // launchers racing) leave at once instead of unlinking the first one's socket.
        try (FileChannel lockFile = FileChannel.open(Path.of(socket + ".lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                return false;
            }
            GitWorkspace.keepRepositoriesOpen(8);
            OpenedTables.keep(true);
            try {
                daemon.acceptUntilStopped();
            } finally {
                GitWorkspace.stopKeepingRepositoriesOpen();
                OpenedTables.keep(false);
                daemon.removeFiles();
            }
            return true;
        }
    }

    private static FileLock tryLock(FileChannel file) throws IOException {
        try {
            return file.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private void acceptUntilStopped() throws IOException {
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread watcher = new Thread(this::exitWhenStale, "rca-daemon-idle");
            watcher.setDaemon(true);
            watcher.start();
            while (true) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (ClosedChannelException stopRequested) {
                    break;
                } catch (IOException acceptFailed) {
                    // out of file descriptors, say: not a reason to end the daemon under a running command
                    pause();
                    continue;
                }
                if (busy || sourcesChangedSince(jar, jarTime)) {
                    // One command at a time; a caller must not wait behind a long query (or one whose client
                    // was interrupted and is still finishing unseen). Closed before a frame: rca-client says
                    // "busy" (124) and its launcher runs the command in a JVM of its own. So too when the
                    // sources changed since the jar was built: the launcher then rebuilds it first.
                    client.close();
                    continue;
                }
                busy = true;
                Thread command = new Thread(() -> serveOne(server, client), "rca-daemon-command");
                command.start();
            }
        } finally {
            serving = false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one client's request on its own thread, so that the acceptor can turn others away meanwhile. */
    private void serveOne(ServerSocketChannel server, SocketChannel client) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                lastActive = System.currentTimeMillis();
                busy = false;
            }
        };
        try (client) {
            if (handle(client, release)) {
                server.close();
            }
        } catch (IOException clientWentAway) {
            // one client's broken connection ends only its own request
        } finally {
            release.run();
        }
    }

    /**
     * Runs one request; true when it asked the daemon to stop. {@code release} frees the daemon for the next
     * request; it is run before the exit frame, so that a client sending its next request the moment it has its
     * answer finds the daemon free rather than being turned away.
     */
    private boolean handle(SocketChannel client, Runnable release) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(client));
        FrameWriter frames = new FrameWriter(Channels.newOutputStream(client));
        // rca-client writes its request at once; one that stalls (a client stopped with ^Z, or anything else
        // on the socket) must not keep the daemon busy for good.
        java.util.concurrent.ScheduledFuture<?> stalled = STALLED.schedule(() -> {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing is all there is to do
            }
        }, Integer.getInteger(REQUEST_SECONDS, 10), java.util.concurrent.TimeUnit.SECONDS);
        try {
            return handleRequest(in, frames, release, () -> stalled.cancel(false));
        } finally {
            stalled.cancel(false);
        }
    }

    private boolean handleRequest(DataInputStream in, FrameWriter frames, Runnable release, Runnable requestRead)
        throws IOException {
        if (in.readInt() != MAGIC) {
            return false;
        }
        int flags = in.readInt();
        Path directory = Path.of(readString(in));
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            return false;
        }
        String[] args = new String[count];
        for (int i = 0; i < count; i++) {
            args[i] = readString(in);
        }
        requestRead.run();
        if ((flags & STOP) != 0) {
            frames.exit(ExitCode.OK);
            return true;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
            new BufferedOutputStream(frames.stream(OUT), 1 << 16), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(frames.stream(ERR), StandardCharsets.UTF_8), true);
        int code;
        boolean clientRunsTests = (flags & RUNS_TESTS) != 0;
        if (!serves(args, clientRunsTests)) {
            String command = commandOf(args);
            err.println("rca: error: the rca daemon runs only " + String.join(", ", SERVED.stream().sorted().toList())
                + " and bisect-helper (run only for a client that runs the test); '" + command
                + "' runs in a JVM of its own");
            code = ExitCode.USAGE;
        } else {
            Rca rca = Rca.attachedTo(directory, (flags & STDOUT_IS_TERMINAL) != 0, (flags & STDERR_IS_TERMINAL) != 0);
            if (clientRunsTests) {
                rca.runningCommandsWith(new ClientStarter(in, frames));
            }
            code = Rca.run(rca, out, err, args);
        }
        out.flush();
        err.flush();
        if (indexInBackground) {
            indexer.afterCommand();
        }
        release.run();
        frames.exit(code);
        return false;
    }

    /**
     * Whether a daemon runs {@code args} for a client that runs test commands or not (the launcher sends it
     * nothing else; this is the daemon's own check).
     */
    static boolean serves(String[] args, boolean clientRunsTests) {
        int at = commandIndex(args);
        if (at < 0 || SERVED.contains(args[at])) {
            return true;
        }
        return args[at].equals("bisect-helper") && at + 1 < args.length && (SERVED_BISECT.contains(args[at + 1])
            || clientRunsTests && args[at + 1].equals("run"));
    }

    /** The command word of {@code args}, after the global options, or null (help, version, nothing). */
    static String commandOf(String[] args) {
        int at = commandIndex(args);
        return at < 0 ? null : args[at];
    }

    /** Where the command word is: the first argument that is neither an option nor {@code -C}'s directory. */
    private static int commandIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-C")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("request string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /**
     * Removes the socket and, while still holding it, the lock file: a daemon for a rebuilt jar has another
     * key, so nothing else would ever remove them. A daemon starting this very moment locks a fresh file.
     */
    private void removeFiles() {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(Path.of(socket + ".lock"));
        } catch (IOException ignored) {
            // exiting anyway; the next daemon for this key replaces leftovers
        }
    }

    /**
     * Whether anything under the project's {@code src/main}, or its {@code pom.xml}, is newer than {@code jar}
     * built at {@code built} — the launcher's own test before it rebuilds, which it leaves to the daemon on the
     * daemon's path (a {@code find} process per query cost more than the rest of the launcher). Only for a jar
     * where the launcher builds it, {@code <project>/target/rca.jar}.
     */
    static boolean sourcesChangedSince(Path jar, FileTime built) {
        Path target = jar.toAbsolutePath().getParent();
        if (target == null || target.getParent() == null || !target.getFileName().toString().equals("target")) {
            return false;
        }
        Path project = target.getParent();
        try {
            Path pom = project.resolve("pom.xml");
            if (Files.exists(pom, LinkOption.NOFOLLOW_LINKS)
                && Files.getLastModifiedTime(pom, LinkOption.NOFOLLOW_LINKS).compareTo(built) > 0) {
                return true;
            }
            Path sources = project.resolve("src").resolve("main");
            if (!Files.isDirectory(sources, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            boolean[] newer = {false};
            Files.walkFileTree(sources, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return visitFile(dir, attrs);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    newer[0] = attrs.lastModifiedTime().compareTo(built) > 0;
                    return newer[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            return newer[0];
        } catch (IOException unreadable) {
            // as the launcher's find, which ignores what it cannot read
            return false;
        }
    }

    /** Exits after the idle time, or as soon as the jar is rebuilt: a stale daemon would answer with old code. */
    private void exitWhenStale() {
        while (serving) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            boolean jarChanged;
            try {
                jarChanged = !Files.getLastModifiedTime(jar).equals(jarTime);
            } catch (IOException gone) {
                jarChanged = true;
            }
            boolean idle = System.currentTimeMillis() - lastActive > idleMillis;
            if (serving && !busy && !indexer.working() && (idle || jarChanged)) {
                removeFiles();
                Runtime.getRuntime().halt(0);
            }
        }
    }

    /**
     * Has the client start a test command, with its own environment, standard input closed and output discarded,
     * as {@link CommandRunner#run} starts it, and waits for its end. An {@link #EXECUTE} frame holds the argument
     * vector, the directory, the variables to remove and those to set ({@code NAME=value}), each list a count and
     * its strings, then the timeout in milliseconds as 64 bits (-1: none). The client answers with a {@link #RESULT}
     * frame: how it ended (0 exited, 1 timed out and killed with its descendants, 2 could not start), the exit code
     * (128 + the signal that killed it) or errno, and the system's message for that errno. A client that goes away
     * meanwhile (interrupted) ends the command: the verdicts so far are saved, and the next run resumes.
     */
    private static final class ClientStarter implements CommandRunner.Starter {
        private final DataInputStream in;
        private final FrameWriter frames;

        ClientStarter(DataInputStream in, FrameWriter frames) {
            this.in = in;
            this.frames = frames;
        }

        @Override
        public CommandRunner.Result run(List<String> command, Path directory, Map<String, String> extraEnv,
                                        Duration timeout) {
            List<String> argv = CommandRunner.argv(command);
            long start = System.nanoTime();
            int how;
            int value;
            String message;
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream frame = new DataOutputStream(bytes);
                writeStrings(frame, argv);
                writeString(frame, directory.toString());
                writeStrings(frame, CommandRunner.HIDDEN_ENV);
                writeStrings(frame, extraEnv.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                frame.writeLong(CommandRunner.timeoutMillis(timeout));
                frames.frame(EXECUTE, bytes.toByteArray(), 0, bytes.size());
                byte type = in.readByte();
                int length = in.readInt();
                if (type != RESULT || length < 12 || length > MAX_STRING) {
                    throw new IOException("unexpected frame " + type + " from the client");
                }
                how = in.readInt();
                value = in.readInt();
                message = readString(in);
            } catch (IOException clientWentAway) {
                throw new UncheckedIOException("the client went away while its test ran", clientWentAway);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return switch (how) {
                case 0 -> new CommandRunner.Result(value, false, "", elapsed);
                case 1 -> new CommandRunner.Result(-1, true, "", elapsed);
                // the words of the IOException ProcessBuilder.start throws, so that both paths say the same
                default -> throw CommandRunner.cannotRun(command, "Cannot run program \"" + argv.get(0) + "\" (in directory \""
                    + directory + "\"): error=" + value + ", " + message, null);
            };
        }

        private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
            out.writeInt(strings.size());
            for (String s : strings) {
                writeString(out, s);
            }
        }

        private static void writeString(DataOutputStream out, String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** Frames written to the client: a type byte, a 32-bit length, the bytes. */
    private static final class FrameWriter {
        private final OutputStream socket;

        FrameWriter(OutputStream socket) {
            this.socket = socket;
        }

        synchronized void frame(byte type, byte[] data, int offset, int length) throws IOException {
            byte[] head = {type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
            socket.write(head);
            socket.write(data, offset, length);
            socket.flush();
        }

        void exit(int code) throws IOException {
            frame(EXIT, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code}, 0, 4);
        }

        OutputStream stream(byte type) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    frame(type, new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        frame(type, b, off, len);
                    }
                }
            };
        }
    }
}
