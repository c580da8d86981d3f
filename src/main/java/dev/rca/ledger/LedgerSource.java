package dev.rca.ledger;

import dev.rca.RcaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The text of a ledger file and its YAML node tree, read defensively: size limit before parsing, strict UTF-8,
 * no byte-order mark, no control characters, one document, a mapping at the top, no anchors, aliases, merge
 * keys or non-standard tags, no duplicate keys, bounded nesting. Every refusal is one {@link RcaException}
 * (exit 3) located at {@code file:line:col}.
 */
public final class LedgerSource {
    /** Files larger than this are refused before parsing. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final int MAX_NESTING = 30;
    /** No value (or line) a person writes in a ledger is longer than this; a longer one is pasted data, refused. */
    private static final int MAX_SCALAR_CHARS = 1_000_000;
    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
        Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

    private final String file;
    private final String text;
    private final MappingNode root;

    private LedgerSource(String file, String text, MappingNode root) {
        this.file = file;
        this.text = text;
        this.root = root;
    }

    /** Reads and composes the ledger at {@code path}, shown in messages as {@code file}. */
    public static LedgerSource read(Path path, String file) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw RcaException.badInput("ledger is " + size + " bytes, more than the " + MAX_BYTES
                    + "-byte limit").at(file, 1, 1);
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw RcaException.badInput("no ledger at " + file, e);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read ledger " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file);
    }

    /** Composes ledger text from raw bytes; see the class comment for what is refused. */
    public static LedgerSource parse(byte[] bytes, String file) {
        if (bytes.length > MAX_BYTES) {
            throw RcaException.badInput("ledger is larger than the " + MAX_BYTES + "-byte limit").at(file, 1, 1);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            throw RcaException.badInput("ledger starts with a byte-order mark").at(file, 1, 1)
                .withHint("save the file as UTF-8 without a BOM");
        }
        String text = decode(bytes, file);
        return parse(text, file);
    }

    /** Composes ledger text; see the class comment for what is refused. */
    public static LedgerSource parse(String text, String file) {
        refuseControlCharacters(text, file);
        if (text.isBlank() || onlyComments(text)) {
            throw RcaException.badInput("ledger is empty").at(file, 1, 1)
                .withHint("recreate it with 'rca open <TICKET>' or restore it from git");
        }
        refuseAnchorsAndDeepNesting(text, file);
        Node node;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), loaderOptions()),
                new Resolver(), loaderOptions());
            node = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            throw located(e, file);
        } catch (YAMLException | IllegalStateException e) {
            throw RcaException.badInput("malformed ledger: " + oneLine(e.getMessage()), e).at(file);
        } catch (StackOverflowError e) {
            throw RcaException.badInput("malformed ledger: nested too deeply").at(file);
        }
        if (node == null) {
            throw RcaException.badInput("ledger is empty").at(file, 1, 1);
        }
        if (!(node instanceof MappingNode mapping)) {
            throw RcaException.badInput("malformed ledger: the top level must be a mapping (rca: 1, ticket: …), not a "
                + describe(node)).at(file, line(node), column(node));
        }
        refuseUnsafeStructure(mapping, file, 1);
        return new LedgerSource(file, text, mapping);
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING * 2);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        return options;
    }

    /** Constructs the plain Java value of ledger text (maps, lists, scalars) with the safe constructor. */
    static Object construct(String text) {
        return new Yaml(new SafeConstructor(loaderOptions())).load(text);
    }

    /** An event pass before composing, so alias bombs and deep nesting are refused with a position. */
    private static void refuseAnchorsAndDeepNesting(String text, String file) {
        try {
            ParserImpl parser = new ParserImpl(new StreamReader(text), loaderOptions());
            int depth = 0;
            while (!parser.checkEvent(Event.ID.StreamEnd)) {
                Event event = parser.getEvent();
                Mark mark = event.getStartMark();
                if (event instanceof AliasEvent alias) {
                    throw RcaException.badInput("malformed ledger: anchors and aliases (*" + alias.getAnchor()
                        + ") are not allowed in a ledger").at(file, mark.getLine() + 1, mark.getColumn() + 1);
                }
                if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    throw RcaException.badInput("malformed ledger: anchors and aliases (&" + node.getAnchor()
                        + ") are not allowed in a ledger").at(file, mark.getLine() + 1, mark.getColumn() + 1);
                }
                if (event instanceof CollectionStartEvent) {
                    depth++;
                    if (depth > MAX_NESTING) {
                        throw RcaException.badInput("malformed ledger: nested more than " + MAX_NESTING
                            + " levels deep").at(file, mark.getLine() + 1, mark.getColumn() + 1);
                    }
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (MarkedYAMLException e) {
            throw located(e, file);
        } catch (YAMLException e) {
            throw RcaException.badInput("malformed ledger: " + oneLine(e.getMessage()), e).at(file);
        }
    }

    private static String decode(byte[] bytes, String file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw RcaException.badInput("ledger is not valid UTF-8 (binary data?)", e)
                .at(file, line, bad - lineStart + 1);
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    private static void refuseControlCharacters(String text, String file) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (c != '\r' && isControlCharacter(c)) {
                throw RcaException.badInput(String.format("ledger contains the control character U+%04X (binary data?)",
                    (int) c)).at(file, line, column);
            }
            if (column > MAX_SCALAR_CHARS) {
                // SnakeYAML's scanner slows down with the square of a line's length: refuse before parsing
                int end = text.indexOf('\n', i);
                int length = (end < 0 ? text.length() : end) - (i - column + 1);
                throw RcaException.badInput("malformed ledger: a line of " + length + " characters is longer than the "
                    + MAX_SCALAR_CHARS + "-character limit").at(file, line, 1)
                    .withHint("keep large logs in files and refer to them by path");
            }
            column++;
        }
    }

    /**
     * True for a character no ledger value holds: a C0 control other than tab and line feed, DEL, a C1 control
     * other than NEL, and the byte-order mark. A terminal, or a Markdown viewer, acts on them.
     */
    static boolean isControlCharacter(char c) {
        return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f || c == '\ufeff' || c >= 0x80 && c < 0xa0 && c != 0x85;
    }

    /** The first control character (see {@link #isControlCharacter}) in {@code value}, or -1. */
    public static int firstControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControlCharacter(value.charAt(i))) {
                return value.charAt(i);
            }
        }
        return -1;
    }

    /**
     * The values (and keys) that hold a control character, written escaped ({@code "\u001b"}) as the reader
     * accepts: one finding each, at the value, in file order.
     */
    List<LedgerProblem> controlCharacters() {
        List<LedgerProblem> found = new java.util.ArrayList<>();
        controlCharacters(root, "", found);
        return found;
    }

    private static void controlCharacters(Node node, String path, List<LedgerProblem> found) {
        if (node instanceof ScalarNode scalar) {
            int c = firstControlCharacter(scalar.getValue());
            if (c >= 0) {
                found.add(new LedgerProblem(position(node), String.format("%s holds the control character U+%04X, "
                    + "which a terminal or a Markdown viewer acts on: remove it", path, c)));
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                controlCharacters(sequence.getValue().get(i), child(path, String.valueOf(i)), found);
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                controlCharacters(tuple.getKeyNode(), child(path, key), found);
                controlCharacters(tuple.getValueNode(), child(path, key), found);
            }
        }
    }

    private static String child(String path, String step) {
        return path.isEmpty() ? step : path + "." + step;
    }

    private static boolean onlyComments(String text) {
        return text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---")
            || l.equals("..."));
    }

    private static void refuseUnsafeStructure(Node node, String file, int depth) {
        if (depth > MAX_NESTING) {
            throw RcaException.badInput("malformed ledger: nested more than " + MAX_NESTING + " levels deep")
                .at(file, line(node), column(node));
        }
        if (!STANDARD_TAGS.contains(node.getTag())) {
            throw RcaException.badInput("malformed ledger: the tag " + node.getTag() + " is not allowed")
                .at(file, line(node), column(node));
        }
        if (node instanceof ScalarNode scalar && scalar.getValue().length() > MAX_SCALAR_CHARS) {
            throw RcaException.badInput("malformed ledger: a value of " + scalar.getValue().length()
                + " characters is longer than the " + MAX_SCALAR_CHARS + "-character limit")
                .at(file, line(node), column(node)).withHint("keep large logs in files and refer to them by path");
        }
        if (node instanceof MappingNode mapping) {
            Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode scalarKey)) {
                    throw RcaException.badInput("malformed ledger: a key must be a plain word, not a "
                        + describe(key)).at(file, line(key), column(key));
                }
                if (key.getTag().equals(Tag.MERGE) || "<<".equals(scalarKey.getValue())) {
                    throw RcaException.badInput("malformed ledger: merge keys (<<) are not allowed")
                        .at(file, line(key), column(key));
                }
                refuseUnsafeStructure(key, file, depth + 1);
                if (!seen.add(scalarKey.getValue())) {
                    throw RcaException.badInput("malformed ledger: duplicate key '" + scalarKey.getValue() + "'")
                        .at(file, line(key), column(key));
                }
                refuseUnsafeStructure(tuple.getValueNode(), file, depth + 1);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                refuseUnsafeStructure(item, file, depth + 1);
            }
        }
    }

    private static RcaException located(MarkedYAMLException e, String file) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = e.getContext() != null ? e.getContext() + ": " : "";
        RcaException error = RcaException.badInput("malformed ledger: " + oneLine(context + problem), e);
        return mark == null ? error.at(file) : error.at(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String oneLine(String message) {
        String m = message == null ? "unreadable YAML" : message.strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl).strip();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        if (node instanceof SequenceNode) {
            return "list";
        }
        return "scalar";
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    static int column(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getColumn() + 1;
    }

    static SourcePosition position(Node node) {
        return new SourcePosition(line(node), column(node));
    }

    /** The file name shown in messages. */
    public String file() {
        return file;
    }

    /** The exact text of the file. */
    public String text() {
        return text;
    }

    /** The composed top-level mapping, with marks into {@link #text()}. */
    MappingNode root() {
        return root;
    }
}
