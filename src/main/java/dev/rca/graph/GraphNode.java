package dev.rca.graph;

import dev.rca.logs.LogLineReader;
import java.util.Locale;

/**
 * A node of the causal graph: a hypothesis (with its likelihood and status), a symptom, an experiment or
 * a piece of evidence, under its ledger id.
 *
 * @param id         the ledger id ({@code H1}, {@code S2}, {@code X1}, {@code E3}); any non-blank text
 * @param kind       what the node stands for
 * @param text       its description, one line or more (renderers shorten it)
 * @param likelihood hypotheses only: the estimate in [0, 1], or null when none was given
 * @param status     hypotheses only: open, rejected or confirmed; null for other kinds
 */
public record GraphNode(String id, Kind kind, String text, Double likelihood, Status status) {
    /** What a node stands for. */
    public enum Kind { HYPOTHESIS, SYMPTOM, EXPERIMENT, EVIDENCE }

    /** Where a hypothesis stands. */
    public enum Status { OPEN, REJECTED, CONFIRMED }

    public GraphNode {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("node kind is required: " + id);
        }
        text = text == null ? "" : text.strip();
        if (kind == Kind.HYPOTHESIS) {
            if (status == null) {
                status = Status.OPEN;
            }
            if (likelihood != null && !(likelihood >= 0 && likelihood <= 1)) {
                throw new IllegalArgumentException("likelihood of " + id + " must be in [0, 1]: " + likelihood);
            }
        } else if (likelihood != null || status != null) {
            throw new IllegalArgumentException("only hypotheses have a likelihood and a status: " + id);
        }
    }

    /** A hypothesis node. */
    public static GraphNode hypothesis(String id, String text, Double likelihood, Status status) {
        return new GraphNode(id, Kind.HYPOTHESIS, text, likelihood, status);
    }

    /** A symptom node. */
    public static GraphNode symptom(String id, String text) {
        return new GraphNode(id, Kind.SYMPTOM, text, null, null);
    }

    /** An experiment node. */
    public static GraphNode experiment(String id, String text) {
        return new GraphNode(id, Kind.EXPERIMENT, text, null, null);
    }

    /** An evidence node (a commit: say its short SHA and subject in {@code text}). */
    public static GraphNode evidence(String id, String text) {
        return new GraphNode(id, Kind.EVIDENCE, text, null, null);
    }

    /** {@code text} cut to {@code max} characters at a word boundary where one is near, marked with "…". */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        int space = text.lastIndexOf(' ', cut);
        if (space >= max / 2) {
            cut = space;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    /** The label renderers show: id, text cut to {@code maxText} characters, likelihood and status. */
    public String label(int maxText) {
        StringBuilder sb = new StringBuilder(id);
        // ledger text another person may have written: no control character of it reaches the terminal
        String oneLine = LogLineReader.cleanLines(text).replaceAll("\\s+", " ");
        if (!oneLine.isEmpty()) {
            sb.append(": ").append(shorten(oneLine, maxText));
        }
        if (kind == Kind.HYPOTHESIS) {
            StringBuilder extra = new StringBuilder();
            if (likelihood != null) {
                extra.append("p=").append(String.format(Locale.ROOT, "%.2f", likelihood));
            }
            if (status != Status.OPEN) {
                extra.append(extra.length() > 0 ? ", " : "").append(status.name().toLowerCase(Locale.ROOT));
            }
            if (extra.length() > 0) {
                sb.append(" (").append(extra).append(')');
            }
        }
        return sb.toString();
    }
}
