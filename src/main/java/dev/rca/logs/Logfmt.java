package dev.rca.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one logfmt line ({@code time=2026-12-06T10:00:00Z level=error msg="dial failed" err="refused"}), as Go's
 * logrus text formatter, log/slog's TextHandler, go-kit and Heroku's router write it, into its pairs in order. A
 * line is logfmt only from its first character on and only when every word is a {@code key=value} pair (a bare key
 * counts as one with an empty value, as logfmt allows) and at least two have a value: prose that happens to hold an
 * {@code a=b} is not. A scan by hand, so a long line costs no recursion.
 */
final class Logfmt {
    private Logfmt() {
    }

    /** The pairs of {@code line} in order (a quoted value unescaped), or null when the line is not logfmt. */
    static Map<String, String> parse(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int valued = 0;
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            int keyStart = i;
            while (i < n && isKeyChar(line.charAt(i))) {
                i++;
            }
            if (i == keyStart || !Character.isLetter(line.charAt(keyStart)) && line.charAt(keyStart) != '_') {
                return null;
            }
            String key = line.substring(keyStart, i);
            if (i == n || line.charAt(i) == ' ') {
                pairs.putIfAbsent(key, "");
                continue;
            }
            if (line.charAt(i) != '=') {
                return null;
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < n) {
                        char e = line.charAt(i++);
                        value.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e;
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (!closed || i < n && line.charAt(i) != ' ') {
                    return null;
                }
            } else {
                while (i < n && line.charAt(i) != ' ') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        return null;
                    }
                    value.append(c);
                }
            }
            pairs.putIfAbsent(key, value.toString());
            valued++;
        }
        return valued >= 2 ? pairs : null;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == '@';
    }
}
