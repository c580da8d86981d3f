package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitWalk;
import dev.rca.history.LogQuery;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rca log | head}: once stdout is gone the walk stops instead of running to the root. */
class ClosedStdoutTest {
    @TempDir
    Path tmp;

    @Test
    void theWalkStopsSoonAfterStdoutCloses() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            for (int i = 0; i < 400; i++) {
                repo.commit("commit " + i).add("f.txt", "v" + i + "\n").create();
            }
            repo.checkout();
        }
        int[] accepted = {0};
        PrintWriter closed = new PrintWriter(new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {
            }
        });
        CommitPrinter printer = new CommitPrinter(closed, OutputFormat.SHA, sha -> sha);
        try (GitWorkspace ws = GitWorkspace.open(tmp.resolve("r"));
             CommitWalk walk = new CommitWalk(ws, Progress.NONE)) {
            boolean complete = walk.run(LogQuery.everything(), c -> {
                accepted[0]++;
                return printer.print(c);
            });
            assertFalse(complete);
        }
        assertTrue(accepted[0] <= 256, "printed " + accepted[0] + " commits into a closed stdout");
        assertEquals(true, accepted[0] > 0);
    }
}
