package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rca.git.GitWorkspace;
import dev.rca.io.AtomicFile;
import dev.rca.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon reuses the tables it checked while their files are unchanged, and checks a replaced file again. */
class OpenedTablesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void stopKeeping() {
        OpenedTables.keep(false);
    }

    @Test
    void tablesAreReusedUntilTheirFileIsReplaced() throws Exception {
        Path dir = tmp.resolve("r");
        HistoryRepoGenerator.generate(dir, 5, 120);
        assertEquals(0, Cli.run(dir, "index").exitCode());
        Path cache;
        try (GitWorkspace ws = GitWorkspace.open(dir)) {
            cache = CommitCache.directory(ws);
        }
        CommitTable alone = CommitTable.open(cache);
        assertNotSame(alone, CommitTable.open(cache), "a process that does not keep tables checks each open");

        OpenedTables.keep(true);
        CommitTable commits = CommitTable.open(cache);
        assertNotNull(commits);
        assertSame(commits, CommitTable.open(cache));
        ChangedPathTable paths = ChangedPathTable.open(cache, commits);
        assertNotNull(paths);
        assertSame(paths, ChangedPathTable.open(cache, commits));
        assertNotSame(paths, ChangedPathTable.open(cache, alone), "checked again against another commit table");

        // rca replaces a table by renaming a new file into place: a new inode, checked again
        byte[] bytes = Files.readAllBytes(cache.resolve("commits"));
        AtomicFile.write(cache.resolve("commits"), bytes);
        CommitTable replaced = CommitTable.open(cache);
        assertNotNull(replaced);
        assertNotSame(commits, replaced);
        assertEquals(commits.size(), replaced.size());

        // a table that is gone is not answered from memory
        Files.delete(cache.resolve("paths"));
        assertEquals(null, ChangedPathTable.open(cache, replaced));
    }
}
