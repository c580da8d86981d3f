package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineDagCommandTest {
    @TempDir
    Path tmp;

    private Path dir;
    private RevCommit commit;
    private RevCommit fixCommit;

    @BeforeEach
    void investigation() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            commit = repo.commit("cache: evict under the order lock").add("src/Cache.java", "class Cache {}\n").create();
            fixCommit = repo.commit("cache: hold the lock until unlinked").add("src/Cache.java", "class Cache { }\n")
                .create();
            repo.checkout();
            dir = repo.directory();
        }
        ok("open", "PAY-142", "--title=Checkout hangs", "--owner=Payments team");
        ok("symptom", "CheckoutIT times out after 30 s", "--source=CI run 4411", "--at=2026-11-20T09:12:00Z");
        ok("hypothesis", "Lock ordering between CartCache.evict and OrderLock", "--likelihood=0.4", "--explains=S1");
        ok("hypothesis", "evict releases the lock early", "--likelihood=0.6", "--explains=S1");
        ok("experiment", "thread dump during the hang", "--tests=H1", "--result=no OrderLock holder",
            "--at=2026-11-20T10:00:00Z");
        ok("reject", "H1", "--because=no thread holds OrderLock");
        ok("evidence", commit.name(), "--note=introduced the early release");
        ok("confirm", "H2", "--evidence=E1");
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        String text = Files.readString(ledger).replace("timeline: []",
            "timeline:\n  - {at: \"2026-11-20T09:00:00Z\", event: \"build 1.42 deployed\", source: \"deploy log\"}"
                + "\n  - {event: \"pager fired\"}");
        Files.writeString(ledger, text);
    }

    /** The table's header and its first row, the evidence commit E1 (the widest text of the usual ledger). */
    private String headerAndEvidenceRows() {
        return "TIME                  KIND        TEXT                                                   SOURCE\n"
            + "2026-01-01T00:01:00Z  commit      E1: " + commit.name().substring(0, 12) + " cache: evict under the order lock     "
            + "Alice Author <alice@example.com>\n";
    }

    private void ok(String... args) {
        CliResult r = Cli.run(dir, args);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void timelineMergesLedgerEventsInTimeOrder() {
        CliResult r = Cli.run(dir, "timeline");
        assertEquals(0, r.exitCode(), r.toString());
        String sha = commit.name().substring(0, 12);
        assertEquals(""
            + "TIME                  KIND        TEXT                                                   SOURCE\n"
            + "2026-01-01T00:01:00Z  commit      E1: " + sha + " cache: evict under the order lock     "
            + "Alice Author <alice@example.com>\n"
            + "2026-11-20T09:00:00Z  timeline    build 1.42 deployed                                    deploy log\n"
            + "2026-11-20T09:12:00Z  symptom     S1: CheckoutIT times out after 30 s                    CI run 4411\n"
            + "2026-11-20T10:00:00Z  experiment  X1: thread dump during the hang → no OrderLock holder  tests H1\n"
            + "-                     timeline    pager fired                                            -\n", r.out());
        CliResult json = Cli.run(dir, "timeline", "--format=json");
        assertTrue(json.out().startsWith("[{\"at\":\"2026-01-01T00:01:00Z\",\"kind\":\"commit\""), json.out());
        assertTrue(json.out().endsWith("{\"at\":null,\"kind\":\"timeline\",\"text\":\"pager fired\",\"source\":null}]\n"),
            json.out());
    }

    @Test
    void timelineListsEntriesWhoseTimeItCannotReadAmongTheUntimed() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        Files.writeString(ledger, Files.readString(ledger)
            .replace("at: \"2026-11-20T09:00:00Z\"", "at: \"2026-13-45T99:00:00Z\"")
            .replace("at: \"2026-11-20T09:12:00Z\"", "at: yesterday"));
        CliResult r = Cli.run(dir, "timeline");
        assertEquals(0, r.exitCode(), r.toString());
        String sha = commit.name().substring(0, 12);
        assertEquals("""
            TIME                  KIND        TEXT                                                                          SOURCE
            2026-01-01T00:01:00Z  commit      E1: %s cache: evict under the order lock                            \
            Alice Author <alice@example.com>
            2026-11-20T10:00:00Z  experiment  X1: thread dump during the hang → no OrderLock holder                         tests H1
            -                     timeline    build 1.42 deployed (at: 2026-13-45T99:00:00Z, not a time rca can read)       deploy log
            -                     timeline    pager fired                                                                   -
            -                     symptom     S1: CheckoutIT times out after 30 s (at: yesterday, not a time rca can read)  CI run 4411
            """.formatted(sha), r.out());
    }

    @Test
    void timelineListsBisectStepsWrittenAsDesignWritesThemWithoutATime() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        String sha = commit.name();
        Files.writeString(ledger, Files.readString(ledger) + "bisect: {good: [\"" + fixCommit.name() + "\"], bad: \""
            + sha + "\", paths: [], steps: [{commit: \"" + sha + "\", verdict: bad, runs: 1}], first_bad: \"" + sha
            + "\"}\n");
        CliResult r = Cli.run(dir, "timeline", "--format=json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("{\"at\":null,\"kind\":\"bisect\",\"text\":\"" + sha.substring(0, 12)
            + " bad\",\"source\":\"bisect\"}"), r.out());
    }

    @Test
    void timelineListsHandWrittenSymptomsAndExperimentsWithoutATimeAmongTheUntimed() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        String text = Files.readString(ledger);
        String withoutTimes = text.replaceAll("\\n *at: \"2026-11-20T09:12:00Z\"", "")
            .replaceAll("\\n *at: \"2026-11-20T10:00:00Z\"", "");
        assertTrue(!withoutTimes.contains("09:12") && !withoutTimes.contains("10:00:00"), withoutTimes);
        Files.writeString(ledger, withoutTimes);
        CliResult r = Cli.run(dir, "timeline");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(""
            + headerAndEvidenceRows()
            + "2026-11-20T09:00:00Z  timeline    build 1.42 deployed                                    deploy log\n"
            + "-                     timeline    pager fired                                            -\n"
            + "-                     symptom     S1: CheckoutIT times out after 30 s                    CI run 4411\n"
            + "-                     experiment  X1: thread dump during the hang → no OrderLock holder  tests H1\n",
            r.out());
    }

    @Test
    void timelineShowsTheFixAndOffendingCommitsTheLedgerNames() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        Files.writeString(ledger, Files.readString(ledger)
            .replaceFirst("offending: \\[\\]", "offending: [\"" + commit.name().substring(0, 7) + "\"]")
            .replaceFirst("commits: \\[\\]", "commits: [\"" + fixCommit.name().substring(0, 7) + "\"]"));
        CliResult r = Cli.run(dir, "timeline");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(""
            + headerAndEvidenceRows()
            + "2026-01-01T00:02:00Z  commit      fix: " + fixCommit.name().substring(0, 12) + " cache: hold the lock until "
            + "unlinked  Alice Author <alice@example.com>\n"
            + "2026-11-20T09:00:00Z  timeline    build 1.42 deployed                                    deploy log\n"
            + "2026-11-20T09:12:00Z  symptom     S1: CheckoutIT times out after 30 s                    CI run 4411\n"
            + "2026-11-20T10:00:00Z  experiment  X1: thread dump during the hang → no OrderLock holder  tests H1\n"
            + "-                     timeline    pager fired                                            -\n", r.out());
    }

    @Test
    void dagDrawsEdgesAndStylesInEveryFormat() {
        String sha = commit.name().substring(0, 12);
        CliResult mermaid = Cli.run(dir, "dag");
        assertEquals(0, mermaid.exitCode(), mermaid.toString());
        assertEquals(""
            + "flowchart LR\n"
            + "  S1([\"S1: CheckoutIT times out after 30 s\"])\n"
            + "  H1[\"H1: Lock ordering between CartCache.evict and OrderLock (p=0.40, rejected)\"]\n"
            + "  H2[\"H2: evict releases the lock early (p=0.60, confirmed)\"]\n"
            + "  X1[/\"X1: thread dump during the hang → no OrderLock holder\"/]\n"
            + "  E1[(\"E1: " + sha + " cache: evict under the order lock\")]\n"
            + "  H1 -.->|explains| S1\n"
            + "  H2 -->|explains| S1\n"
            + "  X1 -.->|tests| H1\n"
            + "  E1 -->|supports| H2\n"
            + "  classDef confirmed stroke-width:4px,font-weight:bold\n"
            + "  classDef rejected stroke-dasharray:5 5,fill:#eeeeee,color:#777777,stroke:#999999\n"
            + "  class H2 confirmed\n"
            + "  class H1 rejected\n", mermaid.out());

        CliResult dot = Cli.run(dir, "dag", "--format=dot");
        assertEquals(0, dot.exitCode(), dot.toString());
        assertTrue(dot.out().contains("\"H1\" -> \"S1\" [label=\"explains\", style=dashed, color=\"gray50\"];\n"), dot.out());
        assertTrue(dot.out().contains("\"E1\" -> \"H2\" [label=\"supports\"];\n"), dot.out());
        assertTrue(dot.out().contains("\"X1\" -> \"H1\" [label=\"tests\", style=dashed"), dot.out());

        CliResult dagitty = Cli.run(dir, "dag", "--format=dagitty");
        assertEquals(0, dagitty.exitCode(), dagitty.toString());
        assertTrue(dagitty.out().startsWith("dag {\n"), dagitty.out());
        assertTrue(dagitty.out().contains("(p=0.40, rejected)\" [latent,"), dagitty.out());
        assertTrue(dagitty.out().contains("(p=0.60, confirmed)\" [exposure,"), dagitty.out());
        assertEquals(4, dagitty.out().lines().filter(l -> l.contains(" -> ")).count(), dagitty.out());
    }

    @Test
    void dagRefusesListFormats() {
        CliResult r = Cli.run(dir, "dag", "--format=table");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("rca: error: --format=table is not available here; use one of mermaid, dot, dagitty\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void logsDiffRecordsItsFindingsAsEvidence() throws Exception {
        Files.writeString(dir.resolve("good.log"), "2026-01-01 10:00:00 INFO start pid=1234\n2026-01-01 10:00:01 INFO done\n");
        Files.writeString(dir.resolve("bad.log"), "2026-01-02 11:00:00 INFO start pid=999\n2026-01-02 11:00:01 ERROR boom\n");
        Files.writeString(dir.resolve(".rca.yaml"), "logs:\n  masks: ['pid=[0-9]+']\n");
        CliResult r = Cli.run(dir, "logs", "diff", "good.log", "bad.log", "-t", "PAY-142");
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        assertEquals("recorded as E2 in docs/postmortems/PAY-142.yaml\n", r.err());
        String ledger = Files.readString(dir.resolve("docs/postmortems/PAY-142.yaml"));
        assertTrue(ledger.contains("""
              - id: E2
                kind: log-diff
                command: rca logs diff good.log bad.log -t PAY-142
            """), ledger);
        assertTrue(ledger.matches("(?s).*\n    at: \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"\n    match: false\n.*"), ledger);
        assertTrue(ledger.contains("""
                first_divergence:
                  good_line: 2
                  bad_line: 2
            """), ledger);
        assertEquals(0, Cli.run(dir, "check").exitCode());
    }

    @Test
    void aLogComparisonNamesItsLogsFromTheTopOfTheWorkTreeWhereverItRan() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("build/runs"));
        Files.writeString(runs.resolve("good.log"), "start\nok\nend\n");
        Files.writeString(runs.resolve("bad.log"), "start\nfail\nend\n");
        Path outside = Files.writeString(tmp.resolve("ci good.log"), "start\nok\nend\n");
        CliResult inRuns = Cli.runAt(ZonedDateTime.parse("2026-11-20T09:30:00.750+01:00"), runs, "logs", "diff",
            "good.log", "../runs/bad.log", "--context=1", "-t", "PAY-142");
        assertEquals(new CliResult(ExitCode.NEGATIVE, String.join("\n", "--- good.log (3 lines)",
            "+++ ../runs/bad.log (3 lines)", "first divergence: good.log line 2, ../runs/bad.log line 2",
            "@@ -1,3 +1,3 @@", " 1\tstart", "-2\tok", "+2\tfail", " 3\tend",
            "1 line only in good.log, 1 only in ../runs/bad.log, in 1 place", ""),
            "recorded as E2 in docs/postmortems/PAY-142.yaml\n"), inRuns);
        // the same comparison from the top is the same command: nothing added
        assertEquals("rca: note: this comparison is already E2 in docs/postmortems/PAY-142.yaml; nothing added\n",
            Cli.run(dir, "logs", "diff", "build/runs/good.log", "build/runs/bad.log", "-t", "PAY-142").err());
        // a log outside the repository keeps its absolute name; -C names the repository, not the logs' place
        assertEquals("recorded as E3 in docs/postmortems/PAY-142.yaml\n", Cli.runAt(ZonedDateTime.parse(
            "2026-11-20T09:45:00Z"), tmp, "-C", "repo/build", "logs", "diff", outside.toString(), "runs/bad.log",
            "--mask=word=fail", "--ignore-moves", "-t", "PAY-142").err());
        String ledger = Files.readString(dir.resolve("docs/postmortems/PAY-142.yaml"));
        String quotedOutside = "'" + outside + "'";
        assertTrue(ledger.contains("""
              - id: E2
                kind: log-diff
                command: rca logs diff build/runs/good.log build/runs/bad.log -t PAY-142
                at: "2026-11-20T08:30:00Z"
                match: false
                good:
                  path: build/runs/good.log
                  lines: 3
                bad:
                  path: build/runs/bad.log
                  lines: 3
            """), ledger);
        assertTrue(ledger.contains("""
              - id: E3
                kind: log-diff
                command: rca logs diff %s build/runs/bad.log --mask=word=fail --ignore-moves -t PAY-142
                at: "2026-11-20T09:45:00Z"
                match: false
                good:
                  path: %s
            """.formatted(quotedOutside, outside)), ledger);
        assertEquals(0, Cli.run(dir, "check").exitCode());
    }

    @Test
    void aComparisonRecordedWhileLogsWereNamedFromWhereRcaRanIsTheSameComparison() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("build/runs"));
        Files.writeString(runs.resolve("good.log"), "start\nok\nend\n");
        Files.writeString(runs.resolve("bad.log"), "start\nfail\nend\n");
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        String base = Files.readString(ledger);
        String[] fromTop = {"logs", "diff", "build/runs/good.log", "build/runs/bad.log", "-t", "PAY-142"};
        String already = "rca: note: this comparison is already E2 in docs/postmortems/PAY-142.yaml; nothing added\n";
        String added = "recorded as E3 in docs/postmortems/PAY-142.yaml\n";
        // E2 as rca logs diff -t wrote it before: the command as typed, the logs named from the directory it ran in
        // (here build/runs, reached through -C from build), no at:
        for (String[] recorded : new String[][] {
            {"rca -C runs logs diff good.log ../runs/bad.log --context=1 -t PAY-142", already},
            {"rca logs diff '" + runs.resolve("good.log") + "' bad.log --format=json --ticket=PAY-142", already},
            {"rca logs diff ../../build/runs/good.log ../runs/bad.log -t PAY-142", already},
            // from no one directory do these two names lead to these two logs
            {"rca logs diff ../good.log bad.log -t PAY-142", added},
            {"rca logs diff good.log ../bad.log -t PAY-142", added},
            {"rca logs diff runs/good.log build/runs/bad.log -t PAY-142", added},
            // other options: another comparison
            {"rca logs diff good.log bad.log --mask=word=fail -t PAY-142", added},
            {"rca logs diff good.log bad.log --ignore-moves -t PAY-142", added},
            {"rca logs table good.log", added},
            {"rca logs diff 'good.log -t PAY-142", added}}) {
            Files.writeString(ledger, withLogComparison(base, recorded[0], null));
            CliResult r = Cli.run(dir, fromTop);
            assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
            assertEquals(recorded[1], r.err(), recorded[0]);
        }
        // recorded since, the logs are named from the top: another name is another comparison
        Files.writeString(ledger, withLogComparison(base, "rca logs diff runs/good.log runs/bad.log -t PAY-142",
            "2026-11-20T09:30:00Z"));
        assertEquals(0, Cli.run(dir, "check").exitCode(), Cli.run(dir, "check").toString());
        assertEquals(added, Cli.run(runs.getParent(), "logs", "diff", "runs/good.log", "runs/bad.log", "-t", "PAY-142")
            .err());
    }

    /** {@code ledger} with E2, a comparison of build/runs' good.log and bad.log recorded as {@code command}. */
    private static String withLogComparison(String ledger, String command, String at) {
        return ledger.replace("\nroot_cause:", """
              - id: E2
                kind: log-diff
                command: "%s"%s
                match: false
                good: {path: good.log, lines: 3}
                bad: {path: ../runs/bad.log, lines: 3}
                first_divergence: {good_line: 2, bad_line: 2}
                only_in_good: 1
                only_in_bad: 1
                unmatched:
                  - {side: good, line: 2, text: ok}
                  - {side: bad, line: 2, text: fail}
                unmatched_cut: false
            root_cause:""".formatted(command.replace("\"", "\\\""), at == null ? "" : "\n    at: \"" + at + "\""));
    }

    @Test
    void timelinePlacesVerifyRunsAndLogComparisonsWhenTheyWereRecorded() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        String text = Files.readString(ledger);
        // E2 as rca logs diff records it now; E3 an older comparison, without a time; E4 and E5 verify runs, the
        // last without its own time as rca verify wrote it before it stamped the item: validation.verify has it
        Files.writeString(ledger, text.replace("\nroot_cause:", """
              - {id: E2, kind: log-diff, command: rca logs diff runs/good.log runs/bad.log -t PAY-142,
                 at: "2026-11-20T09:30:00Z", match: false, first_divergence: {good_line: 2, bad_line: 2},
                 only_in_good: 1, only_in_bad: 1, unmatched: []}
              - {id: E3, kind: log-diff, command: rca logs diff good.log bad.log -t PAY-142, match: true,
                 only_in_good: 0, only_in_bad: 0, unmatched: []}
              - {id: E4, kind: verify, command: sh test.sh, at: "2026-11-20T11:00:00Z",
                 note: "failed 0 of 2 runs at the parent: not validated"}
              - {id: E5, kind: verify, command: sh test.sh, note: "failed 2 of 2 runs at the parent: validated"}
            root_cause:""").replace("  not_covered:", "  verify: {command: sh test.sh, passed: true, at: \"2026-11-20T12:00:00Z\"}\n  not_covered:"));
        assertEquals(0, Cli.run(dir, "check").exitCode(), Cli.run(dir, "check").toString());
        CliResult r = Cli.run(dir, "timeline");
        assertEquals(0, r.exitCode(), r.toString());
        String sha = commit.name().substring(0, 12);
        String e2 = "E2: first divergence at line 2 of the good log and line 2 of the bad log; 1 line only in the good"
            + " log, 1 only in the bad log";
        String table = String.join("",
            row("TIME", "KIND", "TEXT", "SOURCE", e2.length()),
            row("2026-01-01T00:01:00Z", "commit", "E1: " + sha + " cache: evict under the order lock",
                "Alice Author <alice@example.com>", e2.length()),
            row("2026-11-20T09:00:00Z", "timeline", "build 1.42 deployed", "deploy log", e2.length()),
            row("2026-11-20T09:12:00Z", "symptom", "S1: CheckoutIT times out after 30 s", "CI run 4411", e2.length()),
            row("2026-11-20T09:30:00Z", "log-diff", e2, "rca logs diff runs/good.log runs/bad.log -t PAY-142",
                e2.length()),
            row("2026-11-20T10:00:00Z", "experiment", "X1: thread dump during the hang → no OrderLock holder",
                "tests H1", e2.length()),
            row("2026-11-20T11:00:00Z", "verify", "E4: failed 0 of 2 runs at the parent: not validated", "rca verify",
                e2.length()),
            row("2026-11-20T12:00:00Z", "verify", "E5: failed 2 of 2 runs at the parent: validated", "rca verify",
                e2.length()),
            row("-", "timeline", "pager fired", "-", e2.length()),
            row("-", "log-diff", "E3: the logs match after masking", "rca logs diff good.log bad.log -t PAY-142",
                e2.length()));
        assertEquals(table, r.out());
        // a time rca cannot read is reported by rca check and kept, untimed, as written
        Files.writeString(ledger, Files.readString(ledger).replace("at: \"2026-11-20T11:00:00Z\"", "at: yesterday"));
        CliResult check = Cli.run(dir, "check");
        assertEquals(1, check.exitCode(), check.toString());
        assertTrue(check.out().endsWith(" E4 is at 'yesterday', which is not a time rca can read: write ISO-8601, e.g."
            + " 2026-11-20T09:12:00Z\n"), check.out());
        assertTrue(Cli.run(dir, "timeline").out().contains("\n-                     verify      E4: failed 0 of 2 runs at"
            + " the parent: not validated (at: yesterday, not a time rca can read)"), Cli.run(dir, "timeline").out());
    }

    /** A row of rca timeline's table, its TEXT column {@code width} wide. */
    private static String row(String time, String kind, String text, String source, int width) {
        return String.format("%-20s  %-10s  %-" + width + "s  %s%n", time, kind, text, source);
    }

    /** An experiment recorded with --tests=H1,H2 (stored as "H1, H2") tests both: an edge to each, in every format. */
    @Test
    void dagDrawsATestsEdgeToEachHypothesisAnExperimentTests() {
        ok("experiment", "replay the hang with both fixes", "--tests=H1,H2", "--result=only the H2 fix helps");
        CliResult mermaid = Cli.run(dir, "dag");
        assertEquals(0, mermaid.exitCode(), mermaid.toString());
        assertEquals(List.of("  X1 -.->|tests| H1", "  X2 -.->|tests| H1", "  X2 -.->|tests| H2"),
            mermaid.out().lines().filter(l -> l.contains("|tests|")).toList());
        CliResult dot = Cli.run(dir, "dag", "--format=dot");
        assertEquals(List.of("\"X1\" -> \"H1\"", "\"X2\" -> \"H1\"", "\"X2\" -> \"H2\""), dot.out().lines()
            .filter(l -> l.contains("label=\"tests\"")).map(l -> l.strip().replaceAll(" \\[.*", "")).toList());
        CliResult dagitty = Cli.run(dir, "dag", "--format=dagitty");
        assertEquals(6, dagitty.out().lines().filter(l -> l.contains(" -> ")).count(), dagitty.out());
        assertEquals(2, dagitty.out().lines().filter(l -> l.startsWith("\"X2: replay") && l.contains(" -> ")).count(),
            dagitty.out());
    }

    /**
     * ESC and BEL stored in a ledger (a pasted coloured log line, a hostile shared ledger that retitles the window and
     * clears the screen) reach no terminal: timeline, dag and status show them as rca logs table does.
     */
    @Test
    void controlCharactersOfTheLedgerDoNotReachTheTerminal() throws Exception {
        Path ledger = dir.resolve("docs/postmortems/PAY-142.yaml");
        Files.writeString(ledger, Files.readString(ledger)
            .replace("text: CheckoutIT times out after 30 s", "text: \"log line \\e]0;owned\\a \\e[2J end\"")
            .replace("text: evict releases the lock early", "text: \"evict \\e[31mreleases\\e[0m early\\x07\"")
            .replace("source: \"deploy log\"", "source: \"deploy\\e[1m log\""));
        assertTrue(Files.readString(ledger).contains("\\e]0;owned"), Files.readString(ledger));
        CliResult timeline = Cli.run(dir, "timeline");
        assertEquals(0, timeline.exitCode(), timeline.toString());
        assertEquals(List.of("2026-11-20T09:00:00Z  timeline    build 1.42 deployed                                    "
                + "deploy log", "2026-11-20T09:12:00Z  symptom     S1: log line \uFFFD]0;owned\uFFFD \uFFFD[2J end                 "
                + "      CI run 4411"),
            timeline.out().lines().filter(l -> l.contains("deploy") || l.contains("owned")).toList());
        // JSON says what is written, escaped: nothing raw reaches a terminal that shows it
        assertTrue(Cli.run(dir, "timeline", "--format=json").out().contains(
            "\"S1: log line \\u001b]0;owned\\u0007 \\u001b[2J end\""), Cli.run(dir, "timeline", "--format=json").out());
        CliResult dag = Cli.run(dir, "dag");
        assertEquals(List.of("  S1([\"S1: log line \uFFFD]0;owned\uFFFD \uFFFD[2J end\"])",
                "  H2[\"H2: evict releases early\uFFFD (p=0.60, confirmed)\"]"),
            dag.out().lines().filter(l -> l.contains("owned") || l.contains("H2: ")).toList());
        for (String format : List.of("dot", "dagitty")) {
            CliResult other = Cli.run(dir, "dag", "--format=" + format);
            assertEquals(0, other.exitCode(), other.toString());
            assertTrue(other.out().contains("S1: log line \uFFFD]0;owned\uFFFD \uFFFD[2J end"), other.out());
            assertTrue(other.out().chars().noneMatch(c -> c == 0x1b || c == 0x07), other.out());
        }
        Files.writeString(ledger, Files.readString(ledger).replace("title: Checkout hangs",
            "title: \"Checkout \\e]0;owned\\a hangs\"").replace("status: confirmed", "status: open"));
        CliResult status = Cli.run(dir, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals(List.of("PAY-142: Checkout \uFFFD]0;owned\uFFFD hangs (bug, open)",
                "  H2   0.60  evict releases early\uFFFD (explains S1)"),
            status.out().lines().filter(l -> l.contains("owned") || l.contains("H2 ")).toList());
    }
}
