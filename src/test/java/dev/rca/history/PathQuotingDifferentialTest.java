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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names {@code rca history --follow} shows, against {@code git log --follow --name-only} and
 * {@code --name-status} on the same repository, with {@code core.quotePath} unset, true, false and git's other
 * spellings of a boolean: names with UTF-8 letters (one outside the BMP), control characters, double quotes,
 * backslashes, tabs and a newline, each renamed once and changed again.
 */
class PathQuotingDifferentialTest {
    private static final List<String> NAMES = List.of("café.c", "naïve ☃ \uD834\uDD1E.txt", "tab\there.txt",
        "a\"b\\c.txt", "ctl\u0001\u007f.txt", "new\nline.txt", "日本/語.txt", "mixed\té.txt", "plain.txt",
        "bell\u0007\b\u000b\f\r.txt");

    @TempDir
    static Path tmp;
    private static Path dir;

    /** Adds every name, renames each to {@code r-<name>} (same content), then changes each renamed file. */
    @BeforeAll
    static void generate() {
        dir = tmp.resolve("names");
        TestRepo.init(dir).close();
        StringBuilder stream = new StringBuilder();
        String[] messages = {"add", "rename", "edit"};
        for (int step = 0; step < messages.length; step++) {
            stream.append("commit refs/heads/main\ncommitter A <a@example.com> ").append(1_700_000_000 + step * 60)
                .append(" +0000\ndata ").append(messages[step].length()).append('\n').append(messages[step]).append('\n');
            for (int i = 0; i < NAMES.size(); i++) {
                String content = "file " + i + "\nsecond line\nthird line\n" + (step == 2 ? "edited\n" : "");
                String name = step == 0 ? NAMES.get(i) : "r-" + NAMES.get(i);
                if (step == 1) {
                    stream.append("D ").append(fastImportPath(NAMES.get(i))).append('\n');
                }
                stream.append("M 100644 inline ").append(fastImportPath(name)).append("\ndata ")
                    .append(content.length()).append('\n').append(content).append('\n');
            }
        }
        NativeGit.runWithInput(dir, stream.toString().getBytes(StandardCharsets.UTF_8), "fast-import", "--quiet");
    }

    /** {@code name} in double quotes, every byte but printable ASCII as an octal escape: fast-import's C style. */
    private static String fastImportPath(String name) {
        StringBuilder quoted = new StringBuilder("\"");
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            quoted.append(b >= 0x20 && b < 0x7f && b != '"' && b != '\\' ? String.valueOf((char) b)
                : String.format("\\%03o", b & 0xff));
        }
        return quoted.append('"').toString();
    }

    @Test
    void followedNamesAreQuotedAsGitQuotesThemForEveryQuotePathSetting() {
        for (String setting : Arrays.asList(null, "true", "false", "2", "off")) {
            if (setting == null) {
                NativeGit.exec(dir, null, "config", "--unset", "core.quotePath");
            } else {
                NativeGit.run(dir, "config", "core.quotePath", setting);
            }
            for (String name : NAMES) {
                String path = "r-" + name;
                List<String> git = NativeGit.lines(dir, "log", "--follow", "--name-only", "--format=%h %s", "main",
                    "--", path).stream().filter(l -> !l.isEmpty()).toList();
                List<String> statusNames = NativeGit.lines(dir, "log", "--follow", "--name-status", "--format=",
                    "main", "--", path).stream().filter(l -> !l.isEmpty())
                    .map(l -> l.substring(l.lastIndexOf('\t') + 1)).toList();
                StringBuilder rows = new StringBuilder();
                List<String> onlyNames = new ArrayList<>();
                for (int i = 0; i < git.size(); i += 2) {
                    rows.append(git.get(i)).append("  [").append(git.get(i + 1)).append("]\n");
                    onlyNames.add(git.get(i + 1));
                }
                assertEquals(3, onlyNames.size(), "git follows " + path + " back to " + onlyNames);
                assertEquals(onlyNames, statusNames, "--name-only and --name-status name the same files");
                assertEquals(new CliResult(0, rows.toString(), ""),
                    Cli.run(dir, "history", "--follow", "--format=oneline", "main", "--", path),
                    path + " with core.quotePath=" + setting);
                if (setting == null) {
                    // the typed name as it is: a backslash is no separator
                    CliResult log = Cli.run(dir, "log", "--format=sha", "main", "--", path);
                    assertEquals(List.of(0, NativeGit.lines(dir, "log", "--format=%H", "main", "--", path), ""),
                        List.of(log.exitCode(), log.outLines(), log.err()), path);
                }
            }
        }
    }

    /** What git prints, written out: the test above compares with it, so it must be what this says. */
    @Test
    void gitQuotesNonAsciiBytesUnlessQuotePathIsFalse() {
        NativeGit.exec(dir, null, "config", "--unset", "core.quotePath");
        assertEquals(List.of("\"r-caf\\303\\251.c\"", "\"r-caf\\303\\251.c\"", "\"caf\\303\\251.c\""),
            NativeGit.lines(dir, "log", "--follow", "--name-only", "--format=", "main", "--", "r-café.c").stream()
                .filter(l -> !l.isEmpty()).toList());
        assertEquals(List.of("\"r-mixed\\t\\303\\251.txt\"", "\"r-ctl\\001\\177.txt\"", "\"r-new\\nline.txt\""),
            List.of(shown("r-mixed\té.txt"), shown("r-ctl\u0001\u007f.txt"), shown("r-new\nline.txt")));
        NativeGit.run(dir, "config", "core.quotePath", "false");
        assertEquals(List.of("\"r-mixed\\té.txt\"", "r-日本/語.txt", "r-café.c"),
            List.of(shown("r-mixed\té.txt"), shown("r-日本/語.txt"), shown("r-café.c")));
        NativeGit.run(dir, "config", "core.quotePath", "maybe");
        assertEquals(new CliResult(3, "", "rca: error: bad boolean config value 'maybe' for 'core.quotepath'\n"),
            Cli.run(dir, "history", "--follow", "--format=oneline", "main", "--", "r-café.c"));
        assertEquals(0, Cli.run(dir, "history", "--format=sha", "main", "--", "r-café.c").exitCode(),
            "read only where names are shown");
        NativeGit.Result git = NativeGit.exec(dir, null, "log", "--name-only", "-n", "1", "main");
        assertEquals("fatal: bad boolean config value 'maybe' for 'core.quotepath'\n", git.err(), "git's words");
        NativeGit.exec(dir, null, "config", "--unset", "core.quotePath");
    }

    /** The name rca shows for {@code path} in the newest commit. */
    private static String shown(String path) {
        String row = Cli.run(dir, "history", "--follow", "--format=oneline", "-n", "1", "main", "--", path).out();
        return row.substring(row.indexOf("  [") + 3, row.length() - 2);
    }
}
