package dev.rca.ledger;

/** An earlier fix that did not hold, and why. */
public record PriorAttempt(String ref, String whyInsufficient) {
}
