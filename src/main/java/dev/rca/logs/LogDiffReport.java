package dev.rca.logs;

import dev.rca.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
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
     * @param width cut each printed line to this many characters (a terminal's width), or 0 for no cut
     */
    public void text(PrintWriter out, int width) throws IOException {
        LogDiffResult r = result;
        if (r.matches()) {
            out.printf("logs match after masking: %s (%d lines), %s (%d lines)%n", goodName, r.goodLines(), badName,
                r.badLines());
            return;
        }
        out.printf("--- %s (%d lines)%n+++ %s (%d lines)%n", goodName, r.goodLines(), badName, r.badLines());
        LogDiffResult.Divergence first = r.firstDivergence().orElseThrow();
        out.printf("first divergence: %s line %s, %s line %s%n", goodName, lineOrEnd(first.goodLine(), r.goodLines()),
            badName, lineOrEnd(first.badLine(), r.badLines()));
        List<LogDiffHunk> hunks = r.hunks();
        int[] next = {0};
        LogDiff.unmatchedLines(r, line -> {
            while (next[0] < hunks.size() && startsHunk(hunks.get(next[0]), line)) {
                LogDiffHunk h = hunks.get(next[0]++);
                out.printf("@@ -%d,%d +%d,%d @@%n", h.goodFrom(), h.goodCount(), h.badFrom(), h.badCount());
            }
            String shown = (line.side() == UnmatchedLine.Side.GOOD ? "-" : "+") + line.line() + "\t" + line.text();
            out.println(width > 0 && shown.length() > width ? shown.substring(0, width - 1) + "…" : shown);
            return !out.checkError();
        });
        out.printf("%d line%s only in %s, %d only in %s, in %d place%s%n", r.onlyInGood(), r.onlyInGood() == 1 ? "" : "s",
            goodName, r.onlyInBad(), badName, hunks.size(), hunks.size() == 1 ? "" : "s");
    }

    /**
     * One JSON object: {@code match}, {@code good} and {@code bad} ({@code path}, {@code lines}),
     * {@code first_divergence} ({@code good_line}, {@code bad_line}, or null), {@code only_in_good},
     * {@code only_in_bad}, and {@code unmatched}: every one-sided line as {@code side}, {@code line},
     * {@code text}, in hunk order.
     */
    public void json(PrintWriter out) throws IOException {
        LogDiffResult r = result;
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("match", r.matches());
        head.put("good", pair("path", goodName, "lines", r.goodLines()));
        head.put("bad", pair("path", badName, "lines", r.badLines()));
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
            return !out.checkError();
        });
        out.println("]}");
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static boolean startsHunk(LogDiffHunk hunk, UnmatchedLine line) {
        return hunk.goodCount() > 0
            ? line.side() == UnmatchedLine.Side.GOOD && line.line() == hunk.goodFrom()
            : line.side() == UnmatchedLine.Side.BAD && line.line() == hunk.badFrom();
    }

    private static String lineOrEnd(long line, long total) {
        return line > total ? "end of file" : Long.toString(line);
    }
}
