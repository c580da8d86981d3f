package dev.rca.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Ledger format version 1: reads a composed ledger into a {@link Ledger}, collecting every deviation from the
 * format as a {@link LedgerProblem} at its position. Text fields accept any scalar as written (so {@code at:
 * 2026-11-20} or {@code text: yes} keep their spelling); unknown keys are allowed everywhere.
 */
final class LedgerSchema {
    private final List<LedgerProblem> problems = new ArrayList<>();
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final Map<String, SourcePosition> keyPositions = new HashMap<>();
    private final Map<String, SourcePosition> seenIds = new HashMap<>();
    /** Second uses of an id: {@code rca check} lists them as findings, every other command refuses the ledger. */
    private final List<LedgerProblem> duplicateIds = new ArrayList<>();

    private LedgerSchema() {
    }

    /** The ledger, or the first problem (a duplicate id after any other) as an exit-3 error. */
    static Ledger load(LedgerSource source) {
        LedgerSchema schema = new LedgerSchema();
        Ledger ledger = schema.read(source.root());
        if (!schema.problems.isEmpty()) {
            throw schema.problems.get(0).toException(source.file());
        }
        if (!schema.duplicateIds.isEmpty()) {
            throw schema.duplicateIds.get(0).toException(source.file());
        }
        return ledger;
    }

    /**
     * A composed ledger as {@code rca check} reads it: every deviation from the format, or else the ledger (the
     * second item with an id already used left out), those second uses and the values holding control characters.
     */
    static LedgerFile.CheckedReading check(LedgerSource source) {
        LedgerSchema schema = new LedgerSchema();
        Ledger ledger = schema.read(source.root());
        if (!schema.problems.isEmpty()) {
            return new LedgerFile.CheckedReading(schema.problems, null, List.of());
        }
        List<LedgerProblem> findings = new ArrayList<>(schema.duplicateIds);
        findings.addAll(source.controlCharacters());
        return new LedgerFile.CheckedReading(List.of(), ledger, findings);
    }

    private Ledger read(MappingNode root) {
        Map<String, Node> top = fields(root, "");
        Node versionNode = top.get("rca");
        int version = Ledger.VERSION;
        if (versionNode == null) {
            problem(root, "missing 'rca: 1' (the ledger format version)");
        } else if (!(versionNode instanceof ScalarNode s) || !s.getValue().strip().equals("1")) {
            problem(versionNode, "unsupported ledger version '" + shown(versionNode) + "' (this rca reads version 1)");
            return null;
        }
        String ticket = text(top.get("ticket"), "ticket");
        if (ticket == null) {
            problem(root, "missing 'ticket:'");
        } else if (!TicketId.isValid(ticket)) {
            problem(top.get("ticket"), "bad ticket id '" + ticket + "'");
        }
        String kindWord = text(top.get("kind"), "kind");
        LedgerKind kind = LedgerKind.BUG;
        if (kindWord != null) {
            if (kindWord.equals("incident")) {
                kind = LedgerKind.INCIDENT;
            } else if (!kindWord.equals("bug")) {
                problem(top.get("kind"), "kind must be 'bug' or 'incident', not '" + kindWord + "'");
            }
        }
        String statusWord = text(top.get("status"), "status");
        LedgerStatus status = statusWord == null ? LedgerStatus.OPEN : LedgerStatus.fromWord(statusWord);
        if (status == null) {
            problem(top.get("status"), "status must be open, root-caused, fixed, validated or published, not '"
                + statusWord + "'");
            status = LedgerStatus.OPEN;
        }
        List<Symptom> symptoms = items(top.get("symptoms"), "symptoms", (m, p) -> {
            String id = id(m, p, ItemKind.SYMPTOM);
            String text = requiredText(m, p, "text");
            return id == null || text == null ? null
                : new Symptom(id, text(m.get("kind"), p + ".kind"), text, text(m.get("source"), p + ".source"),
                    text(m.get("at"), p + ".at"));
        });
        List<TimelineEvent> timeline = items(top.get("timeline"), "timeline", (m, p) -> {
            String event = requiredText(m, p, "event");
            return event == null ? null
                : new TimelineEvent(text(m.get("at"), p + ".at"), event, text(m.get("source"), p + ".source"));
        });
        Repro repro = section(top.get("repro"), "repro", m -> {
            String rate = text(m.get("rate"), "repro.rate");
            if (rate != null && !Repro.isRate(rate)) {
                problem(m.get("rate"), "repro.rate must be 'deterministic' or '<failing>/<total>', not '" + rate + "'");
                rate = null;
            }
            return new Repro(text(m.get("command"), "repro.command"), rate);
        });
        List<Hypothesis> hypotheses = items(top.get("hypotheses"), "hypotheses", (m, p) -> {
            String id = id(m, p, ItemKind.HYPOTHESIS);
            String text = requiredText(m, p, "text");
            Double likelihood = number(m.get("likelihood"), p + ".likelihood");
            String word = text(m.get("status"), p + ".status");
            HypothesisStatus hs = HypothesisStatus.OPEN;
            if (word != null) {
                try {
                    hs = HypothesisStatus.valueOf(word.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problem(m.get("status"), p + ".status must be open, rejected or confirmed, not '" + word + "'");
                }
            }
            return id == null || text == null ? null : new Hypothesis(id, text, likelihood, hs,
                text(m.get("because"), p + ".because"), words(m.get("explains"), p + ".explains"),
                words(m.get("evidence"), p + ".evidence"));
        });
        List<Experiment> experiments = items(top.get("experiments"), "experiments", (m, p) -> {
            String id = id(m, p, ItemKind.EXPERIMENT);
            String action = requiredText(m, p, "action");
            return id == null || action == null ? null : new Experiment(id, text(m.get("tests"), p + ".tests"),
                action, text(m.get("result"), p + ".result"), text(m.get("at"), p + ".at"));
        });
        List<Evidence> evidence = items(top.get("evidence"), "evidence", (m, p) -> {
            String id = id(m, p, ItemKind.EVIDENCE);
            String kindOfEvidence = text(m.get("kind"), p + ".kind");
            List<String> commits = words(m.get("commits"), p + ".commits");
            Integer total = integer(m.get("total_commits"), p + ".total_commits");
            if (total != null && total < commits.size()) {
                problem(m.get("total_commits"), p + ".total_commits is less than the " + commits.size()
                    + " commits listed");
                total = null;
            }
            return id == null ? null : new Evidence(id, kindOfEvidence == null ? "note" : kindOfEvidence,
                text(m.get("commit"), p + ".commit"), text(m.get("subject"), p + ".subject"),
                text(m.get("author"), p + ".author"), text(m.get("date"), p + ".date"),
                text(m.get("note"), p + ".note"), text(m.get("command"), p + ".command"),
                commits, Evidence.LOG_DIFF.equals(kindOfEvidence) ? logDivergence(m, p) : null,
                text(m.get("at"), p + ".at"), total);
        });
        BisectRecord bisect = section(top.get("bisect"), "bisect", m -> {
            List<BisectStep> steps = items(m.get("steps"), "bisect.steps", (s, p) -> {
                String commit = requiredText(s, p, "commit");
                String verdict = requiredText(s, p, "verdict");
                if (verdict != null && !Set.of("good", "bad", "skip").contains(verdict)) {
                    problem(s.get("verdict"), p + ".verdict must be good, bad or skip, not '" + verdict + "'");
                    verdict = null;
                }
                Double runs = number(s.get("runs"), p + ".runs");
                String by = text(s.get("by"), p + ".by");
                if (by != null && !Set.of("run", "hand").contains(by)) {
                    problem(s.get("by"), p + ".by must be run or hand, not '" + by + "'");
                    by = null;
                }
                return commit == null || verdict == null ? null
                    : new BisectStep(commit, verdict, runs == null ? 1 : Math.max(0, runs.intValue()), by,
                        text(s.get("at"), p + ".at"));
            });
            Map<String, Object> extra = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!Set.of("good", "bad", "paths", "steps", "first_bad").contains(k)) {
                    extra.put(k, plain(v));
                }
            });
            return new BisectRecord(words(m.get("good"), "bisect.good"), text(m.get("bad"), "bisect.bad"),
                words(m.get("paths"), "bisect.paths"), steps, text(m.get("first_bad"), "bisect.first_bad"), extra);
        });
        RootCause rootCause = section(top.get("root_cause"), "root_cause", m -> new RootCause(
            text(m.get("text"), "root_cause.text"), words(m.get("offending"), "root_cause.offending")));
        Fix fix = section(top.get("fix"), "fix", m -> new Fix(words(m.get("commits"), "fix.commits"),
            text(m.get("review"), "fix.review"), text(m.get("text"), "fix.text"),
            items(m.get("prior_attempts"), "fix.prior_attempts", (a, p) -> new PriorAttempt(
                text(a.get("ref"), p + ".ref"), text(a.get("why_insufficient"), p + ".why_insufficient")))));
        Slipped slipped = section(top.get("slipped"), "slipped", m -> {
            String category = text(m.get("category"), "slipped.category");
            if (category != null && !Slipped.CATEGORIES.contains(category)) {
                problem(m.get("category"), "slipped.category must be one of " + String.join(", ",
                    new java.util.TreeSet<>(Slipped.CATEGORIES)) + ", not '" + category + "'");
            }
            return new Slipped(category, text(m.get("text"), "slipped.text"));
        });
        Validation validation = section(top.get("validation"), "validation", m -> new Validation(
            items(m.get("checks"), "validation.checks", (c, p) -> {
                String what = requiredText(c, p, "what");
                return what == null ? null : new ValidationCheck(what, text(c.get("evidence"), p + ".evidence"));
            }),
            text(m.get("not_covered"), "validation.not_covered"),
            section(m.get("verify"), "validation.verify", v -> {
                Boolean passed = bool(v.get("passed"), "validation.verify.passed");
                if (passed == null) {
                    problem(v.get("passed") == null ? m.get("verify") : v.get("passed"),
                        "validation.verify.passed must be true or false");
                }
                return new VerifyRecord(text(v.get("command"), "validation.verify.command"),
                    text(v.get("fix"), "validation.verify.fix"), text(v.get("parent"), "validation.verify.parent"),
                    integer(v.get("runs"), "validation.verify.runs"),
                    wholeNumber(v.get("timeout"), "validation.verify.timeout"),
                    integer(v.get("parent_failures"), "validation.verify.parent_failures"),
                    integer(v.get("parent_timeouts"), "validation.verify.parent_timeouts"),
                    integer(v.get("parent_untestable"), "validation.verify.parent_untestable"),
                    integer(v.get("fix_passes"), "validation.verify.fix_passes"),
                    integer(v.get("fix_timeouts"), "validation.verify.fix_timeouts"),
                    integer(v.get("fix_untestable"), "validation.verify.fix_untestable"),
                    Boolean.TRUE.equals(passed), text(v.get("at"), "validation.verify.at"));
            })));
        Node actionNode = top.get("action_items");
        boolean noActionItems = actionNode instanceof ScalarNode s && s.getValue().strip().equalsIgnoreCase("none");
        List<ActionItem> actionItems = noActionItems ? List.of() : items(actionNode, "action_items", (a, p) -> {
            String what = requiredText(a, p, "what");
            return what == null ? null : new ActionItem(what, text(a.get("owner"), p + ".owner"),
                text(a.get("tracking"), p + ".tracking"));
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        top.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                extra.put(k, plain(v));
            }
        });
        String title = text(top.get("title"), "title");
        String owner = text(top.get("owner"), "owner");
        String summary = text(top.get("summary"), "summary");
        String whySymptom = text(top.get("why_symptom"), "why_symptom");
        String howFound = text(top.get("how_found"), "how_found");
        if (!problems.isEmpty()) {
            return null;
        }
        return new Ledger(version, ticket, title, kind, owner, status, summary, symptoms, timeline, repro,
            hypotheses, experiments, evidence, bisect, rootCause, whySymptom, fix, howFound, slipped, validation,
            actionItems, noActionItems, extra, positions, keyPositions);
    }

    /** What {@code rca logs diff -t} recorded; a field left out reads as unknown. */
    private LogDivergence logDivergence(Map<String, Node> item, String path) {
        // an item written by hand, without what rca logs diff records, states no comparison at all
        if (Stream.of("match", "first_divergence", "only_in_good", "only_in_bad", "unmatched")
            .noneMatch(item::containsKey)) {
            return null;
        }
        Long[] first = new Long[2];
        section(item.get("first_divergence"), path + ".first_divergence", f -> {
            first[0] = wholeNumber(f.get("good_line"), path + ".first_divergence.good_line");
            first[1] = wholeNumber(f.get("bad_line"), path + ".first_divergence.bad_line");
            return null;
        });
        Long onlyInGood = wholeNumber(item.get("only_in_good"), path + ".only_in_good");
        Long onlyInBad = wholeNumber(item.get("only_in_bad"), path + ".only_in_bad");
        List<LogDivergence.Line> unmatched = items(item.get("unmatched"), path + ".unmatched", (u, p) -> {
            String side = text(u.get("side"), p + ".side");
            Long number = wholeNumber(u.get("line"), p + ".line");
            String text = text(u.get("text"), p + ".text");
            return side == null || number == null || text == null || !Set.of("good", "bad").contains(side) ? null
                : new LogDivergence.Line(side.equals("good"), number, text);
        });
        LogDivergence divergence = new LogDivergence(first[0], first[1], onlyInGood == null ? 0 : onlyInGood,
            onlyInBad == null ? 0 : onlyInBad, unmatched);
        // "the logs match" only where the comparison said so
        return divergence.matched() && !Boolean.TRUE.equals(bool(item.get("match"), path + ".match")) ? null
            : divergence;
    }

    private Long wholeNumber(Node node, String path) {
        Integer value = integer(node, path);
        return value == null ? null : value.longValue();
    }

    /** The ledger's top-level keys, in the design's order. */
    static final List<String> TOP_LEVEL_KEYS = List.of("rca", "ticket", "title", "kind", "owner", "status", "summary",
        "symptoms", "timeline", "repro", "hypotheses", "experiments", "evidence", "bisect", "root_cause",
        "why_symptom", "fix", "how_found", "slipped", "validation", "action_items");

    private static final Set<String> KNOWN = Set.copyOf(TOP_LEVEL_KEYS);

    /**
     * The known top-level key {@code key} is most likely a slip for: the nearest within two edits (inserted, removed
     * or replaced characters), one for a key of five characters or fewer (two edits turn {@code foo} into
     * {@code fix}), the first in the format's order on a tie; {@code null} when none is that near, since a key far
     * from every known one is a field of the user's own, which the format keeps.
     */
    static String misspeltKey(String key) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String known : TOP_LEVEL_KEYS) {
            int d = editDistance(key, known);
            if (d < best && d <= (known.length() <= 5 ? 1 : 2)) {
                best = d;
                nearest = known;
            }
        }
        return nearest;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The keys of an item of {@code kind}, in the design's order. */
    static List<String> itemKeys(ItemKind kind) {
        return switch (kind) {
            case SYMPTOM -> List.of("id", "kind", "text", "source", "at");
            case HYPOTHESIS -> List.of("id", "text", "likelihood", "status", "because", "explains", "evidence");
            case EXPERIMENT -> List.of("id", "tests", "action", "result");
            case EVIDENCE -> List.of("id", "kind", "commit", "subject", "author", "date", "note");
        };
    }

    private Map<String, Node> fields(MappingNode mapping, String path) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            fields.put(key, tuple.getValueNode());
            positions.put(path.isEmpty() ? key : path + "." + key, LedgerSource.position(tuple.getValueNode()));
            keyPositions.put(path.isEmpty() ? key : path + "." + key, LedgerSource.position(tuple.getKeyNode()));
        }
        return fields;
    }

    private <T> T section(Node node, String path, java.util.function.Function<Map<String, Node>, T> reader) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path + " must be a mapping (key: value lines), not a " + LedgerSource.describe(node));
            return null;
        }
        return reader.apply(fields(mapping, path));
    }

    private <T> List<T> items(Node node, String path, BiFunction<Map<String, Node>, String, T> reader) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, path + " must be a list, not a " + LedgerSource.describe(node));
            return List.of();
        }
        List<T> result = new ArrayList<>();
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            Node item = values.get(i);
            String itemPath = path + "." + i;
            positions.put(itemPath, LedgerSource.position(item));
            if (!(item instanceof MappingNode mapping)) {
                problem(item, "each item of " + path + " must be a mapping, not a " + LedgerSource.describe(item));
                continue;
            }
            T value = reader.apply(fields(mapping, itemPath), itemPath);
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    private String id(Map<String, Node> item, String path, ItemKind kind) {
        String id = requiredText(item, path, "id");
        if (id == null) {
            return null;
        }
        if (!kind.isId(id)) {
            problem(item.get("id"), "'" + id + "' is not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " id (" + kind.prefix() + "<n>)");
            return null;
        }
        SourcePosition here = LedgerSource.position(item.get("id"));
        SourcePosition first = seenIds.putIfAbsent(id, here);
        if (first != null) {
            duplicateIds.add(new LedgerProblem(here, "duplicate id " + id + " (the first " + id + " is on line "
                + first.line() + "): an id names one item"));
            return null;
        }
        return id;
    }

    private String requiredText(Map<String, Node> item, String path, String key) {
        String value = text(item.get(key), path + "." + key);
        Node node = item.get(key);
        if (value == null && (node == null || isNull(node))) {
            problem(firstNode(item), path + " has no '" + key + ":'");
        }
        return value;
    }

    private Node firstNode(Map<String, Node> item) {
        return item.values().stream().findFirst().orElse(null);
    }

    private String text(Node node, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path + " must be text, not a " + LedgerSource.describe(node));
            return null;
        }
        return scalar.getValue();
    }

    private Double number(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value) && !text.strip().matches(".*[xXfFdD].*")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, path + " must be a number, not '" + text + "'");
        return null;
    }

    private Integer integer(Node node, String path) {
        Double value = number(node, path);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            problem(node, path + " must be a whole number");
            return null;
        }
        return value.intValue();
    }

    private Boolean bool(Node node, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Set.of("true", "yes", "on", "y").contains(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        problem(node, path + " must be true or false");
        return Boolean.FALSE;
    }

    private List<String> words(Node node, String path) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (node instanceof ScalarNode scalar) {
            return java.util.Arrays.stream(scalar.getValue().split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, path + " must be a list, not a " + LedgerSource.describe(node));
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            positions.put(path + "." + words.size(), LedgerSource.position(item));
            String word = text(item, path);
            if (word != null) {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static Object plain(Node node) {
        if (node instanceof ScalarNode s) {
            return isNull(s) ? null : s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(LedgerSchema::plain).toList();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            map.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode()));
        }
        return map;
    }

    private static String shown(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : LedgerSource.describe(node);
    }

    private void problem(Node node, String message) {
        problems.add(new LedgerProblem(node == null ? SourcePosition.START : LedgerSource.position(node), message));
    }
}
