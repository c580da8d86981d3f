package dev.rca.suspects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells a hunk that only changed how code reads from one that changed what it does: the lines it replaced and the
 * lines it wrote are the same tokens re-wrapped (re-indented, joined or split lines, a brace moved), or the same
 * tokens with identifiers renamed one for one, where each old name is gone from the new file and each new name was
 * not in the old one. A commit that does this to a line among other, real changes is no meta-change as a whole, but
 * its hunk is no evidence it wrote the bug in that line. Quoted literals are single tokens, so a changed message or
 * import path is a change; swapping one existing name for another ({@code min} for {@code max}) is no rename.
 */
final class CosmeticHunks {
    /** What a cosmetic hunk did. */
    enum Kind {
        REWRAP("re-wrapped"), RENAME("renamed identifiers in");

        /** How a reason says it, e.g. "re-wrapped". */
        final String verb;

        Kind(String verb) {
            this.verb = verb;
        }
    }

    private CosmeticHunks() {
    }

    /**
     * The kind of a hunk that replaced {@code before} with {@code after}, or null when it changed the code (or either
     * side is empty). {@code oldNames} and {@code newNames} give the identifiers of the whole file before and after
     * the commit ({@link #identifiers}), where a renamed identifier must be new and must be gone; asked only for a
     * hunk that could be a rename.
     */
    static Kind of(List<String> before, List<String> after, Supplier<Set<String>> oldNames,
                   Supplier<Set<String>> newNames) {
        if (before.isEmpty() || after.isEmpty()) {
            return null;
        }
        List<String> old = tokens(before);
        List<String> now = tokens(after);
        if (old.equals(now)) {
            return Kind.REWRAP;
        }
        if (old.size() != now.size()) {
            return null;
        }
        Map<String, String> renamed = new HashMap<>();
        Map<String, String> renamedFrom = new HashMap<>();
        for (int i = 0; i < old.size(); i++) {
            String a = old.get(i);
            String b = now.get(i);
            if (a.equals(b)) {
                continue;
            }
            if (!isIdentifier(a) || !isIdentifier(b) || !renamed.computeIfAbsent(a, k -> b).equals(b)
                || !renamedFrom.computeIfAbsent(b, k -> a).equals(a)) {
                return null;
            }
        }
        for (Map.Entry<String, String> r : renamed.entrySet()) {
            if (newNames.get().contains(r.getKey()) || oldNames.get().contains(r.getValue())) {
                return null;
            }
        }
        return Kind.RENAME;
    }

    /**
     * Identifiers, runs of digits, quoted literals (to the closing quote of the same kind on the line, backslash
     * escapes kept) and every other character that is not whitespace, in order.
     */
    static List<String> tokens(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int i = 0;
            while (i < line.length()) {
                char c = line.charAt(i);
                int end = i + 1;
                if (isIdentifierStart(c)) {
                    while (end < line.length() && (isIdentifierStart(line.charAt(end)) || isDigit(line.charAt(end)))) {
                        end++;
                    }
                } else if (isDigit(c)) {
                    while (end < line.length() && isDigit(line.charAt(end))) {
                        end++;
                    }
                } else if (c == '"' || c == '\'' || c == '`') {
                    while (end < line.length() && line.charAt(end) != c) {
                        end += line.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(line.length(), end + 1);
                } else if (ChangeClassifier.isWhitespace(c)) {
                    i = end;
                    continue;
                }
                out.add(line.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    /** The identifiers among {@link #tokens} of {@code lines}. */
    static Set<String> identifiers(List<String> lines) {
        Set<String> out = new HashSet<>();
        for (String token : tokens(lines)) {
            if (isIdentifier(token)) {
                out.add(token);
            }
        }
        return out;
    }

    private static boolean isIdentifier(String token) {
        return isIdentifierStart(token.charAt(0));
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
