package dev.rca.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON from plain Java values: {@link Map} (keys in iteration order), {@link Collection},
 * arrays of objects, {@link CharSequence}, {@link Number}, {@link Boolean}, {@link Enum} (its name
 * in lower case), records are not accepted (convert them to maps where the field names are chosen).
 */
public final class Json {
    private Json() {
    }

    /** The value as compact JSON text on one line. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    /** Appends the value as compact JSON to {@code out}. */
    public static void append(Appendable out, Object value) {
        try {
            appendValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendValue(Appendable out, Object value) throws IOException {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.toString());
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            out.append("null");
        } else if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            out.append("null");
        } else if (value instanceof Number n) {
            out.append(n.toString());
        } else if (value instanceof Enum<?> e) {
            appendString(out, e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendString(out, String.valueOf(entry.getKey()));
                out.append(':');
                appendValue(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            appendArray(out, items.toArray());
        } else if (value instanceof Object[] items) {
            appendArray(out, items);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void appendArray(Appendable out, Object[] items) throws IOException {
        out.append('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendValue(out, items[i]);
        }
        out.append(']');
    }

    private static void appendString(Appendable out, CharSequence s) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // C1 controls too: U+009B is an 8-bit CSI a terminal acts on, as ESC [ is
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
