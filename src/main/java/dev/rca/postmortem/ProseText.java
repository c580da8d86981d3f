package dev.rca.postmortem;

import java.util.Arrays;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

/**
 * The prose of one paragraph, heading or table cell as it stands in the source, with the 1-based line and
 * column of every character, so a phrase that wraps across lines still matches and is reported where
 * it starts. Code spans and inline HTML become a separator that no phrase matches across.
 */
final class ProseText {
    /** Stands where a code span or inline HTML was: neither blank nor a word character. */
    static final char SEPARATOR = '\u0001';

    private final StringBuilder text = new StringBuilder();
    private int[] lines = new int[64];
    private int[] columns = new int[64];
    private int lastLine = 1;
    private int lastColumn = 1;

    /** The prose of the inline children of {@code block}; {@code source} is the document's lines. */
    static ProseText of(Node block, List<String> source) {
        ProseText prose = new ProseText();
        List<SourceSpan> spans = block.getSourceSpans();
        if (!spans.isEmpty()) {
            prose.lastLine = spans.get(0).getLineIndex() + 1;
            prose.lastColumn = spans.get(0).getColumnIndex() + 1;
        }
        prose.appendChildren(block, source);
        return prose;
    }

    private void appendChildren(Node parent, List<String> source) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                appendSource(t, t.getLiteral(), source);
            } else if (child instanceof Code || child instanceof HtmlInline) {
                append(SEPARATOR, lastLine, lastColumn);
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                append(' ', lastLine, lastColumn);
            } else {
                appendChildren(child, source);
            }
        }
    }

    private void appendSource(Node node, String literal, List<String> source) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            for (int i = 0; i < literal.length(); i++) {
                append(literal.charAt(i), lastLine, lastColumn);
            }
            return;
        }
        for (SourceSpan span : spans) {
            String line = source.get(span.getLineIndex());
            int end = Math.min(line.length(), span.getColumnIndex() + span.getLength());
            for (int c = span.getColumnIndex(); c < end; c++) {
                append(line.charAt(c), span.getLineIndex() + 1, c + 1);
            }
        }
    }

    private void append(char c, int line, int column) {
        int at = text.length();
        if (at == lines.length) {
            lines = Arrays.copyOf(lines, at * 2);
            columns = Arrays.copyOf(columns, at * 2);
        }
        text.append(c);
        lines[at] = line;
        columns[at] = column;
        lastLine = line;
        lastColumn = column;
    }

    /** The text, with code spans replaced by {@link #SEPARATOR}. */
    String text() {
        return text.toString();
    }

    /** 1-based line of the character at {@code offset}. */
    int line(int offset) {
        return lines[offset];
    }

    /** 1-based column of the character at {@code offset}. */
    int column(int offset) {
        return columns[offset];
    }
}
