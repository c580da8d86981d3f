package dev.rca.ledger;

import java.util.List;

/**
 * What {@code rca postmortem} would make of a ledger beyond its four inputs: the other reasons it would refuse it
 * (no title, the ledger's own words failing the lint, a commit it would state wrongly) and whether a published
 * post-mortem is still the one it would write. {@code rca status} asks only when its next step depends on the
 * answer, since answering renders the post-mortem.
 */
public interface PostmortemPreview {
    /**
     * Every reason {@code rca postmortem --incident-ok} would refuse the ledger, one line each as it prints them;
     * empty when it would write the post-mortem.
     */
    List<String> refusals();

    /** Whether the post-mortem beside the ledger is, byte for byte, the one {@code rca postmortem} would write now. */
    boolean current();
}
