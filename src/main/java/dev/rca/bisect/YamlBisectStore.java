package dev.rca.bisect;

import dev.rca.RcaException;
import dev.rca.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Keeps the state in a YAML file ({@code .git/rca/bisect.yaml}) whose {@code bisect:} mapping has
 * exactly the ledger section's shape. Writes go to a temporary file that is renamed over it, not synced: a killed
 * process leaves the old state or the new, as git's refs/bisect (which it does not sync either).
 */
public final class YamlBisectStore implements BisectStore {
    /** A step's {@code by:} when a {@code run} decided it. */
    public static final String BY_RUN = "run";
    /** A step's {@code by:} when it was marked by hand. */
    public static final String BY_HAND = "hand";
    private final Path file;

    /** A store in {@code file}; nothing is read or written until asked. */
    public YamlBisectStore(Path file) {
        this.file = file;
    }

    @Override
    public Optional<BisectState> load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RcaException.badInput("cannot read " + file + ": " + e.getMessage(), e);
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw RcaException.badInput("malformed bisect state: " + e.getProblem())
                .at(file.toString(), mark.getLine() + 1, mark.getColumn() + 1);
        } catch (YAMLException e) {
            throw RcaException.badInput("malformed bisect state: " + e.getMessage()).at(file.toString());
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("bisect") instanceof Map<?, ?> section)) {
            throw RcaException.badInput("malformed bisect state: no 'bisect' mapping").at(file.toString());
        }
        try {
            return Optional.of(fromMap(section));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw RcaException.badInput("malformed bisect state: " + e.getMessage(), e).at(file.toString());
        }
    }

    /** The state from a {@code bisect:} mapping as SnakeYAML loads it. */
    public static BisectState fromMap(Map<?, ?> m) {
        List<String> good = strings(m.get("good"), "good");
        String bad = (String) m.get("bad");
        List<String> paths = m.get("paths") == null ? List.of() : strings(m.get("paths"), "paths");
        List<BisectStep> steps = new ArrayList<>();
        Object rawSteps = m.get("steps");
        if (rawSteps != null) {
            if (!(rawSteps instanceof List<?> list)) {
                throw new IllegalArgumentException("'steps' is not a list");
            }
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> s)) {
                    throw new IllegalArgumentException("a step is not a mapping");
                }
                Object runs = s.get("runs");
                steps.add(new BisectStep((String) s.get("commit"), Verdict.parse(String.valueOf(s.get("verdict"))),
                    runs == null ? 1 : ((Number) runs).intValue(), byHand(s.get("by"))));
            }
        }
        Object confidence = m.get("confidence");
        Map<String, String> refs = new LinkedHashMap<>();
        if (m.get("refs") instanceof Map<?, ?> named) {
            named.forEach((sha, name) -> refs.put((String) sha, (String) name));
        }
        Object test = m.get("run");
        return new BisectState(good, bad, paths, isTrue(m.get("first_parent")), isTrue(m.get("flaky")), steps,
            (String) m.get("first_bad"), confidence == null ? null : number(confidence).doubleValue(),
            isTrue(m.get("undecided")), (String) m.get("next"), refs,
            test instanceof Map<?, ?> run ? BisectTest.fromMap(run) : null);
    }

    /**
     * Whether a flag is set: {@code true} as SnakeYAML loads it, or the text {@code true} as a ledger's section
     * gives its keys beyond the ledger's own ({@link dev.rca.ledger.BisectRecord#extra}).
     */
    public static boolean isTrue(Object flag) {
        return Boolean.TRUE.equals(flag) || "true".equals(flag);
    }

    /** A number as SnakeYAML loads it, or as the text a ledger's section gives (see {@link #isTrue}). */
    public static Number number(Object value) {
        return value instanceof Number n ? n : Double.valueOf(String.valueOf(value));
    }

    /** The state as the {@code bisect:} mapping (keys in the ledger's order; optional keys only when set). */
    public static Map<String, Object> toMap(BisectState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("good", state.good());
        m.put("bad", state.bad());
        m.put("paths", state.paths());
        if (state.firstParent()) {
            m.put("first_parent", true);
        }
        if (state.flaky()) {
            m.put("flaky", true);
        }
        m.put("steps", state.steps().stream().map(YamlBisectStore::toMap).toList());
        if (state.firstBad() != null) {
            m.put("first_bad", state.firstBad());
        }
        if (state.confidence() != null) {
            m.put("confidence", state.confidence());
        }
        if (state.undecided()) {
            m.put("undecided", true);
        }
        if (state.next() != null) {
            m.put("next", state.next());
        }
        if (!state.refs().isEmpty()) {
            m.put("refs", state.refs());
        }
        if (state.test() != null) {
            m.put("run", state.test().toMap());
        }
        return m;
    }

    /** One step as the mapping {@code {commit, verdict, runs, by}} ({@code by} only when the step says). */
    public static Map<String, Object> toMap(BisectStep s) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("commit", s.commit());
        step.put("verdict", s.verdict().label());
        step.put("runs", s.runs());
        if (s.byHand() != null) {
            step.put("by", s.byHand() ? BY_HAND : BY_RUN);
        }
        return step;
    }

    /** A step's {@code by:}: {@code hand} or {@code run}; absent (null) in a state written before rca recorded it. */
    private static Boolean byHand(Object by) {
        if (by == null) {
            return null;
        }
        if (!BY_HAND.equals(by) && !BY_RUN.equals(by)) {
            throw new IllegalArgumentException("a step's 'by' is " + BY_RUN + " or " + BY_HAND + ", not '" + by + "'");
        }
        return BY_HAND.equals(by);
    }

    private static List<String> strings(Object o, String key) {
        if (!(o instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' is not a list");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException("'" + key + "' holds a non-string: " + item);
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public void save(BisectState state) {
        dev.rca.Interruption.beforeWriting("the bisection was left as it was");
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        String text = "# rca bisection state; see 'rca bisect-helper status'\n"
            + new Yaml(new Representer(options), options).dump(Map.of("bisect", toMap(state)));
        try {
            AtomicFile.writeWithoutSync(file, text);
        } catch (IOException e) {
            throw RcaException.badInput("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw RcaException.badInput("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
