package dev.rca.cli;

import dev.rca.history.CommitDetails;
import dev.rca.history.LoggedCommit;
import dev.rca.json.Json;
import dev.rca.logs.LogLineReader;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Prints commits as {@code rca log} and {@code rca history} list them, one line each, and notices when
 * stdout has been closed ({@code rca log | head}) so the walk can stop. Subjects, names and paths come from whoever
 * made the commit: in a table or a line they are cleaned ({@link LogLineReader#clean}) before they reach a terminal,
 * in JSON escaped.
 */
final class CommitPrinter {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final int AUTHOR_WIDTH = 20;
    private static final long CHECK_NANOS = 50_000_000L;

    private final PrintWriter out;
    private final OutputFormat format;
    private final UnaryOperator<String> abbreviate;
    private List<String> printedShas;
    /** An id and the line separator {@code println} would write. */
    private final char[] shaLine = (" ".repeat(40) + System.lineSeparator()).toCharArray();
    private final byte[] rawSha = new byte[20];
    private long lastCheck = System.nanoTime();
    private int sinceCheck;

    CommitPrinter(PrintWriter out, OutputFormat format, UnaryOperator<String> abbreviate) {
        this.out = out;
        this.format = OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.SHA, OutputFormat.JSON,
            OutputFormat.ONELINE);
        this.abbreviate = abbreviate;
    }

    /** Prints one commit; false when stdout is gone and the walk should stop. */
    boolean print(LoggedCommit commit) {
        return print(commit, null, null);
    }

    /**
     * Prints one commit, with the path it had ({@code --follow}) and its churn ({@code --stat}) when given.
     *
     * @param churn {@code {added, removed}} lines, or null
     */
    boolean print(LoggedCommit commit, String path, long[] churn) {
        if (printedShas != null) {
            printedShas.add(commit.sha());
        }
        switch (format) {
            case SHA -> {
                // one write of id and line end, from a buffer kept for the walk: no string per commit
                commit.copyShaTo(shaLine, rawSha);
                out.write(shaLine, 0, shaLine.length);
            }
            case ONELINE -> out.println(abbreviate.apply(commit.sha()) + " " + LogLineReader.clean(commit.details().subject())
                + (path == null ? "" : "  [" + LogLineReader.clean(path) + "]") + churnText(churn, " "));
            case JSON -> out.println(Json.write(json(commit.details(), path, churn)));
            default -> out.println(tableRow(commit, path, churn));
        }
        return stillOpen();
    }

    private String tableRow(LoggedCommit commit, String path, long[] churn) {
        CommitDetails d = commit.details();
        StringBuilder row = new StringBuilder();
        row.append(abbreviate.apply(commit.sha())).append("  ").append(d.author().when().format(DAY)).append("  ")
            .append(fit(LogLineReader.clean(d.author().name()))).append("  ");
        if (churn != null) {
            row.append(String.format("%6s %6s  ", "+" + churn[0], "-" + churn[1]));
        }
        if (path != null) {
            row.append(LogLineReader.clean(path)).append("  ");
        }
        return row.append(LogLineReader.clean(d.subject())).toString();
    }

    private static String churnText(long[] churn, String sep) {
        return churn == null ? "" : sep + "+" + churn[0] + " -" + churn[1];
    }

    private static String fit(String name) {
        if (name.length() > AUTHOR_WIDTH) {
            return name.substring(0, AUTHOR_WIDTH - 1) + "…";
        }
        return name + " ".repeat(AUTHOR_WIDTH - name.length());
    }

    private static Map<String, Object> json(CommitDetails d, String path, long[] churn) {
        Map<String, Object> m = d.toJson();
        if (path != null) {
            m.put("path", path);
        }
        if (churn != null) {
            m.put("added", churn[0]);
            m.put("removed", churn[1]);
        }
        return m;
    }

    /** Checks for a closed stdout every few hundred lines or 50 ms, without flushing every line. */
    private boolean stillOpen() {
        long now = System.nanoTime();
        if (++sinceCheck < 256 && now - lastCheck < CHECK_NANOS) {
            return true;
        }
        sinceCheck = 0;
        lastCheck = now;
        return !out.checkError();
    }

    /** Starts keeping the full id of every printed commit (for recording a query as evidence). */
    CommitPrinter keepingShas() {
        printedShas = new ArrayList<>();
        return this;
    }

    /** The full ids printed so far, in order; empty unless {@link #keepingShas()} was called. */
    List<String> printedShas() {
        return printedShas == null ? List.of() : printedShas;
    }
}
