package dev.rca.config;

import dev.rca.RcaException;
import dev.rca.postmortem.LintRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The repository's rca settings, read from {@code .rca.yaml} at the root of the work tree.
 *
 * <pre>{@code
 * lint:
 *   disable: [hedging]            # rule ids turned off
 *   hedging_words: ["arguably"]   # added to the built-in lists
 *   blame_words: ["sloppy"]
 *   coverage_words: ["smoke-tested only"]
 *   foreign_shas: [03979f73ef34]  # commits of other repositories a post-mortem may quote
 * logs:
 *   masks: ['req-[0-9a-f]{8}']    # extra regular expressions masked by rca logs diff
 * }</pre>
 *
 * Every key is optional. Unknown keys are reported in {@link #warnings()} and otherwise ignored, so a
 * file written for a newer rca still loads; a known key with the wrong type is an error.
 *
 * @param lint     settings of {@code rca lint}
 * @param logs     settings of {@code rca logs}
 * @param warnings one line per ignored key, {@code .rca.yaml:<line>:<col>: unknown key '<key>' ignored}, the key
 *                 named by its path ({@code lint.colour})
 */
public record RcaConfig(Lint lint, Logs logs, List<String> warnings) {
    /** The file name, at the root of the work tree. */
    public static final String FILE_NAME = ".rca.yaml";
    /** The largest {@code .rca.yaml} read: 1 MiB, a tenth of a ledger's limit, for a few lists of words and masks. */
    static final int MAX_BYTES = 1024 * 1024;

    public RcaConfig {
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(logs, "logs");
        warnings = List.copyOf(warnings);
    }

    /**
     * Settings of {@code rca lint}.
     *
     * @param disabled      rules turned off
     * @param hedgingWords  words and phrases flagged as hedging, besides the built-in ones
     * @param blameWords    words and phrases flagged as blame, besides the built-in ones
     * @param coverageWords phrases accepted as a statement of validation coverage, besides the built-in ones
     * @param foreignShas   abbreviated SHAs of commits in other repositories (an upstream fix a commit subject
     *                      names) that the {@code unknown-sha} rule lets pass; lower-case hex
     */
    public record Lint(Set<LintRule> disabled, List<String> hedgingWords, List<String> blameWords,
                       List<String> coverageWords, List<String> foreignShas) {
        public Lint(Set<LintRule> disabled, List<String> hedgingWords, List<String> blameWords,
                    List<String> coverageWords) {
            this(disabled, hedgingWords, blameWords, coverageWords, List.of());
        }

        public Lint {
            for (String sha : foreignShas) {
                if (!sha.matches("[0-9a-f]{7,64}")) {
                    throw new IllegalArgumentException("not an abbreviated SHA: " + sha);
                }
            }
            foreignShas = List.copyOf(foreignShas);
            disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
            hedgingWords = words(hedgingWords, "hedging");
            blameWords = words(blameWords, "blame");
            coverageWords = words(coverageWords, "coverage");
        }

        private static List<String> words(List<String> words, String kind) {
            for (String w : words) {
                if (w == null || w.isBlank()) {
                    throw new IllegalArgumentException("blank " + kind + " word");
                }
            }
            return List.copyOf(words);
        }

        /** True unless the rule is turned off. */
        public boolean enabled(LintRule rule) {
            return !disabled.contains(rule);
        }

        /** Whether {@code hex} (lower case) names one of {@link #foreignShas}, at any length both share. */
        public boolean isForeign(String hex) {
            return foreignShas.stream().anyMatch(f -> f.startsWith(hex) || hex.startsWith(f));
        }
    }

    /**
     * Settings of {@code rca logs}.
     *
     * @param masks extra regular expressions (Java syntax) whose matches are masked before two logs are compared
     */
    public record Logs(List<String> masks) {
        public Logs {
            for (String mask : masks) {
                Pattern.compile(mask);
            }
            masks = List.copyOf(masks);
        }

        /** The masks, compiled. */
        public List<Pattern> maskPatterns() {
            return masks.stream().map(Pattern::compile).toList();
        }
    }

    /** Everything at its default: every rule on, no extra words, no extra masks. */
    public static RcaConfig defaults() {
        return new RcaConfig(new Lint(Set.of(), List.of(), List.of(), List.of()), new Logs(List.of()), List.of());
    }

    /** The configuration of {@code workspace}'s work tree; {@link #defaults()} in a bare repository. */
    public static RcaConfig of(dev.rca.git.GitWorkspace workspace) {
        return workspace.isBare() ? defaults() : load(workspace.workTree());
    }

    /**
     * Reads {@code <repoRoot>/.rca.yaml}, or returns {@link #defaults()} when there is none.
     *
     * @throws RcaException exit 3, located at the offending line and column, when the file is malformed
     */
    public static RcaConfig load(Path repoRoot) {
        Path file = repoRoot.resolve(FILE_NAME);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(readBounded(file))).toString();
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (CharacterCodingException e) {
            throw RcaException.badInput(FILE_NAME + " is not UTF-8 text", e).at(file.toString());
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * The bytes of {@code file}, refusing what is no configuration: a committed {@code .rca.yaml} can be a symbolic
     * link to {@code /dev/zero} or a FIFO (endless, or blocking), or simply huge.
     */
    private static byte[] readBounded(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw RcaException.badInput(FILE_NAME + " is not a regular file"
                + (Files.isSymbolicLink(file) ? " (a symbolic link to " + Files.readSymbolicLink(file) + ")" : ""))
                .at(file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw RcaException.badInput(FILE_NAME + " is larger than the " + MAX_BYTES + "-byte limit")
                    .at(file.toString());
            }
            return bytes;
        }
    }

    /**
     * Parses the text of a {@code .rca.yaml}; {@code source} names it in errors (warnings name it {@code .rca.yaml}).
     *
     * @throws RcaException exit 3, located at the offending line and column, when the text is malformed
     */
    public static RcaConfig parse(String yamlText, String source) {
        return new Reader(source).read(yamlText);
    }

    /** Walks the composed node tree, so every error can name the line and column it comes from. */
    private static final class Reader {
        private final String source;
        private final List<String> warnings = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        RcaConfig read(String yamlText) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            Node root;
            try {
                root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yamlText));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                RcaException error = RcaException.badInput(FILE_NAME + " is not valid YAML: " + problem, e);
                throw mark == null ? error.at(source) : error.at(source, mark.getLine() + 1, mark.getColumn() + 1);
            } catch (YAMLException e) {
                throw RcaException.badInput(FILE_NAME + " is not valid YAML: " + e.getMessage(), e).at(source);
            }
            Set<LintRule> disabled = EnumSet.noneOf(LintRule.class);
            List<String> hedging = List.of();
            List<String> blame = List.of();
            List<String> coverage = List.of();
            List<String> foreign = List.of();
            List<String> masks = List.of();
            if (root == null || isNull(root)) {
                return defaults();
            }
            for (NodeTuple section : entries(root, "the top level")) {
                String name = key(section);
                Node value = section.getValueNode();
                switch (name) {
                    case "lint" -> {
                        if (isNull(value)) {
                            continue;
                        }
                        for (NodeTuple entry : entries(value, "lint")) {
                            String key = key(entry);
                            Node node = entry.getValueNode();
                            switch (key) {
                                case "disable" -> disabled = rules(node);
                                case "hedging_words" -> hedging = strings(node, "lint.hedging_words");
                                case "blame_words" -> blame = strings(node, "lint.blame_words");
                                case "coverage_words" -> coverage = strings(node, "lint.coverage_words");
                                case "foreign_shas" -> foreign = foreignShas(node);
                                default -> warnUnknown(entry, "lint." + key);
                            }
                        }
                    }
                    case "logs" -> {
                        if (isNull(value)) {
                            continue;
                        }
                        for (NodeTuple entry : entries(value, "logs")) {
                            if (key(entry).equals("masks")) {
                                masks = regexes(entry.getValueNode());
                            } else {
                                warnUnknown(entry, "logs." + key(entry));
                            }
                        }
                    }
                    default -> warnUnknown(section, name);
                }
            }
            return new RcaConfig(new Lint(disabled, hedging, blame, coverage, foreign), new Logs(masks), warnings);
        }

        private void warnUnknown(NodeTuple entry, String path) {
            Mark m = entry.getKeyNode().getStartMark();
            // named as the user wrote it at the top of the work tree, as the keys are (lint.colour)
            warnings.add(FILE_NAME + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": unknown key '" + path
                + "' ignored");
        }

        private List<NodeTuple> entries(Node node, String where) {
            if (!(node instanceof MappingNode mapping)) {
                throw error(node, where + " must be a mapping of keys to values, not " + describe(node));
            }
            Set<String> seen = new HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = key(tuple);
                if (!seen.add(key)) {
                    throw error(tuple.getKeyNode(), "duplicate key '" + key + "' in " + where);
                }
            }
            return mapping.getValue();
        }

        private String key(NodeTuple tuple) {
            if (!(tuple.getKeyNode() instanceof ScalarNode scalar) || isNull(scalar)) {
                throw error(tuple.getKeyNode(), "keys must be plain words");
            }
            return scalar.getValue();
        }

        private Set<LintRule> rules(Node node) {
            Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
            for (ScalarNode item : scalars(node, "lint.disable")) {
                LintRule rule = LintRule.byId(item.getValue()).orElseThrow(() -> error(item,
                    "lint.disable: unknown rule '" + item.getValue() + "'")
                    .withHint("rules are: " + LintRule.allIds()));
                rules.add(rule);
            }
            return rules;
        }

        private List<String> strings(Node node, String where) {
            List<String> words = new ArrayList<>();
            for (ScalarNode item : scalars(node, where)) {
                if (item.getValue().isBlank()) {
                    throw error(item, where + ": empty entry");
                }
                words.add(item.getValue().strip());
            }
            return words;
        }

        private List<String> foreignShas(Node node) {
            List<String> shas = new ArrayList<>();
            for (ScalarNode item : scalars(node, "lint.foreign_shas")) {
                String sha = item.getValue().toLowerCase(java.util.Locale.ROOT);
                if (!sha.matches("[0-9a-f]{7,64}")) {
                    throw error(item, "lint.foreign_shas: '" + item.getValue() + "' is not a SHA of 7 to 64 hex digits");
                }
                shas.add(sha);
            }
            return shas;
        }

        private List<String> regexes(Node node) {
            List<String> masks = new ArrayList<>();
            for (ScalarNode item : scalars(node, "logs.masks")) {
                try {
                    if (item.getValue().isEmpty()) {
                        throw error(item, "logs.masks: empty regular expression");
                    }
                    Pattern.compile(item.getValue());
                } catch (PatternSyntaxException e) {
                    throw error(item, "logs.masks: bad regular expression '" + item.getValue() + "': "
                        + e.getDescription()).causedBy(e);
                }
                masks.add(item.getValue());
            }
            return masks;
        }

        private List<ScalarNode> scalars(Node node, String where) {
            if (isNull(node)) {
                return List.of();
            }
            if (!(node instanceof SequenceNode sequence)) {
                throw error(node, where + " must be a list, not " + describe(node));
            }
            List<ScalarNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                    throw error(item, where + ": entries must be strings, not " + describe(item));
                }
                items.add(scalar);
            }
            return items;
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
        }

        private static String describe(Node node) {
            if (isNull(node)) {
                return "nothing";
            }
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            return "'" + ((ScalarNode) node).getValue() + "'";
        }

        private RcaException error(Node node, String message) {
            Mark m = node.getStartMark();
            return RcaException.badInput(FILE_NAME + ": " + message).at(source, m.getLine() + 1, m.getColumn() + 1);
        }
    }
}
