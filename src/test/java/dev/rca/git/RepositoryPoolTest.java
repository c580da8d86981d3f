package dev.rca.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's pool of open repositories: a repository it lets go while a command still uses it stays open
 * for that command. Closing a JGit repository drops its packs, and the next read opens them again (on a history
 * of git's size, hundreds of megabytes of pack index), so "still open" is seen as "the same pack objects".
 */
class RepositoryPoolTest {
    @TempDir
    Path tmp;

    @Test
    void aRepositoryEvictedWhileInUseStaysOpenUntilItsUserIsDone() throws IOException {
        Path first = packedRepository("first");
        Path second = packedRepository("second");
        RepositoryPool pool = new RepositoryPool(1);

        Repository inUse = pool.open(builder(first));
        Pack pack = onlyPack(inUse);
        Repository other = pool.open(builder(second));
        assertSame(pack, onlyPack(inUse), "evicted by another repository while a command used it");
        other.close();

        inUse.close();
        assertNotSame(pack, onlyPack(inUse), "let go by the pool and by its user: closed");
        pool.closeAll();
    }

    @Test
    void aKeptRepositoryOutlivesEachCommandAndIsClosedWithThePool() throws IOException {
        Path dir = packedRepository("kept");
        RepositoryPool pool = new RepositoryPool(2);

        Repository command1 = pool.open(builder(dir));
        Pack pack = onlyPack(command1);
        command1.close();
        Repository command2 = pool.open(builder(dir));
        assertSame(command1, command2);
        assertSame(pack, onlyPack(command2), "kept open between commands");

        pool.closeAll();
        assertSame(pack, onlyPack(command2), "the pool let go, the second command still reads");
        command2.close();
        assertNotSame(pack, onlyPack(command2));
    }

    @Test
    void droppingAPlaceLeavesItOpenForTheCommandThatHasIt() throws IOException {
        Path dir = packedRepository("dropped");
        RepositoryPool pool = new RepositoryPool(2);

        Repository inUse = pool.open(builder(dir));
        Pack pack = onlyPack(inUse);
        pool.close(dir.toFile());
        assertEquals(java.util.List.of(), pool.places());
        assertSame(pack, onlyPack(inUse));
        inUse.close();
        assertNotSame(pack, onlyPack(inUse));
    }

    @Test
    void packIndexesAreReadOnlyWithinTheirBudget() throws IOException {
        Path packed = packedRepository("packed");
        long indexSize;
        try (var indexes = java.nio.file.Files.list(packed.resolve(".git/objects/pack"))) {
            indexSize = indexes.filter(p -> p.toString().endsWith(".idx")).mapToLong(p -> p.toFile().length()).sum();
        }
        try (GitWorkspace workspace = GitWorkspace.open(packed)) {
            assertEquals(-1, workspace.readPackIndexes(indexSize - 1), "over budget");
            assertEquals(indexSize, workspace.readPackIndexes(indexSize));
        }
        // a clone borrowing the first one's objects: their indexes would be read too, and are not counted
        Path shared = tmp.resolve("shared");
        NativeGit.run(tmp, "clone", "-q", "--shared", packed.toString(), shared.toString());
        NativeGit.run(shared, "commit", "-q", "--allow-empty", "-m", "own");
        NativeGit.run(shared, "repack", "-q", "-l");
        try (GitWorkspace workspace = GitWorkspace.open(shared)) {
            assertEquals(-1, workspace.readPackIndexes(Long.MAX_VALUE), "alternates");
        }
        Path loose = tmp.resolve("loose");
        try (TestRepo repo = TestRepo.init(loose)) {
            repo.commit("first").add("a.txt", "one\n").create();
        }
        try (GitWorkspace workspace = GitWorkspace.open(loose)) {
            assertEquals(-1, workspace.readPackIndexes(Long.MAX_VALUE), "no packs");
        }
    }

    private Path packedRepository(String name) {
        Path dir = tmp.resolve(name);
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.commit("first").add("a.txt", "one\n").create();
            repo.commit("second").add("a.txt", "two\n").create();
        }
        NativeGit.run(dir, "gc", "-q");
        return dir;
    }

    private static FileRepositoryBuilder builder(Path workTree) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        builder.setWorkTree(workTree.toFile());
        builder.setMustExist(true);
        return builder;
    }

    private static Pack onlyPack(Repository repository) {
        var packs = ((ObjectDirectory) repository.getObjectDatabase()).getPacks();
        assertEquals(1, packs.size());
        return packs.iterator().next();
    }
}
