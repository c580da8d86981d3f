package dev.rca.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostileLedgerTest {
    @TempDir
    Path dir;

    static final String GOOD = "rca: 1\nticket: T-1\nsymptoms:\n  - id: S1\n    text: boom\n";

    static Stream<Arguments> hostile() {
        String bomb = "rca: 1\nticket: T-1\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
            + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            + "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
        return Stream.of(
            Arguments.of("empty", bytes(""), "ledger is empty at T-1.yaml:1:1"),
            Arguments.of("only comments", bytes("# nothing\n"), "ledger is empty at T-1.yaml:1:1"),
            Arguments.of("truncated", bytes("rca: 1\nticket: T-1\nsymptoms:\n  - {id: S1, text: \"boo"),
                "malformed ledger: while scanning a quoted scalar: found unexpected end of stream at T-1.yaml:4:24"),
            Arguments.of("wrong types", bytes("rca: 1\nticket: T-1\nsymptoms: lots\n"),
                "malformed ledger: symptoms must be a list, not a scalar at T-1.yaml:3:11"),
            Arguments.of("likelihood not a number", bytes(GOOD + "hypotheses:\n  - {id: H1, text: t, likelihood: high}\n"),
                "malformed ledger: hypotheses.0.likelihood must be a number, not 'high' at T-1.yaml:7:35"),
            Arguments.of("a query's total below its listed commits", bytes(GOOD + "evidence:\n  - {id: E1, kind: query,"
                + " commits: [aaaaaaa, bbbbbbb], total_commits: 1}\n"),
                "malformed ledger: evidence.0.total_commits is less than the 2 commits listed at T-1.yaml:7:71"),
            Arguments.of("duplicate keys", bytes("rca: 1\nticket: T-1\nticket: T-2\n"),
                "malformed ledger: duplicate key 'ticket' at T-1.yaml:3:1"),
            Arguments.of("duplicate ids", bytes(GOOD + "  - id: S1\n    text: again\n"),
                "malformed ledger: duplicate id S1 (the first S1 is on line 4): an id names one item at T-1.yaml:6:9"),
            Arguments.of("alias bomb", bytes(bomb),
                "malformed ledger: anchors and aliases (&a) are not allowed in a ledger at T-1.yaml:3:4"),
            Arguments.of("global tag", bytes("rca: 1\nticket: !!javax.script.ScriptEngineManager [x]\n"),
                "malformed ledger: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager "
                    + "at T-1.yaml:2:9"),
            Arguments.of("local tag", bytes("rca: 1\nticket: !mine T-1\n"),
                "malformed ledger: the tag !mine is not allowed at T-1.yaml:2:9"),
            Arguments.of("huge file", bytes("rca: 1\nticket: T-1\nsummary: " + "x".repeat(11 * 1024 * 1024) + "\n"),
                "ledger is 11534365 bytes, more than the 10485760-byte limit at T-1.yaml:1:1"),
            Arguments.of("huge scalar under the file limit", bytes("rca: 1\nticket: T-1\nsummary: \"" + "x".repeat(2_000_000) + "\"\n"),
                "malformed ledger: a line of 2000011 characters is longer than the 1000000-character limit at T-1.yaml:3:1"),
            Arguments.of("huge block scalar in short lines", bytes("rca: 1\nticket: T-1\nsummary: |\n"
                    + ("  " + "x".repeat(98) + "\n").repeat(12_000)),
                "malformed ledger: a value of 1188000 characters is longer than the 1000000-character limit at T-1.yaml:3:10"),
            Arguments.of("binary bytes", new byte[] {'r', 'c', 'a', ':', ' ', '1', '\n', 0, 1, 2, (byte) 0xff},
                "ledger is not valid UTF-8 (binary data?) at T-1.yaml:2:4"),
            Arguments.of("NUL", bytes("rca: 1\nticket: T-1\u0000\n"),
                "ledger contains the control character U+0000 (binary data?) at T-1.yaml:2:12"),
            Arguments.of("wrong schema version", bytes("rca: 2\nticket: T-1\n"),
                "malformed ledger: unsupported ledger version '2' (this rca reads version 1) at T-1.yaml:1:6"),
            Arguments.of("no version", bytes("ticket: T-1\n"),
                "malformed ledger: missing 'rca: 1' (the ledger format version) at T-1.yaml:1:1"),
            Arguments.of("top-level list", bytes("- rca: 1\n- ticket: T-1\n"),
                "malformed ledger: the top level must be a mapping (rca: 1, ticket: …), not a list at T-1.yaml:1:1"),
            Arguments.of("BOM", bytes("\ufeffrca: 1\nticket: T-1\n"),
                "ledger starts with a byte-order mark at T-1.yaml:1:1"),
            Arguments.of("two documents", bytes(GOOD + "---\nrca: 1\n"),
                "malformed ledger: expected a single document in the stream: but found another document at T-1.yaml:6:1"),
            Arguments.of("merge key", bytes("rca: 1\nticket: T-1\nfix:\n  <<: {a: 1}\n"),
                "malformed ledger: merge keys (<<) are not allowed at T-1.yaml:4:3"),
            Arguments.of("deep nesting", bytes("rca: 1\nticket: T-1\nx: " + "[".repeat(200) + "]".repeat(200) + "\n"),
                "malformed ledger: nested more than 30 levels deep at T-1.yaml:3:33"),
            Arguments.of("bad ticket", bytes("rca: 1\nticket: ../etc\n"),
                "malformed ledger: bad ticket id '../etc' at T-1.yaml:2:9"),
            Arguments.of("bad status", bytes(GOOD + "status: done\n"),
                "malformed ledger: status must be open, root-caused, fixed, validated or published, not 'done' "
                    + "at T-1.yaml:6:9"),
            Arguments.of("bad rate", bytes(GOOD + "repro: {command: x, rate: often}\n"),
                "malformed ledger: repro.rate must be 'deterministic' or '<failing>/<total>', not 'often' at T-1.yaml:6:27"),
            Arguments.of("bad id", bytes("rca: 1\nticket: T-1\nsymptoms: [{id: H1, text: t}]\n"),
                "malformed ledger: 'H1' is not a symptom id (S<n>) at T-1.yaml:3:17"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusedWithOneLineAndLeftUntouched(String name, byte[] content, String message) throws Exception {
        Path path = dir.resolve("T-1.yaml");
        Files.write(path, content);
        LedgerFile file = new LedgerFile(path, new TicketId("T-1"), "T-1.yaml");
        RcaException e = assertThrows(RcaException.class,
            () -> file.update(edit -> edit.addItem(ItemKind.SYMPTOM, Map.of("text", "x"))));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertEquals("rca: error: " + message, e.render().lines().findFirst().orElseThrow());
        assertArrayEquals(content, Files.readAllBytes(path));
        assertEquals(1, Files.list(dir).count());
    }
}
