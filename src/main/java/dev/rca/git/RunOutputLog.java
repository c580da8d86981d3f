package dev.rca.git;

import dev.rca.RcaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a test printed at each of its runs, kept in a file in {@code .git/rca/} so that a verdict can be checked after
 * the fact: a test that fails for another reason than the bug (a build error, a missing tool, a typo in the command)
 * otherwise yields a confident answer with nothing to tell it by. Each run is a line {@code == <sha>: exit <code>} (or
 * {@code timed out}) followed by the last {@link CommandRunner#KEPT_OUTPUT} bytes of its standard output and error.
 * {@code bisect-helper run} keeps {@code bisect-run.log} (begun at its first test; {@code reset} and {@code start}
 * remove it), {@code verify} keeps {@code verify-run.log}.
 */
public final class RunOutputLog {
    private final Path file;

    private RunOutputLog(Path file) {
        this.file = file;
    }

    /** An empty log named {@code name} in {@code workspace}'s state directory, replacing the previous one. */
    public static RunOutputLog begin(GitWorkspace workspace, String name) {
        RunOutputLog log = new RunOutputLog(workspace.stateDirectory().resolve(name));
        log.write("", StandardOpenOption.TRUNCATE_EXISTING);
        return log;
    }

    /** Where the output is kept. */
    public Path file() {
        return file;
    }

    /** Adds one run of the test at {@code commit}. */
    public void append(String commit, CommandRunner.Result result) {
        String output = result.output();
        write("== " + commit + ": " + (result.timedOut() ? "timed out" : "exit " + result.exitCode()) + "\n" + output
            + (output.isEmpty() || output.endsWith("\n") ? "" : "\n"), StandardOpenOption.APPEND);
    }

    private void write(String text, StandardOpenOption mode) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                mode);
        } catch (IOException e) {
            throw RcaException.badInput("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
