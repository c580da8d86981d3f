package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Arbitrary text made of the pieces logs are made of never makes a parser or the masker fail. */
class LogRobustnessTest {
    private static final String[] PIECES = {"2026-11-20", "T", " ", "09:00:00", ",123", ".5", "Z", "+01:00", "[", "]",
        "main", "INFO", "warn", "ERROR", "-", " - ", ":", "::", "\"", "\\", "{", "}", "\"msg\":", "0x", "7ffd", "@",
        "1b6d3586", "8f14e45f-ceea-467a-9f0e-1234567890ab", "/tmp/", "C:\\", "Temp\\", "Nov", " 1", "Sat", "PT",
        "1.5", "s", "ms", "#", "pid=", "user", "4", "42", "4242", "123456", "10.0.0.1", ":8080", "<34>", "<165>1 ",
        "I1121", " 11:11:38.123456", "]", "é", "\uFFFD", "\t", "P", "ab", "_id", "Id"};

    @Test
    void randomLinesNeverBreakParsingOrMasking() {
        Random random = new Random(42);
        LogMasker masker = LogMasker.defaults();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                line.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = line.toString();
            for (LogFormat format : LogFormat.values()) {
                LogEntry entry = format.parse(n + 1, text);
                if (entry != null) {
                    assertNotNull(entry.message());
                }
            }
            String masked = masker.mask(text);
            assertEquals(masked, masked.strip(), text);
            assertEquals(masked, masker.mask(text), "masking is deterministic: " + text);
        }
    }
}
