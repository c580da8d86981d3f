package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** What every command shares: help with an example, version, usage errors, completion. */
class CliConventionsTest {
    @TempDir
    Path tmp;

    /** Every command path, e.g. ["log"], ["bisect-helper", "run"]. */
    static Stream<List<String>> commands() {
        CommandLine root = Rca.commandLine(new Rca(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
        for (var entry : cl.getSubcommands().entrySet()) {
            if (!entry.getValue().getCommandName().equals(entry.getKey())) {
                continue; // an alias
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            out.add(path);
            collect(entry.getValue(), path, out);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelpWithAnExample(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        CliResult r = Cli.run(tmp, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("Usage: rca " + String.join(" ", command)), r.out());
        if (!command.get(0).equals("generate-completion")) {
            assertTrue(r.out().contains("Example"), "no example in help of " + command + ":\n" + r.out());
        }
        assertTrue(r.out().contains("--version"), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandsSummaryIsAWholeSentence(List<String> command) {
        // the command lists of rca --help show only the first line of a description
        CommandLine cl = Rca.commandLine(new Rca(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String name : command) {
            cl = cl.getSubcommands().get(name);
        }
        String[] description = cl.getCommandSpec().usageMessage().description();
        if (!command.get(0).equals("generate-completion")) {
            assertTrue(description.length > 0 && description[0].strip().endsWith("."),
                command + ": " + String.join(" | ", description));
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandNamesRcaAndJgitVersions(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--version");
        CliResult r = Cli.run(tmp, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("rca ") && r.out().contains("\nJGit "), r.out());
    }

    @Test
    void aMistypedCommandGetsADidYouMean() {
        CliResult r = Cli.run(tmp, "statsu");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertEquals("rca: error: Unmatched argument at index 0: 'statsu'", lines.get(0));
        assertTrue(lines.get(1).startsWith("hint: did you mean 'status'"), lines.get(1));
    }

    /** picocli's nearest spelling of "graph" is "generate-completion"; the word names the causal graph. */
    @Test
    void aWordOfTheTradeSuggestsTheCommandThatDoesIt() {
        for (String[] given : List.of(new String[] {"graph", "dag"}, new String[] {"bisect", "bisect-helper"},
                new String[] {"blame", "suspects"})) {
            CliResult r = Cli.run(tmp, given[0]);
            assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: Unmatched argument at index 0: '" + given[0]
                + "'\nhint: did you mean '" + given[1] + "'?\n"), r);
        }
        CliResult near = Cli.run(tmp, "grapf");
        assertTrue(!near.err().contains("generate-completion"), near.err());
    }

    @Test
    void aMistypedOptionGetsADidYouMean() {
        CliResult r = Cli.run(tmp, "timeline", "--formt=json");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("rca: error: Unknown option: '--formt=json'\nhint: did you mean '--format'"),
            r.err());
    }

    @Test
    void aMistypedOrUnavailableChoiceNamesOnlyWhatTheCommandTakesAsTyped() {
        Path md = tmp.resolve("x.md");
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: unknown --format 'bogus'; use one of table, json\n"),
            Cli.run(tmp, "lint", "--format=bogus", md.toString()));
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: --format=csv is not available here; use one of table,"
            + " json\n"), Cli.run(tmp, "lint", "--format=CSV", md.toString()));
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: --format=dot is not available here; use one of table,"
            + " sha, json, oneline\n"), Cli.run(tmp, "log", "--format=dot"));
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: unknown --format 'svg'; use one of mermaid, dot,"
            + " dagitty\n"), Cli.run(tmp, "dag", "--format=svg"));
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: unknown --kind 'outage'; use one of bug, incident\n"),
            Cli.run(tmp, "open", "PAY-1", "--kind=outage"));
        // any case still names a value
        CliResult json = Cli.run(tmp, "log", "--format=JSON");
        assertTrue(json.err().startsWith("rca: error: not a git repository"), json.toString());
    }

    @Test
    void notARepositoryIsOneLineWithExitThree() {
        CliResult r = Cli.run(tmp, "status");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("rca: error: not a git repository (or any of the parent directories): "), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.err().lines().toList().get(1).startsWith("hint: "), r.err());
    }

    @Test
    void stacktraceOnlyOnRequest() {
        CliResult plain = Cli.run(tmp, "status");
        assertTrue(!plain.err().contains("\tat "), plain.err());
        CliResult traced = Cli.run(tmp, "--stacktrace", "status");
        assertEquals(ExitCode.BAD_INPUT, traced.exitCode());
        assertTrue(traced.err().contains("\tat dev.rca."), traced.err());
    }

    @Test
    void completionScriptCoversCommandsAndOptions() {
        CliResult r = Cli.run(tmp, "generate-completion");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("complete -F _complete_rca"), "bash completion function is registered");
        for (String name : List.of("status", "postmortem", "bisect-helper", "logs", "dag")) {
            assertTrue(r.out().contains(name), "completion lacks " + name);
        }
        assertTrue(r.out().contains("--format"), "completion lacks --format");
        assertTrue(r.out().contains("compinit"), "the script also works in zsh via bashcompinit");
    }
}
