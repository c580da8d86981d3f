package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subjects and bodies as git's {@code %s}, {@code %b} and {@code --oneline} show them, for messages whose
 * whitespace git keeps in ways that are easy to get wrong: an indented continuation line, trailing blanks, a
 * paragraph ended by a line of spaces, leading blank lines, CR-LF. The messages are written verbatim with
 * fast-import, since {@code git commit} would clean them up first.
 */
class CommitSubjectDifferentialTest {
    private static final List<String> MESSAGES = List.of(
        "Display the table name in the output of:\n\tip ru\n\nThe body.\n",
        "trailing blanks   \t\nsecond line  \n \t \nbody after a line of blanks\n",
        "\n\n  \nafter leading blank lines\n\n\n\nbody after three blank lines\n\n",
        "crlf subject\r\nand more\r\n\r\nbody\r\n",
        "two  spaces  inside\n  indented continuation\n",
        "no final newline",
        "Merge branch 'x' into next\n\nName <a@b.c>  says:\n\n====\nlist\n====\n");

    @TempDir
    Path tmp;

    @Test
    void subjectsAndBodiesAreGits() {
        Path dir = tmp.resolve("r");
        TestRepo.init(dir).close();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < MESSAGES.size(); i++) {
            byte[] message = MESSAGES.get(i).getBytes(StandardCharsets.UTF_8);
            stream.writeBytes(("commit refs/heads/main\ncommitter A <a@example.com> " + (1_700_000_000 + i * 60)
                + " +0000\ndata " + message.length + "\n").getBytes(StandardCharsets.UTF_8));
            stream.writeBytes(message);
            stream.writeBytes(("\nM 100644 inline f" + i + "\ndata 2\n" + i + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        NativeGit.runWithInput(dir, stream.toByteArray(), "fast-import", "--quiet");

        assertEquals(NativeGit.lines(dir, "log", "--oneline", "main"),
            Cli.run(dir, "log", "--format=oneline", "main").outLines());
        CliResult json = Cli.run(dir, "log", "--format=json", "main");
        assertEquals(0, json.exitCode(), json.toString());
        List<String> subjects = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (String line : json.outLines()) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> commit = (java.util.Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(line);
            subjects.add((String) commit.get("subject"));
            bodies.add((String) commit.get("body"));
        }
        assertEquals(NativeGit.lines(dir, "log", "--format=%s", "main"), subjects);
        List<String> gitBodies = new ArrayList<>();
        for (String body : NativeGit.run(dir, "log", "-z", "--format=%b", "main").split("\0", -1)) {
            gitBodies.add(body);
        }
        assertEquals(gitBodies.subList(0, MESSAGES.size()), bodies);
    }

    /**
     * git matches {@code --grep} on each line split at LF alone: in a CR-LF message the CR is a character of the
     * line, which {@code .} matches and before which {@code $} does not match (Java's default line terminators
     * say otherwise); U+0085, U+2028 and U+2029 are characters too.
     */
    @Test
    void grepSeesCarriageReturnsAndUnicodeLineSeparatorsAsGitDoes() {
        Path dir = tmp.resolve("grep");
        TestRepo.init(dir).close();
        List<String> messages = List.of("plain subject\n\nbody line\n", "subject with CR\r\n\r\nbody line\r\n",
            "alpha\u2028beta gamma\n", "next\u0085line\n", "para\u2029graph\n");
        String tree = NativeGit.runWithInput(dir, new byte[0], "mktree").trim();
        String parent = null;
        for (int i = 0; i < messages.size(); i++) {
            String header = "tree " + tree + "\n" + (parent == null ? "" : "parent " + parent + "\n")
                + "author A <a@example.com> " + (1_700_000_000 + i * 60) + " +0000\ncommitter A <a@example.com> "
                + (1_700_000_000 + i * 60) + " +0000\n\n";
            parent = NativeGit.runWithInput(dir, (header + messages.get(i)).getBytes(StandardCharsets.UTF_8),
                "hash-object", "-t", "commit", "-w", "--stdin", "--literally").trim();
        }
        NativeGit.run(dir, "update-ref", "refs/heads/main", parent);
        for (String pattern : List.of("CR$", "CR.$", "with CR.", "line$", "^body line.$", "subject$", "CR\\s*$")) {
            List<String> git = NativeGit.lines(dir, "log", "--format=%H", "--grep=" + pattern, "main");
            CliResult rca = Cli.run(dir, "log", "--format=sha", "--grep=" + pattern, "main");
            assertEquals(0, rca.exitCode(), rca.toString());
            assertEquals(git, rca.outLines(), "--grep=" + pattern);
        }
        assertEquals(1, NativeGit.lines(dir, "log", "--format=%H", "--grep=CR.$", "main").size(), "the CR is seen");
        // git's POSIX '.' matches one character in a UTF-8 locale; the tests run git in the C locale, where it
        // matches one byte, so these are rca's alone
        for (String pattern : List.of("alpha.beta", "next.line$", "para.graph", "^alpha.beta gamma$")) {
            assertEquals(1, Cli.run(dir, "log", "--format=sha", "--grep=" + pattern, "main").outLines().size(),
                "--grep=" + pattern);
        }
    }
}
