package dev.rca.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

class AddedCommitsTest {
    @Test
    void ordersByIdAndFindsEveryCommitThroughGrowth() {
        Random random = new Random(7);
        List<ObjectId> ids = new ArrayList<>();
        AddedCommits added = new AddedCommits(100);
        for (int i = 0; i < 5000; i++) {
            byte[] raw = new byte[20];
            random.nextBytes(raw);
            if (i % 10 == 0) {
                // ids sharing their first word (and some their first byte above 0x7f) are ordered by the rest
                raw[0] = (byte) (i % 20 == 0 ? 0x9c : 0x1c);
                raw[1] = 0x42;
                raw[2] = 0;
                raw[3] = 7;
            }
            ObjectId id = ObjectId.fromRaw(raw);
            ids.add(id);
            ObjectId[] parents = i == 0 ? new ObjectId[0] : new ObjectId[] {ids.get(i - 1), ids.get(i / 2)};
            added.add(id, ids.get(i / 3), i, parents, i * 10L);
        }
        List<ObjectId> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.naturalOrder());
        int[] order = added.positionsById();
        for (int n = 0; n < order.length; n++) {
            assertEquals(sorted.get(n), ids.get(order[n]), "position " + n);
        }
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(100 + i, added.indexOf(ids.get(i)));
            assertEquals(i == 0 ? 0 : 2, added.parentCount(i));
            if (i > 0) {
                assertEquals(100 + i - 1, added.parentIndex(i, 0));
                assertEquals(ids.get(i / 2), added.parent(i, 1));
            }
        }
        assertEquals(-1, added.indexOf(ObjectId.zeroId()));
        assertEquals(2 * 4999, added.parentSlots());
    }
}
