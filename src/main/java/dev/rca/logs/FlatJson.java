package dev.rca.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object per log line into its top-level members: strings decoded, numbers, booleans
 * and null as written, nested objects and arrays as their JSON text. Lenient where logs are (trailing
 * text after the object is ignored) and strict where it matters (a line that is not an object is not
 * a JSON entry).
 */
final class FlatJson {
    private final String s;
    private int pos;

    private FlatJson(String s) {
        this.s = s;
    }

    /** The members of the object on {@code line}, or null when the line does not hold one. */
    static Map<String, String> parseObject(String line) {
        String t = line.stripLeading();
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            return new FlatJson(t).object();
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * {@code value} as text when it is a JSON array of byte values ({@code [27,91,51,49,109,69]}), as journalctl
     * exports a field holding a control character or invalid UTF-8, decoded as UTF-8; any other value as it is.
     */
    static String bytesAsText(String value) {
        if (value == null || value.length() < 3 || value.charAt(0) != '[' || value.charAt(value.length() - 1) != ']') {
            return value;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(value.length() / 3);
        int b = -1;
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9' && (b < 0 || b * 10 + (c - '0') <= 255)) {
                b = (b < 0 ? 0 : b * 10) + (c - '0');
            } else if ((c == ',' || c == ']') && b >= 0) {
                bytes.write(b);
                b = -1;
            } else if (c != ' ') {
                return value;
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The elements of the JSON array {@code text}, each as its JSON text (a string decoded), or null when it is none. */
    static List<String> parseArray(String text) {
        String t = text.strip();
        if (!t.startsWith("[")) {
            return null;
        }
        try {
            FlatJson json = new FlatJson(t);
            List<String> elements = new ArrayList<>();
            json.expect('[');
            json.skipSpace();
            if (json.peek() == ']') {
                return elements;
            }
            while (true) {
                json.skipSpace();
                elements.add(json.value());
                json.skipSpace();
                char c = json.s.charAt(json.pos++);
                if (c == ']') {
                    return elements;
                }
                if (c != ',') {
                    return null;
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private Map<String, String> object() {
        Map<String, String> members = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            members.put(key, value());
            skipSpace();
            char c = s.charAt(pos++);
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw new IllegalStateException("expected , or }");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            int start = pos;
            skipNested();
            return s.substring(start, pos);
        }
        int start = pos;
        while (pos < s.length() && ",}] \t".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalStateException("missing value");
        }
        String literal = s.substring(start, pos);
        return "null".equals(literal) ? null : literal;
    }

    private void skipNested() {
        int depth = 0;
        do {
            char c = s.charAt(pos);
            if (c == '"') {
                string();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            pos++;
        } while (depth > 0);
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private char peek() {
        return s.charAt(pos);
    }

    private void expect(char c) {
        if (s.charAt(pos) != c) {
            throw new IllegalStateException("expected " + c);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}
