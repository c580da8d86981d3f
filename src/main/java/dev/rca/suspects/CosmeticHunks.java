package dev.rca.suspects;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a hunk that only re-wrapped code (joined or split lines, moved a brace or an argument to the next line) from
 * one that changed what it does, and maps each of its new lines to the old lines that held the same tokens. A commit
 * that does this to a line among other, real changes is no meta-change as a whole, but its hunk is no evidence it
 * wrote the bug in that line. Whitespace within a line is no concern here: blame already ignores it.
 *
 * <p>The test is on tokens: identifiers, numbers (with their radix prefix and suffix: {@code 0x10}, {@code 1UL},
 * {@code 1.5f}), quoted literals (whitespace inside them kept) and single characters. A line break counts as a token
 * where it may end something: outside parentheses and brackets, after a line holding a line comment ({@code //},
 * {@code #}, {@code --}) and after a trailing backslash. So a statement joined into a comment, a directive joined with
 * code, or {@code return} joined with its value in a language that ends statements at line breaks, is a change. A
 * rename is not recognised: from the text of one file, renaming a variable and calling another function look alike.
 */
final class CosmeticHunks {
    /** The token a line break that may end something counts as. */
    private static final String LINE_END = "\n";

    private CosmeticHunks() {
    }

    /**
     * For a hunk that replaced {@code before} with {@code after} and only re-wrapped it: per line of {@code after}, the
     * indexes of the lines of {@code before} that held its tokens (empty for a line without tokens). Null when the
     * hunk changed the code, or either side is empty.
     */
    static int[][] rewrap(List<String> before, List<String> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return null;
        }
        List<List<String>> old = tokensPerLine(before);
        List<List<String>> now = tokensPerLine(after);
        if (!flat(old).equals(flat(now))) {
            return null;
        }
        int[] oldLineOf = new int[flat(old).size()];
        int at = 0;
        for (int i = 0; i < old.size(); i++) {
            for (int k = 0; k < old.get(i).size(); k++) {
                oldLineOf[at++] = i;
            }
        }
        int[][] out = new int[now.size()][];
        at = 0;
        for (int j = 0; j < now.size(); j++) {
            int n = now.get(j).size();
            out[j] = java.util.stream.IntStream.range(at, at + n).map(p -> oldLineOf[p]).distinct().toArray();
            at += n;
        }
        return out;
    }

    /** {@link #tokens} of each line, a line break that may end something counted as a token of the line it ends. */
    static List<List<String>> tokensPerLine(List<String> lines) {
        List<List<String>> out = new ArrayList<>();
        int depth = 0;
        for (String line : lines) {
            List<String> tokens = tokens(line);
            boolean lineComment = false;
            for (int k = 0; k < tokens.size(); k++) {
                String t = tokens.get(k);
                depth += switch (t) {
                    case "(", "[" -> 1;
                    case ")", "]" -> -1;
                    default -> 0;
                };
                lineComment |= t.equals("#") || k > 0 && (t.equals("/") || t.equals("-"))
                    && tokens.get(k - 1).equals(t);
            }
            if (!tokens.isEmpty() && (depth <= 0 || lineComment || line.stripTrailing().endsWith("\\"))) {
                tokens.add(LINE_END);
            }
            out.add(tokens);
        }
        return out;
    }

    /**
     * Identifiers, numbers (a digit and the letters, digits, underscores and points after it), quoted literals (to the
     * closing quote of the same kind on the line, backslash escapes kept) and every other character that is not
     * whitespace, in order.
     */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int end = i + 1;
            if (isIdentifierStart(c)) {
                while (end < line.length() && (isIdentifierStart(line.charAt(end)) || isDigit(line.charAt(end)))) {
                    end++;
                }
            } else if (isDigit(c)) {
                while (end < line.length() && (isIdentifierStart(line.charAt(end)) || isDigit(line.charAt(end))
                    || line.charAt(end) == '.')) {
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
        return out;
    }

    private static List<String> flat(List<List<String>> lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(out::addAll);
        return out;
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
