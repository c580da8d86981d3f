package dev.rca.ledger;

import java.util.List;

/**
 * What {@code rca postmortem} would make of a ledger beyond its four inputs: what it would warn about in the ledger
 * (no title, the ledger's own words failing the lint, a commit it would state wrongly) and whether a published
 * post-mortem is still the one it would write. {@code rca status} asks only when its next step depends on the
 * answer, since answering renders the post-mortem.
 */
public interface PostmortemPreview {
    /**
     * Every finding {@code rca postmortem --incident-ok} would warn about in the ledger, one line each as it prints
     * them after {@code rca: warning: }; empty when the post-mortem it writes passes {@code rca lint}.
     */
    List<String> findings();

    /**
     * Every line {@code rca postmortem --incident-ok} would print after {@code rca: warning: }: the {@link #findings}
     * and what it warns about beyond the lint (a repro naming a file outside the work tree, a one-line fix, the
     * repository's {@code .rca.yaml}).
     */
    List<String> warnings();

    /** Whether the post-mortem beside the ledger is, byte for byte, the one {@code rca postmortem} would write now. */
    boolean current();
}
