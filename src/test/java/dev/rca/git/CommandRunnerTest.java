package dev.rca.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aTimeoutBeyondWhatMillisecondsCanCountIsNoTimeoutRatherThanAnOverflow() {
        CommandRunner.Result result = CommandRunner.run(List.of("sh", "-c", "echo ran; exit 3"), dir, Map.of(),
            Duration.ofSeconds(Long.MAX_VALUE));
        assertFalse(result.timedOut());
        assertEquals(3, result.exitCode());
        assertEquals("ran\n", result.output());
    }
}
