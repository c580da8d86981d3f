package dev.rca.git;

import dev.rca.RcaException;
import dev.rca.io.ShellWords;
import dev.rca.io.TextPrefix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test command the way {@code git bisect run} does: one argument is a shell command line
 * ({@code sh -c}), several are an argument vector. Output (stdout and stderr together) is captured,
 * keeping the last {@link #KEPT_OUTPUT} bytes. A timeout kills the whole process tree.
 */
public final class CommandRunner {
    /** How much of the tail of a command's output is kept. */
    public static final int KEPT_OUTPUT = 64 * 1024;

    private CommandRunner() {
    }

    /**
     * One run.
     *
     * @param exitCode the exit code, or -1 when it timed out
     * @param timedOut whether the timeout killed it
     * @param output the tail of its combined stdout and stderr
     * @param elapsed how long it ran
     */
    public record Result(int exitCode, boolean timedOut, String output, Duration elapsed) {
        /**
         * The last {@code n} lines of the output (fewer when it has fewer): what shows why a run failed. A line longer
         * than {@value #SHOWN_LINE} characters is cut there and says how much is left out: one minified or binary
         * line would fill the terminal.
         */
        public List<String> lastLines(int n) {
            List<String> lines = output.lines().toList();
            return lines.subList(Math.max(0, lines.size() - n), lines.size()).stream().map(Result::shown).toList();
        }

        /** Characters of an output line {@link #lastLines} shows. */
        public static final int SHOWN_LINE = 300;

        private static String shown(String line) {
            if (line.length() <= SHOWN_LINE) {
                return line;
            }
            String kept = TextPrefix.upTo(line, SHOWN_LINE);
            return kept + " … (" + (line.length() - kept.length()) + " more characters)";
        }
    }

    /**
     * What runs a test command as {@link #run} does: {@code CommandRunner::run} in rca's own process; the daemon's
     * has its client run it, with the client's environment.
     */
    @FunctionalInterface
    public interface Starter {
        /** Runs {@code command} as {@link CommandRunner#run} does. */
        Result run(List<String> command, Path directory, Map<String, String> extraEnv, Duration timeout);
    }

    /** Environment variables a command never inherits: through them a test could reach the user's checkout. */
    public static final List<String> HIDDEN_ENV = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE");

    /**
     * The argument vector {@code command} is run as: one argument is a shell command line, several are the vector.
     * One argument that is the absolute path of an executable file is that program, spaces in its name and all.
     */
    public static List<String> argv(List<String> command) {
        if (command.isEmpty()) {
            throw RcaException.usage("no command to run");
        }
        List<String> argv = new ArrayList<>();
        if (command.size() == 1 && !isExecutableFile(command.get(0))) {
            argv.add("/bin/sh");
            argv.add("-c");
        }
        argv.addAll(command);
        return argv;
    }

    /**
     * {@code command} as one POSIX shell command line that runs what {@link #run} runs: {@code sh -c '<line>'} for a
     * shell command line (so that a variable set before it reaches every command in it, and its {@code exit} ends
     * only that shell), else the argument vector, each word quoted.
     */
    public static String shellLine(List<String> command) {
        List<String> argv = argv(command);
        return argv.size() > command.size() ? "sh -c " + ShellWords.quote(command.get(0)) : ShellWords.line(argv);
    }

    private static boolean isExecutableFile(String arg) {
        try {
            java.nio.file.Path path = java.nio.file.Path.of(arg);
            return path.isAbsolute() && java.nio.file.Files.isRegularFile(path) && java.nio.file.Files.isExecutable(path);
        } catch (java.nio.file.InvalidPathException notAPath) {
            return false;
        }
    }

    /** The error for a command that could not be started, {@code why} being the system's reason. */
    public static RcaException cannotRun(List<String> command, String why, Throwable cause) {
        return RcaException.badInput("cannot run '" + String.join(" ", command) + "': " + why, cause);
    }

    /**
     * Runs {@code command} in {@code directory} with {@code extraEnv} added to rca's environment
     * ({@code GIT_DIR}, {@code GIT_WORK_TREE} and {@code GIT_INDEX_FILE} are removed so the test
     * cannot reach the user's checkout through them).
     *
     * @param timeout null for none
     * @throws RcaException exit 3 when the command cannot be started
     */
    public static Result run(List<String> command, Path directory, Map<String, String> extraEnv, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv(command)).directory(directory.toFile()).redirectErrorStream(true);
        HIDDEN_ENV.forEach(pb.environment()::remove);
        pb.environment().putAll(extraEnv);
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw cannotRun(command, e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child does not read stdin; nothing to close
        }
        // SIGTERM or ^C ends this JVM through its shutdown hooks: the test must not outlive it in the scratch
        // checkout (rca-client kills it too, so that both paths leave nothing running).
        Thread killer = new Thread(() -> killTree(process.toHandle()), "rca-command-kill");
        try {
            Runtime.getRuntime().addShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            killTree(process.toHandle());
            throw RcaException.badInput("interrupted while running '" + String.join(" ", command) + "'");
        }
        try {
            return awaitEnd(process, command, timeout, start);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing left to remove
            }
        }
    }

    private static Result awaitEnd(Process process, List<String> command, Duration timeout, long start) {
        TailBuffer tail = new TailBuffer();
        Thread reader = new Thread(() -> tail.drain(process.getInputStream()), "rca-command-output");
        reader.setDaemon(true);
        reader.start();
        boolean timedOut = false;
        try {
            if (timeout == null) {
                process.waitFor();
            } else if (!process.waitFor(saturatedMillis(timeout), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process.toHandle());
                process.waitFor();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw RcaException.badInput("interrupted while running '" + String.join(" ", command) + "'");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(timedOut ? -1 : process.exitValue(), timedOut, tail.text(), elapsed);
    }

    /** The last {@link #KEPT_OUTPUT} bytes {@code in} holds, read to its end, as text. */
    public static String tail(InputStream in) {
        TailBuffer tail = new TailBuffer();
        tail.drain(in);
        return tail.text();
    }

    /** Kills a process and every descendant, children first so none is re-parented out of reach. */
    public static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        root.destroyForcibly();
        for (ProcessHandle child : all) {
            child.destroyForcibly();
        }
        for (ProcessHandle h : root.descendants().toList()) {
            h.destroyForcibly();
        }
    }

    private static final class TailBuffer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void drain(InputStream in) {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        bytes.write(buf, 0, n);
                        if (bytes.size() > 2 * KEPT_OUTPUT) {
                            byte[] all = bytes.toByteArray();
                            bytes.reset();
                            bytes.write(all, all.length - KEPT_OUTPUT, KEPT_OUTPUT);
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed; what was read is kept
            }
        }

        synchronized String text() {
            byte[] all = bytes.toByteArray();
            int from = Math.max(0, all.length - KEPT_OUTPUT);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }

    /** {@code timeout} in milliseconds for a process that runs the command elsewhere: -1 for none. */
    public static long timeoutMillis(Duration timeout) {
        return timeout == null ? -1 : saturatedMillis(timeout);
    }

    /** A timeout too long for a long of milliseconds ({@code --timeout=9223372036854775807}) is as good as none. */
    private static long saturatedMillis(Duration timeout) {
        try {
            return timeout.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
