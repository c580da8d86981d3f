package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.logs.LogLineReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code rca logs}: logs as tables, and diffs of a good run's log against a bad one's. */
@Command(name = "logs",
    description = "Logs as tables (time, level, thread, source, message) and diffs of good and bad runs.",
    synopsisSubcommandLabel = "<command>",
    subcommands = {LogsTableCommand.class, LogsDiffCommand.class},
    footer = {"%nExamples:%n  rca logs table app.log --format=csv%n  rca logs diff good.log bad.log"})
public final class LogsCommand extends RcaCommand {
    @Override
    protected int execute() {
        spec.commandLine().usage(err());
        throw RcaException.usage("logs needs a command: table or diff");
    }

    /** Thrown to stop reading a log when nobody reads the output any more ({@code rca logs table | head}). */
    static final class OutputClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputClosed() {
            super(null, null, false, false);
        }
    }

    /**
     * The width of the terminal stdout is on: {@code $COLUMNS} when exported, else what {@code stty size}
     * says about the controlling terminal, else 120.
     */
    static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}") && Integer.parseInt(columns) >= 20) {
            return Integer.parseInt(columns);
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor() == 0 && size.matches("\\d+ \\d+")) {
                return Math.max(20, Integer.parseInt(size.substring(size.indexOf(' ') + 1)));
            }
        } catch (IOException e) {
            return 120;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 120;
    }

    /** {@code file} resolved against the working directory, checked to be a readable regular file. */
    static Path existingFile(Path directory, String file) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw RcaException.badInput(Files.exists(path) ? "not a regular file: " + file : "no such file: " + file);
        }
        if (!Files.isReadable(path)) {
            throw RcaException.badInput("cannot read " + file);
        }
        return path;
    }

    /** Opens {@code file} for reading, {@code -} meaning standard input. */
    static LogLineReader open(Path directory, String file) {
        try {
            if ("-".equals(file)) {
                return new LogLineReader(System.in, LogLineReader.DEFAULT_MAX_LINE_BYTES);
            }
            return new LogLineReader(Files.newInputStream(existingFile(directory, file)),
                LogLineReader.DEFAULT_MAX_LINE_BYTES);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
