package dev.rca.suspects;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds explicit pointers to offending commits in a commit message: {@code Fixes: <sha>},
 * {@code Regression from|since|in <sha>}, {@code This reverts commit <sha>}, and the prose forms
 * {@code introduced by|in <sha>}, {@code broken in|by <sha>}, {@code broke in <sha>} and {@code caused by <sha>}.
 * Between the words of the prose forms and of {@code Regression …} there may be one line break: messages are
 * wrapped at 72 columns wherever a word falls.
 */
public final class MessagePointers {
    /** A pointer as written, before it is resolved. */
    public record Written(Pointer.Kind kind, String sha) {
    }

    private static final Pattern FIXES = Pattern.compile(
        "(?im)^[ \\t]*Fixes:[ \\t]*(?:commit[ \\t]+)?([0-9a-f]{7,40})\\b");
    /** Spaces or tabs with at most one line break among them, at least one character in all. */
    private static final String GAP = "(?=\\s)[ \\t]*(?:\\r?\\n)?[ \\t]*";
    private static final Pattern REGRESSION = Pattern.compile(
        "(?i)\\bregression" + GAP + "(?:from|since|in)" + GAP + "(?:commit" + GAP + ")?([0-9a-f]{7,40})\\b");
    /**
     * In prose a commit id has both a digit and a letter: decimal digits alone are a date (20190101) or a number,
     * and hex letters alone an English word ("defaced").
     */
    private static final Pattern INTRODUCED = Pattern.compile(
        "(?i)\\b(?:introduced" + GAP + "(?:by|in)|broken" + GAP + "(?:by|in)|broke" + GAP + "in|caused" + GAP + "by)"
            + GAP + "(?:commit" + GAP + ")?(?![0-9]+\\b)(?=[0-9a-f]*[0-9])([0-9a-f]{7,40})\\b");
    private static final Pattern REVERTS = Pattern.compile(
        "(?i)\\bThis reverts commit[ \\t]+([0-9a-f]{7,40})\\b");

    private MessagePointers() {
    }

    /** The pointers in {@code message}, in the order of the phrases, each SHA once. */
    public static List<Written> find(String message) {
        List<Written> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        collect(found, seen, Pointer.Kind.FIXES, FIXES.matcher(message));
        collect(found, seen, Pointer.Kind.REGRESSION, REGRESSION.matcher(message));
        collect(found, seen, Pointer.Kind.REVERTS, REVERTS.matcher(message));
        collect(found, seen, Pointer.Kind.INTRODUCED, INTRODUCED.matcher(message));
        return found;
    }

    /**
     * Whether {@code message} has a {@code Fixes:} pointer: whether {@link #find} would list one of kind
     * {@link Pointer.Kind#FIXES}, without looking for the other phrases, whose word-boundary patterns cost the
     * most when the messages of many commits are read.
     */
    static boolean citesFixes(String message) {
        return FIXES.matcher(message).find();
    }

    private static void collect(List<Written> found, Set<String> seen, Pointer.Kind kind, Matcher m) {
        while (m.find()) {
            String sha = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (seen.add(sha)) {
                found.add(new Written(kind, sha));
            }
        }
    }
}
