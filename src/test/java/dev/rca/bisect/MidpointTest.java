package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The merges' distances counted all at once are git's count_distance, merge by merge. */
class MidpointTest {
    @Test
    void mergeDistancesAreCountDistanceForEveryMerge() {
        Random random = new Random(42);
        int merges = 0;
        for (int round = 0; round < 200; round++) {
            int size = 1 + random.nextInt(300);
            int[][] parents = new int[size][];
            boolean[] treesame = new boolean[size];
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ids.add(String.format("%040x", i));
                treesame[i] = random.nextInt(4) == 0;
                // roots, chains, merges and octopus merges, parents among the older commits, in any order
                int count = i == 0 ? 0 : Math.min(i, random.nextInt(10) < 2 ? 0 : random.nextInt(10) < 7 ? 1
                    : 2 + random.nextInt(3));
                parents[i] = random.ints(0, Math.max(i, 1)).distinct().limit(count).toArray();
            }
            CandidateGraph graph = new CandidateGraph(ids, parents, treesame, false);
            int[] distances = Midpoint.mergeDistances(graph);
            assertNotNull(distances);
            int[] stamp = new int[size];
            int[] stack = new int[size];
            for (int i = 0; i < size; i++) {
                if (parents[i].length >= 2) {
                    merges++;
                    assertEquals(Midpoint.countDistance(graph, i, stamp, i + 1, stack), distances[i],
                        "merge " + i + " of round " + round);
                }
            }
        }
        assertTrue(merges > 1000, merges + " merges compared");
    }
}
