package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.io.ShellWords;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** What {@code log -t} and {@code history -t} record: the query as it runs from the top of the work tree, and when. */
class QueryEvidenceTest {
    @TempDir
    Path tmp;

    private Path top;
    private Path net;
    private RevCommit add;
    private RevCommit offset;
    private RevCommit readme;

    @BeforeEach
    void repository() {
        top = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(top)) {
            add = repo.commit("net: add the parser").add("src/net/parse.c", "int parse(void);\n")
                .add("src/net/a[1].c", "int a;\n").add("README", "net\n").create();
            offset = repo.commit("net: offset the result").add("src/net/parse.c", "int parse(int);\n").create();
            readme = repo.commit("README: say what net does").add("README", "net: parsers\n")
                .add("src/net/a[1].c", "int a1;\n").create();
            repo.checkout();
        }
        net = top.resolve("src/net");
        assertEquals(0, Cli.run(top, "open", "T-1").exitCode());
    }

    private static ZonedDateTime at(String time) {
        return ZonedDateTime.parse(time);
    }

    private String evidence() throws Exception {
        String ledger = Files.readString(top.resolve("docs/postmortems/T-1.yaml"));
        return ledger.substring(ledger.indexOf("evidence:"), ledger.indexOf("\nroot_cause:"));
    }

    @Test
    void queriesTypedInASubdirectoryAreRecordedAsTheyRunFromTheTopAndWhen() throws Exception {
        CliResult log = Cli.runAt(at("2026-11-20T09:40:00.9Z"), net, "log", "-in", "5", "--grep=NET", "-t", "T-1",
            "--format=sha", "--", "parse.c", "../../README");
        assertEquals(new CliResult(0, String.join("\n", readme.name(), offset.name(), add.name(), ""),
            "recorded as E1 in docs/postmortems/T-1.yaml\n"), log);
        // without --, the paths come first and the revision last; -C and --stacktrace are left out
        CliResult history = Cli.runAt(at("2026-11-20T10:41:00+01:00"), top, "-C", "src", "history", "net/parse.c",
            "HEAD~1", "--stacktrace", "-t", "T-1", "--format=sha");
        assertEquals(new CliResult(0, offset.name() + "\n" + add.name() + "\n",
            "recorded as E2 in docs/postmortems/T-1.yaml\n"), history);
        CliResult literal = Cli.runAt(at("2026-11-20T09:42:00Z"), net, "history", "-t", "T-1", "--format=sha", "HEAD",
            "--", ":(literal)a[1].c", ".");
        assertEquals(0, literal.exitCode(), literal.toString());
        CliResult authors = Cli.runAt(at("2026-11-20T09:43:00Z"), net, "history", "--authors", ".", "-t", "T-1");
        assertEquals(0, authors.exitCode(), authors.toString());
        assertEquals("""
            evidence:                      # rca evidence <rev> --note="…"
              - id: E1
                kind: query
                command: rca log -in 5 --grep=NET -t T-1 --format=sha -- src/net/parse.c README
                at: "2026-11-20T09:40:00Z"
                commits:
                  - %1$s
                  - %2$s
                  - %3$s
              - id: E2
                kind: query
                command: "rca history src/net/parse.c HEAD~1 -t T-1 --format=sha"
                at: "2026-11-20T09:41:00Z"
                commits:
                  - %2$s
                  - %3$s
              - id: E3
                kind: query
                command: "rca history -t T-1 --format=sha HEAD -- ':(literal)src/net/a[1].c' src/net"
                at: "2026-11-20T09:42:00Z"
                commits:
                  - %1$s
                  - %2$s
                  - %3$s
              - id: E4
                kind: query
                command: rca history --authors src/net -t T-1
                at: "2026-11-20T09:43:00Z"
                commits:
                  - %1$s
                  - %2$s
                  - %3$s
            """.formatted(readme.name(), offset.name(), add.name()), evidence());

        // each recorded command, run again from the top, lists what the query listed where it was typed, as git
        // lists it there
        assertEquals(log.out(), rerunFromTop(1));
        assertEquals(NativeGit.run(net, "log", "-i", "-n", "5", "--grep=NET", "--format=%H", "--", "parse.c",
            "../../README"), log.out());
        assertEquals(history.out(), rerunFromTop(2));
        assertEquals(NativeGit.run(top.resolve("src"), "log", "--format=%H", "HEAD~1", "--", "net/parse.c"),
            history.out());
        assertEquals(literal.out(), rerunFromTop(3));
        assertEquals(NativeGit.run(net, "log", "--format=%H", "HEAD", "--", ":(literal)a[1].c", "."), literal.out());
        assertEquals(0, Cli.run(top, "check").exitCode());
    }

    @Test
    void aPickaxeQueryIsRecordedWithItsPattern() throws Exception {
        CliResult log = Cli.runAt(at("2026-11-20T09:40:00Z"), net, "log", "-Sint", "-G", "parse", "--pickaxe-all",
            "-t", "T-1", "--format=sha", "--", "parse.c");
        assertEquals(2, log.exitCode(), log.toString());
        CliResult pickaxe = Cli.runAt(at("2026-11-20T09:40:00Z"), net, "log", "-S", "int)", "-i", "-t", "T-1",
            "--format=sha", "--", "parse.c");
        assertEquals(new CliResult(0, offset.name() + "\n", "recorded as E1 in docs/postmortems/T-1.yaml\n"), pickaxe);
        assertTrue(evidence().contains("command: rca log -S 'int)' -i -t T-1 --format=sha -- src/net/parse.c\n"),
            evidence());
        assertEquals(pickaxe.out(), rerunFromTop(1));
    }

    /** The stdout of the command evidence item {@code E<n>} recorded, run in the top of the work tree. */
    private String rerunFromTop(int n) throws Exception {
        Map<String, List<Map<String, String>>> ledger = new Yaml().load(
            Files.readString(top.resolve("docs/postmortems/T-1.yaml")));
        List<String> words = ShellWords.split(ledger.get("evidence").get(n - 1).get("command")).orElseThrow();
        List<String> args = words.subList(1, words.size()).stream().filter(w -> !w.equals("-t") && !w.equals("T-1"))
            .toList();
        CliResult again = Cli.run(top, args.toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.toString());
        return again.out();
    }

    @Test
    void timelinePlacesQueriesSuspectRankingsAndExperimentsWhenTheyWereRecorded() throws Exception {
        assertEquals(0, Cli.run(top, "symptom", "parse(2) returns 5", "--at=2026-11-20T09:12:00Z").exitCode());
        assertEquals(0, Cli.run(top, "hypothesis", "parse() adds the offset twice").exitCode());
        // an experiment without --at is stamped by the same clock
        assertEquals(0, Cli.runAt(at("2026-11-20T09:35:00Z"), net, "experiment", "parse(2) under gdb", "--tests=H1",
            "--result=offset added in parse()").exitCode());
        assertEquals(0, Cli.runAt(at("2026-11-20T09:40:00Z"), net, "log", "-t", "T-1", "--grep=offset", "--format=sha")
            .exitCode());
        assertEquals(0, Cli.runAt(at("2026-11-20T09:30:00Z"), net, "history", "-t", "T-1", "--format=sha", "--",
            "nothing.c").exitCode());
        Path ledger = top.resolve("docs/postmortems/T-1.yaml");
        // a ranking as rca suspects records it, and a query recorded before queries were stamped, of more commits
        // than a query lists (the first 500)
        Files.writeString(ledger, Files.readString(ledger).replace("\nroot_cause:", """
              - {id: E3, kind: suspects, command: rca suspects HEAD -t T-1, at: "2026-11-20T09:50:00Z",
                 commits: [%1$s], note: "ranked %2$s first, score 0.74"}
              - {id: E4, kind: query, command: rca log --grep=net -t T-1, commits: [%1$s], total_commits: 600}
            root_cause:""".formatted(offset.name(), offset.name().substring(0, 12))));
        CliResult r = Cli.run(top, "timeline");
        assertEquals(0, r.exitCode(), r.toString());
        String e3 = "E3: ranked " + offset.name().substring(0, 12) + " first, score 0.74";
        String x1 = "X1: parse(2) under gdb → offset added in parse()";
        int width = x1.length();
        assertEquals(String.join("",
            row("TIME", "KIND", "TEXT", "SOURCE", width),
            row("2026-11-20T09:12:00Z", "symptom", "S1: parse(2) returns 5", "-", width),
            row("2026-11-20T09:30:00Z", "query", "E2: no commits",
                "rca history -t T-1 --format=sha -- src/net/nothing.c", width),
            row("2026-11-20T09:35:00Z", "experiment", x1, "tests H1", width),
            row("2026-11-20T09:40:00Z", "query", "E1: 1 commit", "rca log -t T-1 --grep=offset --format=sha", width),
            row("2026-11-20T09:50:00Z", "suspects", e3, "rca suspects HEAD -t T-1", width),
            row("-", "query", "E4: 600 commits", "rca log --grep=net -t T-1", width)), r.out());
        assertEquals(0, Cli.run(top, "check").exitCode());
    }

    /** A row of rca timeline's table, its TEXT column {@code width} wide. */
    private static String row(String time, String kind, String text, String source, int width) {
        return String.format("%-20s  %-10s  %-" + width + "s  %s%n", time, kind, text, source);
    }
}
