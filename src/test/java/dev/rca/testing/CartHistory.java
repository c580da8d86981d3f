package dev.rca.testing;

import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The three-commit history the ledger command tests investigate: a cart cache added, the refactor that broke it
 * ({@code offending}, by Ada), and its fix, checked out on {@code main}.
 */
public record CartHistory(RevCommit offending, RevCommit fix) {
    /** Creates the history in a new repository at {@code work}. */
    public static CartHistory create(Path work) {
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("add cart cache").add("Cart.java", "class Cart {}\n").create();
            RevCommit offending = repo.commit("refactor CartCache.evict")
                .add("Cart.java", "class Cart { void evict() {} }\n").by("Ada", "ada@example.com").create();
            RevCommit fix = repo.commit("fix: take OrderLock before evicting").add("Cart.java", "class Cart { }\n")
                .create();
            repo.checkout();
            return new CartHistory(offending, fix);
        }
    }
}
