package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CachedGraphReader;
import dev.rca.history.CommitCache;
import dev.rca.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownTextsTest {
    @TempDir
    Path tmp;

    private static ObjectId id(int n) {
        return ObjectId.fromString(String.format("%040x", n));
    }

    private static RawText text(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTextOutranksWhatWasKnownBeforeAndNothingTakesItsPlace() {
        KnownTexts known = new KnownTexts(1 << 20);
        assertNull(known.binary(id(1)));
        known.keepIsText(id(1));
        assertEquals(Boolean.FALSE, known.binary(id(1)));
        assertNull(known.text(id(1)), "only that it is text was known");
        RawText t = text("a\nb\n");
        known.keepText(id(1), t);
        known.keepIsText(id(1));
        assertSame(t, known.text(id(1)));
        assertEquals(Boolean.FALSE, known.binary(id(1)));
        known.keepBinary(id(2));
        assertEquals(Boolean.TRUE, known.binary(id(2)));
        assertNull(known.text(id(2)));
    }

    @Test
    void theLeastRecentlyUsedGoFirstAndNothingOverAnEighthOfTheBudgetIsKept() {
        // each 100-byte text of 10 lines costs 96 + 100 + 4 * 12 = 244 estimated bytes
        KnownTexts known = new KnownTexts(1000);
        RawText[] texts = new RawText[5];
        for (int i = 0; i < 5; i++) {
            texts[i] = text("123456789\n".repeat(10));
        }
        known.keepText(id(1), texts[1]);
        assertNull(known.text(id(1)), "244 bytes is over an eighth of 1000");
        known = new KnownTexts(2000);
        for (int i = 1; i <= 4; i++) {
            known.keepText(id(i), texts[i]);
        }
        assertNotNull(known.text(id(1)));
        known.keepText(id(5), texts[0]);
        known.keepText(id(6), texts[0]);
        known.keepText(id(7), texts[0]);
        known.keepText(id(8), texts[0]);
        // 8 * 244 = 1952 fits; the ninth pushes out the least recently used, id 2 (id 1 was just asked for)
        known.keepText(id(9), texts[0]);
        assertNull(known.text(id(2)));
        assertSame(texts[1], known.text(id(1)));
    }

    @Test
    void textsReadThroughTheCacheReaderAreLoadedOnceAndBinaryOnesStayNull() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit head = repo.commit("files").add("a.c", "a();\nb();\n")
                .add("blob.bin", new byte[] {1, 0, 2, 0, 3}).create();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory())) {
                assertNotNull(CommitCache.index(ws, Progress.NONE));
                ObjectId text;
                ObjectId binary;
                try (TreeWalk a = TreeWalk.forPath(ws.repository(), "a.c", head.getTree());
                    TreeWalk b = TreeWalk.forPath(ws.repository(), "blob.bin", head.getTree())) {
                    text = a.getObjectId(0);
                    binary = b.getObjectId(0);
                }
                try (ObjectReader reader = CachedGraphReader.open(ws, head)) {
                    RawText first = FixLines.Texts.load(reader, text);
                    assertEquals(2, first.size());
                    assertSame(first, FixLines.Texts.load(reader, text));
                    assertSame(first.getRawContent(), FixLines.Texts.bytes(reader, text));
                    assertNull(FixLines.Texts.load(reader, binary));
                    assertEquals(Boolean.TRUE, KnownTexts.SHARED.binary(binary));
                    assertNull(FixLines.Texts.bytes(reader, binary));
                }
                try (ObjectReader plain = ws.repository().newObjectReader()) {
                    RawText own = FixLines.Texts.load(plain, text);
                    assertEquals("b();", own.getString(1));
                    assertNull(FixLines.Texts.load(plain, binary));
                }
            }
        }
    }
}
