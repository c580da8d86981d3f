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

    @Test
    void theLastLinesShownAreCutWhereALineWouldFillTheTerminal() {
        String longLine = "x".repeat(299) + "\uD83D\uDE00" + "y".repeat(700);
        CommandRunner.Result run = new CommandRunner.Result(1, false, "a\nb\n" + longLine + "\nc\n", Duration.ZERO);
        // the cut falls inside a surrogate pair: it moves before the pair, not through it
        assertEquals(List.of("b", "x".repeat(299) + " … (702 more characters)", "c"), run.lastLines(3));
        assertEquals(List.of("a", "b"), new CommandRunner.Result(0, false, "a\nb", Duration.ZERO).lastLines(5));
    }
}
