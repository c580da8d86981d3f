package dev.rca.ledger;

import java.util.Optional;

/** What the ledger needs from the repository: resolving commits and ancestry. */
public interface CommitLookup {
    /** The commit {@code revision} names, or empty when it does not resolve to a commit. */
    Optional<CommitInfo> find(String revision);

    /** True when {@code ancestor} is {@code descendant} or one of its ancestors (both full SHAs that resolve). */
    boolean isAncestor(String ancestor, String descendant);
}
