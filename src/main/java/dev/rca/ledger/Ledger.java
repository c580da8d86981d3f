package dev.rca.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A ledger, format version 1, as read from {@code docs/postmortems/<TICKET>.yaml}. Sections a ledger leaves
 * out are empty lists or {@code null}. Top-level keys this version does not know are kept in {@code extra}
 * (and, in the file, by every edit). {@code positions} maps paths such as {@code hypotheses.0.likelihood} to
 * where their values are written, {@code keyPositions} to where their keys are, for findings.
 */
public record Ledger(int version, String ticket, String title, LedgerKind kind, String owner, LedgerStatus status,
                     String summary, List<Symptom> symptoms, List<TimelineEvent> timeline, Repro repro,
                     List<Hypothesis> hypotheses, List<Experiment> experiments, List<Evidence> evidence,
                     BisectRecord bisect, RootCause rootCause, String whySymptom, Fix fix, String howFound,
                     Slipped slipped, Validation validation, List<ActionItem> actionItems, boolean noActionItems,
                     Map<String, Object> extra, Map<String, SourcePosition> positions,
                     Map<String, SourcePosition> keyPositions) {
    /** The only format version this rca reads and writes. */
    public static final int VERSION = 1;

    public Ledger {
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported ledger version " + version);
        }
        if (!TicketId.isValid(ticket)) {
            throw new IllegalArgumentException("bad ticket id " + ticket);
        }
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(status, "status");
        symptoms = List.copyOf(symptoms);
        timeline = List.copyOf(timeline);
        hypotheses = List.copyOf(hypotheses);
        experiments = List.copyOf(experiments);
        evidence = List.copyOf(evidence);
        actionItems = List.copyOf(actionItems);
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        positions = Map.copyOf(positions);
        keyPositions = Map.copyOf(keyPositions);
    }

    /**
     * Reads and validates the ledger at {@code path}.
     *
     * @throws dev.rca.RcaException exit 3, one line at {@code file:line:col}, when the file is unreadable,
     *     hostile or does not follow format version 1
     */
    public static Ledger load(Path path) {
        return LedgerSchema.load(LedgerSource.read(path, path.toString()));
    }

    /** The hypothesis with {@code id}, if any. */
    public Optional<Hypothesis> hypothesis(String id) {
        return hypotheses.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** Open hypotheses, most likely first (those without a likelihood last, then in id order). */
    public List<Hypothesis> openHypothesesByLikelihood() {
        return hypotheses.stream().filter(Hypothesis::isOpen)
            .sorted(Comparator.comparing((Hypothesis h) -> h.likelihood() == null ? -1.0 : h.likelihood()).reversed()
                .thenComparing(h -> ItemKind.HYPOTHESIS.number(h.id())))
            .toList();
    }

    /** Every item id in the ledger (symptoms, hypotheses, experiments, evidence). */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        symptoms.forEach(s -> ids.add(s.id()));
        hypotheses.forEach(h -> ids.add(h.id()));
        experiments.forEach(x -> ids.add(x.id()));
        evidence.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /**
     * Every id the items refer to (hypotheses' {@code explains} and {@code evidence}, experiments' {@code tests}),
     * whether or not an item has it: one removed by hand may still be named there.
     */
    public Set<String> referencedIds() {
        Set<String> ids = new LinkedHashSet<>();
        hypotheses.forEach(h -> {
            ids.addAll(h.explains());
            ids.addAll(h.evidence());
        });
        experiments.forEach(x -> ids.addAll(x.testedHypotheses()));
        return ids;
    }

    /** Every commit the ledger names, with the path where it is named, in file order. */
    public List<Map.Entry<String, String>> commitReferences() {
        List<Map.Entry<String, String>> refs = new ArrayList<>();
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            if (e.commit() != null) {
                refs.add(Map.entry("evidence." + i + ".commit", e.commit()));
            }
            for (int j = 0; j < e.commits().size(); j++) {
                refs.add(Map.entry("evidence." + i + ".commits." + j, e.commits().get(j)));
            }
        }
        if (bisect != null) {
            for (int i = 0; i < bisect.good().size(); i++) {
                refs.add(Map.entry("bisect.good." + i, bisect.good().get(i)));
            }
            if (bisect.bad() != null) {
                refs.add(Map.entry("bisect.bad", bisect.bad()));
            }
            for (int i = 0; i < bisect.steps().size(); i++) {
                refs.add(Map.entry("bisect.steps." + i + ".commit", bisect.steps().get(i).commit()));
            }
            if (bisect.firstBad() != null) {
                refs.add(Map.entry("bisect.first_bad", bisect.firstBad()));
            }
        }
        if (rootCause != null) {
            for (int i = 0; i < rootCause.offending().size(); i++) {
                refs.add(Map.entry("root_cause.offending." + i, rootCause.offending().get(i)));
            }
        }
        if (fix != null) {
            for (int i = 0; i < fix.commits().size(); i++) {
                refs.add(Map.entry("fix.commits." + i, fix.commits().get(i)));
            }
        }
        return refs;
    }

    /** Where the key of {@code path} (e.g. a misspelt top-level key) is written; else as {@link #positionOf}. */
    public SourcePosition keyPositionOf(String path) {
        SourcePosition key = keyPositions.get(path);
        return key != null ? key : positionOf(path);
    }

    /**
     * Where {@code path}'s value (e.g. {@code hypotheses.2.likelihood}) is written; falls back to the nearest
     * enclosing path that is known, then to the start of the file.
     */
    public SourcePosition positionOf(String path) {
        String p = path;
        while (true) {
            SourcePosition pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return SourcePosition.START;
            }
            p = p.substring(0, dot);
        }
    }
}
