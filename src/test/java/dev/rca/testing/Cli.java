package dev.rca.testing;

import dev.rca.cli.Rca;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;

/** Runs rca in-process through picocli, as the launcher would, capturing stdout and stderr. */
public final class Cli {
    private Cli() {
    }

    /** Runs {@code rca <args>} as if started in {@code directory}. */
    public static CliResult run(Path directory, String... args) {
        return run(Rca.startingIn(directory), args);
    }

    /** Runs {@code rca <args>} as if started in {@code directory} at {@code clock}, relative dates counting from it. */
    public static CliResult runAt(ZonedDateTime clock, Path directory, String... args) {
        return run(Rca.startingIn(directory).at(clock), args);
    }

    /**
     * {@link #run(Path, String...)} on a thread with the stack the launcher gives rca's threads ({@code -Xss4m} in
     * scripts/lib/launch.bash, the daemon's included), not the test runner's: a test of how deep a regular expression
     * recurses over a long line overflows, or not, as {@code rca} would.
     */
    public static CliResult runOnLauncherStack(Path directory, String... args) {
        return runOnStack(4L * 1024 * 1024, directory, args);
    }

    /** {@link #run(Path, String...)} on a thread whose stack has {@code bytes}. */
    public static CliResult runOnStack(long bytes, Path directory, String... args) {
        CliResult[] result = new CliResult[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = run(directory, args);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "rca-stack-" + bytes, bytes);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (thrown[0] != null) {
            throw new IllegalStateException(thrown[0]);
        }
        return result[0];
    }

    private static CliResult run(Rca rca, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        int code = Rca.execute(Rca.commandLineFor(rca, outWriter, errWriter, args), args);
        outWriter.flush();
        errWriter.flush();
        return new CliResult(code, out.toString(), err.toString());
    }
}
