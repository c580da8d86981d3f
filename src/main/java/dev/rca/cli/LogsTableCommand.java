package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.history.MessageFilter;
import dev.rca.logs.LogFilter;
import dev.rca.logs.LogFormat;
import dev.rca.logs.LogLineReader;
import dev.rca.logs.LogParser;
import dev.rca.logs.LogTableWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca logs table}: one row a log entry, with multi-line entries kept together. */
@Command(name = "table",
    description = {"Parses a log into rows: line, time, level, thread, source (logger, class or function), message.",
        "Formats are detected: log4j/logback/Spring Boot, Python logging, syslog (RFC 3164, RFC 5424), journalctl, "
            + "JSON lines, logfmt, web access logs (Common/Combined), glog/klog, dmesg, anything starting with a "
            + "timestamp; Kubernetes (CRI) and Docker json-file logs are read as the program's own lines inside them. "
            + "Stack traces stay with their entry. Gzip input is decompressed; '-' reads standard input."},
    footer = {"%nExample:%n  rca logs table app.log --level=ERROR,WARN --thread='pool-1-.*'"})
public final class LogsTableCommand extends RcaCommand {
    @Parameters(index = "0", paramLabel = "<file>", description = "The log file, or - for standard input.")
    String file;

    @Option(names = "--format", completionCandidates = OutputFormat.Rows.class,
        paramLabel = "<format>", description = "table (default), csv (RFC 4180) or json (one object a line).")
    OutputFormat format = OutputFormat.TABLE;

    @Option(names = "--log-format", paramLabel = "<name>",
        description = "Skip detection and parse as: json, logfmt, access, glog, syslog5424, syslog, log4j, python, jul, "
            + "dmesg, timestamp or plain.")
    String logFormat;

    @Option(names = "--level", split = ",", paramLabel = "<level>", description = "Keep only these levels (e.g. ERROR,WARN; WARN also keeps WARNING, ERROR keeps ERR and SEVERE).")
    Set<String> levels = Set.of();

    @Option(names = "--thread", paramLabel = "<regex>", description = "Keep only entries whose thread matches.")
    String thread;

    @Option(names = "--source", paramLabel = "<regex>", description = "Keep only entries whose source matches.")
    String source;

    @Option(names = "--grep", paramLabel = "<regex>", description = "Keep only entries whose message matches.")
    String grep;

    @Override
    protected int execute() {
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
        // compiled as every other pattern option of rca: POSIX classes read as git reads them, a bad one in one line
        LogFilter filter = new LogFilter(levels, pattern(thread, "--thread"), pattern(source, "--source"),
            pattern(grep, "--grep"));
        long[] entries = {0};
        boolean[] leveled = {false};
        try (LogLineReader reader = LogsCommand.open(directory(), file)) {
            LogParser.parse(reader, forced, entry -> {
                leveled[0] |= entry.level() != null;
                if (filter.test(entry)) {
                    writer.write(entry);
                }
                if (++entries[0] % 4096 == 0 && out().checkError()) {
                    throw new LogsCommand.OutputClosed();
                }
            });
        } catch (LogsCommand.OutputClosed e) {
            return 0;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
        writer.finish();
        if (!levels.isEmpty() && entries[0] > 0 && !leveled[0]) {
            // a log whose level is only in the message text (syslog without a priority, a bespoke layout)
            err().println("rca: note: no entry in " + file + " has a level rca can read, so --level keeps none; "
                + "select by the message with --grep instead");
        }
        return 0;
    }

    private static Pattern pattern(String regex, String option) {
        return regex == null ? null : MessageFilter.linePattern(regex, false, option, null);
    }
}
