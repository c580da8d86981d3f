package dev.rca.ledger;

import java.util.List;

/** The fix: its commits, where it was reviewed, what it changes, and earlier attempts that fell short. */
public record Fix(List<String> commits, String review, String text, List<PriorAttempt> priorAttempts) {
    public Fix {
        commits = List.copyOf(commits);
        priorAttempts = List.copyOf(priorAttempts);
    }
}
