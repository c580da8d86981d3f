package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Bayesian engine on simulated noisy tests: seeded, a few hundred trials, no timing. */
class FlakyBisectorTest {
    @Test
    void fivePercentLiesOn128Commits() {
        BisectSimulation.Figures rca = BisectSimulation.flaky(128, 200, 0.05, 0.95, false, 0.99, 1);
        assertTrue(rca.accuracy() >= 0.98, rca.toString());
        assertTrue(rca.meanRuns() <= 30, rca.toString());
        BisectSimulation.Figures git = BisectSimulation.git(128, 200, 0.05, 0.95, 1);
        assertTrue(git.accuracy() < 0.8, "git bisect should be misled: " + git);
    }

    @Test
    void eightyTwentyOn128Commits() {
        BisectSimulation.Figures rca = BisectSimulation.flaky(128, 150, 0.2, 0.8, false, 0.99, 7);
        assertTrue(rca.accuracy() >= 0.96, rca.toString());
        assertTrue(rca.meanRuns() <= 59, rca.toString());
    }

    @Test
    void knownRatesNeedFewerRuns() {
        BisectSimulation.Figures known = BisectSimulation.flaky(128, 200, 0.05, 0.95, true, 0.99, 3);
        BisectSimulation.Figures learnt = BisectSimulation.flaky(128, 200, 0.05, 0.95, false, 0.99, 3);
        assertTrue(known.meanRuns() < learnt.meanRuns(), known + " vs " + learnt);
        assertTrue(known.accuracy() >= 0.98, known.toString());
    }

    @Test
    void deterministicTestIsSolvedByPlainBisection() {
        CandidateGraph graph = BisectSimulation.linear(64);
        FlakyBisector engine = new FlakyBisector(graph, java.util.List.of(BisectSimulation.GOOD), FlakyBisector.Model.known(0.001, 0.999));
        String culprit = graph.ids().get(37);
        FlakyRun.Answer answer = FlakyRun.drive(engine, 0.99, 200,
            c -> !c.equals(BisectSimulation.GOOD) && Integer.parseInt(c.substring(24), 16) >= 37);
        assertEquals(culprit, answer.culprit());
        assertTrue(engine.runs() <= 8, "runs: " + engine.runs());
    }

    @Test
    void aFailureThatIsEverywhereIsAFlake() {
        CandidateGraph graph = BisectSimulation.linear(32);
        FlakyBisector engine = new FlakyBisector(graph, java.util.List.of(BisectSimulation.GOOD), FlakyBisector.Model.learned());
        Random random = new Random(5);
        FlakyRun.Answer answer = FlakyRun.drive(engine, 0.8, 1000, c -> random.nextDouble() < 0.3);
        assertNull(answer.culprit(), "no culprit expected, got " + answer + " after " + engine.runs());
        assertTrue(answer.confident(), answer.toString());
    }

    @Test
    void mergesAreHandledThroughAncestry() {
        // 0 - 1 - 2 - 5(merge of 2 and 4) - 6 ; side branch 0 - 3 - 4. Culprit 3: bad are 3, 4, 5, 6.
        CandidateGraph graph = new CandidateGraph(
            java.util.List.of(hex(0), hex(1), hex(2), hex(3), hex(4), hex(5), hex(6)),
            new int[][] {{}, {0}, {1}, {0}, {3}, {2, 4}, {5}}, new boolean[7], false);
        FlakyBisector engine = new FlakyBisector(graph, java.util.List.of(BisectSimulation.GOOD), FlakyBisector.Model.known(0.05, 0.95));
        Random random = new Random(11);
        java.util.Set<Integer> bad = java.util.Set.of(3, 4, 5, 6);
        FlakyRun.Answer answer = FlakyRun.drive(engine, 0.99, 300, c -> {
            boolean isBad = !c.equals(BisectSimulation.GOOD) && bad.contains(Integer.parseInt(c.substring(24), 16));
            return random.nextDouble() < (isBad ? 0.95 : 0.05);
        });
        assertEquals(hex(3), answer.culprit());
    }

    @Test
    void gitsPseudoRandomSkipHelpers() {
        assertEquals(181, Midpoint.sqrti(32768));
        assertEquals(0, Midpoint.sqrti(0));
        assertEquals(3, Midpoint.sqrti(10));
        assertEquals(0, Midpoint.prn(0));
        assertEquals(16838, Midpoint.prn(1));
        assertEquals(908, Midpoint.prn(2));
    }

    private static String hex(int i) {
        return String.format("%040x", i);
    }
}
