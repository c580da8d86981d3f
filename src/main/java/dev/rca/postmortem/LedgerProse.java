package dev.rca.postmortem;

import dev.rca.io.PaddedSeparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ledger text made safe for a post-mortem: what a person wrote in the ledger is kept word for word, except
 * that unambiguous code identifiers ({@code CartCache.evict()}, {@code snake_case}, {@code retry.max_attempts},
 * {@code camelCase}, {@code src/Foo.java}, {@code a::b}, {@code List<String>}) are put in code spans, and lines
 * that would change the document's structure (a {@code #} heading, a setext underline) are escaped so they stay
 * text.
 * Existing code spans, URLs and link syntax are left alone; words that could be prose ({@code GitHub},
 * {@code e.g.}, {@code PAY-143}) are never wrapped.
 */
final class LedgerProse {
    /**
     * What makes a link, an image or emphasis in a commit's subject ({@link #commitSubject}). Never from within a run
     * of backslashes, where no match starts: each start there read the rest of the run again, minutes for a long one.
     */
    static final Pattern MARKUP = Pattern.compile("(?<!\\\\)(\\\\*)([\\[\\]*_~])");
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern LINE_BREAKS = PaddedSeparator.of("[\r\n]+");
    /**
     * What {@link #inline} puts in a code span, matched against a whole word. No repeated group may give anything
     * back, so java.util.regex repeats it in a loop, not by recursion once per repetition, which overflowed the
     * stack on a word of 100,000 characters (RCA-13); where giving back mattered the language is written another way,
     * matching the same words.
     */
    static final Pattern IDENTIFIER = Pattern.compile(String.join("|",
        // calls: evict(), CartCache.evict(key), a::b(), obj->run(), GC.prune(Set<ObjectId>)
        "[A-Za-z_$][\\w$]*(?:(?:\\.|::|->|#)[A-Za-z_$][\\w$]*)*+\\([\\w$.,?<>\\[\\]]*\\)",
        // paths with a directory and an extension, optionally with a ::member
        "(?:\\.{0,2}/)?(?:[\\w.-]+/)++[\\w.-]*\\.[A-Za-z][A-Za-z0-9]{0,9}(?:::[\\w$]+)?",
        // scoped names: ns::name, a->b->c
        "[\\w$./]+(?:::|->)[\\w$]+(?:(?:::|->|\\.)[\\w$]+)*+",
        // Class.member, Class.member.field, Foo.java
        "[A-Z][a-z0-9][\\w$]*(?:\\.[a-z_$][\\w$]*)++",
        // snake_case and UPPER_SNAKE, also qualified (relay.config.parse_line, retry.max_attempts) or set
        // (max_attempts=1); __dunder__. Written as dotted names one of which (the lookahead finds it) has an underscore
        // between letters or digits, the words (?:[A-Za-z_$][\w$]*\.)*_*[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)+_*
        // (?:\.[A-Za-z_$][\w$]*)* matched
        "(?=[\\w$.]*?(?<![^.])_*[A-Za-z][A-Za-z0-9]*_+[A-Za-z0-9][A-Za-z0-9_]*(?![\\w$]))"
            + "[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*+(?:=[\\w.-]+)?",
        "__[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*+__",
        // camelCase with a lower-case word on both sides of a hump (not macOS, iPhone, kHz); after the hump, letters
        // and digits with a lower-case one among them, told by a lookahead: [A-Za-z0-9]*[a-z][A-Za-z0-9]* backtracked
        // for minutes over a long word that goes on past its letters and digits
        "[a-z][a-z0-9]+[A-Z](?=[A-Z0-9]*[a-z])[A-Za-z0-9]*",
        // generics without blanks: List<String>, Map<K,V>
        "[A-Z][\\w$]*<[\\w$.,?<>\\[\\]]+>",
        // command-line options: --runs=5, --no-verify
        "--[a-z][\\w-]*(?:=[^\\s`]+)?"));
    /** What {@code \s} matches in a regular expression: the blanks an autolink may not hold. */
    private static final String REGEX_BLANKS = " \t\n\013\f\r";
    private static final Pattern NOT_CODE = Pattern.compile("[\\w$]+\\((?:s|es)\\)");
    private static final String LEADING = "([{\"'“‘*";
    private static final String TRAILING = ".,;:!?\"'”’*";
    private static final Pattern ATX_HEADING = Pattern.compile("^( {0,3})(#{1,6})(?=\\s|$)");
    private static final Pattern SETEXT_OR_RULE = Pattern.compile("^( {0,3})([=-])(?=[=\\-\\s]*$)");
    private static final Pattern BLOCK_START = Pattern.compile("^([>+*-]|#{1,6}|\\d{1,9}[.)])(?=\\s|$)");

    private LedgerProse() {
    }

    /**
     * A block of Markdown from a multi-line ledger field (root cause, why it produced the symptom, …):
     * paragraphs and lists as written, identifiers in code spans, headings and setext underlines escaped.
     */
    static String block(String text) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : text.strip().split("\r\n|\r|\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                fenced = !fenced;
                lines.add(line.stripTrailing());
                continue;
            }
            if (fenced) {
                lines.add(line.stripTrailing());
                continue;
            }
            String safe = ATX_HEADING.matcher(line).replaceFirst("$1\\\\$2");
            safe = SETEXT_OR_RULE.matcher(safe).replaceFirst("$1\\\\$2");
            lines.add(codeIdentifiers(safe).stripTrailing());
        }
        if (fenced) {
            lines.add("```");
        }
        return String.join("\n", lines);
    }

    /**
     * One line of Markdown from a short ledger field (a hypothesis, a reason, an action item): blanks and
     * line breaks become single spaces, identifiers go in code spans, and a start that Markdown would read
     * as a heading, list or quote is escaped.
     */
    static String inline(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        Matcher m = BLOCK_START.matcher(line);
        if (m.find()) {
            String marker = m.group(1);
            line = Character.isDigit(marker.charAt(0))
                ? marker.substring(0, marker.length() - 1) + "\\" + line.substring(marker.length() - 1)
                : "\\" + line;
        }
        return codeIdentifiers(line);
    }

    /**
     * A commit's subject as {@link #inline} writes prose, but with {@code [ ] * _ ~} escaped outside code spans
     * (backslashes before them doubled, so none of them escapes the escape): whoever made the commit wrote it, not
     * the ledger's author, so no link, image or emphasis of it may become live in the reviewed document. Identifiers
     * still go in code spans.
     */
    static String commitSubject(String subject) {
        return escapeOutsideCodeSpans(inline(subject));
    }

    private static String escapeOutsideCodeSpans(String text) {
        StringBuilder escaped = new StringBuilder();
        int at = 0;
        for (int[] span : codeSpans(text)) {
            escaped.append(MARKUP.matcher(text.substring(at, span[0])).replaceAll("$1$1\\\\$2"));
            escaped.append(text, span[0], span[1]);
            at = span[1];
        }
        return escaped.append(MARKUP.matcher(text.substring(at)).replaceAll("$1$1\\\\$2")).toString();
    }

    /** {@code text} as a code span, with a fence longer than any run of backticks inside it. */
    static String codeSpan(String text) {
        String flat = LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
        String fence = "`".repeat(longestBacktickRun(flat) + 1);
        boolean pad = flat.startsWith("`") || flat.endsWith("`");
        return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
    }

    /** The longest run of backticks in {@code text}: a code span's or block's fence must be longer. */
    static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher m = Pattern.compile("`+").matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }

    /**
     * Puts code identifiers outside existing code spans into code spans, and escapes what Markdown would take
     * for raw HTML there: a ledger's {@code <!-- … -->} or {@code <details>} would hide its own text from the
     * rendered page the reviewer reads. Autolinks ({@code <https://…>}) stay links.
     */
    static String codeIdentifiers(String line) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int[] span : codeSpans(line)) {
            out.append(wrapTokens(line.substring(at, span[0])));
            out.append(line, span[0], span[1]);
            at = span[1];
        }
        out.append(wrapTokens(line.substring(at)));
        return out.toString();
    }

    /**
     * A file named in prose, which {@link #inline} leaves as it is: {@code config.yaml}, {@code cache.go},
     * {@code Dockerfile}, {@code f.txt}. Two characters at least after the dot, so "e.g." and "i.e." are none.
     * Only whether there is one is asked ({@link #namesCode}), and every name starting in one run of word characters
     * and dashes ends at the same dot: so only the run's first start is tried, atomically. Each start after a dash
     * ({@code \b[A-Za-z_][\w-]*\.}) read the rest of the run again, minutes for a long one ({@code a-b-c-…}).
     */
    static final Pattern FILE_NAME = Pattern.compile(
        "(?<![\\w-])(?>[\\w-]*?\\b[A-Za-z_])[\\w-]*+\\.[A-Za-z][A-Za-z0-9]{1,5}\\b"
            + "|\\b(?:Dockerfile|Makefile|Jenkinsfile|Containerfile)\\b");

    /**
     * True when {@code text} names code: a code span, a word {@link #inline} would put in one, a file name or a
     * commit SHA. A root cause that names none is a summary ("a configuration issue"), not the mechanism: the
     * {@code vague-root-cause} lint rule and {@code rca postmortem}'s warning about {@code root_cause.text} both ask
     * this.
     */
    static boolean namesCode(String text) {
        if (!codeSpans(text).isEmpty() || PostmortemLinter.mentionsSha(text) || FILE_NAME.matcher(text).find()) {
            return true;
        }
        Matcher tokens = TOKEN.matcher(text);
        while (tokens.find()) {
            if (wrapToken(tokens.group()).indexOf('`') >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The code spans of {@code text} in order, each as its start and end: a run of backticks opens one that the next
     * later run of as many closes; a run that no later run matches opens one with fewer of its backticks, as many as
     * the longest later run no longer than itself has; a run matching none of them opens nothing. These are the
     * spans {@code (`+)(?s:.*?)(?<!`)\1(?!`)} found one after another, found without reading the rest of the text
     * again for each length of each run (runs of growing length took minutes).
     */
    static List<int[]> codeSpans(String text) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        int n = text.length();
        for (int i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
            int end = i;
            while (end < n && text.charAt(end) == '`') {
                end++;
            }
            starts.add(i);
            lengths.add(end - i);
            i = end;
        }
        // for each length, the runs that long in order, and how far the openers so far have passed in that list
        Map<Integer, List<Integer>> runsOfLength = new HashMap<>();
        for (int r = 0; r < lengths.size(); r++) {
            runsOfLength.computeIfAbsent(lengths.get(r), k -> new ArrayList<>()).add(r);
        }
        Map<Integer, Integer> passed = new HashMap<>();
        List<int[]> spans = new ArrayList<>();
        int run = 0;
        while (run < starts.size()) {
            int closer = -1;
            for (int length = lengths.get(run); length > 0 && closer < 0; length--) {
                List<Integer> same = runsOfLength.get(length);
                if (same == null) {
                    continue;
                }
                int k = passed.getOrDefault(length, 0);
                while (k < same.size() && same.get(k) <= run) {
                    k++;
                }
                passed.put(length, k);
                closer = k < same.size() ? same.get(k) : -1;
            }
            if (closer < 0) {
                run++;
                continue;
            }
            spans.add(new int[] {starts.get(run), starts.get(closer) + lengths.get(closer)});
            run = closer + 1;
        }
        return spans;
    }

    /**
     * {@code prose} with each {@code <} that starts an HTML tag, comment or declaration escaped: one before a letter,
     * {@code /}, {@code !} or {@code ?}, not after a backslash, and not an autolink's ({@code <scheme:…>} with no blank
     * before its {@code >}). Every autolink test ends at the same blank or {@code >}, so where that is is kept from one
     * to the next: read again from each {@code <}, a long {@code <a:<a:<a:…} took minutes.
     */
    static String withoutHtml(String prose) {
        StringBuilder out = null;
        int n = prose.length();
        int copied = 0;
        int stop = -1;
        for (int i = prose.indexOf('<'); i >= 0 && i + 1 < n; i = prose.indexOf('<', i + 1)) {
            char next = prose.charAt(i + 1);
            boolean letter = isAsciiLetter(next);
            if (i > 0 && prose.charAt(i - 1) == '\\' || !letter && next != '/' && next != '!' && next != '?') {
                continue;
            }
            if (letter) {
                int colon = i + 2;
                while (colon < n && (isAsciiLetter(prose.charAt(colon)) || isAsciiDigit(prose.charAt(colon))
                    || "+.-".indexOf(prose.charAt(colon)) >= 0)) {
                    colon++;
                }
                if (colon < n && prose.charAt(colon) == ':') {
                    if (stop <= colon) {
                        stop = colon + 1;
                        while (stop < n && prose.charAt(stop) != '>' && REGEX_BLANKS.indexOf(prose.charAt(stop)) < 0) {
                            stop++;
                        }
                    }
                    if (stop < n && prose.charAt(stop) == '>') {
                        continue;
                    }
                }
            }
            if (out == null) {
                out = new StringBuilder(n + 16);
            }
            out.append(prose, copied, i).append("\\<");
            copied = i + 1;
        }
        return out == null ? prose : out.append(prose, copied, n).toString();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String wrapTokens(String prose) {
        if (prose.indexOf('`') >= 0) {
            return withoutHtml(prose);
        }
        StringBuilder out = new StringBuilder();
        Matcher tokens = TOKEN.matcher(prose);
        int at = 0;
        while (tokens.find()) {
            out.append(prose, at, tokens.start());
            String token = wrapToken(tokens.group());
            // a generic type went into a code span as it is; other angle brackets are escaped
            out.append(token.indexOf('`') >= 0 ? token : withoutHtml(token));
            at = tokens.end();
        }
        out.append(prose.substring(at));
        return out.toString();
    }

    private static String wrapToken(String token) {
        if (token.contains("://") || token.contains("@") || token.contains("](") || token.contains("[")
            || token.startsWith("www.")) {
            return token;
        }
        int start = 0;
        int end = token.length();
        while (start < end && LEADING.indexOf(token.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && (TRAILING.indexOf(token.charAt(end - 1)) >= 0
            || token.charAt(end - 1) == ')' && unbalanced(token.substring(start, end), '(', ')')
            || token.charAt(end - 1) == ']' || token.charAt(end - 1) == '}')) {
            end--;
        }
        String core = token.substring(start, end);
        if (core.isEmpty() || !IDENTIFIER.matcher(core).matches() || NOT_CODE.matcher(core).matches()) {
            return token;
        }
        return token.substring(0, start) + "`" + core + "`" + token.substring(end);
    }

    private static boolean unbalanced(String s, char open, char close) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == open) {
                depth++;
            } else if (s.charAt(i) == close) {
                depth--;
            }
        }
        return depth < 0;
    }
}
