package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FollowedNames} answers as {@link TreePaths} does, for a few names and for many. */
class FollowedNamesTest {
    @TempDir
    Path tmp;

    @Test
    void matchesTreePathsForFewAndManyNames() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            TestRepo.CommitSpec spec = repo.commit("files");
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                spec.add("top-" + i + ".c", "t" + i + "\n");
                spec.add("dir" + i + "/sub/f.c", "d" + i + "\n");
                many.add("top-" + i + ".c");
                many.add("dir" + i + "/sub/f.c");
                many.add("dir" + i + "/sub");
            }
            spec.add("b/x.c", "x\n").add("bb", "bb\n");
            RevCommit c = spec.create();
            many.addAll(List.of("missing", "b/x.c", "b/missing.c", "bb/not-a-dir", "top-1.c/below", "dir3"));
            List<String> few = List.of("b/x.c", "bb", "dir1/sub/f.c", "nope/x");
            try (ObjectReader reader = repo.repository().newObjectReader()) {
                for (List<String> names : List.of(few, many)) {
                    TreePaths.Entry[] expected = new TreePaths(reader, names).lookup(c.getTree());
                    FollowedNames followed = new FollowedNames(reader, names);
                    assertArrayEquals(expected, followed.lookup(c.getTree()), names.toString());
                    assertArrayEquals(expected, followed.lookup(c.getTree()), "from the cache");
                }
                TreePaths.Entry[] whole = new FollowedNames(reader, List.of("", "bb")).lookup(c.getTree());
                assertEquals(new TreePaths.Entry(c.getTree().copy(), FileMode.TREE.getBits()), whole[0]);
                assertEquals(new TreePaths(reader, List.of("bb")).lookup(c.getTree())[0], whole[1]);
                assertNull(new FollowedNames(reader, List.of("dir0/sub/f.c/x")).lookup(c.getTree())[0]);
            }
        }
    }
}
