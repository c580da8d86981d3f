package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.graph.LooseInstant;
import dev.rca.json.Json;
import dev.rca.ledger.ItemKind;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerFile;
import dev.rca.suspects.Pointer;
import dev.rca.suspects.Suspect;
import dev.rca.suspects.SuspectFinder;
import dev.rca.suspects.SuspectQuery;
import dev.rca.suspects.SuspectReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rca suspects <fix-rev>}: ranks the commits most likely to have introduced the bug a fix repairs. */
@Command(name = "suspects",
    description = {"Ranks the commits most likely to have introduced the bug that <fix-rev> fixes, each with a "
        + "score and its reasons. Abstains (exit 1, nothing on stdout) when no candidate is credible."},
    footer = {"%nExample:%n  rca suspects HEAD --top=3%n  rca suspects v2.1.1 --no-trailers --format=json"})
public final class SuspectsCommand extends LedgerCommand {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", paramLabel = "<fix-rev>", description = "the commit that fixes the bug")
    String fix;

    @Option(names = "--top", paramLabel = "<n>", description = "how many suspects to list (default: ${DEFAULT-VALUE})")
    int top = SuspectQuery.DEFAULT_TOP;

    @Option(names = "--no-trailers", description = "ignore Fixes:, Regression from/since/in and This reverts commit "
        + "pointers in the fix's message")
    boolean noTrailers;

    @Option(names = "--format", paramLabel = "<format>", description = "table (default), sha or json")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    protected int execute() {
        OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.SHA, OutputFormat.JSON);
        if (top < 1) {
            throw RcaException.usage("--top must be at least 1, not " + top);
        }
        SuspectReport report;
        try (GitWorkspace workspace = openHistoryWorkspace(); SuspectFinder finder = new SuspectFinder(workspace)) {
            LedgerFile ledger = ledgerToRecordInto(workspace);
            Instant firstSymptom = ledger == null ? null : earliestSymptom(ledger.read());
            report = finder.find(fix, new SuspectQuery(top, !noTrailers, firstSymptom), progress());
            if (ledger != null && !report.abstained()) {
                record(ledger, report);
            }
        }
        for (Pointer p : report.pointers()) {
            if (!p.trusted()) {
                err().println("rca: warning: not trusted: '" + p.kind().phrase() + " " + p.written() + "': " + p.note());
            }
        }
        if (report.abstained()) {
            err().println("rca: no suspect: " + report.abstention());
            return ExitCode.NEGATIVE;
        }
        switch (format) {
            case SHA -> report.suspects().forEach(s -> out().println(s.sha()));
            case JSON -> out().println(Json.write(json(report)));
            default -> table(report);
        }
        return ExitCode.OK;
    }

    /** The earliest time a symptom was seen: no commit made after it can have caused it. */
    private static Instant earliestSymptom(Ledger ledger) {
        return ledger.symptoms().stream().map(sym -> LooseInstant.parse(sym.at())).filter(Objects::nonNull)
            .min(Comparator.naturalOrder()).orElse(null);
    }

    private void record(LedgerFile ledger, SuspectReport report) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", "suspects");
        item.put("command", invocation());
        item.put("commits", report.suspects().stream().map(Suspect::sha).toList());
        Suspect first = report.suspects().get(0);
        item.put("note", String.format(Locale.ROOT, "ranked %s first, score %.2f", first.sha().substring(0, 12),
            first.score()));
        List<Map<String, Object>> ranked = new ArrayList<>();
        for (Suspect s : report.suspects()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit", s.sha());
            m.put("score", Math.round(s.score() * 1000) / 1000.0);
            m.put("reasons", s.reasons());
            ranked.add(m);
        }
        item.put("suspects", ranked);
        String id = ledger.update(edit -> edit.addItem(ItemKind.EVIDENCE, item));
        err().println("recorded as " + id + " in " + ledger.displayName());
    }

    private void table(SuspectReport report) {
        out().println("RANK  SCORE  COMMIT        DATE        SUBJECT");
        int rank = 1;
        for (Suspect s : report.suspects()) {
            out().printf(Locale.ROOT, "%-4d  %.3f  %s  %s  %s%n", rank++, s.score(), s.sha().substring(0, 12),
                DAY.format(s.committed()), s.subject());
            out().println("      " + String.join("; ", s.reasons()));
        }
    }

    private static Map<String, Object> json(SuspectReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("fix", report.fix());
        root.put("subject", report.fixSubject());
        root.put("blamed_lines", report.blamedLines());
        List<Object> suspects = new ArrayList<>();
        for (Suspect s : report.suspects()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sha", s.sha());
            m.put("subject", s.subject());
            m.put("author", s.author());
            m.put("date", s.committed().toString());
            m.put("score", s.score());
            m.put("blamed_lines", s.blamedLines());
            m.put("share", s.share());
            m.put("files_changed", s.filesChanged());
            m.put("pointer", s.pointer() == null ? null : s.pointer().kind().phrase());
            m.put("reasons", s.reasons());
            suspects.add(m);
        }
        root.put("suspects", suspects);
        List<Object> pointers = new ArrayList<>();
        for (Pointer p : report.pointers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", p.kind().phrase());
            m.put("written", p.written());
            m.put("sha", p.sha());
            m.put("trusted", p.trusted());
            m.put("note", p.note());
            pointers.add(m);
        }
        root.put("pointers", pointers);
        return root;
    }
}
