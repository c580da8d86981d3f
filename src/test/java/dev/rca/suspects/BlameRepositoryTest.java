package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.attributes.Attributes;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.LfsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlameRepositoryTest {
    @TempDir
    Path tmp;

    /** Names whose order in a tree differs from plain string order, files beside directories of one prefix. */
    private static final List<String> PATHS = List.of("a.c", "a/b.c", "a-b/c.c", "a/b/c/d.c", "a/b.c.orig",
        ".gitattributes", "src/.gitattributes", "x", "x.y/z", "é/ü.c");

    @Test
    void theAttributeBlindRepositoryLeadsEveryLookupToAKnownPathAndFindsNoRules() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit commit = repo.commit("rules everywhere").add(".gitattributes", "* diff=cpp text\n")
                .add("src/.gitattributes", "*.c eol=crlf\n").add("src/a.c", "a();\n").create();
            Path info = repo.repository().getDirectory().toPath().resolve("info");
            Files.createDirectories(info);
            Files.writeString(info.resolve("attributes"), "* merge=binary\n");
            try (ObjectReader reader = repo.repository().newObjectReader()) {
                assertEquals(LfsFactory.class, LfsFactory.getInstance().getClass());
                BlameRepository blind = BlameRepository.attributeBlind(repo.repository(), reader);
                assertNotNull(blind);
                for (String path : PATHS) {
                    blind.know(path);
                }
                blind.know("src/a.c");
                for (String path : PATHS) {
                    // any tree stands for the commit's: the lookup JGit makes for each text a generator loads
                    Attributes attributes = LfsFactory.getAttributesForPath(blind, path, commit);
                    assertTrue(attributes.isEmpty(), path + ": " + attributes);
                    try (TreeWalk walk = TreeWalk.forPath(blind, path, commit.getTree())) {
                        assertNotNull(walk, path);
                        assertEquals(path, walk.getPathString());
                    }
                }
                try (TreeWalk walk = TreeWalk.forPath(blind, "src/b.c", commit.getTree())) {
                    assertNull(walk, "a path nobody made known");
                }
                // the plain repository's lookup does find the rules, so the test above shows the stand-ins at work
                Attributes real = LfsFactory.getAttributesForPath(repo.repository(), "src/a.c", commit);
                assertEquals("cpp", real.getValue("diff"));
            }
        }
    }

    @Test
    void pathsMustNameFiles() {
        PathOnlyTrees trees = new PathOnlyTrees();
        for (String bad : List.of("", "/a", "a/", "a//b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trees.add(bad));
            assertEquals("not a file path: " + bad, e.getMessage());
        }
    }
}
