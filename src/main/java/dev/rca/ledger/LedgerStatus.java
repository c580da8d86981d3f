package dev.rca.ledger;

/** Where an investigation stands: {@code open → root-caused → fixed → validated → published}. */
public enum LedgerStatus {
    OPEN, ROOT_CAUSED, FIXED, VALIDATED, PUBLISHED;

    /** The word used in the ledger file, e.g. {@code root-caused}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The status for a ledger word, or {@code null} when the word is not a status. */
    public static LedgerStatus fromWord(String word) {
        for (LedgerStatus s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
