package dev.rca.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The textual forms of a {@link CausalGraph}:
 * <ul>
 *   <li>{@link #MERMAID}: a {@code flowchart LR} that GitHub renders inside a {@code ```mermaid} block;
 *       confirmed hypotheses carry the {@code confirmed} class (thick bold border), rejected ones the
 *       {@code rejected} class (dashed grey), and their edges are dotted;</li>
 *   <li>{@link #DOT}: a Graphviz {@code digraph}; confirmed is {@code style="rounded,filled,bold"} with
 *       {@code penwidth=3}, rejected {@code style="rounded,dashed"} in grey;</li>
 *   <li>{@link #DAGITTY}: a {@code dag { … }} that pastes into dagitty.net; symptoms are {@code outcome},
 *       confirmed hypotheses {@code exposure}, rejected ones {@code latent} (drawn grey). DAGitty's
 *       language has no comments and no labels, so each variable is named by its quoted label, which
 *       says {@code rejected} or {@code confirmed} as well.</li>
 * </ul>
 * Every form shows each hypothesis's likelihood in its label ({@code p=0.40}).
 */
public enum GraphFormat {
    MERMAID, DOT, DAGITTY;

    private static final int MAX_LABEL_TEXT = 60;
    private static final int MAX_DAGITTY_TEXT = 40;

    /** The graph in this format, ending with a newline. */
    public String render(CausalGraph graph) {
        return switch (this) {
            case MERMAID -> mermaid(graph);
            case DOT -> dot(graph);
            case DAGITTY -> dagitty(graph);
        };
    }

    /** The format called {@code name} ({@code mermaid}, {@code dot}, {@code dagitty}), or null. */
    public static GraphFormat byName(String name) {
        for (GraphFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        return null;
    }

    private static String mermaid(CausalGraph graph) {
        Map<String, String> ids = mermaidIds(graph);
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (GraphNode node : graph.nodes()) {
            String label = '"' + mermaidEscape(node.label(MAX_LABEL_TEXT)) + '"';
            String shaped = switch (node.kind()) {
                case HYPOTHESIS -> "[" + label + "]";
                case SYMPTOM -> "([" + label + "])";
                case EXPERIMENT -> "[/" + label + "/]";
                case EVIDENCE -> "[(" + label + ")]";
            };
            sb.append("  ").append(ids.get(node.id())).append(shaped).append('\n');
        }
        for (GraphEdge edge : graph.edges()) {
            boolean dotted = edge.kind() == GraphEdge.Kind.TESTS || touchesRejected(graph, edge);
            sb.append("  ").append(ids.get(edge.from())).append(dotted ? " -.->|" : " -->|")
                .append(edge.kind().verb()).append("| ").append(ids.get(edge.to())).append('\n');
        }
        sb.append("  classDef confirmed stroke-width:4px,font-weight:bold\n");
        sb.append("  classDef rejected stroke-dasharray:5 5,fill:#eeeeee,color:#777777,stroke:#999999\n");
        for (GraphNode.Status status : new GraphNode.Status[] {GraphNode.Status.CONFIRMED, GraphNode.Status.REJECTED}) {
            StringBuilder members = new StringBuilder();
            for (GraphNode node : graph.nodes()) {
                if (node.status() == status) {
                    members.append(members.length() > 0 ? "," : "").append(ids.get(node.id()));
                }
            }
            if (members.length() > 0) {
                sb.append("  class ").append(members).append(' ').append(status.name().toLowerCase(Locale.ROOT))
                    .append('\n');
            }
        }
        return sb.toString();
    }

    /** Ids Mermaid accepts as they are: a letter, then letters, digits and '_', not a keyword; unique. */
    private static Map<String, String> mermaidIds(CausalGraph graph) {
        Set<String> reserved = Set.of("end", "graph", "flowchart", "subgraph", "class", "classdef", "click",
            "style", "linkstyle", "default", "direction");
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (GraphNode node : graph.nodes()) {
            String safe = node.id().replaceAll("[^A-Za-z0-9_]", "_");
            if (!safe.matches("[A-Za-z].*") || reserved.contains(safe.toLowerCase(Locale.ROOT))
                || safe.startsWith("o") || safe.startsWith("x")) {
                safe = "n_" + safe;
            }
            String unique = safe;
            for (int i = 2; !used.add(unique); i++) {
                unique = safe + "_" + i;
            }
            ids.put(node.id(), unique);
        }
        return ids;
    }

    /**
     * Text inside a quoted Mermaid label: quotes and markup characters as entity codes. Mermaid hands labels to the
     * browser as HTML, so an {@code &} of the ledger's text goes as a code too, or {@code &amp;} would show as "&".
     */
    static String mermaidEscape(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> sb.append("#35;");
                case '&' -> sb.append("#38;");
                case '"' -> sb.append("#quot;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '`' -> sb.append("#96;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String dot(CausalGraph graph) {
        StringBuilder sb = new StringBuilder("digraph rca {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (GraphNode node : graph.nodes()) {
            sb.append("  ").append(dotQuote(node.id())).append(" [label=").append(dotQuote(node.label(MAX_LABEL_TEXT)))
                .append(", ").append(dotStyle(node)).append("];\n");
        }
        for (GraphEdge edge : graph.edges()) {
            sb.append("  ").append(dotQuote(edge.from())).append(" -> ").append(dotQuote(edge.to()))
                .append(" [label=").append(dotQuote(edge.kind().verb()));
            if (edge.kind() == GraphEdge.Kind.TESTS || touchesRejected(graph, edge)) {
                sb.append(", style=dashed");
            }
            if (touchesRejected(graph, edge)) {
                sb.append(", color=\"gray50\"");
            }
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private static String dotStyle(GraphNode node) {
        return switch (node.kind()) {
            case HYPOTHESIS -> switch (node.status()) {
                case CONFIRMED -> "shape=box, style=\"rounded,filled,bold\", fillcolor=\"palegreen\", penwidth=3";
                case REJECTED -> "shape=box, style=\"rounded,dashed\", color=\"gray50\", fontcolor=\"gray50\", penwidth=1";
                case OPEN -> "shape=box, style=\"rounded\", penwidth=1";
            };
            case SYMPTOM -> "shape=ellipse, style=filled, fillcolor=\"lightyellow\"";
            case EXPERIMENT -> "shape=parallelogram";
            case EVIDENCE -> "shape=note";
        };
    }

    /** A DOT quoted string: backslashes and quotes escaped, newlines as {@code \n}. */
    static String dotQuote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n") + '"';
    }

    private static String dagitty(CausalGraph graph) {
        Map<String, String> names = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (GraphNode node : graph.nodes()) {
            String name = node.label(MAX_DAGITTY_TEXT);
            String unique = name;
            for (int i = 2; !used.add(unique); i++) {
                unique = name + " #" + i;
            }
            names.put(node.id(), dagittyQuote(unique));
        }
        Map<Integer, Integer> rows = new HashMap<>();
        StringBuilder sb = new StringBuilder("dag {\n");
        for (GraphNode node : graph.nodes()) {
            int column = switch (node.kind()) {
                case EXPERIMENT, EVIDENCE -> 0;
                case HYPOTHESIS -> 1;
                case SYMPTOM -> 2;
            };
            int row = rows.merge(column, 1, Integer::sum) - 1;
            String role = switch (node.kind()) {
                case SYMPTOM -> "outcome,";
                case HYPOTHESIS -> node.status() == GraphNode.Status.CONFIRMED ? "exposure,"
                    : node.status() == GraphNode.Status.REJECTED ? "latent," : "";
                default -> "";
            };
            sb.append(names.get(node.id())).append(" [").append(role).append("pos=\"").append(column).append(',')
                .append(row).append("\"]\n");
        }
        for (GraphEdge edge : graph.edges()) {
            sb.append(names.get(edge.from())).append(" -> ").append(names.get(edge.to())).append('\n');
        }
        return sb.append("}\n").toString();
    }

    /**
     * A DAGitty quoted name. Its reader knows {@code \"} as the only escape and keeps any other backslash, so a
     * backslash stays one; but a backslash just before the closing quote would escape it, so a name ending in one
     * gets a space.
     */
    static String dagittyQuote(String text) {
        String quoted = text.replace("\"", "\\\"");
        return '"' + quoted + (quoted.endsWith("\\") ? " " : "") + '"';
    }

    private static boolean touchesRejected(CausalGraph graph, GraphEdge edge) {
        return graph.node(edge.from()).status() == GraphNode.Status.REJECTED
            || graph.node(edge.to()).status() == GraphNode.Status.REJECTED;
    }
}
