package dev.rca.testing;

import dev.rca.cli.RcaDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A daemon served in this JVM and the real {@code rca-client}, compiled from {@code src/main/c} with the system's C
 * compiler, as the launcher uses them: commands go through the client's protocol, and the tests that
 * {@code bisect-helper run} starts are started by the client. Tests using it are skipped without a C compiler.
 */
public final class DaemonClient implements AutoCloseable {
    private static final String JAVA = "java";

    private final Path client;
    private final Path jar;
    private final Path runtime;
    private final CompletableFuture<Boolean> daemon;

    private DaemonClient(Path client, Path jar, Path runtime, CompletableFuture<Boolean> daemon) {
        this.client = client;
        this.jar = jar;
        this.runtime = runtime;
        this.daemon = daemon;
    }

    /** Compiles the client into {@code dir} and starts a daemon on the socket it computes there. */
    public static DaemonClient start(Path dir) throws IOException, InterruptedException {
        DaemonClient handle = compiled(dir);
        Path path = handle.socket();
        CompletableFuture<Boolean> daemon = CompletableFuture.supplyAsync(() -> {
            try {
                return RcaDaemon.serve(path, handle.jar, TimeUnit.HOURS.toMillis(1), false, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        DaemonClient served = new DaemonClient(handle.client, handle.jar, handle.runtime, daemon);
        for (int i = 0; i < 500; i++) {
            Result r = served.run(dir, Map.of(), "--version");
            if (r.exitCode() == 0) {
                return served;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the daemon never answered");
    }

    /** Compiles the client into {@code dir}, with no daemon behind its socket. */
    public static DaemonClient compiled(Path dir) throws IOException, InterruptedException {
        Path client = dir.resolve("rca-client");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-O2", "-o", client.toString(), "src/main/c/rca-client.c")
                .redirectErrorStream(true).start();
        } catch (IOException noCompiler) {
            Assumptions.abort("no C compiler: " + noCompiler.getMessage());
            throw noCompiler;
        }
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) {
            throw new AssertionError("rca-client does not compile:\n" + ccOut);
        }
        Path jar = Files.writeString(dir.resolve("rca.jar"), "stands in for the jar; only its time is watched");
        Path runtime = Files.createDirectories(dir.resolve("run"));
        return new DaemonClient(client, jar, runtime, null);
    }

    /** The socket the client looks for its daemon at. */
    public Path socket() throws IOException, InterruptedException {
        return socket(Map.of());
    }

    /** The socket the client looks for its daemon at, with {@code env} added to its environment. */
    public Path socket(Map<String, String> env) throws IOException, InterruptedException {
        Result socket = exec(runtime.getParent(), env, List.of("socket"));
        if (socket.exitCode() != 0) {
            throw new AssertionError("no socket: " + socket);
        }
        return Path.of(socket.out().trim());
    }

    /** What one client process produced. */
    public record Result(int exitCode, String out, String err) {
        /** As an in-process run's result. */
        public CliResult cli() {
            return new CliResult(exitCode, out, err);
        }
    }

    /** Runs {@code rca args} through the client in {@code directory}, with {@code env} added to its environment. */
    public Result run(Path directory, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("run"));
        command.addAll(List.of(args));
        return exec(directory, env, command);
    }

    /**
     * Runs {@code rca args} through the client's {@code front} mode, as {@code scripts/rca} does: where no daemon
     * answers, the client becomes {@code bash launcher args}.
     */
    public Result front(Path directory, Map<String, String> env, Path launcher, String... args)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("front", launcher.toString()));
        command.addAll(List.of(args));
        return exec(directory, env, command);
    }

    /** Starts {@code rca args} through the client without waiting (its output is discarded). */
    public Process start(Path directory, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(client.toString(), jar.toString(), JAVA, "run"));
        command.addAll(List.of(args));
        ProcessBuilder pb = builder(directory, env, command);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private Result exec(Path directory, Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(client.toString(), jar.toString(), JAVA));
        command.addAll(args);
        ProcessBuilder pb = builder(directory, env, command);
        Path err = Files.createTempFile(runtime.getParent(), "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("rca-client did not finish: " + command);
        }
        String errText = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), errText);
    }

    private ProcessBuilder builder(Path directory, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb;
    }

    /** Stops the daemon and checks that it served its socket. */
    @Override
    public void close() throws Exception {
        if (daemon != null && !daemon.isDone()) {
            exec(runtime, Map.of(), List.of("stop"));
            if (!daemon.get(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the daemon did not serve its socket");
            }
        }
    }
}
