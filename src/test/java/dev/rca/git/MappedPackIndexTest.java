package dev.rca.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory-mapped pack index against JGit's own reader of the same files (git writes them), method by method,
 * and JGit reading a repository through it against {@code git} itself.
 */
class MappedPackIndexTest {
    @TempDir
    static Path tmp;

    private static Path repo;
    private static Path pack;

    @BeforeAll
    static void packedRepository() throws IOException {
        repo = tmp.resolve("repo");
        try (TestRepo r = TestRepo.init(repo)) {
            for (int i = 0; i < 150; i++) {
                r.commit("change " + i).add("src/file" + (i % 7) + ".txt", "line " + i + "\n".repeat(i % 5 + 1))
                    .add("docs/notes" + (i % 3) + ".md", "note " + (i * 31) + "\n").create();
            }
        }
        NativeGit.run(repo, "repack", "-adq");
        try (var files = Files.list(repo.resolve(".git/objects/pack"))) {
            pack = files.filter(f -> f.toString().endsWith(".pack")).findFirst().orElseThrow();
        }
    }

    @Test
    void answersWhatJGitsReaderAnswers() throws IOException {
        Path index = Path.of(pack.toString().replaceAll("\\.pack$", ".idx"));
        assertSameAnswers(PackIndex.open(index.toFile()), MappedPackIndex.open(index));
    }

    @Test
    void readsOffsetsFromTheTableOfLargeOffsets() throws IOException {
        // git stores every offset above the one given in the 64-bit table; real packs need 2 GB for that
        Path index = tmp.resolve("large-offsets.idx");
        NativeGit.run(repo, "index-pack", "--index-version=2," + Files.size(pack) / 3, "-o", index.toString(),
            pack.toString());
        PackIndex jgit = PackIndex.open(index.toFile());
        MappedPackIndex mapped = MappedPackIndex.open(index);
        assertTrue(mapped.getOffset64Count() > 100, "the index has large offsets: " + mapped.getOffset64Count());
        assertSameAnswers(jgit, mapped);
    }

    @Test
    void leavesAVersionOneIndexToJGit() throws IOException {
        Path index = tmp.resolve("v1.idx");
        NativeGit.run(repo, "index-pack", "--index-version=1", "-o", index.toString(), pack.toString());
        assertNull(MappedPackIndex.open(index));
    }

    @Test
    void refusesATruncatedIndex() throws IOException {
        Path index = Path.of(pack.toString().replaceAll("\\.pack$", ".idx"));
        Path truncated = tmp.resolve("truncated.idx");
        byte[] whole = Files.readAllBytes(index);
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 100));
        IOException e = assertThrows(IOException.class, () -> MappedPackIndex.open(truncated));
        assertTrue(e.getMessage().startsWith("corrupt pack index (size "), e.getMessage());
    }

    @Test
    void jgitReadsEveryObjectThroughTheMappedIndexAsGitDoes() throws IOException {
        assertTrue(MappedPackIndexes.available(), "this JGit's Pack keeps its index where rca looks for it");
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.resolve(".git").toFile())
            .setMustExist(true).build()) {
            assertEquals(1, MappedPackIndexes.install(repository));
            assertEquals(0, MappedPackIndexes.install(repository), "already mapped");
            Pack only = ((ObjectDirectory) repository.getObjectDatabase()).getPacks().iterator().next();
            assertInstanceOf(MappedPackIndex.class, only.getIndex());

            assertWalksAsGit(repository, repo);

            List<String> objects = new ArrayList<>();
            for (String line : NativeGit.lines(repo, "cat-file", "--batch-all-objects", "--batch-check")) {
                String id = line.substring(0, 40);
                ObjectLoader loader = repository.open(ObjectId.fromString(id));
                objects.add(id + " " + org.eclipse.jgit.lib.Constants.typeString(loader.getType()) + " "
                    + loader.getCachedBytes().length);
            }
            assertEquals(NativeGit.lines(repo, "cat-file", "--batch-all-objects", "--batch-check"), objects);
        }
    }

    @Test
    void aMultiPackIndexIsLeftAsideForEachPacksMappedIndex() throws IOException {
        // two packs and a multi-pack index over both, as git maintenance's incremental repack leaves them: JGit
        // would read the multi-pack index, and every pack index it covers, into the heap
        Path midx = tmp.resolve("midx");
        NativeGit.run(tmp, "clone", "-q", "--no-local", repo.toString(), midx.toString());
        NativeGit.run(midx, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty",
            "-m", "one more");
        NativeGit.run(midx, "repack", "-dq");
        NativeGit.run(midx, "multi-pack-index", "write");
        assertTrue(Files.exists(midx.resolve(".git/objects/pack/multi-pack-index")));
        try (GitWorkspace workspace = GitWorkspace.open(midx)) {
            Repository repository = workspace.repository();
            List<Pack> packs = new ArrayList<>(((ObjectDirectory) repository.getObjectDatabase()).getPacks());
            assertEquals(2, packs.size(), packs.toString());
            for (Pack p : packs) {
                assertInstanceOf(MappedPackIndex.class, p.getIndex(), p.toString());
            }
            assertWalksAsGit(repository, midx);
        }
        NativeGit.run(midx, "config", "core.multiPackIndex", "true");
        try (GitWorkspace workspace = GitWorkspace.open(midx)) {
            assertEquals(1, ((ObjectDirectory) workspace.repository().getObjectDatabase()).getPacks().size(),
                "a repository that asks for its multi-pack index gets it");
        }
    }

    @Test
    void aKeptRepositoryWhosePacksGitReplacedMapsTheNewOnes() throws IOException {
        // the daemon keeps repositories open between commands; a git gc between two of them replaces the packs
        Path kept = tmp.resolve("kept");
        NativeGit.run(tmp, "clone", "-q", "--no-local", repo.toString(), kept.toString());
        RepositoryPool pool = new RepositoryPool(2);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setWorkTree(kept.toFile()).setMustExist(true);
        try (Repository first = pool.open(builder)) {
            assertEquals(1, MappedPackIndexes.install(first));
            Pack before = ((ObjectDirectory) first.getObjectDatabase()).getPacks().iterator().next();
            assertInstanceOf(MappedPackIndex.class, before.getIndex());
        }
        NativeGit.run(kept, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty",
            "-m", "after the first command");
        NativeGit.run(kept, "repack", "-adfq");
        try (Repository second = pool.open(new FileRepositoryBuilder().setWorkTree(kept.toFile())
            .setMustExist(true))) {
            assertEquals(1, MappedPackIndexes.install(second), "the new pack is mapped");
            for (Pack p : ((ObjectDirectory) second.getObjectDatabase()).getPacks()) {
                assertInstanceOf(MappedPackIndex.class, p.getIndex(), p.toString());
            }
            assertWalksAsGit(second, kept);
        } finally {
            pool.closeAll();
        }
    }

    @Test
    void leavesIndexesToJGitWhenAskedTo() throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.resolve(".git").toFile())
            .setMustExist(true).build()) {
            System.setProperty(MappedPackIndexes.PROPERTY, "heap");
            try {
                assertEquals(0, MappedPackIndexes.install(repository));
            } finally {
                System.clearProperty(MappedPackIndexes.PROPERTY);
            }
        }
    }

    /** JGit's walk from HEAD, reading through the repository's (mapped) pack indexes, lists what git's does. */
    private static void assertWalksAsGit(Repository repository, Path dir) throws IOException {
        List<String> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("HEAD")));
            for (RevCommit c : walk) {
                commits.add(c.name());
            }
        }
        assertEquals(NativeGit.lines(dir, "rev-list", "HEAD"), commits);
    }

    private static void assertSameAnswers(PackIndex jgit, MappedPackIndex mapped) throws IOException {
        assertEquals(jgit.getObjectCount(), mapped.getObjectCount());
        assertEquals(jgit.getOffset64Count(), mapped.getOffset64Count());
        assertEquals(ObjectId.fromRaw(jgit.getChecksum()), ObjectId.fromRaw(mapped.getChecksum()));
        assertTrue(jgit.hasCRC32Support());

        List<String> expected = new ArrayList<>();
        jgit.forEach(e -> expected.add(e.name() + " " + e.getOffset()));
        List<String> actual = new ArrayList<>();
        mapped.forEach(e -> actual.add(e.name() + " " + e.getOffset()));
        assertEquals(expected, actual);
        assertTrue(expected.size() > 400, "objects in the pack: " + expected.size());

        for (long n = 0; n < jgit.getObjectCount(); n++) {
            ObjectId id = jgit.getObjectId(n);
            assertEquals(id, mapped.getObjectId(n));
            assertEquals(jgit.getOffset(n), mapped.getOffset(n));
            assertEquals(jgit.findPosition(id), mapped.findPosition(id));
            assertEquals(jgit.findOffset(id), mapped.findOffset(id));
            assertEquals(jgit.findCRC32(id), mapped.findCRC32(id));
            assertTrue(mapped.hasObject(id));
            for (int length = 1; length <= 7; length += 3) {
                AbbreviatedObjectId prefix = AbbreviatedObjectId.fromString(id.name().substring(0, length));
                for (int limit : new int[] {0, 2, 256}) {
                    Set<ObjectId> want = new HashSet<>();
                    Set<ObjectId> got = new HashSet<>();
                    jgit.resolve(want, prefix, limit);
                    mapped.resolve(got, prefix, limit);
                    assertEquals(want, got, prefix.name() + " limit " + limit);
                }
            }
        }
        for (String absent : new String[] {"0000000000000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffffffffffff", "7fffffffffffffffffffffffffffffffffffffff",
            "8000000000000000000000000000000000000000"}) {
            ObjectId id = ObjectId.fromString(absent);
            assertEquals(jgit.findPosition(id), mapped.findPosition(id), absent);
            assertEquals(-1, mapped.findOffset(id), absent);
            assertThrows(MissingObjectException.class, () -> mapped.findCRC32(id));
            Set<ObjectId> none = new HashSet<>();
            mapped.resolve(none, AbbreviatedObjectId.fromString(absent.substring(0, 12)), 256);
            assertEquals(Set.of(), none);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> mapped.getObjectId(jgit.getObjectCount()));
    }
}
