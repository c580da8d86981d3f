package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit table against JGit's parse of every commit, built whole and extended. */
class CommitTableTest {
    @TempDir
    Path tmp;

    @Test
    void everyCommitIsFoundAtItsIndexWithWhatJGitParses() throws IOException {
        HistoryRepoGenerator.generate(tmp.resolve("repo"), 23, 320);
        try (Repository repository = new FileRepositoryBuilder().setGitDir(tmp.resolve("repo/.git").toFile())
            .setMustExist(true).build(); ObjectReader reader = repository.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            Path dir = tmp.resolve("cache");
            CommitTable table = CommitTable.extend(dir, null, reader, List.of(repository.resolve("HEAD")),
                Progress.NONE);
            assertTableAgrees(table, walk);
            List<ObjectId> tips = new ArrayList<>(CommitCache.refTips(repository, reader));
            CommitTable extended = CommitTable.extend(dir, table, reader, tips, Progress.NONE);
            assertTrue(extended.size() > table.size(), extended.size() + " after " + table.size());
            assertTableAgrees(extended, walk);
        }
    }

    private static void assertTableAgrees(CommitTable table, RevWalk walk) throws IOException {
        for (int i = 0; i < table.size(); i++) {
            ObjectId id = table.id(i);
            assertEquals(i, table.find(id), id.name());
            RevCommit c = walk.parseCommit(id);
            assertTrue(table.agrees(i, c), id.name());
        }
    }
}
