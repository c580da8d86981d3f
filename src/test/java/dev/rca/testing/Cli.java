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
