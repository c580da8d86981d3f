package dev.rca.ledger;

/** What the ledger investigates: a bug, or an incident (which also needs its own incident report). */
public enum LedgerKind {
    BUG, INCIDENT;

    /** The word used in the ledger file. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
