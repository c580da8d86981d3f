package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.json.Json;
import dev.rca.logs.LogDiff;
import dev.rca.logs.LogDiffHunk;
import dev.rca.logs.LogDiffResult;
import dev.rca.logs.LogMask;
import dev.rca.logs.LogMasker;
import dev.rca.logs.UnmatchedLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca logs diff}: where a bad run's log leaves the path a good run's log took. */
@Command(name = "diff",
    description = {"Compares two logs after masking what differs between any two runs (timestamps, durations, ids,",
        "UUIDs, addresses, hashes, IPs, thread numbers, temporary paths) and prints the first divergence and",
        "the lines only one side has, in their original text. Exit 0 when they match, 1 when they differ."},
    footer = {"%nExample:%n  rca logs diff good.log bad.log --mask='host=web-[0-9]+'"})
public final class LogsDiffCommand extends RcaCommand {
    @Parameters(index = "0", paramLabel = "<good>", description = "The log of a run that behaved.")
    String good;

    @Parameters(index = "1", paramLabel = "<bad>", description = "The log of a run that did not.")
    String bad;

    @Option(names = "--mask", paramLabel = "<name>=<regex>",
        description = "Also mask matches of <regex> as <name> (repeatable; applied before the built-in masks).")
    List<String> masks = new ArrayList<>();

    @Option(names = "--format", paramLabel = "<format>", description = "table (default) or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.JSON);
        if ("-".equals(good) || "-".equals(bad)) {
            throw RcaException.usage("logs diff reads each log twice; save standard input to a file first");
        }
        List<LogMask> extra = new ArrayList<>();
        for (String mask : masks) {
            int eq = mask.indexOf('=');
            if (eq <= 0) {
                throw RcaException.usage("--mask takes <name>=<regex>, not '" + mask + "'");
            }
            extra.add(LogMask.of(mask.substring(0, eq), mask.substring(eq + 1)));
        }
        Path goodPath = LogsCommand.existingFile(directory(), good);
        Path badPath = LogsCommand.existingFile(directory(), bad);
        try {
            LogDiffResult result = LogDiff.compare(goodPath, badPath, LogMasker.withExtra(extra), progress());
            if (format == OutputFormat.JSON) {
                printJson(result);
            } else {
                printText(result);
            }
            return result.matches() ? ExitCode.OK : ExitCode.NEGATIVE;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read logs: " + e.getMessage(), e);
        }
    }

    private void printText(LogDiffResult r) throws IOException {
        PrintWriter out = out();
        if (r.matches()) {
            out.printf("logs match after masking: %s (%d lines), %s (%d lines)%n", good, r.goodLines(), bad, r.badLines());
            return;
        }
        int width = stdoutIsTerminal() ? LogsCommand.terminalWidth() : 0;
        out.printf("--- %s (%d lines)%n+++ %s (%d lines)%n", good, r.goodLines(), bad, r.badLines());
        LogDiffResult.Divergence first = r.firstDivergence().orElseThrow();
        out.printf("first divergence: %s line %s, %s line %s%n", good, lineOrEnd(first.goodLine(), r.goodLines()),
            bad, lineOrEnd(first.badLine(), r.badLines()));
        List<LogDiffHunk> hunks = r.hunks();
        int[] next = {0};
        LogDiff.unmatchedLines(r, line -> {
            while (next[0] < hunks.size() && startsHunk(hunks.get(next[0]), line)) {
                LogDiffHunk h = hunks.get(next[0]++);
                out.printf("@@ -%d,%d +%d,%d @@%n", h.goodFrom(), h.goodCount(), h.badFrom(), h.badCount());
            }
            String shown = (line.side() == UnmatchedLine.Side.GOOD ? "-" : "+") + line.line() + "\t" + line.text();
            out.println(width > 0 && shown.length() > width ? shown.substring(0, width - 1) + "…" : shown);
            return true;
        });
        out.printf("%d line%s only in %s, %d only in %s, in %d place%s%n", r.onlyInGood(), r.onlyInGood() == 1 ? "" : "s",
            good, r.onlyInBad(), bad, hunks.size(), hunks.size() == 1 ? "" : "s");
    }

    private static boolean startsHunk(LogDiffHunk hunk, UnmatchedLine line) {
        return hunk.goodCount() > 0
            ? line.side() == UnmatchedLine.Side.GOOD && line.line() == hunk.goodFrom()
            : line.side() == UnmatchedLine.Side.BAD && line.line() == hunk.badFrom();
    }

    private static String lineOrEnd(long line, long total) {
        return line > total ? "end of file" : Long.toString(line);
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private void printJson(LogDiffResult r) throws IOException {
        PrintWriter out = out();
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("match", r.matches());
        head.put("good", pair("path", good, "lines", r.goodLines()));
        head.put("bad", pair("path", bad, "lines", r.badLines()));
        head.put("first_divergence", r.firstDivergence()
            .map(d -> pair("good_line", d.goodLine(), "bad_line", d.badLine())).orElse(null));
        head.put("only_in_good", r.onlyInGood());
        head.put("only_in_bad", r.onlyInBad());
        String json = Json.write(head);
        out.print(json.substring(0, json.length() - 1));
        out.print(",\"unmatched\":[");
        boolean[] first = {true};
        LogDiff.unmatchedLines(r, line -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("side", line.side());
            item.put("line", line.line());
            item.put("text", line.text());
            out.print((first[0] ? "" : ",") + Json.write(item));
            first[0] = false;
            return true;
        });
        out.println("]}");
    }
}
