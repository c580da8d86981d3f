package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.logs.LogLineReader;
import java.io.IOException;
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

    /** The width of the terminal stdout is on ({@code $COLUMNS}, else 120). */
    static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}") && Integer.parseInt(columns) >= 20) {
            return Integer.parseInt(columns);
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
