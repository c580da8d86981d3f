package dev.rca.ledger;

import dev.rca.RcaException;
import java.util.regex.Pattern;

/**
 * A ticket id such as {@code PAY-142}: {@code [A-Za-z][A-Za-z0-9._-]{0,63}}, never containing {@code ..}.
 * Every ledger path is built from a {@code TicketId}, so no unchecked string ever becomes a path.
 */
public record TicketId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    /** @throws RcaException exit 3 when {@code value} is not a valid ticket id */
    public TicketId {
        if (!isValid(value)) {
            throw RcaException.badInput("bad ticket id '" + printable(value) + "'")
                .withHint("a ticket id is a letter followed by up to 63 letters, digits, '.', '_' or '-', without '..'");
        }
    }

    /** True when {@code value} is a well-formed ticket id. */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches() && !value.contains("..");
    }

    /** The ledger's file name, {@code <TICKET>.yaml}. */
    public String ledgerFileName() {
        return value + ".yaml";
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(80).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
