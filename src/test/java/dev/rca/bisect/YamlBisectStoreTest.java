package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rca.RcaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlBisectStoreTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);

    @TempDir
    Path tmp;

    @Test
    void roundTripInTheLedgerShape() throws Exception {
        YamlBisectStore store = new YamlBisectStore(tmp.resolve("rca/bisect.yaml"));
        assertEquals(Optional.empty(), store.load());
        BisectState state = BisectState.start(List.of(A), B, List.of("src/on"), false, Map.of())
            .withStep(BisectStep.ran(C, Verdict.BAD, 3)).withAnswer(C, null);
        store.save(state);
        assertEquals(state, store.load().orElseThrow());
        assertEquals("# rca bisection state; see 'rca bisect-helper status'\nbisect:\n  good:\n    - " + A + "\n  bad: " + B
            + "\n  paths:\n    - src/on\n  steps:\n    - commit: " + C + "\n      verdict: bad\n      runs: 3\n      by: run\n  first_bad: "
            + C + "\n", Files.readString(tmp.resolve("rca/bisect.yaml")));
        assertFalse(Files.exists(tmp.resolve("rca/bisect.yaml.tmp")));
        store.delete();
        assertEquals(Optional.empty(), store.load());
    }

    @Test
    void malformedStateIsBadInputWithItsLocation() throws Exception {
        Path file = tmp.resolve("bisect.yaml");
        Files.writeString(file, "bisect:\n  good: [" + A + "]\n  bad: " + B + "\n  bad: " + C + "\n");
        RcaException dup = assertThrows(RcaException.class, () -> new YamlBisectStore(file).load());
        assertEquals(3, dup.exitCode());
        assertEquals(file + ":4:3", dup.location());
        Files.writeString(file, "bisect:\n  good: [" + A + "]\n  bad: nope\n");
        RcaException sha = assertThrows(RcaException.class, () -> new YamlBisectStore(file).load());
        assertEquals("rca: error: malformed bisect state: bad commit is not a full SHA: nope at " + file, sha.render());
    }
}
