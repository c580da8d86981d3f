package dev.rca.history;

import dev.rca.DeepRecursion;
import dev.rca.RcaException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * git's {@code --grep}/{@code --author}/{@code --committer} semantics: message patterns match line by line
 * in the message, case-sensitively unless {@code -i}; a commit passes when any (or, with
 * {@code --all-match}, every) message pattern matches, or with {@code --invert-grep} when none does; and
 * when some author pattern matches {@code Name <email>} and some committer pattern does.
 */
public final class MessageFilter {
    private final List<Pattern> grep;
    /** For each {@code --grep} pattern, its bytes when it is a plain ASCII string matched case-sensitively. */
    private final List<byte[]> literals;
    private final List<Pattern> authors;
    private final List<Pattern> committers;
    private final boolean allMatch;
    private final boolean invert;

    MessageFilter(LogQuery query) {
        this.grep = compile(query.grep(), query.ignoreCase(), query.fixedStrings(), "--grep");
        this.authors = compile(query.authors(), query.ignoreCase(), query.fixedStrings(), "--author");
        this.committers = compile(query.committers(), query.ignoreCase(), query.fixedStrings(), "--committer");
        this.literals = new ArrayList<>();
        for (String p : split(query.grep())) {
            literals.add(query.ignoreCase() || !plainAscii(p, query.fixedStrings()) ? null
                : p.getBytes(StandardCharsets.US_ASCII));
        }
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
        for (String p : split(patterns)) {
            compiled.add(linePattern(fixed ? Pattern.quote(p) : p, ignoreCase, option,
                "use -F to match it as a fixed string"));
        }
        return compiled;
    }

    /**
     * {@code regex} compiled to be matched against one line at a time, as git's grep matches: the line split at
     * {@code \n} alone, so {@code \r}, U+0085, U+2028 and U+2029 are characters like any other, which {@code .}
     * matches and before which {@code $} does not match. A pattern that does not compile is a usage error naming
     * {@code option}, with {@code hint}.
     */
    public static Pattern linePattern(String regex, boolean ignoreCase, String option, String hint) {
        int flags = Pattern.UNIX_LINES | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        try {
            return Pattern.compile(withPosixClasses(regex), flags);
        } catch (PatternSyntaxException e) {
            // Java says "Unexpected internal error" of a pattern ending in a lone backslash
            String why = trailingBackslashes(regex) % 2 == 1 ? "trailing backslash" : e.getDescription();
            RcaException error = RcaException.usage(option + ": bad regular expression '" + regex + "': " + why);
            throw hint == null ? error : error.withHint(hint);
        }
    }

    private static int trailingBackslashes(String regex) {
        int n = 0;
        while (n < regex.length() && regex.charAt(regex.length() - 1 - n) == '\\') {
            n++;
        }
        return n;
    }

    /** POSIX's named classes as git's regcomp reads them inside a bracket expression, in Java's spelling. */
    private static final java.util.Map<String, String> POSIX_CLASSES = java.util.Map.ofEntries(
        java.util.Map.entry("alpha", "\\p{Alpha}"), java.util.Map.entry("digit", "0-9"),
        java.util.Map.entry("alnum", "\\p{Alnum}"), java.util.Map.entry("upper", "\\p{Upper}"),
        java.util.Map.entry("lower", "\\p{Lower}"), java.util.Map.entry("space", "\\s"),
        java.util.Map.entry("blank", " \\t"), java.util.Map.entry("punct", "\\p{Punct}"),
        java.util.Map.entry("xdigit", "0-9A-Fa-f"), java.util.Map.entry("cntrl", "\\p{Cntrl}"),
        java.util.Map.entry("print", "\\p{Print}"), java.util.Map.entry("graph", "\\p{Graph}"));

    /**
     * {@code regex} with each POSIX class inside a bracket expression ({@code [[:space:]]}, {@code [^[:alnum:]_]})
     * written as Java reads it: in Java {@code [:space:]} is a class of the characters {@code :space}, so git's
     * idiom matched something else without a word. Anything else is left as written.
     */
    static String withPosixClasses(String regex) {
        if (!regex.contains("[:")) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length());
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
                continue;
            }
            if (depth > 0 && c == '[' && regex.startsWith(":", i + 1)) {
                int end = regex.indexOf(":]", i + 2);
                String name = end < 0 ? null : regex.substring(i + 2, end);
                if (name != null && POSIX_CLASSES.containsKey(name)) {
                    out.append(POSIX_CLASSES.get(name));
                    i = end + 1;
                    continue;
                }
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * The patterns as git's {@code do_append_grep_pat} keeps them: each line of one a pattern of its own, so
     * {@code --grep=$'a\nb'} is {@code --grep=a --grep=b} (a final newline adds an empty pattern, which matches
     * everything). A pattern with a newline could never match a line.
     */
    private static List<String> split(List<String> patterns) {
        List<String> lines = new ArrayList<>();
        for (String p : patterns) {
            lines.addAll(List.of(p.split("\n", -1)));
        }
        return lines;
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

    /**
     * Whether the raw commit object {@code raw} passes, its author mapped through {@code mailmap}. A
     * plain pattern is looked for in the message's bytes, which finds what the decoded message's lines would
     * when the message is in an encoding that keeps ASCII as it is; other patterns see the lines git's grep sees
     * ({@link #lines}).
     */
    boolean matches(byte[] raw, Mailmap mailmap) {
        Charset charset = RawParseUtils.guessEncoding(raw);
        Mailmap.Person author = person(raw, RawParseUtils.author(raw, 0), charset);
        if (!authors.isEmpty() && !matchesAny(authors, mailmap.map(author).toString())) {
            return false;
        }
        if (!committers.isEmpty()) {
            // git 2.38 to 2.50 (2.39 is the one rca is checked against) map the committer only when an entry applied
            // to the author: apply_mailmap_to_header's offset after rewriting a line lands on the next header only
            // then (git 2.51 maps both always)
            Mailmap.Person committer = person(raw, RawParseUtils.committer(raw, 0), charset);
            if (!matchesAny(committers, (mailmap.maps(author) ? mailmap.map(committer) : committer).toString())) {
                return false;
            }
        }
        if (grep.isEmpty()) {
            return true;
        }
        int messageStart = RawParseUtils.commitMessage(raw, 0);
        boolean asciiKept = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
            || charset.equals(StandardCharsets.US_ASCII);
        List<TextLine> lines = null;
        int hits = 0;
        for (int i = 0; i < grep.size(); i++) {
            boolean hit;
            byte[] literal = literals.get(i);
            if (literal != null && asciiKept) {
                hit = messageStart >= 0 && contains(raw, messageStart, literal);
            } else {
                if (lines == null) {
                    lines = messageStart < 0 ? List.of() : lines(raw, messageStart, charset);
                }
                hit = anyLine(grep.get(i), lines);
            }
            if (hit) {
                hits++;
                if (invert || !allMatch) {
                    break;
                }
            } else if (allMatch && !invert) {
                return false;
            }
        }
        return verdict(hits);
    }

    /**
     * {@code Name <email>} after the mailmap. git re-encodes the whole commit (identities too) from its
     * {@code encoding} header before it matches, so the identity is decoded in that encoding.
     */
    private static Mailmap.Person person(byte[] raw, int nameStart, Charset charset) {
        PersonIdent ident = null;
        if (nameStart >= 0 && charset.equals(StandardCharsets.UTF_8)) {
            ident = RawParseUtils.parsePersonIdent(raw, nameStart);
        } else if (nameStart >= 0) {
            int end = RawParseUtils.nextLF(raw, nameStart);
            // re-encoded from the declared encoding, as git does (JGit's decoding tries UTF-8 first whatever it says)
            byte[] line = new String(raw, nameStart, end - nameStart, charset).getBytes(StandardCharsets.UTF_8);
            ident = RawParseUtils.parsePersonIdent(line, 0);
        }
        return ident == null ? new Mailmap.Person("", "")
            : new Mailmap.Person(ident.getName(), ident.getEmailAddress());
    }

    /**
     * The lines git's grep matches a message pattern against, the message starting at {@code from}: the blank line
     * that ends the headers (git greps the whole commit, and that line is the first of the body), then the message's
     * lines, split at {@code \n} alone, with no empty line after a final newline. A message in another declared
     * encoding is re-encoded, as git re-encodes it; an undeclared (or UTF-8) one git matches as the bytes it holds,
     * so bytes that are not UTF-8 (Latin-1 written without a header, say) are no letter a pattern names.
     */
    private static List<TextLine> lines(byte[] raw, int from, Charset charset) {
        List<TextLine> lines = new ArrayList<>();
        lines.add(TextLine.of(""));
        if (!charset.equals(StandardCharsets.UTF_8)) {
            String message = new String(raw, from, raw.length - from, charset);
            if (message.endsWith("\n")) {
                message = message.substring(0, message.length() - 1);
            }
            for (String line : message.split("\n", -1)) {
                lines.add(TextLine.of(line));
            }
            return lines;
        }
        int to = raw.length > from && raw[raw.length - 1] == '\n' ? raw.length - 1 : raw.length;
        for (int start = from; ; ) {
            int end = start;
            while (end < to && raw[end] != '\n') {
                end++;
            }
            lines.add(TextLine.utf8(raw, start, end));
            if (end >= to) {
                return lines;
            }
            start = end + 1;
        }
    }

    /** A pattern that can only match itself: no regular-expression syntax (or {@code -F}), ASCII, one line. */
    private static boolean plainAscii(String pattern, boolean fixed) {
        if (pattern.isEmpty()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch >= 0x80 || !fixed && "\\^$.|?*+()[]{}".indexOf(ch) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] raw, int from, byte[] literal) {
        byte first = literal[0];
        int last = raw.length - literal.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (raw[i] != first) {
                continue;
            }
            for (int j = 1; j < literal.length; j++) {
                if (raw[i + j] != literal[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean matchesAny(List<Pattern> patterns, String text) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (Pattern p : patterns) {
            if (DeepRecursion.call(() -> p.matcher(text).find(),
                () -> DeepRecursion.patternTooDeep(p.pattern(), text.length()))) {
                return true;
            }
        }
        return false;
    }

    private boolean verdict(int hits) {
        if (invert) {
            return hits == 0;
        }
        return allMatch ? hits == grep.size() : hits > 0;
    }

    /** Whether {@code p} matches in one of {@code lines}. */
    private static boolean anyLine(Pattern p, List<TextLine> lines) {
        return DeepRecursion.call(() -> lines.stream().anyMatch(line -> line.find(p)),
            () -> DeepRecursion.patternTooDeep(p.pattern(),
                lines.stream().mapToInt(l -> l.text().length()).max().orElse(0)));
    }
}
