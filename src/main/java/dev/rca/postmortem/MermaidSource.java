package dev.rca.postmortem;

import dev.rca.ledger.Ledger;

/**
 * The seam for {@code rca postmortem --graph}: draws the ledger's hypotheses, symptoms and their links as a
 * Mermaid flowchart, which {@link PostmortemRenderer} embeds at the end of "How it was found". The drawing
 * itself belongs to the graph renderer ({@code dev.rca.graph}); the post-mortem only places it.
 */
@FunctionalInterface
public interface MermaidSource {
    /** The body of a Mermaid diagram (without the code fence), or {@code null} when there is nothing to draw. */
    String mermaid(Ledger ledger);
}
