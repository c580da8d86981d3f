package dev.rca.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hypotheses, symptoms, experiments and evidence with the edges between them, as the ledger records
 * them. Validated: node ids are unique, every edge joins existing nodes of the kinds its kind allows,
 * and no edge is listed twice. Nodes and edges keep the order given, so renderings are stable.
 */
public record CausalGraph(List<GraphNode> nodes, List<GraphEdge> edges) {
    public CausalGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Map<String, GraphNode> byId = new HashMap<>();
        for (GraphNode node : nodes) {
            if (byId.put(node.id(), node) != null) {
                throw new IllegalArgumentException("duplicate node id: " + node.id());
            }
        }
        Set<GraphEdge> seen = new HashSet<>();
        for (GraphEdge edge : edges) {
            GraphNode from = byId.get(edge.from());
            GraphNode to = byId.get(edge.to());
            if (from == null || to == null) {
                throw new IllegalArgumentException("edge " + edge.from() + " " + edge.kind().verb() + " " + edge.to()
                    + " names an unknown node: " + (from == null ? edge.from() : edge.to()));
            }
            if (!edge.kind().joins(from.kind(), to.kind())) {
                throw new IllegalArgumentException("a " + from.kind().name().toLowerCase(Locale.ROOT)
                    + " cannot " + edge.kind().verb().replaceAll("s$", "") + " a "
                    + to.kind().name().toLowerCase(Locale.ROOT) + ": " + edge.from() + " -> " + edge.to());
            }
            if (!seen.add(edge)) {
                throw new IllegalArgumentException("duplicate edge: " + edge.from() + " -> " + edge.to());
            }
        }
    }

    /** The node with {@code id}; the graph's validation guarantees edges' ends exist. */
    public GraphNode node(String id) {
        for (GraphNode node : nodes) {
            if (node.id().equals(id)) {
                return node;
            }
        }
        throw new IllegalArgumentException("no node " + id);
    }
}
