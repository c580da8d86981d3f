package dev.rca.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphFormatTest {
    private static final CausalGraph GRAPH = new CausalGraph(
        List.of(
            GraphNode.symptom("S1", "CheckoutIT times out after 30 s"),
            GraphNode.hypothesis("H1", "Lock ordering between CartCache.evict and OrderLock", 0.4,
                GraphNode.Status.REJECTED),
            GraphNode.hypothesis("H2", "evict() releases the \"cart\" lock <early> # before commit", 0.75,
                GraphNode.Status.CONFIRMED),
            GraphNode.hypothesis("H3", "GC pause", null, null),
            GraphNode.experiment("X1", "thread dump during the hang"),
            GraphNode.evidence("E1", "3f2a9c1 Refactor cart cache")),
        List.of(
            GraphEdge.explains("H1", "S1"),
            GraphEdge.explains("H2", "S1"),
            GraphEdge.explains("H3", "S1"),
            GraphEdge.tests("X1", "H1"),
            GraphEdge.supports("E1", "H2"),
            GraphEdge.supports("X1", "H2")));

    @Test
    void mermaidFlowchartWithClassesAndEscapedLabels() {
        assertEquals(String.join("\n",
            "flowchart LR",
            "  S1([\"S1: CheckoutIT times out after 30 s\"])",
            "  H1[\"H1: Lock ordering between CartCache.evict and OrderLock (p=0.40, rejected)\"]",
            "  H2[\"H2: evict() releases the #quot;cart#quot; lock #lt;early#gt; #35; before commit (p=0.75, confirmed)\"]",
            "  H3[\"H3: GC pause\"]",
            "  X1[/\"X1: thread dump during the hang\"/]",
            "  E1[(\"E1: 3f2a9c1 Refactor cart cache\")]",
            "  H1 -.->|explains| S1",
            "  H2 -->|explains| S1",
            "  H3 -->|explains| S1",
            "  X1 -.->|tests| H1",
            "  E1 -->|supports| H2",
            "  X1 -->|supports| H2",
            "  classDef confirmed stroke-width:4px,font-weight:bold",
            "  classDef rejected stroke-dasharray:5 5,fill:#eeeeee,color:#777777,stroke:#999999",
            "  class H2 confirmed",
            "  class H1 rejected", ""), GraphFormat.MERMAID.render(GRAPH));
    }

    @Test
    void mermaidIdsAreMadeSafeAndUnique() {
        CausalGraph odd = new CausalGraph(List.of(GraphNode.symptom("end", "a"), GraphNode.symptom("S 1", "b"),
            GraphNode.symptom("S_1", "c"), GraphNode.hypothesis("x1", "d", null, null), GraphNode.symptom("9", "e")),
            List.of(GraphEdge.explains("x1", "end")));
        String mermaid = GraphFormat.MERMAID.render(odd);
        assertTrue(mermaid.contains("\n  n_end([\"end: a\"])\n  S_1([\"S 1: b\"])\n  S_1_2([\"S_1: c\"])\n"
            + "  n_x1[\"x1: d\"]\n  n_9([\"9: e\"])\n  n_x1 -->|explains| n_end\n"), mermaid);
    }

    @Test
    void dotWithStylesAndPenwidth() {
        assertEquals(String.join("\n",
            "digraph rca {",
            "  rankdir=LR;",
            "  node [fontname=\"Helvetica\"];",
            "  \"S1\" [label=\"S1: CheckoutIT times out after 30 s\", shape=ellipse, style=filled, fillcolor=\"lightyellow\"];",
            "  \"H1\" [label=\"H1: Lock ordering between CartCache.evict and OrderLock (p=0.40, rejected)\", shape=box, "
                + "style=\"rounded,dashed\", color=\"gray50\", fontcolor=\"gray50\", penwidth=1];",
            "  \"H2\" [label=\"H2: evict() releases the \\\"cart\\\" lock <early> # before commit (p=0.75, confirmed)\", "
                + "shape=box, style=\"rounded,filled,bold\", fillcolor=\"palegreen\", penwidth=3];",
            "  \"H3\" [label=\"H3: GC pause\", shape=box, style=\"rounded\", penwidth=1];",
            "  \"X1\" [label=\"X1: thread dump during the hang\", shape=parallelogram];",
            "  \"E1\" [label=\"E1: 3f2a9c1 Refactor cart cache\", shape=note];",
            "  \"H1\" -> \"S1\" [label=\"explains\", style=dashed, color=\"gray50\"];",
            "  \"H2\" -> \"S1\" [label=\"explains\"];",
            "  \"H3\" -> \"S1\" [label=\"explains\"];",
            "  \"X1\" -> \"H1\" [label=\"tests\", style=dashed, color=\"gray50\"];",
            "  \"E1\" -> \"H2\" [label=\"supports\"];",
            "  \"X1\" -> \"H2\" [label=\"supports\"];",
            "}", ""), GraphFormat.DOT.render(GRAPH));
    }

    @Test
    void dagittyWithRolesPositionsAndQuotedNames() {
        assertEquals(String.join("\n",
            "dag {",
            "\"S1: CheckoutIT times out after 30 s\" [outcome,pos=\"2,0\"]",
            "\"H1: Lock ordering between CartCache.evict… (p=0.40, rejected)\" [latent,pos=\"1,0\"]",
            "\"H2: evict() releases the \\\"cart\\\" lock… (p=0.75, confirmed)\" [exposure,pos=\"1,1\"]",
            "\"H3: GC pause\" [pos=\"1,2\"]",
            "\"X1: thread dump during the hang\" [pos=\"0,0\"]",
            "\"E1: 3f2a9c1 Refactor cart cache\" [pos=\"0,1\"]",
            "\"H1: Lock ordering between CartCache.evict… (p=0.40, rejected)\" -> \"S1: CheckoutIT times out after 30 s\"",
            "\"H2: evict() releases the \\\"cart\\\" lock… (p=0.75, confirmed)\" -> \"S1: CheckoutIT times out after 30 s\"",
            "\"H3: GC pause\" -> \"S1: CheckoutIT times out after 30 s\"",
            "\"X1: thread dump during the hang\" -> \"H1: Lock ordering between CartCache.evict… (p=0.40, rejected)\"",
            "\"E1: 3f2a9c1 Refactor cart cache\" -> \"H2: evict() releases the \\\"cart\\\" lock… (p=0.75, confirmed)\"",
            "\"X1: thread dump during the hang\" -> \"H2: evict() releases the \\\"cart\\\" lock… (p=0.75, confirmed)\"",
            "}", ""), GraphFormat.DAGITTY.render(GRAPH));
    }

    @Test
    void ampersandsAndBackslashesSurviveEachReader() {
        // Mermaid reads labels as HTML: "&amp;" must show as written, not as "&"
        assertEquals("a #38;amp; b #38;#38; c", GraphFormat.mermaidEscape("a &amp; b && c"));
        // DAGitty keeps every backslash but one before the closing quote, which would escape it
        assertEquals("\"C:\\tmp\\x \\\\ y\"", GraphFormat.dagittyQuote("C:\\tmp\\x \\\\ y"));
        assertEquals("\"says \\\"hi\\\"\"", GraphFormat.dagittyQuote("says \"hi\""));
        assertEquals("\"ends in \\ \"", GraphFormat.dagittyQuote("ends in \\"));
        assertEquals("\"a\\\\\"b\"", GraphFormat.dagittyQuote("a\\\"b"));
    }

    @Test
    void emptyGraphRendersInEveryFormat() {
        CausalGraph empty = new CausalGraph(List.of(), List.of());
        assertEquals("flowchart LR\n  classDef confirmed stroke-width:4px,font-weight:bold\n"
            + "  classDef rejected stroke-dasharray:5 5,fill:#eeeeee,color:#777777,stroke:#999999\n",
            GraphFormat.MERMAID.render(empty));
        assertEquals("dag {\n}\n", GraphFormat.DAGITTY.render(empty));
        assertEquals(GraphFormat.DOT, GraphFormat.byName("dot"));
    }

    @Test
    void invalidGraphsAreRefused() {
        GraphNode s1 = GraphNode.symptom("S1", "x");
        GraphNode h1 = GraphNode.hypothesis("H1", "y", 0.5, null);
        assertEquals("duplicate node id: S1", assertThrows(IllegalArgumentException.class,
            () -> new CausalGraph(List.of(s1, s1), List.of())).getMessage());
        assertEquals("edge H1 explains S9 names an unknown node: S9", assertThrows(IllegalArgumentException.class,
            () -> new CausalGraph(List.of(s1, h1), List.of(GraphEdge.explains("H1", "S9")))).getMessage());
        assertEquals("a symptom cannot explain a hypothesis: S1 -> H1", assertThrows(IllegalArgumentException.class,
            () -> new CausalGraph(List.of(s1, h1), List.of(GraphEdge.explains("S1", "H1")))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GraphNode.hypothesis("H2", "z", 1.5, null));
        assertThrows(IllegalArgumentException.class, () -> new GraphNode("S2", GraphNode.Kind.SYMPTOM, "z", 0.5, null));
        assertEquals(GraphNode.Status.OPEN, h1.status());
    }
}
