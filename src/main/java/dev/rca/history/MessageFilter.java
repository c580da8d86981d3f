package dev.rca.history;

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
final class MessageFilter {
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
        for (String p : query.grep()) {
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
        // git matches each line split at \n alone: \r, U+0085, U+2028 and U+2029 are characters like any other,
        // which '.' matches and before which '$' does not match
        int flags = Pattern.UNIX_LINES | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
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

    /**
     * Whether the raw commit object {@code raw} passes, with its identities mapped through {@code mailmap}. A
     * plain pattern is looked for in the message's bytes, which finds what the decoded message's lines would
     * when the message is in an encoding that keeps ASCII as it is; other patterns see the message decoded as
     * JGit's {@code RevCommit.getFullMessage()} does.
     */
    boolean matches(byte[] raw, Mailmap mailmap) {
        Charset charset = RawParseUtils.guessEncoding(raw);
        if (!authors.isEmpty() && !matchesAny(authors, person(raw, RawParseUtils.author(raw, 0), charset, mailmap))
            || !committers.isEmpty()
            && !matchesAny(committers, person(raw, RawParseUtils.committer(raw, 0), charset, mailmap))) {
            return false;
        }
        if (grep.isEmpty()) {
            return true;
        }
        int messageStart = RawParseUtils.commitMessage(raw, 0);
        boolean asciiKept = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
            || charset.equals(StandardCharsets.US_ASCII);
        String[] lines = null;
        int hits = 0;
        for (int i = 0; i < grep.size(); i++) {
            boolean hit;
            byte[] literal = literals.get(i);
            if (literal != null && asciiKept) {
                hit = messageStart >= 0 && contains(raw, messageStart, literal);
            } else {
                if (lines == null) {
                    String message = messageStart < 0 ? ""
                        : decode(raw, messageStart, raw.length, charset);
                    lines = message.split("\n", -1);
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
    private static String person(byte[] raw, int nameStart, Charset charset, Mailmap mailmap) {
        PersonIdent ident = null;
        if (nameStart >= 0 && charset.equals(StandardCharsets.UTF_8)) {
            ident = RawParseUtils.parsePersonIdent(raw, nameStart);
        } else if (nameStart >= 0) {
            int end = RawParseUtils.nextLF(raw, nameStart);
            byte[] line = decode(raw, nameStart, end, charset).getBytes(StandardCharsets.UTF_8);
            ident = RawParseUtils.parsePersonIdent(line, 0);
        }
        Mailmap.Person who = ident == null ? new Mailmap.Person("", "")
            : new Mailmap.Person(ident.getName(), ident.getEmailAddress());
        return mailmap.map(who).toString();
    }

    /**
     * Text as git sees it when it matches: re-encoded from the commit's declared encoding. (JGit's own decoding
     * tries UTF-8 first whatever the header says; git does not.) Undeclared means UTF-8, with JGit's fallback
     * for bytes that are not.
     */
    private static String decode(byte[] raw, int from, int to, Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) ? RawParseUtils.decode(charset, raw, from, to)
            : new String(raw, from, to - from, charset);
    }

    /** A pattern that can only match itself: no regular-expression syntax (or {@code -F}), ASCII, one line. */
    private static boolean plainAscii(String pattern, boolean fixed) {
        if (pattern.isEmpty()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch >= 0x80 || ch == '\n' || !fixed && "\\^$.|?*+()[]{}".indexOf(ch) >= 0) {
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
            if (p.matcher(text).find()) {
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

    private static boolean anyLine(Pattern p, String[] lines) {
        for (String line : lines) {
            if (p.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
