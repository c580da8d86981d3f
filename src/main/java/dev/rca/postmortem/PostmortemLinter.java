package dev.rca.postmortem;

import dev.rca.config.RcaConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Checks a post-mortem written in Markdown against the method: the nine sections in order under one
 * {@code # <TICKET>: <title>} heading, the mandatory ones present and none empty, no hedging and no
 * blame in prose, every commit SHA real, a Root cause that names code, a Validation section that states its
 * coverage, and action items with an owner and a tracking reference. Works on the CommonMark syntax tree, so code spans and code
 * blocks are never mistaken for prose, and reports 1-based source positions.
 */
public final class PostmortemLinter {
    /** What a ticket id looks like (the ledger's rule). */
    private static final Pattern TITLE = Pattern.compile("([A-Za-z][A-Za-z0-9._-]{0,63}):\\s+\\S.*");

    /**
     * A SHA candidate: 7 to 40 lower-case hex digits standing alone. Not after {@code #} (colours, issue
     * numbers), a word character ({@code 0x…}, {@code g…} in describe output), {@code /} (URLs and
     * paths), {@code -} (UUIDs), {@code @} (Java's {@code Order@1b6d3586}), {@code :} (addresses such as
     * {@code 0018:ffffc90000a3bd48}) or a single dot (file extensions; {@code A..B} ranges are kept), and not
     * followed by a word character, {@code -} or a dot and a word character (host names, file names).
     */
    private static final Pattern SHA_CANDIDATE = Pattern.compile(
        "(?<![\\p{L}\\p{N}_#/\\-@:])(?<![^.]\\.)[0-9a-f]{7,40}(?![\\p{L}\\p{N}_\\-])(?!\\.[\\p{L}\\p{N}_])");
    private static final Pattern HAS_DIGIT = Pattern.compile("\\d");
    private static final Pattern HAS_HEX_LETTER = Pattern.compile("[a-f]");
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d+e\\d+");
    /** The label of a listing of offending commits: group 1 is the plural's "s". */
    private static final Pattern LISTING = Pattern.compile(PostmortemRenderer.OFFENDING + "(s)?:\\s*");
    /** One SHA of a listing, bare or as a code span, with what separates it from the next. */
    private static final Pattern LISTED_SHA =
        Pattern.compile("`?([0-9a-fA-F]{7,40})`?(?:\\s*,\\s*|\\s+and\\s+|\\s*[;:.\\u2014-]\\s*|\\s+|$)");
    /** Where a subject written after its commit ends: its line, or its sentence. */
    private static final Pattern SUBJECT_END = Pattern.compile("\\n|\\.\\s+");


    private final RcaConfig.Lint settings;
    private final ShaResolver shas;
    private final Pattern hedging;
    private final Pattern blame;
    private final Pattern coverage;
    private final Parser parser = Parser.builder()
        .extensions(List.of(TablesExtension.create()))
        .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
        .build();

    /**
     * A linter with the given settings; {@code shas} resolves SHAs in the post-mortem's repository, or is
     * {@code null} when there is no repository (the {@code unknown-sha} rule is then skipped).
     */
    public PostmortemLinter(RcaConfig.Lint settings, ShaResolver shas) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shas = shas;
        this.hedging = ToneVocabulary.compile(ToneVocabulary.HEDGING, settings.hedgingWords());
        this.blame = ToneVocabulary.compile(ToneVocabulary.BLAME, settings.blameWords());
        this.coverage = ToneVocabulary.compile(ToneVocabulary.COVERAGE, settings.coverageWords());
    }

    /** True when SHAs are checked (the rule is on and there is a repository to check them in). */
    public boolean checksShas() {
        return shas != null && settings.enabled(LintRule.UNKNOWN_SHA);
    }

    /**
     * Lints one document. {@code file} is how findings name it (as the user typed it).
     *
     * @return the findings, sorted by line and column; empty when the document is clean
     */
    public List<LintFinding> lint(String file, String markdown) {
        String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
        List<String> source = List.of(text.split("\r\n|\r|\n", -1));
        Node document = parser.parse(text);
        Document doc = new Document(file, source, new ArrayList<>());
        checkStructure(doc, document);
        checkProse(doc, document, false);
        return doc.findings.stream().filter(f -> settings.enabled(f.rule())).sorted(LintFinding.BY_POSITION).toList();
    }

    private record Document(String file, List<String> source, List<LintFinding> findings) {
        void report(LintRule rule, int line, int column, String message) {
            findings.add(new LintFinding(file, line, column, rule, message));
        }

        void report(LintRule rule, Node at, String message) {
            List<SourceSpan> spans = at.getSourceSpans();
            int line = spans.isEmpty() ? 1 : spans.get(0).getLineIndex() + 1;
            int column = spans.isEmpty() ? 1 : spans.get(0).getColumnIndex() + 1;
            report(rule, line, column, message);
        }

        int lastLine() {
            int last = source.size();
            while (last > 1 && source.get(last - 1).isBlank()) {
                last--;
            }
            return last;
        }
    }

    /** A {@code ##} heading and the blocks up to the next one. */
    private record Section(Heading heading, PostmortemSection known, String title, List<Node> blocks) {
        int line() {
            return heading.getSourceSpans().isEmpty() ? 1 : heading.getSourceSpans().get(0).getLineIndex() + 1;
        }
    }

    private void checkStructure(Document doc, Node document) {
        List<Section> sections = new ArrayList<>();
        Heading title = null;
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading h && h.getLevel() == 1) {
                if (title != null) {
                    doc.report(LintRule.TITLE, h, "second '#' heading; a post-mortem has one title, '# <TICKET>: <title>'");
                } else {
                    title = h;
                    checkTitle(doc, h, !sections.isEmpty());
                }
            } else if (block instanceof Heading h && h.getLevel() == 2) {
                String name = plainText(h).strip();
                sections.add(new Section(h, PostmortemSection.fromTitle(name).orElse(null), name, new ArrayList<>()));
            } else if (!sections.isEmpty()) {
                sections.get(sections.size() - 1).blocks().add(block);
            }
        }
        if (title == null) {
            doc.report(LintRule.TITLE, 1, 1, "missing title '# <TICKET>: <title>' at the top");
        }
        Map<PostmortemSection, Section> first = new EnumMap<>(PostmortemSection.class);
        List<Section> ordered = new ArrayList<>();
        for (Section s : sections) {
            if (s.known() == null) {
                doc.report(LintRule.UNKNOWN_SECTION, s.heading(), "'## " + s.title() + "' is not a post-mortem section;"
                    + " use the nine sections (Summary … Action items) and '###' headings inside them");
            } else if (first.containsKey(s.known())) {
                doc.report(LintRule.SECTION_ORDER, s.heading(), "duplicate section '" + s.known().heading()
                    + "' (first at line " + first.get(s.known()).line() + ")");
            } else {
                first.put(s.known(), s);
                ordered.add(s);
            }
            if (s.known() != null && !hasContent(s.blocks())) {
                doc.report(LintRule.EMPTY_SECTION, s.heading(), "'" + s.known().heading() + "' is empty; "
                    + (s.known().mandatory() ? "write it" : "write it or leave the heading out"));
            }
        }
        checkOrder(doc, ordered);
        for (PostmortemSection wanted : PostmortemSection.values()) {
            if (wanted.mandatory() && !first.containsKey(wanted)) {
                reportMissing(doc, wanted, ordered);
            }
        }
        Section rootCause = first.get(PostmortemSection.ROOT_CAUSE);
        if (rootCause != null && hasContent(rootCause.blocks())) {
            checkRootCause(doc, rootCause);
        }
        Section validation = first.get(PostmortemSection.VALIDATION);
        if (validation != null && hasContent(validation.blocks())) {
            checkCoverage(doc, validation);
        }
        Section actions = first.get(PostmortemSection.ACTION_ITEMS);
        if (actions != null && hasContent(actions.blocks())) {
            checkActionItems(doc, actions);
        }
    }

    private static void checkTitle(Document doc, Heading h, boolean afterSections) {
        String text = plainText(h).strip();
        Matcher m = TITLE.matcher(text);
        if (!m.matches() || m.group(1).contains("..")) {
            doc.report(LintRule.TITLE, h, "title must read '# <TICKET>: <title>', e.g. '# PAY-142: Checkout hangs'");
        } else if (afterSections) {
            doc.report(LintRule.TITLE, h, "the title must come before the first section");
        }
    }

    /** Keeps the longest run of sections already in order and reports each of the others once. */
    private static void checkOrder(Document doc, List<Section> sections) {
        int n = sections.size();
        int[] length = new int[n];
        int[] previous = new int[n];
        int best = -1;
        for (int i = 0; i < n; i++) {
            length[i] = 1;
            previous[i] = -1;
            for (int j = 0; j < i; j++) {
                if (sections.get(j).known().ordinal() < sections.get(i).known().ordinal() && length[j] + 1 > length[i]) {
                    length[i] = length[j] + 1;
                    previous[i] = j;
                }
            }
            if (best < 0 || length[i] > length[best]) {
                best = i;
            }
        }
        boolean[] kept = new boolean[n];
        for (int i = best; i >= 0; i = previous[i]) {
            kept[i] = true;
        }
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                continue;
            }
            PostmortemSection misplaced = sections.get(i).known();
            String where = null;
            for (int k = 0; k < n && where == null; k++) {
                if (kept[k] && sections.get(k).known().ordinal() > misplaced.ordinal()) {
                    where = "before '" + sections.get(k).known().heading() + "'";
                }
            }
            for (int k = n - 1; k >= 0 && where == null; k--) {
                if (kept[k] && sections.get(k).known().ordinal() < misplaced.ordinal()) {
                    where = "after '" + sections.get(k).known().heading() + "'";
                }
            }
            doc.report(LintRule.SECTION_ORDER, sections.get(i).heading(),
                "'" + misplaced.heading() + "' is out of order: it belongs " + where);
        }
    }

    /** Reports a missing section where it belongs: at the first later section present, else at the end. */
    private static void reportMissing(Document doc, PostmortemSection wanted, List<Section> present) {
        Section next = null;
        for (Section s : present) {
            if (s.known().ordinal() > wanted.ordinal() && (next == null || s.line() < next.line())) {
                next = s;
            }
        }
        String message = "missing mandatory section '" + wanted.heading() + "'";
        if (next != null) {
            doc.report(LintRule.MISSING_SECTION, next.heading(), message + " (it belongs before '"
                + next.known().heading() + "')");
        } else {
            doc.report(LintRule.MISSING_SECTION, doc.lastLine(), 1, message + " (it belongs at the end)");
        }
    }

    private static boolean hasContent(List<Node> blocks) {
        for (Node block : blocks) {
            if (block instanceof Heading || block instanceof ThematicBreak) {
                continue;
            }
            if (block instanceof HtmlBlock html && html.getLiteral().strip().matches("(?s)<!--.*-->")) {
                continue;
            }
            return true;
        }
        return false;
    }

    private void checkCoverage(Document doc, Section validation) {
        StringBuilder prose = new StringBuilder();
        for (Node block : validation.blocks()) {
            appendPlainText(block, prose);
            prose.append('\n');
        }
        if (!coverage.matcher(prose).find()) {
            doc.report(LintRule.VALIDATION_COVERAGE, validation.heading(), "'## Validation' says nothing about"
                + " coverage; say what was not covered (e.g. 'not retested on …') or 'none'");
        }
    }

    /**
     * Reports a Root cause whose text names no code (no code span or block, and no identifier, file name or SHA), at
     * its first block: the method asks for the mechanism with the functions, files and fields it runs through, and
     * its commits. The offending commits listed under it ({@code Offending commit: <sha> <subject>}, as
     * {@code rca postmortem} writes {@code root_cause.offending}) do not count: they say which change, not how it
     * broke; what the listing's paragraph goes on to say does ({@link #afterTheListing}).
     */
    private void checkRootCause(Document doc, Section rootCause) {
        StringBuilder prose = new StringBuilder();
        Node first = null;
        Node listing = null;
        for (Node block : rootCause.blocks()) {
            if (block instanceof Heading || block instanceof ThematicBreak || block instanceof HtmlBlock) {
                continue;
            }
            if (isOffendingCommits(block)) {
                listing = listing == null ? block : listing;
                String said = afterTheListing(block);
                if (LedgerProse.namesCode(said)) {
                    return;
                }
                if (!said.isBlank()) {
                    first = first == null ? block : first;
                    prose.append(said).append('\n');
                }
                continue;
            }
            if (block instanceof FencedCodeBlock || block instanceof IndentedCodeBlock || containsCode(block)) {
                return;
            }
            first = first == null ? block : first;
            appendPlainText(block, prose);
            prose.append('\n');
        }
        if ((first != null || listing != null) && !LedgerProse.namesCode(prose.toString())) {
            String listed = listing == null ? ""
                : " in its text (the offending commit listed under it says which change, not how it broke)";
            doc.report(LintRule.VAGUE_ROOT_CAUSE, first != null ? first : listing, "'## Root cause' names no function,"
                + " file, field or commit" + listed + ": walk the mechanism with its code identifiers (e.g."
                + " `CartCache.evict()`), not a summary of it");
        }
    }

    /**
     * True for the listing of offending commits: a paragraph {@code Offending commit: …}, or one that says
     * {@code Offending commits:} and the list after it.
     */
    private static boolean isOffendingCommits(Node block) {
        if (block instanceof BulletList && block.getPrevious() != null) {
            return (PostmortemRenderer.OFFENDING + "s:").equals(plainText(block.getPrevious()).strip());
        }
        return block instanceof Paragraph && LISTING.matcher(plainText(block)).lookingAt();
    }

    /**
     * What a listing of offending commits says besides naming them, code spans kept in backticks: in a paragraph,
     * what follows the label, the commits and, after a single commit, its subject ({@link #afterSubject}); in the
     * list, what each item says after its commit and subject, and its further paragraphs.
     */
    private String afterTheListing(Node block) {
        if (block instanceof Paragraph) {
            String text = markedText(block).strip();
            Matcher label = LISTING.matcher(text);
            label.lookingAt();
            return afterCommits(text.substring(label.end()), label.group(1) == null);
        }
        StringBuilder said = new StringBuilder();
        for (Node item = block.getFirstChild(); item != null; item = item.getNext()) {
            for (Node inner = item.getFirstChild(); inner != null; inner = inner.getNext()) {
                String text = markedText(inner).strip();
                said.append(inner == item.getFirstChild() ? afterCommits(text, true) : text).append('\n');
            }
        }
        return said.toString();
    }

    /**
     * {@code text} past the SHAs it starts with (bare or as code spans, separated by commas or "and") and, after
     * a single commit {@code withSubject}, past its subject ({@link #afterSubject}).
     */
    private String afterCommits(String text, boolean withSubject) {
        Matcher sha = LISTED_SHA.matcher(text);
        int at = 0;
        int count = 0;
        String first = null;
        while (sha.region(at, text.length()).lookingAt()
            && looksLikeSha(sha.group(1).toLowerCase(java.util.Locale.ROOT))) {
            first = first == null ? sha.group(1).toLowerCase(java.util.Locale.ROOT) : first;
            at = sha.end();
            count++;
        }
        String rest = text.substring(at);
        if (!withSubject || count != 1 || text.substring(0, at).indexOf('\n') >= 0) {
            // several commits are listed without subjects; a commit alone on its line has none there
            return rest;
        }
        return afterSubject(rest, shas == null ? null : shas.subject(first));
    }

    /**
     * {@code rest} past the subject written at its start: the commit's own {@code subject} (null when unknown), bare
     * or in parentheses, as typed or as {@link LedgerProse#inline} writes it; else what parentheses hold ({@code (cache: evict early), which made …}); else its first
     * line or sentence, as {@code rca postmortem} writes a subject. What follows a subject on its line is the
     * writer's own: {@code …, which made `f()` return null} is a mechanism, not part of the subject.
     */
    static String afterSubject(String rest, String subject) {
        if (subject != null && !subject.isBlank()) {
            // as typed, or as rca postmortem writes it: code identifiers in backticks
            for (String form : List.of(subject, LedgerProse.inline(subject))) {
                for (String written : List.of(form, "(" + form + ")")) {
                    if (rest.startsWith(written)) {
                        return rest.substring(written.length());
                    }
                }
            }
        }
        int closed = rest.startsWith("(") ? closingParenthesis(rest) : -1;
        if (closed > 0) {
            return rest.substring(closed + 1);
        }
        Matcher end = SUBJECT_END.matcher(rest);
        return end.find() ? rest.substring(end.end()) : "";
    }

    /** Where the parenthesis that opens {@code text} closes, those it holds counted ({@code (fix(cache): x)}); or -1. */
    private static int closingParenthesis(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            } else if (c == '\n') {
                return -1; // a subject is one line
            }
        }
        return -1;
    }

    /** The paragraph's inline text as written, code spans in backticks and line breaks kept. */
    private static String markedText(Node node) {
        StringBuilder sb = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (child instanceof Code c) {
                sb.append('`').append(c.getLiteral()).append('`');
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                sb.append('\n');
            } else {
                sb.append(markedText(child));
            }
        }
        return sb.toString();
    }

    private static boolean containsCode(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Code || child instanceof FencedCodeBlock || child instanceof IndentedCodeBlock
                || containsCode(child)) {
                return true;
            }
        }
        return false;
    }

    private static void checkActionItems(Document doc, Section actions) {
        for (ActionItems.Problem problem : ActionItems.check(actions.heading(), actions.blocks())) {
            doc.report(LintRule.ACTION_ITEM_OWNER, problem.at(), problem.message());
        }
    }

    /**
     * Hedging, blame and SHAs in every paragraph, heading and table cell; code blocks are skipped, and
     * block quotes are checked for SHAs only, since they quote someone else's words (a customer report).
     */
    private void checkProse(Document doc, Node node, boolean quoted) {
        if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock || node instanceof HtmlBlock) {
            return;
        }
        if (node instanceof Paragraph || node instanceof Heading || node instanceof TableCell) {
            ProseText prose = ProseText.of(node, doc.source());
            if (!quoted) {
                reportPhrases(doc, prose, hedging, LintRule.HEDGING,
                    "is hedging: state what is known, or leave it out");
                reportPhrases(doc, prose, blame, LintRule.BLAME,
                    "blames a person: describe the gap, not who missed it");
            }
            if (checksShas()) {
                checkShas(doc, prose.text(), prose::line, prose::column);
                checkShasInCode(doc, node);
            }
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            checkProse(doc, child, quoted || node instanceof BlockQuote);
        }
    }

    private static void reportPhrases(Document doc, ProseText prose, Pattern phrases, LintRule rule, String what) {
        boolean[] quoted = insideQuotes(prose.text());
        Matcher m = phrases.matcher(prose.text());
        while (m.find()) {
            if (quoted[m.start()]) {
                continue; // someone else's words, quoted as they were: a program's message, a report
            }
            String found = m.group().replaceAll("\\s+", " ");
            doc.report(rule, prose.line(m.start()), prose.column(m.start()), "'" + found + "' " + what);
        }
    }

    /**
     * Which characters of {@code text} lie between double quotes, straight ("…") or curly (“…”). A quote that
     * is never closed (an inch mark: 3.5" drive) quotes nothing.
     */
    static boolean[] insideQuotes(String text) {
        boolean[] inside = new boolean[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int close = c == '"' ? text.indexOf('"', i + 1) : c == '\u201c' ? text.indexOf('\u201d', i + 1) : -1;
            if (close > 0) {
                java.util.Arrays.fill(inside, i, close + 1, true);
                i = close;
            }
        }
        return inside;
    }

    private void checkShasInCode(Document doc, Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Code) {
                for (SourceSpan span : child.getSourceSpans()) {
                    String line = doc.source().get(span.getLineIndex());
                    int from = span.getColumnIndex();
                    String raw = line.substring(from, Math.min(line.length(), from + span.getLength()));
                    checkShas(doc, raw, offset -> span.getLineIndex() + 1, offset -> from + offset + 1);
                }
            } else {
                checkShasInCode(doc, child);
            }
        }
    }

    private void checkShas(Document doc, String text, IntUnaryOperator line, IntUnaryOperator column) {
        Matcher m = SHA_CANDIDATE.matcher(text);
        while (m.find()) {
            String hex = m.group();
            if (!looksLikeSha(hex) || settings.isForeign(hex.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            String problem = switch (shas.resolve(hex)) {
                case COMMIT -> null;
                case AMBIGUOUS -> hex + " is ambiguous: more than one commit starts with it; give more digits";
                case NOT_A_COMMIT -> hex + " names an object that is not a commit";
                case UNKNOWN -> hex + " does not name a commit in this repository";
            };
            if (problem != null) {
                doc.report(LintRule.UNKNOWN_SHA, line.applyAsInt(m.start()), column.applyAsInt(m.start()), problem);
            }
        }
    }

    /** True when {@code text} holds something this linter takes for a SHA. */
    static boolean mentionsSha(String text) {
        Matcher m = SHA_CANDIDATE.matcher(text);
        while (m.find()) {
            if (looksLikeSha(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** A run of hex digits is taken for a SHA only when it mixes digits and letters and is no number. */
    static boolean looksLikeSha(String hex) {
        return HAS_DIGIT.matcher(hex).find() && HAS_HEX_LETTER.matcher(hex).find()
            && !SCIENTIFIC.matcher(hex).matches();
    }

    static String plainText(Node node) {
        StringBuilder sb = new StringBuilder();
        appendPlainText(node, sb);
        return sb.toString();
    }

    static void appendPlainText(Node node, StringBuilder sb) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (child instanceof Code c) {
                sb.append(c.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                sb.append(' ');
            } else if (child instanceof FencedCodeBlock || child instanceof IndentedCodeBlock) {
                sb.append('\n');
            } else {
                appendPlainText(child, sb);
                if (child instanceof Paragraph || child instanceof ListItem || child instanceof TableCell) {
                    sb.append(child instanceof TableCell ? " | " : "\n");
                }
            }
        }
    }
}
