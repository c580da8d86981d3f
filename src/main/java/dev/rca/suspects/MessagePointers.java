package dev.rca.suspects;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds explicit pointers to offending commits in a commit message: {@code Fixes: <sha>},
 * {@code Regression from|since|in <sha>} and {@code This reverts commit <sha>}.
 */
public final class MessagePointers {
    /** A pointer as written, before it is resolved. */
    public record Written(Pointer.Kind kind, String sha) {
    }

    private static final Pattern FIXES = Pattern.compile(
        "(?im)^[ \\t]*Fixes:[ \\t]*(?:commit[ \\t]+)?([0-9a-f]{7,40})\\b");
    private static final Pattern REGRESSION = Pattern.compile(
        "(?i)\\bregression[ \\t]+(?:from|since|in)[ \\t]+(?:commit[ \\t]+)?([0-9a-f]{7,40})\\b");
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
