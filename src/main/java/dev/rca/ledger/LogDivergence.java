package dev.rca.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an evidence item of {@code kind: log-diff} ({@code rca logs diff -t}) recorded: where the good and the bad
 * log first diverge, how many lines only one side has, and the first of those lines as they were written.
 *
 * @param goodLine   the good log's line at the first divergence, or null when the logs matched
 * @param badLine    the bad log's line at the first divergence, or null when the logs matched
 * @param onlyInGood how many lines only the good log has
 * @param onlyInBad  how many lines only the bad log has
 * @param unmatched  the first one-sided lines, in the order {@code rca logs diff} prints them
 */
public record LogDivergence(Long goodLine, Long badLine, long onlyInGood, long onlyInBad, List<Line> unmatched) {
    /**
     * One line only one log has.
     *
     * @param good   true for a line of the good log, false for one of the bad log
     * @param number its line number in its log
     * @param text   its text
     */
    public record Line(boolean good, long number, String text) {
        public Line {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    public LogDivergence {
        unmatched = List.copyOf(unmatched);
    }

    /**
     * What an evidence item as {@code rca logs diff -t} writes it records ({@code first_divergence},
     * {@code only_in_good}, {@code only_in_bad}, {@code unmatched}), read as the ledger reads it back.
     */
    static LogDivergence ofItem(Map<String, Object> item) {
        Long good = null;
        Long bad = null;
        if (item.get("first_divergence") instanceof Map<?, ?> first) {
            good = ((Number) first.get("good_line")).longValue();
            bad = ((Number) first.get("bad_line")).longValue();
        }
        List<Line> lines = new ArrayList<>();
        if (item.get("unmatched") instanceof List<?> unmatched) {
            for (Object o : unmatched) {
                Map<?, ?> line = (Map<?, ?>) o;
                lines.add(new Line("good".equals(line.get("side")), ((Number) line.get("line")).longValue(),
                    (String) line.get("text")));
            }
        }
        return new LogDivergence(good, bad, ((Number) item.get("only_in_good")).longValue(),
            ((Number) item.get("only_in_bad")).longValue(), lines);
    }

    /**
     * What the comparison found, in words: where the logs first diverge and how many lines only each has, or that
     * they match after masking.
     */
    public String findings() {
        if (matched()) {
            return "the logs match after masking";
        }
        StringBuilder found = new StringBuilder();
        if (goodLine != null && badLine != null) {
            found.append("first divergence at line ").append(goodLine).append(" of the good log and line ")
                .append(badLine).append(" of the bad log; ");
        }
        return found.append(onlyInGood).append(onlyInGood == 1 ? " line" : " lines")
            .append(" only in the good log, ").append(onlyInBad).append(" only in the bad log").toString();
    }

    /** True when the logs matched after masking. */
    public boolean matched() {
        return goodLine == null && badLine == null && onlyInGood == 0 && onlyInBad == 0;
    }

    /**
     * The recorded lines of the place where the logs first diverge: the good log's lines from {@link #goodLine}
     * on and the bad log's from {@link #badLine} on, as long as they follow each other.
     */
    public List<Line> atFirstDivergence() {
        List<Line> lines = new ArrayList<>();
        long nextGood = goodLine == null ? -1 : goodLine;
        long nextBad = badLine == null ? -1 : badLine;
        for (Line line : unmatched) {
            if (line.good() && line.number() == nextGood) {
                nextGood++;
            } else if (!line.good() && line.number() == nextBad) {
                nextBad++;
            } else {
                break;
            }
            lines.add(line);
        }
        return lines;
    }
}
