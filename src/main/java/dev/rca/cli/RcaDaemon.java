package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.Interruption;
import dev.rca.RcaException;
import dev.rca.daemon.ClientStarter;
import dev.rca.daemon.ClientWatch;
import dev.rca.daemon.DaemonProtocol;
import dev.rca.daemon.FrameWriter;
import dev.rca.daemon.SourceFreshness;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import dev.rca.history.OpenedTables;
import dev.rca.io.LockFile;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A long-lived rca that runs the command lines {@code rca-client} hands it over a Unix socket, so that a query
 * in the middle of an investigation pays neither a JVM's start nor a cold JIT, and finds git's pack index
 * already read. {@code scripts/rca} starts it in the background and sends it only read-only history
 * commands ({@link #SERVED}) and bisect-helper ({@link #SERVED_BISECT}); everything else, and everything that
 * could depend on the caller's environment beyond what the launcher keys the daemon by, runs in a JVM of its own.
 * The one process {@code bisect-helper run} starts, the user's test, the client starts ({@link ClientStarter}); the wire format is {@link DaemonProtocol}'s.
 *
 * <p>Commands run one at a time, each exactly as {@link Rca#main} would run it, in the client's directory; a
 * request that arrives while one runs is closed unanswered, and its launcher runs it in a JVM of its own.
 * The daemon exits when it has been idle for the given time, when its jar changes, or on a stop request.
 * Once started, while idle, it warms its JIT up on a repository of its own ({@link DaemonWarmUp}).
 *
 * <p>Usage: {@code java -cp rca.jar dev.rca.cli.RcaDaemon <socket> <rca.jar> <idle-seconds>}
 */
public final class RcaDaemon {
    /** The commands a daemon runs: they read the repository, run no process and read no standard input. */
    static final Set<String> SERVED = Set.of("log", "history", "suspects");
    /**
     * The bisect-helper commands a daemon runs; {@code run} only for a client that runs the test itself
     * ({@link DaemonProtocol#RUNS_TESTS}), since the test must start with the caller's environment, not the daemon's.
     */
    static final Set<String> SERVED_BISECT = Set.of("start", "good", "bad", "skip", "next", "status", "log", "range",
        "reset");

    /** How long a client may take to send its request (rca-client sends it at once); a property for tests. */
    private static final String REQUEST_SECONDS = "rca.daemonRequestSeconds";
    private static final long WARM_UP_AFTER_IDLE_MILLIS = 1000;
    private static final ScheduledExecutorService STALLED =
        Executors.newSingleThreadScheduledExecutor(r -> {
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
    private volatile boolean staleSources;
    private final DaemonIndexer indexer;
    private final boolean indexInBackground;
    private final DaemonWarmUp warmUp;
    private final SourceFreshness sources;
    private final KeptCommandLines lines = new KeptCommandLines();
    /**
     * Where commands run: on the thread the last one ran on, rather than a thread started per command (in one
     * JVM, 40 first questions about synthetic fixes took 613-667 ms of wall time asked on one thread against
     * 644-840 ms each on a new one, three runs each). A request never waits for that thread, though: the daemon
     * is freed before the last command's exit frame is written, and a client that stopped reading (a pager)
     * can hold that write, so the next request then gets a thread of its own, which ends after a minute idle.
     */
    private final ExecutorService commands = new ThreadPoolExecutor(1, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "rca-daemon-command");
            t.setDaemon(true);
            return t;
        });

    private RcaDaemon(Path socket, Path jar, long idleMillis, boolean indexInBackground, boolean warmUp)
        throws IOException {
        this.indexInBackground = indexInBackground;
        // Its repository beside the jar, as the launcher keeps its class-data archive. It runs only after a second
        // without a command: in a burst of queries (a script, the benchmark) it would take the CPU from the very
        // queries it warms up for, the JIT's compilations among them.
        this.warmUp = warmUp ? new DaemonWarmUp(jar.toAbsolutePath().resolveSibling("rca-warmup"),
            () -> busy || System.currentTimeMillis() - lastActive < WARM_UP_AFTER_IDLE_MILLIS, lines) : null;
        this.indexer = new DaemonIndexer(() -> busy, warmUp ? this.warmUp.cacheDir() : null);
        this.socket = socket;
        this.jar = jar;
        this.jarTime = Files.getLastModifiedTime(jar);
        this.sources = SourceFreshness.watching(jar, jarTime);
        this.idleMillis = idleMillis;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: RcaDaemon <socket> <rca.jar> <idle-seconds>");
            System.exit(ExitCode.USAGE);
        }
        // RCA_DAEMON_INDEX=off leaves the changed-path table to 'rca index'.
        boolean index = !"off".equals(System.getenv("RCA_DAEMON_INDEX"));
        boolean warmUp = !"off".equals(System.getenv(DaemonWarmUp.SWITCH));
        try {
            if (serve(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]), Long.parseLong(args[2]) * 1000, index,
                warmUp)) {
                System.exit(ExitCode.OK);
            }
        } catch (RcaException cannotLock) {
            // the socket's directory is read-only or has no file locks: the launcher runs commands in JVMs of their own
            System.err.println(cannotLock.render());
            System.exit(cannotLock.exitCode());
        }
    }

    /**
     * Serves {@code socket} until a stop request, or until idle for {@code idleMillis} or {@code jar} changes
     * (then the process halts). False when another daemon already serves the socket.
     *
     * @param indexInBackground whether to complete the changed-path tables of the repositories it answers about
     *     while idle ({@link DaemonIndexer})
     * @param warmUp whether to warm the JIT up on a repository of its own once started ({@link DaemonWarmUp})
     */
    public static boolean serve(Path socket, Path jar, long idleMillis, boolean indexInBackground, boolean warmUp)
        throws IOException {
        RcaDaemon daemon = new RcaDaemon(socket, jar, idleMillis, indexInBackground, warmUp);
        // The lock, held for the daemon's life, makes a second daemon started for the same socket (two
        // launchers racing) leave at once instead of unlinking the first one's socket.
        try (LockFile lock = LockFile.tryAcquire(Path.of(socket + ".lock"), "rca daemon")) {
            if (lock == null) {
                daemon.sources.close();
                return false;
            }
            GitWorkspace.keepRepositoriesOpen(8);
            OpenedTables.keep(true);
            try {
                daemon.acceptUntilStopped();
            } finally {
                daemon.stopWarmUp();
                daemon.sources.close();
                GitWorkspace.stopKeepingRepositoriesOpen();
                OpenedTables.keep(false);
                daemon.removeFiles();
            }
            return true;
        }
    }

    private void acceptUntilStopped() throws IOException {
        try {
            acceptOnSocket();
        } finally {
            // a command still running (the stop request's own) finishes; no other starts
            commands.shutdown();
        }
    }

    private void acceptOnSocket() throws IOException {
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread watcher = new Thread(this::exitWhenStale, "rca-daemon-idle");
            watcher.setDaemon(true);
            watcher.start();
            if (warmUp != null) {
                warmUp.start();
            }
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
                if (busy) {
                    // One command at a time; a caller must not wait behind a long query (or one whose client
                    // was interrupted and is still finishing unseen). Closed before a frame: rca-client says
                    // "busy" (124) and its launcher runs the command in a JVM of its own.
                    client.close();
                    continue;
                }
                busy = true;
                commands.execute(() -> serveOne(server, client));
            }
        } finally {
            serving = false;
        }
    }

    private void stopWarmUp() {
        if (warmUp != null) {
            try {
                warmUp.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one client's request on the command thread, so that the acceptor can turn others away meanwhile. */
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
        ScheduledFuture<?> stalled = STALLED.schedule(() -> {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing is all there is to do
            }
        }, Integer.getInteger(REQUEST_SECONDS, 10), TimeUnit.SECONDS);
        try {
            return handleRequest(client, in, frames, release, () -> stalled.cancel(false));
        } finally {
            stalled.cancel(false);
        }
    }

    private boolean handleRequest(SocketChannel client, DataInputStream in, FrameWriter frames, Runnable release,
                                  Runnable requestRead) throws IOException {
        if (in.readInt() != DaemonProtocol.MAGIC) {
            return false;
        }
        int flags = in.readInt();
        String directory = DaemonProtocol.readArgument(in);
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            return false;
        }
        String[] args = new String[count];
        for (int i = 0; i < count; i++) {
            args[i] = DaemonProtocol.readArgument(in);
        }
        requestRead.run();
        if ((flags & DaemonProtocol.STOP) != 0) {
            frames.exit(ExitCode.OK);
            return true;
        }
        if (sources.changed()) {
            // and it leaves: the launcher's own look may not find what this one found (a file gone since), and a
            // daemon turning every query away would stand in the way of a fresh one
            staleSources = true;
            // Closed before a frame, as when busy: the launcher rebuilds the jar, then runs the command itself.
            // Checked after the request is read, so that a stop request is still honoured.
            return false;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
            new BufferedOutputStream(frames.stream(DaemonProtocol.OUT), 1 << 16), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(frames.stream(DaemonProtocol.ERR), StandardCharsets.UTF_8), true);
        int code;
        boolean clientRunsTests = (flags & DaemonProtocol.RUNS_TESTS) != 0;
        if (!serves(args, clientRunsTests)) {
            String command = commandOf(args);
            err.println("rca: error: the rca daemon runs only " + String.join(", ", SERVED.stream().sorted().toList())
                + " and bisect-helper (run only for a client that runs the test); '" + command
                + "' runs in a JVM of its own");
            code = ExitCode.USAGE;
        } else {
            CommandRunner.Starter starter = clientRunsTests
                ? new ClientStarter(in, frames, (flags & DaemonProtocol.KEEPS_OUTPUT) != 0) : CommandRunner::run;
            // a client that runs a bisection's tests talks on the socket, and keeps the verdicts of an interrupted
            // run as a JVM of its own does; any other client gone means the answer, and any record of it, is unseen
            java.util.function.BooleanSupplier gone = clientRunsTests && isBisectRun(args) ? () -> false
                : ClientWatch.start(client);
            code = Interruption.during(gone, () -> lines.run(directory,
                (flags & DaemonProtocol.STDOUT_IS_TERMINAL) != 0, (flags & DaemonProtocol.STDERR_IS_TERMINAL) != 0,
                starter, out, err, args));
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

    /** Whether {@code args} is {@code bisect-helper run}, whose client runs the tests over the socket. */
    static boolean isBisectRun(String[] args) {
        int at = CommandLineArgs.commandIndex(args);
        return at >= 0 && args[at].equals("bisect-helper") && at + 1 < args.length && args[at + 1].equals("run");
    }

    /**
     * Whether a daemon runs {@code args} for a client that runs test commands or not (the launcher sends it
     * nothing else; this is the daemon's own check).
     */
    static boolean serves(String[] args, boolean clientRunsTests) {
        int at = CommandLineArgs.commandIndex(args);
        if (at < 0 || SERVED.contains(args[at])) {
            return true;
        }
        return args[at].equals("bisect-helper") && at + 1 < args.length && (SERVED_BISECT.contains(args[at + 1])
            || clientRunsTests && args[at + 1].equals("run"));
    }

    /** The command word of {@code args}, after the global options, or null (help, version, nothing). */
    static String commandOf(String[] args) {
        int at = CommandLineArgs.commandIndex(args);
        return at < 0 ? null : args[at];
    }

    /**
     * Removes the socket (and, as the lock is let go, the lock file goes too): a daemon for a rebuilt jar has another
     * key, so nothing else would ever remove them.
     */
    private void removeFiles() {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // exiting anyway; the next daemon for this key replaces leftovers
        }
    }

    /**
     * Exits after the idle time, as soon as the jar is rebuilt, or once it turned a query away for newer sources: a
     * stale daemon would answer with old code.
     */
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
            if (serving && !busy && !indexer.working() && (idle || jarChanged || staleSources)) {
                removeFiles();
                Runtime.getRuntime().halt(0);
            }
        }
    }
}
