package dev.rca.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarantees SECURITY.md states, each checked. */
class SecurityTest {
    @TempDir
    Path tmp;

    Path work;
    String fix;

    @BeforeEach
    void repository() {
        work = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(work)) {
            repo.commit("base").add("test.sh", "test -f fixed\n").create();
            fix = repo.commit("fix").add("fixed", "yes\n").create().name();
            repo.checkout();
        }
    }

    @Test
    void ticketIdsNeverEscapeThePostmortemDirectory() throws IOException {
        List<String> hostile = List.of("../x", "../../etc/passwd", "/tmp/x", "a/../../b", "a/b", "x..y", "..",
            ".hidden", "-rf", "C:\\x", "a\\..\\b", "a\u0000b", "T-1/", "T-1\n", "%2e%2e", "\u2024\u2024", "Ａ-1",
            "a".repeat(65), "", " ");
        Map<String, byte[]> before = tree(tmp);
        for (String ticket : hostile) {
            for (List<String> args : List.of(List.of("open", ticket), List.of("symptom", "-t", ticket, "x"),
                List.of("postmortem", "-t", ticket), List.of("verify", "-t", ticket), List.of("status", "-t", ticket),
                List.of("logs", "diff", "-t", ticket, "test.sh", "test.sh"))) {
                CliResult result = Cli.run(work, args.toArray(String[]::new));
                assertTrue(result.exitCode() == 2 || result.exitCode() == 3, args + ": " + result.err());
                assertFalse(result.err().contains("\tat "), result.err());
            }
        }
        assertEquals(before.keySet(), tree(tmp).keySet(), "a hostile ticket id created a file");
    }

    @Test
    void theLedgersOwnTicketFieldDoesNotNameTheOutputFile() throws IOException {
        Path ledgers = work.resolve("docs/postmortems");
        Files.createDirectories(ledgers);
        Files.writeString(ledgers.resolve("T-1.yaml"), completeLedger("T-2"));
        CliResult result = Cli.run(work, "postmortem", "-t", "T-1");
        assertFalse(Files.exists(ledgers.resolve("T-2.md")), result.out() + result.err());
        assertTrue(result.exitCode() == 0 || result.exitCode() == 3, result.err());
    }

    @Test
    void yamlTagsAreNeverTurnedIntoClasses() throws IOException {
        Path ledgers = work.resolve("docs/postmortems");
        Files.createDirectories(ledgers);
        List<String> tags = List.of("!!dev.rca.hostile.Canary []", "!!dev.rca.hostile.Canary {}",
            "!<tag:yaml.org,2002:dev.rca.hostile.Canary> []", "!!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]", "!canary x");
        List<List<String>> readers = List.of(List.of("status"), List.of("check"), List.of("timeline"), List.of("dag"),
            List.of("postmortem"), List.of("verify", "--runs=1"), List.of("symptom", "x"), List.of("evidence", "HEAD"));
        for (String tag : tags) {
            for (String placement : List.of("title: %s\n", "summary:\n  nested: %s\n", "symptoms:\n  - %s\n")) {
                String ledger = "rca: 1\nticket: T-1\n" + placement.formatted(tag);
                Files.writeString(ledgers.resolve("T-1.yaml"), ledger);
                for (List<String> reader : readers) {
                    List<String> args = new ArrayList<>(reader);
                    args.add("-t");
                    args.add("T-1");
                    CliResult result = Cli.run(work, args.toArray(String[]::new));
                    assertEquals(3, result.exitCode(), args + " on " + ledger + "\n" + result.err());
                    assertTrue(result.err().startsWith("rca: error: malformed ledger: "), result.err());
                    assertEquals(ledger, Files.readString(ledgers.resolve("T-1.yaml")));
                }
            }
        }
        assertFalse(Canary.constructed, "a YAML tag instantiated a class");
    }

    @Test
    void reproCommandRunsOnlyUnderVerifyWhichSaysSoFirst() throws IOException {
        Path ledgers = work.resolve("docs/postmortems");
        Files.createDirectories(ledgers);
        String ledger = completeLedger("T-1").replace("command: \"sh test.sh\"",
            "command: \"touch \\\"$HOME/../PWNED-$RCA_COMMIT\\\" PWNED; sh test.sh\"");
        Files.writeString(ledgers.resolve("T-1.yaml"), ledger);
        Files.writeString(work.resolve("good.log"), "a\n");
        List<List<String>> others = List.of(List.of("status"), List.of("check"), List.of("timeline"), List.of("dag"),
            List.of("postmortem"), List.of("symptom", "x"), List.of("hypothesis", "y"), List.of("evidence", "HEAD"),
            List.of("experiment", "z", "--tests=H1", "--result=r"), List.of("logs", "diff", "good.log", "good.log"),
            List.of("lint", "docs/postmortems/T-1.md"), List.of("bisect-helper", "start", "--bad=HEAD", "--good=HEAD~1"),
            List.of("bisect-helper", "next"), List.of("bisect-helper", "status"), List.of("bisect-helper", "reset"));
        for (List<String> args : others) {
            List<String> withTicket = new ArrayList<>(args);
            if (!args.get(0).equals("lint") && !args.get(0).equals("bisect-helper") && !args.get(0).equals("logs")) {
                withTicket.add("-t");
                withTicket.add("T-1");
            }
            Cli.run(work, withTicket.toArray(String[]::new));
            assertEquals(List.of(), pwned(tmp), withTicket + " ran repro.command");
        }
        CliResult verify = Cli.run(work, "verify", "-t", "T-1", "--runs=1");
        assertEquals(0, verify.exitCode(), verify.err() + verify.out());
        List<String> lines = verify.out().lines().toList();
        assertTrue(lines.get(0).startsWith("verify T-1: repro.command, 1 run at the parent "), lines.get(0));
        assertEquals("  touch \"$HOME/../PWNED-$RCA_COMMIT\" PWNED; sh test.sh", lines.get(1));
        assertFalse(Files.exists(work.resolve("PWNED")), "verify ran the command in the user's work tree");
        assertTrue(Files.exists(work.resolve(".git/rca/verify/PWNED")), "verify runs in its scratch checkout");
    }

    @Test
    void aPostmortemDirectoryLinkedOutOfTheWorkTreeIsRefusedAsGitRefusesPathsBeyondALink() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(work.resolve("docs"));
        Files.createSymbolicLink(work.resolve("docs/postmortems"), Path.of("../../outside"));
        NativeGit.run(work, "add", "docs");
        NativeGit.run(work, "commit", "-q", "-m", "ship a link");
        String refusal = "rca: error: docs/postmortems is a symbolic link to " + outside.toRealPath() + ", outside the"
            + " work tree; rca writes ledgers and post-mortems only inside it, and git adds nothing beyond a symbolic"
            + " link\n";
        for (List<String> args : List.of(List.of("open", "EVIL", "--title=x"), List.of("symptom", "-t", "EVIL", "x"),
            List.of("postmortem", "-t", "EVIL"), List.of("postmortem", "-t", "EVIL", "--commit"), List.of("status"))) {
            assertEquals(new CliResult(3, "", refusal), Cli.run(work, args.toArray(String[]::new)), args.toString());
        }
        try (Stream<Path> written = Files.list(outside)) {
            assertEquals(List.of(), written.toList());
        }
        NativeGit.Result git = NativeGit.exec(work, null, "add", "docs/postmortems/EVIL.yaml");
        assertTrue(git.err().contains("beyond a symbolic link"), git.toString());

        // a link that stays inside the work tree is where the ledgers are
        Files.delete(work.resolve("docs/postmortems"));
        Files.createDirectories(work.resolve("notes"));
        Files.createSymbolicLink(work.resolve("docs/postmortems"), Path.of("../notes"));
        assertEquals(0, Cli.run(work, "open", "FINE", "--title=x").exitCode());
        assertTrue(Files.exists(work.resolve("notes/FINE.yaml")));
    }

    @Test
    void verifyRunsNoCommandThatCouldHideFromTheTerminalWhatRuns() throws IOException {
        Path ledgers = Files.createDirectories(work.resolve("docs/postmortems"));
        // a carriage return and an erase-line: the terminal would show only "sh test.sh"
        Files.writeString(ledgers.resolve("T-1.yaml"), completeLedger("T-1").replace("command: \"sh test.sh\"",
            "command: \"touch PWNED #\\e[2K\\rsh test.sh\""));
        CliResult check = Cli.run(work, "check", "-t", "T-1");
        assertTrue(check.out().contains("docs/postmortems/T-1.yaml:11:12: repro.command holds the control character"
            + " U+001B"), check.toString());
        assertEquals(new CliResult(3, "", "rca: error: repro.command holds the control character U+001B, which would"
            + " hide from the terminal what runs; verify runs no such command: remove it at docs/postmortems/T-1.yaml"
            + ":11:12\n"), Cli.run(work, "verify", "-t", "T-1", "--runs=1"));
        assertEquals(List.of(), pwned(tmp));

        // a bidi override reorders what is shown: it is shown as U+FFFD, and the command runs as written
        Files.writeString(ledgers.resolve("T-1.yaml"), completeLedger("T-1").replace("command: \"sh test.sh\"",
            "command: \"sh test.sh # \\u202Ehs.tset\""));
        CliResult verify = Cli.run(work, "verify", "-t", "T-1", "--runs=1");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertEquals("  sh test.sh # \uFFFDhs.tset", verify.out().lines().toList().get(1));
    }

    @Test
    void onlyTheCommandRunnerAndTheTerminalSizeProbeStartProcesses() throws IOException {
        Map<String, List<String>> starters = new TreeMap<>();
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                for (String call : List.of("ProcessBuilder(", "Runtime.getRuntime().exec", ".exec(", "CommandRunner.run(",
                    "CommandRunner::run", "CommandRunner.Starter", "runHookIfPresent(")) {
                    if (text.contains(call)) {
                        starters.computeIfAbsent(sources.relativize(file).toString(), k -> new ArrayList<>()).add(call);
                    }
                }
            }
        }
        assertEquals(Map.ofEntries(
            Map.entry("dev/rca/git/CommandRunner.java", List.of("ProcessBuilder(", "CommandRunner::run")),
            Map.entry("dev/rca/cli/LogsCommand.java", List.of("ProcessBuilder(")),
            Map.entry("dev/rca/verify/FixVerifier.java", List.of("CommandRunner.run(")),
            // the repository's prepare-commit-msg hook under postmortem --commit, which JGit does not run itself
            Map.entry("dev/rca/postmortem/PostmortemPublisher.java", List.of("runHookIfPresent(")),
            Map.entry("dev/rca/bisect/ScratchProbe.java", List.of("CommandRunner::run", "CommandRunner.Starter")),
            // hands bisect-helper run's starter to its ScratchProbe; the command is the one typed after '--'
            Map.entry("dev/rca/bisect/BisectRun.java", List.of("CommandRunner.Starter")),
            Map.entry("dev/rca/cli/Rca.java", List.of("CommandRunner::run", "CommandRunner.Starter")),
            Map.entry("dev/rca/daemon/ClientStarter.java", List.of("CommandRunner.Starter")),
            // git fast-import of a generated history into the daemon's own cache directory
            Map.entry("dev/rca/daemon/WarmUpRepository.java", List.of("ProcessBuilder(")),
            // a starter that starts nothing: the warm-up's bisection verdicts come from its plan
            Map.entry("dev/rca/cli/DaemonWarmUp.java", List.of("CommandRunner.Starter")),
            // hand a run's starter (the client's, or the plain runner when the client runs no tests) to the root
            Map.entry("dev/rca/cli/RcaDaemon.java", List.of("CommandRunner::run", "CommandRunner.Starter")),
            Map.entry("dev/rca/cli/KeptCommandLines.java", List.of("CommandRunner::run", "CommandRunner.Starter"))), starters,
            "a new place starts processes: check that nothing from a ledger reaches it, and update SECURITY.md");
    }

    private String completeLedger(String ticket) {
        return """
            rca: 1
            ticket: %s
            title: fixed file missing
            kind: bug
            status: fixed
            symptoms:
              - {id: S1, text: "test.sh fails"}
            hypotheses:
              - {id: H1, text: "the file is missing"}
            repro:
              command: "sh test.sh"
              rate: deterministic
            root_cause:
              text: test.sh reads the file named fixed, which was missing.
            fix:
              commits: ["%s"]
              text: Add the file.
            validation:
              checks:
                - {what: "test.sh passes", evidence: "run at the fix"}
              not_covered: none
            action_items: none
            """.formatted(ticket, fix);
    }

    private static List<Path> pwned(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().startsWith("PWNED")).toList();
        }
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), new byte[0]);
            }
        }
        return files;
    }
}
