package dev.rca.postmortem;

import static dev.rca.testing.PostmortemFixture.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledger and post-mortem prose with one word of 200,000 characters (a pasted path or call chain), read on the
 * launcher's 4 MiB stack: the pattern that tells a word of code from prose repeated a group over it, java.util.regex
 * recursed once per repetition and overflowed (RCA-13's action item).
 */
class LongProseTokenTest {
    @TempDir
    Path tmp;

    @Test
    void lintReadsARootCauseWithALongPathLikeWord() throws IOException {
        lintsVague("A configuration issue under " + "a/".repeat(100_000) + "b made checkout hang.");
    }

    /** rca lint on the clean post-mortem whose Root cause is {@code vagueRootCause}, which names no code. */
    private void lintsVague(String vagueRootCause) throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        String rootCause = "`CartCache.evict()` takes `CartCache.lock` and then calls `OrderLock.acquire()`; "
            + "`OrderService.submit()`\ntakes them in the opposite order. Commit `{OFFENDING}` moved the eviction call "
            + "inside the order lock.";
        String text = clean(r.fix.name(), r.offending.abbreviate(8).name());
        String vague = text.replace(rootCause.replace("{OFFENDING}", r.offending.abbreviate(8).name()), vagueRootCause);
        Files.writeString(tmp.resolve("pm.md"), vague);
        assertEquals(new CliResult(1, "pm.md:18:1: vague-root-cause: '## Root cause' names no function, file, field or"
            + " commit: walk the mechanism with its code identifiers (e.g. `CartCache.evict()`), not a summary of it\n",
            ""), Cli.runOnLauncherStack(tmp, "lint", "pm.md"));
    }

    /** A word of dashes between letters: each name the file-name pattern tried there read the rest of it again. */
    @Test
    void lintReadsARootCauseWithALongDashedWord() throws IOException {
        lintsVague("A configuration issue under " + "a-".repeat(100_000) + "b made checkout hang.");
    }

    @Test
    void postmortemPutsALongCallChainInACodeSpan() {
        String chain = "cart." + "next.".repeat(100_000) + "evict()";
        rendersRejection("the lock in " + chain, "the lock in `" + chain + "`");
    }

    /**
     * A word with a camelCase hump and a dash after 100,000 letters is prose: the camelCase pattern backtracked over
     * the letters after the hump once for each (minutes) before saying so.
     */
    @Test
    void postmortemLeavesALongHumpedWordAsProse() {
        String word = "ab" + "c".repeat(50_000) + "Def" + "g".repeat(50_000) + "-h";
        rendersRejection(word, word);
    }

    /** rca postmortem renders H1's reason, "no thread holding {@code holding}", as the golden's with {@code rendered}. */
    private void rendersRejection(String holding, String rendered) {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("no thread holding OrderLock",
            "no thread holding " + holding));
        assertEquals(new CliResult(0, "docs/postmortems/PAY-142.md\n", ""),
            Cli.runOnLauncherStack(tmp, "postmortem", "-t", "PAY-142"));
        assertEquals(r.resource("golden/PAY-142.md").replace("no thread holding OrderLock (X1)",
            "no thread holding " + rendered + " (X1)"), r.read("docs/postmortems/PAY-142.md"));
    }
}
