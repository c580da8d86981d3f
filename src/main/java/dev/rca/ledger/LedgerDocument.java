package dev.rca.ledger;

import dev.rca.RcaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Edits ledger text in place. Each edit splices new text into the file at a position found from the composed
 * node tree, so every byte a person wrote outside the edited value (comments, blank lines, key order, quoting,
 * indentation, flow or block style, line endings) stays as it was. After each edit the text is composed again
 * and its data compared with the data expected from the edit; a splice that would change anything else is
 * refused instead of written.
 */
final class LedgerDocument {
    private final String file;
    private String text;
    private MappingNode root;
    private Object expected;
    private final String nl;

    LedgerDocument(LedgerSource source) {
        this.file = source.file();
        this.text = source.text();
        this.root = source.root();
        this.expected = LedgerSource.construct(text);
        this.nl = text.contains("\r\n") ? "\r\n" : "\n";
    }

    String text() {
        return text;
    }

    LedgerSource source() {
        return LedgerSource.parse(text, file);
    }

    /**
     * Sets the value at {@code path} (keys and list indexes), creating missing mappings on the way. An existing
     * mapping given a mapping with at least its keys is edited key by key (so is one that drops a key and holds a
     * comment: the key is removed on its own), and an existing list given a list at least as long is
     * edited item by item and appended to, so comments a person wrote inside them stay; a value already as given is
     * left as written. Replacing a whole collection that holds a comment is refused.
     */
    void set(List<Object> path, Object value) {
        Object normalised = normalise(value);
        Node node = find(path);
        if (node != null && !isNull(node)) {
            Object old = modelGet(path);
            if (Objects.equals(old, normalised)) {
                return;
            }
            if (node instanceof MappingNode && old instanceof Map<?, ?> oldMap && normalised instanceof Map<?, ?> map
                && byKey(node, oldMap, map)) {
                List<Object> oldKeys = List.copyOf(oldMap.keySet()); // the model's own, which the edits below change
                map.forEach((key, v) -> set(child(path, key), v));
                // a key the new mapping drops (bisect state's next: once a bisection ends) goes on its own, so a
                // comment elsewhere in the mapping stays; a collection there is emptied first (refused only when a
                // comment is inside it), since only a scalar's key can be removed
                for (Object key : oldKeys) {
                    if (!map.containsKey(key)) {
                        List<Object> dropped = child(path, key);
                        if (!(find(dropped) instanceof ScalarNode)) {
                            set(dropped, null);
                        }
                        remove(dropped);
                    }
                }
                return;
            }
            if (node instanceof SequenceNode && old instanceof List<?> oldList && normalised instanceof List<?> list
                && list.size() >= oldList.size()) {
                for (int i = 0; i < list.size(); i++) {
                    if (i < oldList.size()) {
                        set(child(path, i), list.get(i));
                    } else {
                        append(path, list.get(i));
                    }
                }
                return;
            }
            if (node instanceof CollectionNode<?>) {
                requireNoCommentInside(node, path);
            }
        }
        setWithoutCheck(path, normalised);
        modelSet(path, normalised);
        recompose();
    }

    /**
     * Whether mapping {@code node} is edited key by key rather than written anew: when it keeps its keys, unless it is
     * a flow mapping without a comment (edited key by key, a bisection's steps would grow on its one line, so it is
     * written anew in block style); when it drops keys, only to keep a comment inside it (each dropped key is then
     * removed on its own, which needs string keys and one key left).
     */
    private boolean byKey(Node node, Map<?, ?> oldMap, Map<?, ?> map) {
        if (map.keySet().containsAll(oldMap.keySet())) {
            return !isFlow(node) || holdsComment(node);
        }
        return !map.isEmpty() && oldMap.keySet().stream().allMatch(String.class::isInstance) && holdsComment(node);
    }

    private static List<Object> child(List<Object> path, Object step) {
        List<Object> child = new ArrayList<>(path);
        child.add(step);
        return child;
    }

    /**
     * Refuses to replace {@code node}, a collection, as a whole when a comment is written inside it (between its
     * items, or after one on its line): the new text could not say where the comment belonged.
     */
    private void requireNoCommentInside(Node node, List<Object> path) {
        if (holdsComment(node)) {
            throw commentRefusal(path);
        }
    }

    /** Whether {@code node}, a collection, holds a comment a whole replacement would drop. */
    private boolean holdsComment(Node node) {
        boolean flow = isFlow(node);
        int from = flow ? index(node.getStartMark()) : lineStartBefore(index(node.getStartMark()));
        int to = flow ? contentEnd(node) : lineEndAfter(contentEnd(node));
        List<int[]> scalars = new ArrayList<>();
        scalarRanges(node, scalars);
        int at = from;
        for (int[] range : scalars) {
            if (range[0] > at && text.substring(at, Math.min(range[0], to)).indexOf('#') >= 0) {
                return true;
            }
            at = Math.max(at, range[1]);
        }
        return at < to && text.substring(at, to).indexOf('#') >= 0;
    }

    /** The text ranges of the scalars in {@code node}, keys among them, in file order; a '#' outside is a comment. */
    private void scalarRanges(Node node, List<int[]> ranges) {
        if (node instanceof ScalarNode scalar) {
            int start = index(scalar.getStartMark());
            boolean block = scalar.getScalarStyle() == ScalarStyle.LITERAL
                || scalar.getScalarStyle() == ScalarStyle.FOLDED;
            // a block scalar's header line (| or > and its indicators) may end in a comment
            ranges.add(new int[] {block ? lineEndAfter(start + 1) : start, Math.max(start, index(scalar.getEndMark()))});
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> scalarRanges(item, ranges));
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                scalarRanges(tuple.getKeyNode(), ranges);
                scalarRanges(tuple.getValueNode(), ranges);
            }
        }
    }

    private RcaException commentRefusal(List<Object> path) {
        return RcaException.badInput("cannot replace " + describePath(path) + " in " + file
            + " without dropping a comment written inside it; nothing was written")
            .withHint("make this change by hand, or move the comment out of " + describePath(path));
    }

    /** Appends {@code item} to the list at {@code path}, creating the list when it is missing or empty. */
    void append(List<Object> path, Object item) {
        Object normalised = normalise(item);
        Node node = find(path);
        boolean emptyFlow = node instanceof SequenceNode s && isFlow(s) && s.getValue().isEmpty();
        if (node == null || isNull(node) || emptyFlow && !YamlWriter.isInline(List.of(normalised))) {
            setWithoutCheck(path, List.of(normalised));
            modelSet(path, new ArrayList<>(List.of(normalised)));
            recompose();
            return;
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw RcaException.badInput(String.join(".", path.stream().map(String::valueOf).toList())
                + " is not a list").at(file, LedgerSource.line(node), LedgerSource.column(node));
        }
        if (sequence.getFlowStyle() == FlowStyle.FLOW) {
            if (sequence.getValue().isEmpty()) {
                splice(index(sequence.getStartMark()) + 1, 0, YamlWriter.flow(normalised));
            } else {
                splice(contentEnd(sequence.getValue().get(sequence.getValue().size() - 1)), 0,
                    ", " + YamlWriter.flow(normalised));
            }
        } else {
            int column = sequence.getStartMark().getColumn();
            insertLineAfter(contentEnd(sequence), YamlWriter.blockItem(normalised, column, nl));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) modelGet(path);
        list.add(normalised);
        recompose();
    }

    /**
     * Removes the key {@code path} ends with, and its scalar value, from its mapping; nothing happens when it is
     * not there. A comment after the value, or after a block scalar's header ({@code because: |   # why}), is kept
     * on a line of its own; a layout where a comment would go with the value (one between key and value, or beside
     * the first key of a list item) is refused instead.
     */
    void remove(List<Object> path) {
        if (path.isEmpty() || !(path.get(path.size() - 1) instanceof String key)) {
            throw new IllegalArgumentException("only a mapping key can be removed: " + path);
        }
        if (!(find(path.subList(0, path.size() - 1)) instanceof MappingNode mapping)) {
            return;
        }
        NodeTuple tuple = tuple(mapping, key);
        if (tuple == null) {
            return;
        }
        // a lone key would leave "{}" or nothing behind, and a collection could take comments with it
        if (mapping.getValue().size() == 1 || !(tuple.getValueNode() instanceof ScalarNode value)) {
            throw refusal(null);
        }
        String headerComment = null;
        if (!isEmptyScalar(value)) {
            requireNoComment(colonAfter(tuple.getKeyNode()) + 1, index(value.getStartMark()));
            if (value.getScalarStyle() == ScalarStyle.LITERAL || value.getScalarStyle() == ScalarStyle.FOLDED) {
                int start = index(value.getStartMark());
                int headerEnd = lineEndAfter(start + 1);
                int hash = text.indexOf('#', start);
                headerComment = hash >= 0 && hash < headerEnd ? text.substring(hash, headerEnd).strip() : null;
            }
        }
        int at = mapping.getValue().indexOf(tuple);
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            removeFromFlow(mapping, at);
        } else {
            removeFromBlock(mapping, at, headerComment);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parent = (Map<String, Object>) modelGet(path.subList(0, path.size() - 1));
        parent.remove(key);
        recompose();
    }

    private void removeFromFlow(MappingNode mapping, int at) {
        NodeTuple tuple = mapping.getValue().get(at);
        int keyStart = index(tuple.getKeyNode().getStartMark());
        int end = tupleEnd(tuple);
        if (at == 0) {
            int next = index(mapping.getValue().get(1).getKeyNode().getStartMark());
            requireNoComment(end, next);
            splice(keyStart, next - keyStart, "");
        } else {
            int from = tupleEnd(mapping.getValue().get(at - 1));
            requireNoComment(from, keyStart);
            splice(from, end - from, "");
        }
    }

    /** {@code headerComment}: a comment after a block scalar's header ({@code because: |   # why}), kept in its place. */
    private void removeFromBlock(MappingNode mapping, int at, String headerComment) {
        NodeTuple tuple = mapping.getValue().get(at);
        int keyStart = index(tuple.getKeyNode().getStartMark());
        int valueEnd = tupleEnd(tuple);
        int lineStart = lineStartBefore(keyStart);
        String indent = text.substring(lineStart, keyStart);
        if (!indent.isBlank()) {
            // the key shares its line with the "- " of a list item: the next key moves up to take its place
            if (headerComment != null) {
                throw refusal(null);
            }
            int next = index(mapping.getValue().get(at + 1).getKeyNode().getStartMark());
            requireNoComment(valueEnd, next);
            splice(keyStart, next - keyStart, "");
            return;
        }
        if (text.charAt(valueEnd - 1) == '\n') {
            // a block scalar that keeps its trailing line breaks ends at the start of the next line
            splice(lineStart, valueEnd - lineStart, headerComment == null ? "" : indent + headerComment + nl);
            return;
        }
        int lineEnd = lineEndAfter(valueEnd);
        String comment = headerComment != null ? headerComment : text.substring(valueEnd, lineEnd).strip();
        if (!comment.isEmpty()) {
            splice(lineStart, lineEnd - lineStart, indent + comment);
        } else if (lineEnd < text.length()) {
            splice(lineStart, lineEnd - lineStart + (text.startsWith("\r\n", lineEnd) ? 2 : 1), "");
        } else {
            int before = lineBreakLengthBefore(lineStart);
            splice(lineStart - before, lineEnd - lineStart + before, "");
        }
    }

    /** Where a mapping entry's text ends: after its value, or after its colon when the value is empty. */
    private int tupleEnd(NodeTuple tuple) {
        return Math.max(index(tuple.getKeyNode().getEndMark()) + 1, contentEnd(tuple.getValueNode()));
    }

    /** Refuses an edit that would take the comment in {@code [from, to)} (outside any value) with it. */
    private void requireNoComment(int from, int to) {
        if (from < to && text.substring(from, to).indexOf('#') >= 0) {
            throw refusal(null);
        }
    }

    private void setWithoutCheck(List<Object> path, Object value) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("cannot replace the whole ledger");
        }
        List<Object> parentPath = path.subList(0, path.size() - 1);
        Object last = path.get(path.size() - 1);
        Node parent = find(parentPath);
        if (last instanceof Integer index) {
            if (!(parent instanceof SequenceNode sequence) || index < 0 || index >= sequence.getValue().size()) {
                throw new IllegalArgumentException("no list item at " + path);
            }
            replaceSequenceItem(sequence, index, value);
            return;
        }
        String key = (String) last;
        if (parent == null || isNull(parent)) {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put(key, value);
            setWithoutCheck(parentPath, created);
            return;
        }
        if (!(parent instanceof MappingNode mapping)) {
            throw RcaException.badInput(describePath(parentPath) + " is not a mapping")
                .at(file, LedgerSource.line(parent), LedgerSource.column(parent));
        }
        NodeTuple tuple = tuple(mapping, key);
        if (tuple == null) {
            insertKey(mapping, key, value);
        } else {
            replaceValue(mapping, tuple, value);
        }
    }

    /**
     * Sets {@code path} like {@link #set}, except that a key the mapping lacks goes where the ledger format puts it:
     * right after the last of the keys {@code order} lists before it that the mapping has (at the end when it has
     * none). {@code order} is the mapping's keys in the design's order, and holds the key.
     */
    void setInOrder(List<Object> path, Object value, List<String> order) {
        String key = (String) path.get(path.size() - 1);
        List<Object> parentPath = path.subList(0, path.size() - 1);
        int place = order.indexOf(key);
        if (place > 0 && find(parentPath) instanceof MappingNode mapping && !mapping.getValue().isEmpty()
            && tuple(mapping, key) == null) {
            NodeTuple previous = null;
            for (String before : order.subList(0, place)) {
                NodeTuple t = tuple(mapping, before);
                previous = t == null ? previous : t;
            }
            if (previous != null) {
                Object normalised = normalise(value);
                insertKeyAfter(mapping, previous, key, normalised);
                modelSet(path, normalised);
                recompose();
                return;
            }
        }
        set(path, value);
    }

    private void insertKeyAfter(MappingNode mapping, NodeTuple previous, String key, Object value) {
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            splice(tupleEnd(previous), 0, ", " + YamlWriter.key(key) + ": " + YamlWriter.flow(value));
            return;
        }
        int column = previous.getKeyNode().getStartMark().getColumn();
        insertLineAfter(pastCommentsIndentedUnder(tupleEnd(previous), column),
            " ".repeat(column) + YamlWriter.key(key) + ":" + YamlWriter.afterKey(value, column, nl));
    }

    /**
     * {@code end}, or the end of the comment-only lines right after its line that are indented deeper than
     * {@code column}: a comment written under a key's last item belongs to that key's block, and a key inserted
     * after the block goes below it, not between the comment and the items it speaks of.
     */
    private int pastCommentsIndentedUnder(int end, int column) {
        int at = end;
        int next = lineEndAfter(at);
        while (next < text.length()) {
            int lineStart = next + (text.startsWith("\r\n", next) ? 2 : 1);
            if (lineStart >= text.length()) {
                break;
            }
            int lineEnd = lineEndAfter(lineStart + 1);
            String line = text.substring(lineStart, Math.min(lineEnd, text.length()));
            String stripped = line.stripLeading();
            if (!stripped.startsWith("#") || line.length() - stripped.length() <= column) {
                break;
            }
            at = lineEnd;
            next = lineEnd;
        }
        return at;
    }

    /** Adds {@code key} at the end of {@code mapping}, as {@link #insertKeyAfter} its last key. */
    private void insertKey(MappingNode mapping, String key, Object value) {
        if (mapping.getFlowStyle() == FlowStyle.FLOW && mapping.getValue().isEmpty()) {
            splice(index(mapping.getStartMark()) + 1, 0, YamlWriter.key(key) + ": " + YamlWriter.flow(value));
            return;
        }
        insertKeyAfter(mapping, mapping.getValue().get(mapping.getValue().size() - 1), key, value);
    }

    private void replaceValue(MappingNode mapping, NodeTuple tuple, Object value) {
        Node old = tuple.getValueNode();
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            int start = index(old.getStartMark());
            String rendered = YamlWriter.flow(value);
            if (isEmptyScalar(old)) {
                splice(start, 0, " " + rendered);
            } else {
                splice(start, contentEnd(old) - start, rendered);
            }
            return;
        }
        int keyColumn = tuple.getKeyNode().getStartMark().getColumn();
        int colon = colonAfter(tuple.getKeyNode());
        boolean inline = YamlWriter.isInline(value);
        String rendered = YamlWriter.afterKey(value, keyColumn, nl);
        if (isEmptyScalar(old)) {
            if (inline) {
                spliceBeforeComment(colon + 1, 0, rendered);
            } else {
                splice(lineEndAfter(colon), 0, rendered);
            }
            return;
        }
        int start = index(old.getStartMark());
        int end = contentEnd(old);
        boolean oldIsBlockCollection = !(old instanceof ScalarNode) && !isFlow(old);
        if (oldIsBlockCollection) {
            int from = lineStartBefore(start);
            int to = lineEndAfter(end);
            if (inline) {
                splice(from - lineBreakLengthBefore(from), to - from + lineBreakLengthBefore(from), "");
                splice(colon + 1, 0, rendered);
            } else {
                splice(from - lineBreakLengthBefore(from), to - from + lineBreakLengthBefore(from), rendered);
            }
            return;
        }
        if (inline) {
            spliceBeforeComment(start, end - start, rendered.substring(1));
            return;
        }
        int from = start;
        while (from > colon + 1 && (text.charAt(from - 1) == ' ' || text.charAt(from - 1) == '\t')) {
            from--;
        }
        spliceBeforeComment(from, end - from, "");
        splice(lineEndAfter(colon), 0, rendered);
    }

    private void replaceSequenceItem(SequenceNode sequence, int index, Object value) {
        Node old = sequence.getValue().get(index);
        if (isFlow(sequence) || YamlWriter.isInline(value) && (old instanceof ScalarNode || isFlow(old))) {
            int start = index(old.getStartMark());
            splice(start, contentEnd(old) - start, YamlWriter.flow(value));
            return;
        }
        int column = sequence.getStartMark().getColumn();
        int from = lineStartBefore(index(old.getStartMark()));
        int to = lineEndAfter(contentEnd(old));
        splice(from, to - from, YamlWriter.blockItem(value, column, nl));
    }

    private void recompose() {
        // a char takes at most three bytes in UTF-8 (a surrogate pair, two chars, four)
        long bytes = 3L * text.length() <= LedgerSource.MAX_BYTES ? 0
            : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > LedgerSource.MAX_BYTES) {
            // no layout and no hand edit lets this write through: say which limit it meets
            throw RcaException.badInput("this change would make " + file + " " + bytes + " bytes, more than the "
                + LedgerSource.MAX_BYTES + "-byte limit of a ledger; nothing was written")
                .withHint("keep large logs in files and refer to them by path");
        }
        LedgerSource recomposed;
        try {
            recomposed = LedgerSource.parse(text, file);
        } catch (RcaException e) {
            throw refusal(e);
        }
        Object actual = LedgerSource.construct(text);
        if (!Objects.equals(actual, expected)) {
            throw refusal(null);
        }
        root = recomposed.root();
    }

    private RcaException refusal(Throwable cause) {
        RcaException e = RcaException.badInput("cannot edit " + file
            + " without changing what is written in it; nothing was written")
            .withHint("make this change by hand, or report the ledger layout as an rca bug");
        return cause == null ? e : e.causedBy(cause);
    }

    private void splice(int at, int length, String replacement) {
        text = text.substring(0, at) + replacement + text.substring(at + length);
    }

    /**
     * Splices like {@link #splice}, and when a comment follows on the same line keeps it in its column (at least
     * one space away), so aligned comments a person wrote stay aligned.
     */
    private void spliceBeforeComment(int at, int length, String replacement) {
        int end = at + length;
        int spaces = 0;
        while (end + spaces < text.length() && text.charAt(end + spaces) == ' ') {
            spaces++;
        }
        if (end + spaces >= text.length() || text.charAt(end + spaces) != '#') {
            splice(at, length, replacement);
            return;
        }
        int width = replacement.codePointCount(0, replacement.length()) - text.codePointCount(at, end);
        int keep = Math.max(1, spaces - width);
        splice(at, length + spaces, replacement + " ".repeat(keep));
    }

    private Node find(List<Object> path) {
        Node node = root;
        for (Object step : path) {
            if (step instanceof String key && node instanceof MappingNode mapping) {
                NodeTuple tuple = tuple(mapping, key);
                node = tuple == null ? null : tuple.getValueNode();
            } else if (step instanceof Integer i && node instanceof SequenceNode sequence
                && i >= 0 && i < sequence.getValue().size()) {
                node = sequence.getValue().get(i);
            } else {
                return null;
            }
        }
        return node;
    }

    private static NodeTuple tuple(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return tuple;
            }
        }
        return null;
    }

    /** The char index just after the last character that belongs to {@code node} (comments excluded). */
    private int contentEnd(Node node) {
        if (node instanceof ScalarNode scalar) {
            int end = index(scalar.getEndMark());
            boolean block = scalar.getScalarStyle() == ScalarStyle.LITERAL
                || scalar.getScalarStyle() == ScalarStyle.FOLDED;
            if (block && keepsTrailingBreaks(scalar)) {
                return end;
            }
            if (block || scalar.getScalarStyle() == ScalarStyle.PLAIN) {
                while (end > index(scalar.getStartMark()) && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
            }
            return end;
        }
        if (isFlow(node)) {
            return index(node.getEndMark());
        }
        if (node instanceof SequenceNode sequence) {
            return contentEnd(sequence.getValue().get(sequence.getValue().size() - 1));
        }
        return tupleEnd(((MappingNode) node).getValue().get(((MappingNode) node).getValue().size() - 1));
    }

    /** True for a block scalar with the keep indicator ({@code |+}, {@code >+}): its trailing breaks are content. */
    private boolean keepsTrailingBreaks(ScalarNode scalar) {
        int i = index(scalar.getStartMark()) + 1;
        while (i < text.length() && "+-0123456789".indexOf(text.charAt(i)) >= 0) {
            if (text.charAt(i) == '+') {
                return true;
            }
            i++;
        }
        return false;
    }

    private int colonAfter(Node key) {
        int i = index(key.getEndMark());
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != ':') {
            throw refusal(null);
        }
        return i;
    }

    /**
     * Inserts {@code lines} as new lines after the line holding {@code contentEnd}; when the content ends at the
     * start of a line (a block scalar that keeps its trailing line breaks), right there.
     */
    private void insertLineAfter(int contentEnd, String lines) {
        if (contentEnd > 0 && text.charAt(contentEnd - 1) == '\n') {
            splice(contentEnd, 0, lines + nl);
        } else {
            splice(lineEndAfter(contentEnd), 0, nl + lines);
        }
    }

    /** The index of the line break ending the line that holds {@code index - 1} (or the end of the text). */
    private int lineEndAfter(int index) {
        int i = Math.max(0, index);
        if (i > 0 && text.charAt(i - 1) == '\n') {
            i--;
            return i > 0 && text.charAt(i - 1) == '\r' ? i - 1 : i;
        }
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private int lineStartBefore(int index) {
        int i = index;
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    private int lineBreakLengthBefore(int lineStart) {
        if (lineStart >= 2 && text.startsWith("\r\n", lineStart - 2)) {
            return 2;
        }
        return lineStart >= 1 && text.charAt(lineStart - 1) == '\n' ? 1 : 0;
    }

    private int index(Mark mark) {
        int codePoints = mark.getIndex();
        return text.length() == text.codePointCount(0, text.length()) ? codePoints
            : text.offsetByCodePoints(0, codePoints);
    }

    private static boolean isFlow(Node node) {
        return node instanceof CollectionNode<?> collection && collection.getFlowStyle() == FlowStyle.FLOW;
    }

    private boolean isEmptyScalar(Node node) {
        return node instanceof ScalarNode s && s.getValue().isEmpty() && s.getTag().equals(Tag.NULL)
            && index(s.getStartMark()) == index(s.getEndMark());
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static String describePath(List<Object> path) {
        return path.isEmpty() ? "the ledger" : String.join(".", path.stream().map(String::valueOf).toList());
    }

    private Object modelGet(List<Object> path) {
        Object node = expected;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private void modelSet(List<Object> path, Object value) {
        Object node = expected;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            Object next = step instanceof Integer n ? ((List<Object>) node).get(n) : ((Map<String, Object>) node).get(step);
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                ((Map<String, Object>) node).put((String) step, next);
            }
            node = next;
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer n) {
            ((List<Object>) node).set(n, copy(value));
        } else {
            ((Map<String, Object>) node).put((String) last, copy(value));
        }
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k.toString(), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** Values as the safe constructor would read them back: ints as Integer, floats as Double, maps ordered. */
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    result.put(Objects.requireNonNull(k, "key").toString(), normalise(v));
                }
            });
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(normalise(v)));
            return result;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (value instanceof Float f) {
            return Double.valueOf(f.toString());
        }
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
            || value instanceof Boolean || value == null) {
            return value;
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " to a ledger");
    }
}
