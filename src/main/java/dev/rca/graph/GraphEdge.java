package dev.rca.graph;

import java.util.Locale;

/**
 * A directed edge of the causal graph, always drawn from {@code from} to {@code to}: a hypothesis
 * explains a symptom (cause to effect), an experiment tests a hypothesis, evidence supports a hypothesis.
 */
public record GraphEdge(String from, String to, Kind kind) {
    /** What an edge says, with the node kinds it joins. */
    public enum Kind {
        EXPLAINS(GraphNode.Kind.HYPOTHESIS, GraphNode.Kind.SYMPTOM),
        TESTS(GraphNode.Kind.EXPERIMENT, GraphNode.Kind.HYPOTHESIS),
        SUPPORTS(GraphNode.Kind.EVIDENCE, GraphNode.Kind.HYPOTHESIS);

        private final GraphNode.Kind fromKind;
        private final GraphNode.Kind toKind;

        Kind(GraphNode.Kind fromKind, GraphNode.Kind toKind) {
            this.fromKind = fromKind;
            this.toKind = toKind;
        }

        /** True when an edge of this kind may join a {@code from} node to a {@code to} node. */
        public boolean joins(GraphNode.Kind from, GraphNode.Kind to) {
            return to == toKind && (from == fromKind || this == SUPPORTS && from == GraphNode.Kind.EXPERIMENT);
        }

        /** The verb shown on the edge. */
        public String verb() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GraphEdge {
        if (from == null || to == null || kind == null) {
            throw new IllegalArgumentException("an edge needs both ends and a kind");
        }
    }

    /** Hypothesis {@code hypothesis} explains symptom {@code symptom}. */
    public static GraphEdge explains(String hypothesis, String symptom) {
        return new GraphEdge(hypothesis, symptom, Kind.EXPLAINS);
    }

    /** Experiment {@code experiment} tests hypothesis {@code hypothesis}. */
    public static GraphEdge tests(String experiment, String hypothesis) {
        return new GraphEdge(experiment, hypothesis, Kind.TESTS);
    }

    /** Evidence (a commit, or an experiment's result) {@code evidence} supports hypothesis {@code hypothesis}. */
    public static GraphEdge supports(String evidence, String hypothesis) {
        return new GraphEdge(evidence, hypothesis, Kind.SUPPORTS);
    }
}
