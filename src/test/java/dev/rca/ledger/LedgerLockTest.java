package dev.rca.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerLockTest {
    @TempDir
    Path dir;

    @Test
    void aTimeoutTooLongToCountInNanosecondsStillTakesAFreeLock() {
        Path ledger = dir.resolve("T-1.yaml");
        try (LedgerLock lock = LedgerLock.acquire(ledger, "T-1.yaml", Duration.ofSeconds(Long.MAX_VALUE),
            note -> { })) {
            assertTrue(Files.exists(LedgerLock.lockFileFor(ledger)));
        }
        assertFalse(Files.exists(LedgerLock.lockFileFor(ledger)));
    }
}
