package dev.rca.suspects;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words a fix and a candidate share: identifiers of changed code lines and the words of commit
 * messages. A fix's message is first stripped of everything that could name the offender, since with
 * {@code --no-trailers} the trailers are the answer key: trailer lines ({@code Fixes:}, {@code Signed-off-by:}
 * and the like), every line holding a commit id (7 or more hex digits with at least one digit), and quoted
 * subject references such as {@code ("subject")}, {@code Revert "subject"} or {@code (subject, 2024-01-02)} after
 * a commit id.
 */
final class Terms {
    /** A trailer line such as {@code Signed-off-by: ...}; never the subject, which may read {@code ip: fix x}. */
    // possessive: a repeated group is matched by recursion, once per repetition, unless nothing can be given back
    // (a 20,000-part token overflowed the stack, RCA-13); nothing after the token can start with '-' or a letter
    private static final Pattern TRAILER = Pattern.compile("(?m)^[ \\t]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*+:[ \\t].*$");
    private static final Pattern SHA_REFERENCE = Pattern.compile("\\b[0-9a-f]{7,40}\\b[ \\t]*(\\([^)]*\\))?");
    private static final Pattern QUOTED_SUBJECT = Pattern.compile("\\(\\s*\"[^\"]*\"\\s*\\)");
    /** {@code Revert "subject"}: the rest of the line quotes the reverted commit's subject. */
    private static final Pattern REVERTED_SUBJECT = Pattern.compile("(?im)\\brevert\\s+\".*$");
    private static final Pattern HEX_ID = Pattern.compile("\\b(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\\b",
        Pattern.CASE_INSENSITIVE);
    /** Keywords and names too common to link a fix to a candidate. */
    static final Set<String> COMMON = Set.copyOf(java.util.List.of(
        "auto", "bool", "break", "case", "char", "const", "continue", "default", "define", "double", "else", "endif",
        "enum", "extern", "false", "float", "for", "goto", "ifdef", "ifndef", "include", "inline", "int", "long",
        "null", "return", "short", "signed", "sizeof", "static", "struct", "switch", "true", "typedef", "uint8_t",
        "uint16_t", "uint32_t", "uint64_t", "int32_t", "int64_t", "size_t", "ssize_t", "union", "unsigned", "void",
        "volatile", "while", "elif", "def", "self", "none", "then", "done", "fi", "esac", "local", "echo", "ret",
        "err", "rc", "len", "tmp", "buf", "the", "and", "for", "that", "this", "with", "from", "are", "was", "not",
        "but", "have", "has", "can", "when", "which", "will", "into", "also", "its", "all", "only", "use", "used",
        "should", "than", "there", "these", "they", "after", "before", "commit", "patch", "fix", "fixes", "fixed",
        "bug", "issue", "change", "changes", "changed", "instead", "since", "does", "some", "like", "need",
        "would", "could", "because", "while", "where", "other", "more", "now", "then", "their", "them", "out",
        "new", "add", "adds", "added", "remove", "removed", "make", "makes", "get", "set", "one", "two", "case"));

    /**
     * Keywords of Java, Kotlin, Scala, Groovy and C# (lower-cased, three letters or more) that {@link #COMMON}, a C
     * list, lacks: on a field or method line they say nothing of what the line is about.
     */
    static final Set<String> JAVA_KEYWORDS = Set.copyOf(java.util.List.of(
        "abstract", "assert", "boolean", "byte", "catch", "class", "extends", "final", "finally", "implements",
        "import", "instanceof", "interface", "native", "new", "package", "private", "protected", "public", "strictfp",
        "super", "synchronized", "this", "throw", "throws", "transient", "try", "var", "yield", "sealed", "permits",
        "fun", "val", "companion", "override", "internal", "lateinit", "suspend", "trait", "implicit", "lazy", "def",
        "using", "namespace", "readonly", "virtual", "async", "await", "void", "static", "return", "null", "true",
        "false"));
    /** Python's keywords and its conventional {@code self} and {@code cls}, lower-cased. */
    static final Set<String> PYTHON_KEYWORDS = Set.copyOf(java.util.List.of(
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "import", "lambda", "nonlocal", "not", "pass", "raise", "return", "try",
        "while", "with", "yield", "self", "cls", "none", "true", "false"));
    /** Go's keywords and predeclared constants, lower-cased. */
    static final Set<String> GO_KEYWORDS = Set.copyOf(java.util.List.of(
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
        "goto", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type",
        "var", "nil", "true", "false", "iota"));

    private Terms() {
    }

    /**
     * Adds the identifiers of one code line (keywords and very common names left out) to {@code into}: what the
     * regex {@code (?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]{2,}} finds (a number's radix prefix or suffix, as in
     * {@code 0x20} or {@code 1UL}, is none), in its order, scanned by hand because a regex was most of the work of
     * classifying a candidate's added lines.
     */
    static void identifiers(String line, Set<String> into) {
        identifiers(line, into, Set.of());
    }

    /** Like {@link #identifiers(String, Set)}, leaving {@code keywords} (lower-case) out too. */
    static void identifiers(String line, Set<String> into, Set<String> keywords) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            if (!startsIdentifier(line.charAt(i))) {
                // a number's radix prefix and suffix (0x20, 1UL, 1e6) are no identifier
                boolean number = line.charAt(i) >= '0' && line.charAt(i) <= '9';
                i++;
                while (number && i < n && continuesIdentifier(line.charAt(i))) {
                    i++;
                }
                continue;
            }
            int end = i + 1;
            while (end < n && continuesIdentifier(line.charAt(end))) {
                end++;
            }
            // a shorter run fails wherever it starts
            if (end - i >= 3) {
                String id = line.substring(i, end).toLowerCase(Locale.ROOT);
                if (!COMMON.contains(id) && !keywords.contains(id)) {
                    into.add(id);
                }
            }
            i = end;
        }
    }

    private static boolean startsIdentifier(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean continuesIdentifier(char c) {
        return startsIdentifier(c) || c >= '0' && c <= '9';
    }

    /** The words of a fix's message once everything that could name the offender is stripped. */
    static Set<String> fixMessageWords(String message) {
        return words(strippedOfPointers(message));
    }

    /** {@code message} without trailer lines, lines holding commit ids, or quoted subject references. */
    static String strippedOfPointers(String message) {
        String text = QUOTED_SUBJECT.matcher(message).replaceAll(" ");
        text = REVERTED_SUBJECT.matcher(text).replaceAll("");
        text = SHA_REFERENCE.matcher(text).replaceAll(m -> HEX_ID.matcher(m.group()).find() ? "\u0000" : m.group()
            .replace("\\", "\\\\").replace("$", "\\$"));
        int subjectEnd = text.indexOf('\n');
        if (subjectEnd >= 0) {
            text = text.substring(0, subjectEnd) + TRAILER.matcher(text.substring(subjectEnd)).replaceAll("");
        }
        StringBuilder kept = new StringBuilder();
        for (String line : text.strip().split("\n")) {
            if (line.indexOf('\u0000') < 0 && !HEX_ID.matcher(line).find()) {
                kept.append(line.stripTrailing()).append('\n');
            }
        }
        return kept.toString();
    }

    /** The words of a candidate's own message (its trailers left out). */
    static Set<String> messageWords(String message) {
        int subjectEnd = message.indexOf('\n');
        return words(subjectEnd < 0 ? message
            : message.substring(0, subjectEnd) + TRAILER.matcher(message.substring(subjectEnd)).replaceAll(""));
    }

    /**
     * What regex {@code (?<![a-z0-9_])[a-z_][a-z0-9_]{2,}} finds in {@code text} lower-cased, common words left out:
     * the identifiers of the lower-cased text, where no ASCII capital is left.
     */
    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        identifiers(text.toLowerCase(Locale.ROOT), words);
        return words;
    }

    /** The share of {@code wanted} found in {@code found}; 0 when nothing is wanted. */
    static double coverage(Set<String> wanted, Set<String> found) {
        if (wanted.isEmpty()) {
            return 0;
        }
        int hits = 0;
        for (String w : wanted) {
            if (found.contains(w)) {
                hits++;
            }
        }
        return (double) hits / wanted.size();
    }
}
