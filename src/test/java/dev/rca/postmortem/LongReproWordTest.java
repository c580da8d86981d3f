package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger's repro command naming a script by a path of 100,000 directories, read on the launcher's 4 MiB stack: the
 * pattern telling a file's path repeated a group per directory and java.util.regex recursed once per repetition
 * (RCA-13's action item).
 */
class LongReproWordTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void postmortemWarnsOfAScriptWithALongPathThatIsNowhere() {
        String script = "a/".repeat(100_000) + "run.sh";
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("  command: \"sh test.sh\"\n",
            "  command: \"sh test.sh && " + script + "\"\n"));
        assertEquals(new CliResult(0, "docs/postmortems/PAY-142.md\n", "rca: warning: repro.command names " + script
            + ", which is neither in the work tree nor committed: correct the name, or commit the file with the fix\n"),
            Cli.runOnLauncherStack(tmp, "postmortem", "-t", "PAY-142"));
    }

    /** The possessive directories take the words the greedy ones took. */
    @Test
    void theFilePathPatternTakesTheWordsItTookBefore() {
        Pattern old = Pattern.compile("(?:~|\\.{1,2})?/[^=:]*|(?:[\\w.-]+/)+[\\w-][\\w.-]*\\.[A-Za-z0-9]{1,8}");
        String[] parts = {"a", "b", "/", ".", "-", "~", "=", ":", "1", "_", "..", "sh"};
        Random random = new Random(34);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder word = new StringBuilder();
            for (int n = random.nextInt(13); n > 0; n--) {
                word.append(parts[random.nextInt(parts.length)]);
            }
            boolean expected = old.matcher(word).matches();
            assertEquals(expected, ReproFiles.FILE_PATH.matcher(word).matches(), word.toString());
            taken += expected ? 1 : 0;
        }
        assertTrue(taken > 1_000, "taken " + taken);
    }
}
