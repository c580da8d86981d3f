package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.LogAgainstGit;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patterns whose matching recurses once per repetition ({@code (a|b)*}) over message lines of 20,000 characters, a
 * pasted log or base64 blob, against git (RCA-13): java.util.regex overflowed the thread's stack there and the JVM
 * printed a StackOverflowError trace, exit 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongMessagePatternTest {
    @TempDir
    static Path tmp;

    private Path dir;

    @BeforeAll
    void history() {
        dir = tmp.resolve("repo");
        String blob = "ab".repeat(10_000);
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("base\n").add("f", "1\n").create();
            repo.commit("pasted output\n\n" + blob + "\n").add("f", "2\n").create();
            repo.commit(blob + "z\n").add("f", "3\n").create();
            repo.commit("tidy\n").add("f", "4\n").create();
        }
    }

    List<List<String>> queries() {
        return List.of(List.of("--grep=(a|b)*z"), List.of("--grep=(a|b)+$"), List.of("--grep=^(a|b)+$"),
            List.of("--grep=(a|b)*q", "--invert-grep"), List.of("--grep=^(a|b)+$", "--grep=tidy"),
            List.of("--author=(a|b)*"));
    }

    /**
     * git as {@code -E}, whose patterns these are too: glibc's matcher does not recurse, where git's {@code -P} stops
     * at PCRE's JIT stack limit on such lines (exit 128), as it did for {@code (a|b)*z} here.
     */
    @ParameterizedTest(name = "rca log {0}")
    @MethodSource("queries")
    void aLongLineIsMatchedAsGitMatchesIt(List<String> query) {
        LogAgainstGit.assertSame(dir, List.of("-E"), query);
    }

    /** The premise: the queries above see the long lines (each lists some commits and not others). */
    @Test
    void theLongLinesAreWhatTheQueriesFind() {
        assertEquals(1, NativeGit.lines(dir, "log", "-E", "--format=%H", "--grep=^(a|b)+$").size());
        assertEquals(1, NativeGit.lines(dir, "log", "-E", "--format=%H", "--grep=(a|b)*z").size());
    }

    @Test
    void aMessageSearchRevisionReachesAMessageOfOneLongLine() {
        String git = NativeGit.run(dir, "rev-parse", ":/(a|b)*z").trim();
        CliResult r = Cli.run(dir, "log", "-n1", "--format=sha", ":/(a|b)*z");
        assertEquals(List.of(0, git + "\n", ""), List.of(r.exitCode(), r.out(), r.err()));
    }

    @Test
    void logsTableFiltersALongLineWithARecursingPattern() throws Exception {
        Path log = tmp.resolve("long.log");
        Files.writeString(log, "2026-11-21 11:11:38,003 INFO [main] com.x.Y - " + "ab".repeat(10_000) + "\n"
            + "2026-11-21 11:11:39,003 INFO [main] com.x.Y - short abc\n");
        CliResult r = Cli.run(dir, "logs", "table", "--format=csv", "--grep=(a|b)*c", log.toString());
        assertEquals(List.of(0, ""), List.of(r.exitCode(), r.err()), r.out());
        assertEquals(2, r.outLines().size(), r.out());
    }

    /**
     * A structured value of 20,000 characters, and structured-data elements up to the 64 KiB where {@code logs} cuts a
     * line: about 5,900, which overflowed the launcher's 4 MiB stack in a fresh rca (C1-compiled,
     * {@code -XX:TieredStopAtLevel=1} in scripts/lib/launch.bash) but not in a test JVM whose C2-compiled matcher
     * takes smaller frames: so on a 1 MiB stack here.
     */
    @ParameterizedTest(name = "{index}")
    @MethodSource("structuredData")
    void aSyslogLineWithLongStructuredDataIsParsed(String structured) throws Exception {
        Path log = tmp.resolve("sd.log");
        Files.writeString(log, "<165>1 2026-11-21T11:11:38.003Z host app 1234 ID47 " + structured
            + " first\n<165>1 2026-11-21T11:11:39.003Z host app 1234 ID47 - second\n");
        CliResult r = Cli.runOnStack(1024 * 1024, dir, "logs", "table", "--format=csv", log.toString());
        assertEquals(List.of(0, "", 3), List.of(r.exitCode(), r.err(), r.outLines().size()), r.out());
        // parsed as RFC 5424 (time, severity, process id, app), its message cut where the table cuts one
        assertTrue(r.outLines().get(1).startsWith("1,2026-11-21T11:11:38.003Z,NOTICE,1234,app,\"" + structured
            .substring(0, 20).replace("\"", "\"\"")), r.outLines().get(1).substring(0, 100));
        assertEquals("2,2026-11-21T11:11:39.003Z,NOTICE,1234,app,second", r.outLines().get(2).strip());
    }

    static List<String> structuredData() {
        return List.of("[sd k=\"" + "x".repeat(20_000) + "\"]", "[x@1 a=\"b\"]".repeat(5_900));
    }

    @Test
    void suspectsReadsAFixWhoseMessageHoldsALongTrailerLikeToken() {
        Path repo = tmp.resolve("trailer");
        String fix;
        try (TestRepo t = TestRepo.init(repo)) {
            t.commit("add f\n").add("f.c", "int f(void)\n{\n\treturn 1;\n}\n").create();
            fix = t.commit("fix f\n\nAcked" + "-by".repeat(20_000) + ": x\n")
                .add("f.c", "int f(void)\n{\n\treturn 2;\n}\n").create().name();
        }
        CliResult r = Cli.run(repo, "suspects", "--format=sha", fix);
        assertEquals(List.of(0, ""), List.of(r.exitCode(), r.err()), r.out());
    }

    @Test
    void aLogMaskRecursingOverALongLineMasksIt() throws Exception {
        Path good = tmp.resolve("good.log");
        Path bad = tmp.resolve("bad.log");
        Files.writeString(good, "start\npayload " + "ab".repeat(10_000) + "\nend\n");
        Files.writeString(bad, "start\npayload " + "ba".repeat(10_000) + "\nend\n");
        CliResult r = Cli.run(dir, "logs", "diff", "--mask=blob=(a|b)+", good.toString(), bad.toString());
        assertEquals(List.of(0, ""), List.of(r.exitCode(), r.err()), r.out());
    }
}
