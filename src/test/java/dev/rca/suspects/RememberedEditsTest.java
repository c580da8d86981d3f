package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** The process's edits per pair of blobs: kept within a byte budget, least recently used out first. */
class RememberedEditsTest {
    private static ObjectId id(int n) {
        return ObjectId.fromString(String.format("%040x", n));
    }

    private static EditList edits(int count) {
        EditList list = new EditList();
        for (int i = 0; i < count; i++) {
            list.add(new Edit(2 * i, 2 * i + 1, 2 * i, 2 * i + 1));
        }
        return list;
    }

    @Test
    void theLeastRecentlyUsedPairsGoWhenTheBudgetIsExceeded() {
        EditList one = edits(1);
        RememberedEdits kept = new RememberedEdits(3 * RememberedEdits.cost(one));
        kept.put(id(1), id(2), one);
        kept.put(id(2), id(3), edits(1));
        kept.put(id(3), id(4), edits(1));
        assertSame(one, kept.get(id(1), id(2)), "read last: the others are older");
        kept.put(id(4), id(5), edits(1));
        assertEquals(3, kept.size());
        assertNull(kept.get(id(2), id(3)), "the least recently used");
        assertSame(one, kept.get(id(1), id(2)));
        assertNull(kept.get(id(2), id(1)), "a pair is ordered: b against a is another diff");

        kept.put(id(5), id(6), edits(20));
        assertEquals(0, kept.size(), "a list larger than the whole budget leaves nothing kept, itself included");
        assertThrows(IllegalArgumentException.class, () -> new RememberedEdits(-1));
    }
}
