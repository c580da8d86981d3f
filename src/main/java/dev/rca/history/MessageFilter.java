package dev.rca.history;

import dev.rca.RcaException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * git's {@code --grep}/{@code --author}/{@code --committer} semantics: message patterns match line by line
 * in the message, case-sensitively unless {@code -i}; a commit passes when any (or, with
 * {@code --all-match}, every) message pattern matches, or with {@code --invert-grep} when none does; and
 * when some author pattern matches {@code Name <email>} and some committer pattern does.
 */
final class MessageFilter {
    private final List<Pattern> grep;
    private final List<Pattern> authors;
    private final List<Pattern> committers;
    private final boolean allMatch;
    private final boolean invert;

    MessageFilter(LogQuery query) {
        this.grep = compile(query.grep(), query.ignoreCase(), query.fixedStrings(), "--grep");
        this.authors = compile(query.authors(), query.ignoreCase(), query.fixedStrings(), "--author");
        this.committers = compile(query.committers(), query.ignoreCase(), query.fixedStrings(), "--committer");
        this.allMatch = query.allMatch();
        this.invert = query.invertGrep();
    }

    /** Throws a usage error for a pattern that does not compile. */
    static void validate(List<String> grep, List<String> authors, List<String> committers, boolean ignoreCase,
                         boolean fixedStrings) {
        compile(grep, ignoreCase, fixedStrings, "--grep");
        compile(authors, ignoreCase, fixedStrings, "--author");
        compile(committers, ignoreCase, fixedStrings, "--committer");
    }

    private static List<Pattern> compile(List<String> patterns, boolean ignoreCase, boolean fixed, String option) {
        List<Pattern> compiled = new ArrayList<>();
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        for (String p : patterns) {
            try {
                compiled.add(Pattern.compile(fixed ? Pattern.quote(p) : p, flags));
            } catch (PatternSyntaxException e) {
                throw RcaException.usage(option + ": bad regular expression '" + p + "': "
                    + e.getDescription()).withHint("use -F to match it as a fixed string");
            }
        }
        return compiled;
    }

    boolean readsAuthor() {
        return !authors.isEmpty();
    }

    boolean readsCommitter() {
        return !committers.isEmpty();
    }

    boolean readsMessage() {
        return !grep.isEmpty();
    }

    /** Whether a commit passes; {@code author}/{@code committer} may be null when no pattern reads them. */
    boolean matches(String message, Mailmap.Person author, Mailmap.Person committer) {
        return (authors.isEmpty() || matchesAny(authors, author.toString()))
            && (committers.isEmpty() || matchesAny(committers, committer.toString()))
            && messageMatches(message);
    }

    private static boolean matchesAny(List<Pattern> patterns, String text) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (Pattern p : patterns) {
            if (p.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private boolean messageMatches(String message) {
        if (grep.isEmpty()) {
            return true;
        }
        String[] lines = message.split("\n", -1);
        int hits = 0;
        for (Pattern p : grep) {
            if (anyLine(p, lines)) {
                hits++;
                if (invert || !allMatch) {
                    break;
                }
            }
        }
        if (invert) {
            return hits == 0;
        }
        return allMatch ? hits == grep.size() : hits > 0;
    }

    private static boolean anyLine(Pattern p, String[] lines) {
        for (String line : lines) {
            if (p.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
