package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.logs.LogFormat;
import dev.rca.logs.LogLineReader;
import dev.rca.logs.LogParser;
import dev.rca.logs.LogTableWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca logs table}: one row a log entry, with multi-line entries kept together. */
@Command(name = "table",
    description = {"Parses a log into rows: line, time, level, thread, source (logger, class or function), message.",
        "Formats are detected: log4j/logback/Spring Boot, Python logging, syslog (RFC 3164, RFC 5424), journalctl,",
        "JSON lines, glog/klog, anything starting with a timestamp. Stack traces stay with their entry.",
        "Gzip input is decompressed; '-' reads standard input."},
    footer = {"%nExample:%n  rca logs table app.log --format=csv > app.csv"})
public final class LogsTableCommand extends RcaCommand {
    @Parameters(index = "0", paramLabel = "<file>", description = "The log file, or - for standard input.")
    String file;

    @Option(names = "--format", paramLabel = "<format>", description = "table (default), csv (RFC 4180) or json (one object a line).")
    OutputFormat format = OutputFormat.TABLE;

    @Option(names = "--log-format", paramLabel = "<name>",
        description = "Skip detection and parse as: json, glog, syslog5424, syslog, log4j, python, timestamp or plain.")
    String logFormat;

    @Override
    protected int execute() {
        OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON);
        LogFormat forced = null;
        if (logFormat != null) {
            forced = LogFormat.byLabel(logFormat);
            if (forced == null) {
                throw RcaException.usage("unknown --log-format '" + logFormat + "'; use one of "
                    + Arrays.stream(LogFormat.values()).map(LogFormat::label).collect(Collectors.joining(", ")));
            }
        }
        LogTableWriter.Style style = switch (format) {
            case CSV -> LogTableWriter.Style.CSV;
            case JSON -> LogTableWriter.Style.JSON;
            default -> LogTableWriter.Style.TABLE;
        };
        int width = style == LogTableWriter.Style.TABLE && stdoutIsTerminal() ? LogsCommand.terminalWidth() : 0;
        LogTableWriter writer = new LogTableWriter(out(), style, width);
        try (LogLineReader reader = LogsCommand.open(directory(), file)) {
            LogParser.parse(reader, forced, writer::write);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
        writer.finish();
        return 0;
    }
}
