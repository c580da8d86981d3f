package dev.rca.ledger;

import java.util.regex.Pattern;

/** The four kinds of numbered ledger items, their section and their id prefix ({@code S1}, {@code H2}, …). */
public enum ItemKind {
    SYMPTOM('S', "symptoms"), HYPOTHESIS('H', "hypotheses"), EXPERIMENT('X', "experiments"), EVIDENCE('E', "evidence");

    private final char prefix;
    private final String section;
    private final Pattern idPattern;

    ItemKind(char prefix, String section) {
        this.prefix = prefix;
        this.section = section;
        this.idPattern = Pattern.compile(prefix + "[1-9][0-9]{0,8}");
    }

    /** The id prefix letter. */
    public char prefix() {
        return prefix;
    }

    /** The top-level key of the section holding these items. */
    public String section() {
        return section;
    }

    /** True when {@code id} is a well-formed id of this kind. */
    public boolean isId(String id) {
        return id != null && idPattern.matcher(id).matches();
    }

    /** The number in a well-formed id. */
    public int number(String id) {
        return Integer.parseInt(id.substring(1));
    }

    /** The kind an id belongs to, or {@code null} when it is no ledger id. */
    public static ItemKind ofId(String id) {
        for (ItemKind kind : values()) {
            if (kind.isId(id)) {
                return kind;
            }
        }
        return null;
    }
}
