package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the test printed at each run of a {@code bisect-helper run}, kept in {@code .git/rca/bisect-run.log} so that
 * a verdict can be checked: a test that fails for another reason than the bug (a build error, a missing tool, a
 * typo in the command) otherwise yields a confident culprit with nothing to tell it by. Each run is a line
 * {@code == <sha>: exit <code>} (or {@code timed out}) followed by the last {@link CommandRunner#KEPT_OUTPUT} bytes of
 * its standard output and error. A {@code run} begins it anew at its first test; {@code reset} and {@code start}
 * remove it ({@link ActiveBisection}).
 */
public final class RunOutputLog {
    /** The file's name in {@code .git/rca/}. */
    public static final String FILE = "bisect-run.log";

    private final Path file;

    private RunOutputLog(Path file) {
        this.file = file;
    }

    /** An empty log in {@code workspace}'s state directory, replacing the previous run's. */
    public static RunOutputLog begin(GitWorkspace workspace) {
        RunOutputLog log = new RunOutputLog(workspace.stateDirectory().resolve(FILE));
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
