package dev.rca.ledger;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Renders new ledger values as YAML text. Strings are written plain only when YAML 1.1 would read them back as
 * the same string (so {@code on}, {@code yes}, {@code 1.10} and {@code 2026-11-20} are quoted); mappings and
 * lists of mappings are written in block style so a person can comment them later; short lists of scalars are
 * written in flow style on one line, where no comment can be.
 */
final class YamlWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/(][A-Za-z0-9 _./()+'@=-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Resolver RESOLVER = new Resolver();
    private static final int FLOW_LIST_WIDTH = 60;

    private YamlWriter() {
    }

    /** True when {@code value} is written on the line of its key or dash (a scalar or an inline list). */
    static boolean isInline(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() || list.stream().noneMatch(v -> v instanceof Map || v instanceof List)
                && flow(value).length() <= FLOW_LIST_WIDTH;
        }
        return true;
    }

    /** A value in flow style (for inside {@code [...]} or {@code {...}}, or on its key's line). */
    static String flow(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(key(k.toString())).append(": ").append(flow(v));
            });
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object item : list) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(flow(item));
            }
            return sb.append(']').toString();
        }
        return scalar(value, true);
    }

    /**
     * The lines of a mapping in block style, every line indented by {@code indent} spaces, joined by {@code nl},
     * without a final line break.
     */
    static String blockMapping(Map<?, ?> map, int indent, String nl) {
        StringBuilder sb = new StringBuilder();
        map.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(nl);
            }
            sb.append(" ".repeat(indent)).append(key(k.toString())).append(':').append(afterKey(v, indent, nl));
        });
        return sb.toString();
    }

    /** One block sequence item at {@code indent}: {@code - value}, a mapping continuing under the dash. */
    static String blockItem(Object item, int indent, String nl) {
        String pad = " ".repeat(indent);
        if (item instanceof Map<?, ?> map && !map.isEmpty()) {
            return pad + "- " + blockMapping(map, indent + 2, nl).substring(indent + 2);
        }
        if (!isInline(item)) {
            StringBuilder sb = new StringBuilder(pad).append('-');
            for (Object inner : (List<?>) item) {
                sb.append(nl).append(blockItem(inner, indent + 2, nl));
            }
            return sb.toString();
        }
        return pad + "- " + flow(item);
    }

    /** What follows {@code key:} for {@code value} at a key indented by {@code indent}. */
    static String afterKey(Object value, int indent, String nl) {
        if (isInline(value)) {
            return " " + flow(value);
        }
        if (value instanceof Map<?, ?> map) {
            return nl + blockMapping(map, indent + 2, nl);
        }
        StringBuilder sb = new StringBuilder();
        for (Object item : (List<?>) value) {
            sb.append(nl).append(blockItem(item, indent + 2, nl));
        }
        return sb.toString();
    }

    static String key(String key) {
        return KEY.matcher(key).matches() && RESOLVER.resolve(NodeId.scalar, key, true).equals(Tag.STR)
            ? key : quoted(key);
    }

    static String scalar(Object value, boolean inFlow) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not a finite number: " + d);
            }
            return d.toString();
        }
        String s = value.toString();
        boolean plain = !s.isEmpty() && PLAIN.matcher(s).matches() && !s.endsWith(" ") && !s.contains("  ")
            && RESOLVER.resolve(NodeId.scalar, s, true).equals(Tag.STR) && s.length() <= 200;
        return plain ? s : quoted(s);
    }

    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029
                        || cp == 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
