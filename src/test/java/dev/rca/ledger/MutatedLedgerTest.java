package dev.rca.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand edits gone wrong: a realistic ledger with random small damage. Every edit either keeps every line a
 * person wrote, in order, or is refused with an exit-3 error and leaves the file byte-for-byte as it was;
 * never an internal error.
 */
class MutatedLedgerTest {
    private static final String NOISE = ":{}[],-#&*!|>'\"\n\t ?%@`0.S1H";

    @TempDir
    Path dir;

    @Test
    void damagedLedgersAreEditedLosslesslyOrRefused() throws Exception {
        Random random = new Random(20261121L);
        Path path = dir.resolve("PAY-142.yaml");
        LedgerFile file = new LedgerFile(path, new TicketId("PAY-142"), "PAY-142.yaml");
        int edited = 0;
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            StringBuilder text = new StringBuilder(LedgerFileTest.HAND_WRITTEN);
            for (int damage = 1 + random.nextInt(3); damage > 0; damage--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    default -> text.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                }
            }
            byte[] before = text.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(path, before);
            try {
                file.update(edit -> {
                    edit.addItem(ItemKind.SYMPTOM, Map.of("text", "added"));
                    edit.addItem(ItemKind.HYPOTHESIS, Map.of("text", "added", "explains", List.of("S1")));
                    edit.set(List.of("root_cause", "text"), "mechanism");
                    return null;
                });
                String after = Files.readString(path);
                LedgerFileTest.assertLinesKeptInOrder(keptLines(new String(before, StandardCharsets.UTF_8)), after);
                edited++;
            } catch (RcaException e) {
                assertEquals(ExitCode.BAD_INPUT, e.exitCode(), e.render());
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                assertArrayEquals(before, Files.readAllBytes(path), "a refused edit changed the file");
                refused++;
            } catch (RuntimeException e) {
                fail("internal error on:\n" + new String(before, StandardCharsets.UTF_8), e);
            }
        }
        assertEquals(400, edited + refused);
        assertTrue(edited > 150 && refused > 100, edited + " edited, " + refused + " refused");
    }

    /** The lines an edit may not touch: all but those holding root_cause's text value. */
    private static String keptLines(String text) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.lines().toList()) {
            if (!line.startsWith("  text:") && !line.contains("root_cause") && !line.contains("[]")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
