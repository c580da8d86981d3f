package dev.rca.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code git} command line, isolated from the developer's configuration, for
 * differential tests and for building repositories with {@code git fast-import}.
 */
public final class NativeGit {
    private NativeGit() {
    }

    /** Runs git and returns stdout; fails the test when git exits non-zero. */
    public static String run(Path directory, String... args) {
        Result result = exec(directory, null, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " exited " + result.exitCode() + ": "
                + result.err());
        }
        return result.out();
    }

    /** Runs git with {@code stdin} fed to it; fails the test when git exits non-zero. */
    public static String runWithInput(Path directory, byte[] stdin, String... args) {
        Result result = exec(directory, stdin, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " exited " + result.exitCode() + ": "
                + result.err());
        }
        return result.out();
    }

    /** git's output lines, without the trailing empty one. */
    public static List<String> lines(Path directory, String... args) {
        String out = run(directory, args);
        if (out.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(out.split("\n"));
    }

    /** Runs git and returns everything it did, whatever its exit code. */
    public static Result exec(Path directory, byte[] stdin, String... args) {
        return exec(directory, Map.of(), stdin, args);
    }

    /**
     * Runs git with {@code env} added to its isolated environment ({@code GIT_TEST_DATE_NOW} to fix its clock,
     * {@code TZ}), and returns everything it did, whatever its exit code.
     */
    public static Result exec(Path directory, Map<String, String> env, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        isolate(pb.environment());
        pb.environment().putAll(env);
        try {
            Process process = pb.start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin);
                }
            } else {
                process.getOutputStream().close();
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err));
            errReader.start();
            byte[] out = process.getInputStream().readAllBytes();
            int code = process.waitFor();
            errReader.join();
            return new Result(code, new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running git", e);
        }
    }

    /** Strips the environment of everything that would make git's answer depend on the machine. */
    public static void isolate(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        env.put("GIT_AUTHOR_NAME", "Test Author");
        env.put("GIT_AUTHOR_EMAIL", "author@example.com");
        env.put("GIT_COMMITTER_NAME", "Test Committer");
        env.put("GIT_COMMITTER_EMAIL", "committer@example.com");
        env.put("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z");
        env.put("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_PAGER", "cat");
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the process died; its exit code tells the story
        }
    }

    /** One git run. */
    public record Result(int exitCode, String out, String err) {
    }
}
