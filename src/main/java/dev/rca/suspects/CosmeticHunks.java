package dev.rca.suspects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a hunk that only changed how code reads from one that changed what it does: the lines it replaced and the
 * lines it wrote are the same code re-wrapped (equal once all whitespace is removed: re-indented, joined or split
 * lines, a brace moved) or with identifiers renamed one for one. A commit that does this to a line among other,
 * real changes is no meta-change as a whole, but its hunk is no evidence it wrote the bug in that line.
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
     * The kind of a hunk that replaced {@code before} with {@code after}, or null when it changed the code (or
     * either side is empty).
     */
    static Kind of(List<String> before, List<String> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return null;
        }
        if (ChangeClassifier.withoutWhitespace(String.join("", before))
            .equals(ChangeClassifier.withoutWhitespace(String.join("", after)))) {
            return Kind.REWRAP;
        }
        List<String> old = tokens(before);
        List<String> now = tokens(after);
        if (old.size() != now.size()) {
            return null;
        }
        Map<String, String> renamed = new HashMap<>();
        boolean differs = false;
        for (int i = 0; i < old.size(); i++) {
            String a = old.get(i);
            String b = now.get(i);
            if (a.equals(b)) {
                continue;
            }
            differs = true;
            if (!isIdentifier(a) || !isIdentifier(b) || !renamed.computeIfAbsent(a, k -> b).equals(b)) {
                return null;
            }
        }
        return differs ? Kind.RENAME : null;
    }

    /** Identifiers, runs of digits, and every other character that is not whitespace, in order. */
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
