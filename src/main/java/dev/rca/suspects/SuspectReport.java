package dev.rca.suspects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to "which commits introduced the bug this fix repairs?".
 *
 * @param fix          full id of the fix commit
 * @param fixSubject   its subject line
 * @param blamedLines  how many lines of the fix's parent were blamed
 * @param suspects     ranked suspects, best first; empty when abstaining
 * @param pointers     explicit pointers found in the fix's message (empty with trailers off)
 * @param abstention   why rca gives no answer, or {@code null} when it answers
 * @param notes        what the reader should know about how the answer was reached (a merge given as the fix)
 * @param warnings     what could not be read (objects a partial clone lacks), so that the answer, or the
 *                     abstention, rests on less than the fix's whole history
 */
public record SuspectReport(String fix, String fixSubject, int blamedLines, List<Suspect> suspects,
                            List<Pointer> pointers, String abstention, List<String> notes, List<String> warnings) {
    public SuspectReport {
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(fixSubject, "fixSubject");
        suspects = List.copyOf(suspects);
        pointers = List.copyOf(pointers);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
        if ((abstention == null) == suspects.isEmpty()) {
            throw new IllegalArgumentException("a report either answers with suspects or abstains with a reason");
        }
    }

    /** True when rca found no credible suspect. */
    public boolean abstained() {
        return abstention != null;
    }

    /** The report as {@code rca suspects --format=json} prints it (a tree for {@code Json.write}). */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("fix", fix);
        root.put("subject", fixSubject);
        root.put("blamed_lines", blamedLines);
        List<Object> ranked = new ArrayList<>();
        for (Suspect s : suspects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sha", s.sha());
            m.put("subject", s.subject());
            m.put("author", s.author());
            m.put("date", s.authored().toInstant().toString());
            m.put("score", s.score());
            m.put("blamed_lines", s.blamedLines());
            m.put("share", s.share());
            m.put("files_changed", s.filesChanged());
            m.put("pointer", s.pointer() == null ? null : s.pointer().kind().phrase());
            m.put("reasons", s.reasons());
            ranked.add(m);
        }
        root.put("suspects", ranked);
        List<Object> written = new ArrayList<>();
        for (Pointer p : pointers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", p.kind().phrase());
            m.put("written", p.written());
            m.put("sha", p.sha());
            m.put("trusted", p.trusted());
            m.put("note", p.note());
            written.add(m);
        }
        root.put("pointers", written);
        root.put("notes", notes);
        // a script reading the JSON learns what stderr said: what the answer could not read
        root.put("warnings", warnings);
        return root;
    }

    /**
     * The ranking as a ledger evidence item, so the ledger keeps the scores and reasons the decision was made on,
     * not only the commit ids, and the fix it ranked by its full id ({@code fix}); with {@link #warnings}, its note
     * says what the answer lacked (and that it came from the fix's message alone, when it did), and {@code warnings}
     * lists them as the JSON output does.
     *
     * @param kind    the ledger's kind for such an item (the ledger names it; this package does not depend on it)
     * @param command the command line that produced it, for a reader to run again
     * @throws IllegalStateException when the report abstained (there is nothing to record)
     */
    public Map<String, Object> toEvidence(String kind, String command) {
        if (abstained()) {
            throw new IllegalStateException("an abstaining report has no evidence to record");
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", Objects.requireNonNull(kind, "kind"));
        item.put("command", command);
        // the command may name the fix by a name that moves (HEAD, a branch): the ledger keeps which commit it was
        item.put("fix", fix);
        item.put("commits", suspects.stream().map(Suspect::sha).toList());
        Suspect first = suspects.get(0);
        String note = String.format(Locale.ROOT, "ranked %s first, score %.3f", first.sha().substring(0, 12),
            first.score());
        if (!warnings.isEmpty()) {
            // a reader of the ledger (rca timeline, the post-mortem) learns what stderr said: the answer lacks objects
            boolean pointersOnly = suspects.stream().allMatch(s -> s.pointer() != null);
            note += (pointersOnly ? ", from the fix's message alone: " : ": ") + String.join("; ", warnings);
        }
        item.put("note", note);
        if (!warnings.isEmpty()) {
            item.put("warnings", warnings);
        }
        List<Map<String, Object>> ranked = new ArrayList<>();
        for (Suspect s : suspects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit", s.sha());
            // three decimals: enough to compare runs, without float noise in a hand-edited file
            m.put("score", Math.round(s.score() * 1000) / 1000.0);
            m.put("reasons", s.reasons());
            ranked.add(m);
        }
        item.put("suspects", ranked);
        return item;
    }
}
