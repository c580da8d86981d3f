package dev.rca.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every history command on every odd repository shape ({@link RepositoryShapes}): each works, or refuses with
 * one clear line (and at most a hint), exit 0, 1 or 3, never a stack trace, and never changes the user's
 * checkout. The observed table is printed; the cells that need a specific answer are asserted exactly.
 *
 * <p>Read-only {@code .git}: tests run as root on the project's machines, where permission bits do not stop
 * writes. As root the test makes {@code .git} immutable with {@code chattr +i} when it can, else it replaces
 * {@code .git/rca} by a plain file (so rca's state directory cannot be created, which root cannot get round
 * either); as any other user it removes the write permission from {@code .git} and everything in it.
 */
class RepositoryShapesTest {
    @TempDir
    static Path root;

    static List<RepositoryShapes.Shape> shapes;
    static String readOnlyMechanism;
    static Path readOnlyGitDir;

    @BeforeAll
    static void build() throws Exception {
        shapes = RepositoryShapes.all(root);
        for (RepositoryShapes.Shape shape : shapes) {
            if (shape.good() != null && !shape.name().equals("bare repository")) {
                writeLedger(shape);
            }
        }
        RepositoryShapes.Shape readOnly = shape("read-only .git");
        readOnlyGitDir = readOnly.dir().resolve(".git");
        readOnlyMechanism = makeReadOnly(readOnlyGitDir);
    }

    @AfterAll
    static void restoreWritable() throws Exception {
        if (readOnlyMechanism == null) {
            return;
        }
        switch (readOnlyMechanism) {
            case "chattr +i" -> new ProcessBuilder("chattr", "-i", readOnlyGitDir.toString()).start().waitFor();
            case "chmod a-w" -> setWritable(readOnlyGitDir, true);
            default -> Files.deleteIfExists(readOnlyGitDir.resolve("rca"));
        }
    }

    /** Commands as a function of the shape: label → arguments. */
    static Map<String, Function<RepositoryShapes.Shape, List<String>>> commands() {
        Map<String, Function<RepositoryShapes.Shape, List<String>>> c = new LinkedHashMap<>();
        c.put("bisect-helper start", s -> List.of("bisect-helper", "start", "--bad=" + or(s.bad(), "HEAD"),
            "--good=" + or(s.good(), "HEAD~1")));
        c.put("bisect-helper next", s -> List.of("bisect-helper", "next"));
        c.put("bisect-helper run", s -> List.of("bisect-helper", "run", "--", "sh", "-c",
            "! grep -rqE 'broken|kaputt|cass' --include=*.txt ."));
        c.put("postmortem", s -> List.of("postmortem", "-t", "SHAPE-1"));
        c.put("log", s -> List.of("log", "-n", "3", "--format=oneline"));
        c.put("history", s -> List.of("history", "--format=oneline", "--", s.path()));
        c.put("history --follow", s -> List.of("history", "--follow", "--authors", "--", s.path()));
        c.put("suspects", s -> List.of("suspects", or(s.fix(), "HEAD"), "--top=2"));
        return c;
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Test
    void everyCommandWorksOrRefusesWithOneLineOnEveryShape() throws Exception {
        StringBuilder table = new StringBuilder("| shape | command | exit | answer |\n|---|---|---|---|\n");
        Map<String, CliResult> results = new LinkedHashMap<>();
        for (RepositoryShapes.Shape shape : shapes) {
            String before = state(shape);
            for (Map.Entry<String, Function<RepositoryShapes.Shape, List<String>>> command : commands().entrySet()) {
                List<String> args = command.getValue().apply(shape);
                CliResult result = Cli.run(shape.dir(), args.toArray(String[]::new));
                String label = shape.name() + " × " + command.getKey();
                results.put(label, result);
                table.append("| ").append(shape.name()).append(" | ").append(command.getKey()).append(" | ")
                    .append(result.exitCode()).append(" | ").append(summary(result)).append(" |\n");
                assertClean(label, result);
            }
            assertEquals(before, state(shape), shape.name() + ": the user's checkout changed");
        }
        System.out.println("RepositoryShapesTest (read-only .git by " + readOnlyMechanism + "):\n" + table);

        assertRefused(results.get("empty repository × bisect-helper start"), "rca: error: the repository has no commits yet");
        assertRefused(results.get("empty repository × postmortem"), "rca: error: no ledger for SHAPE-1 (docs/postmortems/SHAPE-1.yaml does not exist)");
        assertRefused(results.get("bare repository × postmortem"), "rca: error: ledgers live in docs/postmortems/ of a"
            + " work tree, and " + shape("bare repository").dir().toRealPath() + " is a bare repository");
        for (String command : List.of("log", "history", "suspects", "bisect-helper start")) {
            assertRefused(results.get("empty repository × " + command), "rca: error: the repository has no commits yet");
            assertTrue(results.get("shallow clone × " + command).err().startsWith(
                "rca: note: this is a shallow clone: history is cut at "), command);
        }
        for (RepositoryShapes.Shape shape : shapes) {
            if (shape.good() != null) {
                CliResult log = results.get(shape.name() + " × log");
                assertEquals(0, log.exitCode(), shape.name() + ": " + log.err());
                String expected = NativeGit.run(shape.dir(), "-c", "i18n.logOutputEncoding=UTF-8", "log", "-n", "3", "--format=%h %s");
                assertEquals(expected, log.out(), shape.name());
                CliResult history = results.get(shape.name() + " × history");
                assertEquals(NativeGit.run(shape.dir(), "-c", "i18n.logOutputEncoding=UTF-8", "log", "--format=%h %s", "--",
                    shape.path()), history.out(),
                    shape.name());
            }
        }
        assertTrue(results.get("shallow clone × bisect-helper start").err().startsWith(
            "rca: note: this is a shallow clone: history is cut at "), results.get("shallow clone × bisect-helper start").err());
        assertRefused(results.get("read-only .git × bisect-helper start"), "rca: error: rca keeps its state in "
            + readOnlyGitDir.resolve("rca") + " and cannot write there (");
        for (RepositoryShapes.Shape shape : shapes) {
            if (shape.good() == null || shape.name().equals("read-only .git")) {
                continue;
            }
            CliResult run = results.get(shape.name() + " × bisect-helper run");
            assertEquals(0, run.exitCode(), shape.name() + ": " + run.err());
            String culprit = NativeGit.run(shape.dir(), "rev-parse", shape.bad()).strip();
            assertTrue(run.out().startsWith("first bad commit: "), shape.name() + ": " + run.out());
            if (shape.name().equals("bare repository")) {
                continue;
            }
            assertEquals(0, results.get(shape.name() + " × postmortem").exitCode(),
                shape.name() + ": " + results.get(shape.name() + " × postmortem").err());
            assertFalse(culprit.isEmpty());
        }
    }

    @Test
    void shallowCloneSaysWhereHistoryIsCutWhenARevisionIsBeyondIt() {
        RepositoryShapes.Shape shallow = shape("shallow clone");
        CliResult result = Cli.run(shallow.dir(), "bisect-helper", "start", "--bad=HEAD", "--good=HEAD~5");
        assertEquals(3, result.exitCode());
        List<String> lines = result.err().lines().toList();
        assertEquals(3, lines.size(), result.err());
        assertTrue(lines.get(0).startsWith("rca: note: this is a shallow clone: history is cut at "), lines.get(0));
        assertEquals("rca: error: unknown revision 'HEAD~5'", lines.get(1));
        assertTrue(lines.get(2).startsWith("hint: this is a shallow clone and history is cut at "), lines.get(2));
    }

    @Test
    void readOnlyGitDirectoryRefusesToCommitThePostmortemInOneLine() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(readOnlyMechanism.equals("a file at .git/rca"),
            "only .git/rca is unwritable here (root without chattr): committing is not stopped");
        Path dir = shape("read-only .git").dir();
        String before = state(shape("read-only .git"));
        CliResult result = Cli.run(dir, "postmortem", "-t", "SHAPE-1", "--commit");
        assertEquals(3, result.exitCode(), result.err());
        List<String> errors = result.err().lines().filter(l -> !l.startsWith("rca: warning:")).toList();
        assertEquals(2, errors.size(), result.err());
        assertTrue(errors.get(0).startsWith("rca: error: cannot commit the post-mortem: cannot write " + readOnlyGitDir),
            errors.get(0));
        assertTrue(errors.get(0).endsWith("; the post-mortem and the ledger are as they were"), errors.get(0));
        assertEquals("hint: make " + readOnlyGitDir + " writable, or commit the two files by hand", errors.get(1));
        assertEquals(before, state(shape("read-only .git")));
    }

    private static void assertClean(String label, CliResult result) {
        int code = result.exitCode();
        assertTrue(code == 0 || code == 1 || code == 3, label + ": exit " + code + "\n" + result.err());
        assertFalse(result.err().contains("\tat ") || result.err().contains("internal error"), label + "\n" + result.err());
        List<String> errors = result.err().lines().filter(l -> l.startsWith("rca: error:")).toList();
        assertTrue(errors.size() <= 1, label + ": several errors\n" + result.err());
        if (code == 3) {
            List<String> other = result.err().lines()
                .filter(l -> !l.startsWith("rca: error:") && !l.startsWith("hint:") && !l.startsWith("rca: note:")
                    && !l.startsWith("rca: running")).toList();
            assertEquals(List.of(), other, label + ": more than one line and a hint\n" + result.err());
        }
    }

    private static void assertRefused(CliResult result, String firstLine) {
        assertEquals(3, result.exitCode(), result.err());
        String error = result.err().lines().filter(l -> l.startsWith("rca: error:")).findFirst().orElse("");
        assertTrue(error.startsWith(firstLine), "expected [" + firstLine + "…], got:\n" + result.err());
    }

    private static String summary(CliResult result) {
        String text = result.exitCode() == 0 ? result.out() : result.err();
        return text.lines().filter(l -> !l.startsWith("rca: running")).findFirst().orElse("").replace("|", "\\|");
    }

    private static RepositoryShapes.Shape shape(String name) {
        return shapes.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** What the user owns: status, HEAD, refs and index (the bare repository has only refs). */
    private static String state(RepositoryShapes.Shape shape) {
        if (shape.name().equals("bare repository")) {
            return NativeGit.run(shape.dir(), "show-ref");
        }
        if (shape.good() == null) {
            return NativeGit.run(shape.dir(), "status", "--porcelain");
        }
        return NativeGit.run(shape.dir(), "status", "--porcelain", "--untracked-files=no")
            + NativeGit.run(shape.dir(), "rev-parse", "HEAD") + NativeGit.run(shape.dir(), "show-ref")
            + NativeGit.run(shape.dir(), "ls-files", "--stage");
    }

    private static void writeLedger(RepositoryShapes.Shape shape) throws IOException {
        String fix = NativeGit.run(shape.dir(), "rev-parse", shape.fix()).strip();
        Path ledger = shape.dir().resolve("docs/postmortems/SHAPE-1.yaml");
        Files.createDirectories(ledger.getParent());
        Files.writeString(ledger, """
            rca: 1
            ticket: SHAPE-1
            title: f.txt broke
            kind: bug
            status: fixed
            symptoms:
              - {id: S1, text: "f.txt says broken"}
            repro:
              command: "sh -c 'grep -q ok f.txt'"
              rate: deterministic
            root_cause:
              text: The write to f.txt in c4 replaced its content.
            fix:
              commits: ["%s"]
              text: Restore f.txt.
            validation:
              checks:
                - {what: "f.txt says ok", evidence: "read at the fix"}
              not_covered: none
            action_items: none
            """.formatted(fix));
        // the ledger is the user's own uncommitted file: status shows it before and after alike
    }

    private static String makeReadOnly(Path gitDir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            setWritable(gitDir, false);
            return "chmod a-w";
        }
        Process chattr = new ProcessBuilder("chattr", "+i", gitDir.toString()).redirectErrorStream(true).start();
        chattr.getInputStream().readAllBytes();
        if (chattr.waitFor() == 0) {
            return "chattr +i";
        }
        Files.writeString(gitDir.resolve("rca"), "not a directory\n");
        return "a file at .git/rca";
    }

    private static void setWritable(Path dir, boolean writable) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                if (writable) {
                    permissions.add(PosixFilePermission.OWNER_WRITE);
                } else {
                    permissions.removeAll(List.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE));
                }
                Files.setPosixFilePermissions(p, permissions);
            }
        }
    }
}
