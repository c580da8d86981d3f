package dev.rca.logs;

import dev.rca.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a {@link LogDiffResult} for people (a unified-diff-like listing with line numbers) or for tools
 * (one JSON document), reading the unmatched lines back from the logs as it goes, so nothing but the
 * current line is held.
 *
 * @param result   the comparison
 * @param goodName the good log's name as the user gave it
 * @param badName  the bad log's name as the user gave it
 */
public record LogDiffReport(LogDiffResult result, String goodName, String badName) {
    /**
     * The listing: a one-line verdict when the logs match; else both names and lengths, the first
     * divergence, each hunk as {@code @@ -<good from>,<count> +<bad from>,<count> @@} followed by its lines
     * ({@code -<n>\t<text>} from the good log, {@code +<n>\t<text>} from the bad one), and a summary.
     *
     * With {@code context > 0}, up to that many lines both logs share come before and after each hunk's lines, as
     * {@code  <n>\t<text>} with the good log's line number, and the headers' ranges are those of {@code diff -U}:
     * they span the context, and hunks close together are one.
     *
     * @param width cut each printed line to this many characters (a terminal's width), or 0 for no cut
     */
    public void text(PrintWriter out, int context, int width) throws IOException {
        LogDiffResult r = result;
        if (r.matches()) {
            out.printf("logs match after masking: %s (%s), %s (%s)%n", goodName, lines(r.goodLines()), badName,
                lines(r.badLines()));
            return;
        }
        out.printf("--- %s (%s)%n+++ %s (%s)%n", goodName, lines(r.goodLines()), badName, lines(r.badLines()));
        LogDiffResult.Divergence first = r.firstDivergence().orElseThrow();
        out.printf("first divergence: %s line %s, %s line %s%n", goodName, lineOrEnd(first.goodLine(), r.goodLines()),
            badName, lineOrEnd(first.badLine(), r.badLines()));
        LogDiff.hunkLines(r, context, h -> {
            out.printf("@@ -%s +%s @@%n", range(h.goodFrom(), h.goodCount()), range(h.badFrom(), h.badCount()));
            return true;
        }, line -> {
            String prefix = switch (line.side()) {
                case GOOD -> "-";
                case BAD -> "+";
                case CONTEXT -> " ";
            };
            String shown = prefix + line.line() + "\t" + line.text();
            out.println(width > 0 && shown.length() > width ? shown.substring(0, width - 1) + "…" : shown);
            return !out.checkError();
        });
        out.printf("%d line%s only in %s, %d only in %s, in %d place%s%n", r.onlyInGood(), r.onlyInGood() == 1 ? "" : "s",
            goodName, r.onlyInBad(), badName, r.hunks().size(), r.hunks().size() == 1 ? "" : "s");
    }

    private static String lines(long count) {
        return count + (count == 1 ? " line" : " lines");
    }

    /**
     * One JSON object: {@code match}, {@code good} and {@code bad} ({@code path}, {@code lines}),
     * {@code first_divergence} ({@code good_line}, {@code bad_line}, or null), {@code only_in_good},
     * {@code only_in_bad}, and {@code unmatched}: every one-sided line as {@code side}, {@code line},
     * {@code text}, in hunk order.
     */
    public void json(PrintWriter out) throws IOException {
        String json = Json.write(head());
        out.print(json.substring(0, json.length() - 1));
        out.print(",\"unmatched\":[");
        boolean[] first = {true};
        LogDiff.unmatchedLines(result, line -> {
            out.print((first[0] ? "" : ",") + Json.write(item(line)));
            first[0] = false;
            return !out.checkError();
        });
        out.println("]}");
    }

    /**
     * The comparison as plain values, for the evidence ledger or any JSON/YAML writer: the keys of
     * {@link #json}, with {@code unmatched} holding at most {@code limit} lines (each {@code side},
     * {@code line}, {@code text}) and {@code unmatched_cut} telling whether more were left out.
     */
    public Map<String, Object> summary(int limit) throws IOException {
        Map<String, Object> summary = head();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (UnmatchedLine line : LogDiff.sample(result, limit)) {
            lines.add(item(line));
        }
        summary.put("unmatched", lines);
        summary.put("unmatched_cut", result.onlyInGood() + result.onlyInBad() > lines.size());
        return summary;
    }

    /**
     * The comparison as a ledger evidence item ({@code kind: log-diff}): the command that made it, when
     * ({@code at}, ISO-8601), and the {@link #summary(int) summary} with at most 20 unmatched lines, enough to
     * recognise the divergence later.
     */
    public Map<String, Object> evidence(String command, String at) throws IOException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", "log-diff");
        item.put("command", command);
        item.put("at", at);
        item.putAll(summary(20));
        return item;
    }

    private Map<String, Object> head() {
        LogDiffResult r = result;
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("match", r.matches());
        head.put("good", pair("path", goodName, "lines", r.goodLines()));
        head.put("bad", pair("path", badName, "lines", r.badLines()));
        head.put("first_divergence", r.firstDivergence()
            .map(d -> pair("good_line", d.goodLine(), "bad_line", d.badLine())).orElse(null));
        head.put("only_in_good", r.onlyInGood());
        head.put("only_in_bad", r.onlyInBad());
        return head;
    }

    private static Map<String, Object> item(UnmatchedLine line) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("side", line.side().name().toLowerCase(java.util.Locale.ROOT));
        item.put("line", line.line());
        item.put("text", line.text());
        return item;
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /**
     * A hunk header's range as {@code diff -U} writes it, {@code <start>,<count>}, where an empty range starts at
     * the line before the place it names (0 at the top of the file), the line its other side's lines follow.
     */
    private static String range(long from, long count) {
        return (count == 0 ? from - 1 : from) + "," + count;
    }

    private static String lineOrEnd(long line, long total) {
        return line > total ? "end of file" : Long.toString(line);
    }
}
