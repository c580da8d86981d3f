package dev.rca.ledger;

/** A hypothesis is open until an experiment or evidence rejects or confirms it. */
public enum HypothesisStatus {
    OPEN, REJECTED, CONFIRMED;

    /** The word used in the ledger file. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
