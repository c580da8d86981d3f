package dev.rca.graph;

import dev.rca.ledger.BisectStep;
import dev.rca.ledger.CommitLookup;
import dev.rca.ledger.Evidence;
import dev.rca.ledger.Experiment;
import dev.rca.ledger.Hypothesis;
import dev.rca.ledger.HypothesisStatus;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LooseInstant;
import dev.rca.ledger.Symptom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The ledger seen as a causal graph ({@code rca dag}) and as a timeline ({@code rca timeline}). */
public final class LedgerViews {
    private LedgerViews() {
    }

    /**
     * The earliest time a symptom was seen, or null when no symptom has a time rca can place: no commit made
     * after it can have caused the symptom.
     */
    public static Instant earliestSymptom(Ledger ledger) {
        return ledger.symptoms().stream().map(s -> LooseInstant.parse(s.at())).filter(Objects::nonNull)
            .min(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * The causal graph: every hypothesis and symptom, every experiment, and the evidence items that a
     * hypothesis cites; edges for "explains", "tests" and "supports". References to ids the ledger does not
     * have are left out here ({@code rca check} reports them).
     */
    public static CausalGraph causalGraph(Ledger ledger) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        for (Symptom s : ledger.symptoms()) {
            nodes.put(s.id(), GraphNode.symptom(s.id(), s.text()));
        }
        for (Hypothesis h : ledger.hypotheses()) {
            nodes.put(h.id(), GraphNode.hypothesis(h.id(), h.text(), h.likelihood(), status(h.status())));
        }
        for (Experiment x : ledger.experiments()) {
            String text = x.result() == null ? x.action() : x.action() + " → " + x.result();
            nodes.put(x.id(), GraphNode.experiment(x.id(), text));
        }
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        for (Evidence e : ledger.evidence()) {
            evidence.put(e.id(), e);
        }
        Set<GraphEdge> edges = new LinkedHashSet<>();
        for (Hypothesis h : ledger.hypotheses()) {
            for (String s : h.explains()) {
                if (nodes.containsKey(s) && nodes.get(s).kind() == GraphNode.Kind.SYMPTOM) {
                    edges.add(GraphEdge.explains(h.id(), s));
                }
            }
        }
        for (Experiment x : ledger.experiments()) {
            for (String h : x.testedHypotheses()) {
                if (isHypothesis(nodes, h)) {
                    edges.add(GraphEdge.tests(x.id(), h));
                }
            }
        }
        for (Hypothesis h : ledger.hypotheses()) {
            for (String ref : h.evidence()) {
                if (evidence.containsKey(ref) && !nodes.containsKey(ref)) {
                    nodes.put(ref, GraphNode.evidence(ref, describe(evidence.get(ref))));
                }
                GraphNode node = nodes.get(ref);
                boolean alreadyTests = node != null && node.kind() == GraphNode.Kind.EXPERIMENT
                    && edges.contains(GraphEdge.tests(ref, h.id()));
                if (node != null && !alreadyTests
                    && (node.kind() == GraphNode.Kind.EVIDENCE || node.kind() == GraphNode.Kind.EXPERIMENT)) {
                    edges.add(GraphEdge.supports(ref, h.id()));
                }
            }
        }
        return new CausalGraph(new ArrayList<>(nodes.values()), new ArrayList<>(edges));
    }

    /**
     * The timeline: the ledger's own timeline entries, symptoms, experiments, timed bisect steps, the dates
     * of evidence commits, and the history queries, suspect rankings, {@code rca verify} runs and log comparisons
     * recorded as evidence, when they were recorded, in time order (entries without a time, or with one rca cannot
     * read, last).
     */
    public static List<TimelineEvent> timeline(Ledger ledger) {
        return Timeline.order(events(ledger));
    }

    /**
     * {@link #timeline(Ledger)}, with the offending and fix commits the ledger names at their dates (those not
     * already there as commit evidence): when the bug came in and when the fix landed belong on the timeline.
     *
     * @param commits how the ledger's commits resolve; one that does not is left out ({@code rca check} reports it)
     */
    public static List<TimelineEvent> timeline(Ledger ledger, CommitLookup commits) {
        List<TimelineEvent> events = events(ledger);
        Set<String> shown = new LinkedHashSet<>();
        for (Evidence e : ledger.evidence()) {
            if (Evidence.COMMIT.equals(e.kind()) && e.commit() != null) {
                shown.add(e.commit());
            }
        }
        if (ledger.rootCause() != null) {
            addCommits(events, commits, ledger.rootCause().offending(), "offending", shown);
        }
        if (ledger.fix() != null) {
            addCommits(events, commits, ledger.fix().commits(), "fix", shown);
        }
        return Timeline.order(events);
    }

    private static void addCommits(List<TimelineEvent> events, CommitLookup commits, List<String> revisions,
                                   String role, Set<String> shown) {
        for (String revision : revisions) {
            commits.find(revision).filter(c -> shown.add(c.sha())).ifPresent(c -> events.add(new TimelineEvent(
                LooseInstant.parse(c.date()), "commit", role + ": " + abbreviate(c.sha()) + " " + c.subject(),
                c.author())));
        }
    }

    private static List<TimelineEvent> events(Ledger ledger) {
        List<TimelineEvent> events = new ArrayList<>();
        for (dev.rca.ledger.TimelineEvent t : ledger.timeline()) {
            events.add(event(t.at(), "timeline", t.event(), t.source()));
        }
        // a symptom, experiment or bisect step written by hand without a time (DESIGN's own example ledger writes
        // steps so) is still part of the story: listed untimed
        for (Symptom s : ledger.symptoms()) {
            events.add(event(s.at(), "symptom", s.id() + ": " + s.text(), s.source()));
        }
        for (Experiment x : ledger.experiments()) {
            String text = x.id() + ": " + x.action() + (x.result() == null ? "" : " → " + x.result());
            events.add(event(x.at(), "experiment", text, x.tests() == null ? null : "tests " + x.tests()));
        }
        if (ledger.bisect() != null) {
            for (BisectStep step : ledger.bisect().steps()) {
                String text = abbreviate(step.commit()) + " " + step.verdict()
                    + (step.runs() > 1 ? " (" + step.runs() + " runs)" : "");
                events.add(event(step.at(), "bisect", text, "bisect"));
            }
        }
        String lastVerify = ledger.evidence().stream().filter(e -> Evidence.VERIFY.equals(e.kind()))
            .map(Evidence::id).reduce((first, second) -> second).orElse(null);
        for (Evidence e : ledger.evidence()) {
            Instant at = LooseInstant.parse(e.date());
            if (at != null && Evidence.COMMIT.equals(e.kind())) {
                events.add(new TimelineEvent(at, "commit", e.id() + ": " + describe(e), e.author()));
            } else if (Evidence.VERIFY.equals(e.kind())) {
                // rca verify wrote its time only into validation.verify before it stamped the item too; that
                // record is the last run's
                String when = e.at() == null && e.id().equals(lastVerify) && ledger.validation() != null
                    && ledger.validation().verify() != null ? ledger.validation().verify().at() : e.at();
                events.add(event(when, "verify", e.id() + ": " + describe(e), "rca verify"));
            } else if (Evidence.LOG_DIFF.equals(e.kind()) || Evidence.SUSPECTS.equals(e.kind())) {
                events.add(event(e.at(), e.kind(), e.id() + ": " + describe(e), e.command()));
            } else if (Evidence.QUERY.equals(e.kind())) {
                int found = e.commitCount();
                events.add(event(e.at(), "query", e.id() + ": " + (found == 0 ? "no" : found) + " commit"
                    + (found == 1 ? "" : "s"), e.command()));
            }
        }
        return events;
    }

    /**
     * An event at a time as written in the ledger. A time rca cannot read puts the event among the untimed ones,
     * with the time as written in its text: dropping it would hide it, and placing it would be a guess.
     */
    private static TimelineEvent event(String at, String kind, String text, String source) {
        String shown = LooseInstant.isUnreadable(at) ? text + " (at: " + at.strip() + ", not a time rca can read)" : text;
        return new TimelineEvent(LooseInstant.parse(at), kind, shown, source);
    }

    private static boolean isHypothesis(Map<String, GraphNode> nodes, String id) {
        GraphNode node = nodes.get(id);
        return node != null && node.kind() == GraphNode.Kind.HYPOTHESIS;
    }

    private static GraphNode.Status status(HypothesisStatus status) {
        return switch (status) {
            case OPEN -> GraphNode.Status.OPEN;
            case REJECTED -> GraphNode.Status.REJECTED;
            case CONFIRMED -> GraphNode.Status.CONFIRMED;
        };
    }

    private static String describe(Evidence e) {
        if (Evidence.COMMIT.equals(e.kind()) && e.commit() != null) {
            return abbreviate(e.commit()) + (e.subject() == null ? "" : " " + e.subject());
        }
        if (Evidence.QUERY.equals(e.kind()) && e.command() != null) {
            return e.command() + " (" + e.commits().size() + " commits)";
        }
        if (e.logDiff() != null) {
            return e.logDiff().findings() + (e.note() == null ? "" : " (" + e.note() + ")");
        }
        return e.note() != null ? e.note() : e.kind();
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
