package dev.rca.bisect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * git's choice of the next commit to test ({@code find_bisection}, {@code best_bisection},
 * {@code best_bisection_sorted}, {@code managed_skipped} and {@code skip_away} in git's bisect.c),
 * reproduced rule for rule, ties and the pseudo-random skip included, so that a bisection tests
 * the same commits git would.
 */
public final class Midpoint {
    private static final int PRN_MODULO = 32768;

    private Midpoint() {
    }

    /** What a bisection does next. */
    public sealed interface Choice {
    }

    /**
     * Test {@code commit} next.
     *
     * @param all the number of candidates
     * @param reaches how many of them {@code commit} reaches (itself included)
     * @param mergeBase true when {@code commit} is a merge base of the bad commit and a good one that is not its
     *     ancestor, which git tests before bisecting
     */
    public record Next(String commit, int all, int reaches, boolean mergeBase) implements Choice {
        /** A candidate chosen by bisection. */
        public Next(String commit, int all, int reaches) {
            this(commit, all, reaches, false);
        }

        /** git's "roughly N steps". */
        public int stepsLeft() {
            return estimateSteps(all);
        }
    }

    /** The bisection is over: {@code commit} is the first bad commit. */
    public record Found(String commit) implements Choice {
    }

    /** Only skipped commits are left: the first bad commit is one of {@code suspects}. */
    public record OnlySkipped(List<String> suspects) implements Choice {
        public OnlySkipped {
            suspects = List.copyOf(suspects);
        }
    }

    /**
     * A merge base of the bad commit and the good ones was found bad: the good commits that are not ancestors of
     * the bad one have a fix, and there is no first bad commit between them.
     */
    public record BadMergeBase(String commit, List<String> goods) implements Choice {
        public BadMergeBase {
            goods = List.copyOf(goods);
        }
    }

    /** No candidate touches the paths. */
    public record NoTestable() implements Choice {
    }

    /** git's {@code estimate_bisect_steps}: the steps left after testing the next commit. */
    public static int estimateSteps(int all) {
        if (all < 3) {
            return 0;
        }
        int n = 31 - Integer.numberOfLeadingZeros(all);
        int e = 1 << n;
        int x = all - e;
        return e < 3 * x ? n : n - 1;
    }

    /** Chooses as {@code git bisect next} does, {@code bad} being the current bad commit. */
    public static Choice choose(CandidateGraph graph, String bad, Set<String> skipped) {
        int nr = graph.candidateCount();
        boolean findAll = !skipped.isEmpty();
        int[] weights = new int[graph.size()];
        List<Integer> best = graph.size() == 0 ? List.of() : findBisection(graph, nr, weights, findAll);
        List<String> tried = new ArrayList<>();
        List<Integer> list = best;
        if (findAll) {
            list = filterSkipped(graph, best, skipped, bad, tried);
            if (list == null) {
                list = best;
            }
        }
        if (list.isEmpty()) {
            if (!tried.isEmpty()) {
                return new OnlySkipped(tried);
            }
            return new NoTestable();
        }
        if (nr == 0) {
            return new NoTestable();
        }
        int chosen = list.get(0);
        String id = graph.ids().get(chosen);
        if (id.equals(bad)) {
            if (!tried.isEmpty()) {
                List<String> suspects = new ArrayList<>(tried);
                suspects.add(bad);
                return new OnlySkipped(suspects);
            }
            return new Found(bad);
        }
        return new Next(id, nr, weights[best.get(0)]);
    }

    /**
     * Returns null when the first commit is not skipped (git then keeps the sorted list as it is);
     * otherwise the non-skipped commits after {@code skip_away}, filling {@code tried}.
     */
    private static List<Integer> filterSkipped(CandidateGraph graph, List<Integer> sorted, Set<String> skipped,
                                               String bad, List<String> tried) {
        boolean skippedFirst = false;
        List<Integer> filtered = new ArrayList<>();
        for (int i : sorted) {
            String id = graph.ids().get(i);
            if (skipped.contains(id)) {
                skippedFirst = true;
                tried.add(id);
            } else if (!skippedFirst) {
                tried.clear();
                return null;
            } else {
                filtered.add(i);
            }
        }
        if (filtered.isEmpty()) {
            return filtered;
        }
        return skipAway(graph, filtered, bad);
    }

    private static List<Integer> skipAway(CandidateGraph graph, List<Integer> filtered, String bad) {
        int count = filtered.size();
        int prn = prn(count);
        int index = (count * prn / PRN_MODULO) * sqrti(prn) / sqrti(PRN_MODULO);
        if (index < 0 || index >= count) {
            return filtered;
        }
        if (!graph.ids().get(filtered.get(index)).equals(bad)) {
            return filtered.subList(index, count);
        }
        return index > 0 ? filtered.subList(index - 1, count) : filtered;
    }

    /** git's {@code get_prn}: "man 3 rand" seeded with {@code count}. */
    static int prn(int count) {
        int c = count * 1103515245 + 12345;
        return (int) (((c & 0xFFFFFFFFL) / 65536) % PRN_MODULO);
    }

    static int sqrti(int val) {
        if (val == 0) {
            return 0;
        }
        float x = val;
        float d;
        do {
            float y = (x + (float) val / x) / 2;
            d = y > x ? y - x : x - y;
            x = y;
        } while (d >= 0.5f);
        return (int) x;
    }

    private static List<Integer> findBisection(CandidateGraph graph, int nr, int[] weights, boolean findAll) {
        int size = graph.size();
        boolean[] treesame = graph.treesame();
        int[][] parents = graph.parents();
        int counted = 0;
        for (int i = 0; i < size; i++) {
            switch (parents[i].length) {
                case 0 -> {
                    if (!treesame[i]) {
                        weights[i] = 1;
                        counted++;
                    } else {
                        weights[i] = 0;
                    }
                }
                case 1 -> weights[i] = -1;
                default -> weights[i] = -2;
            }
        }
        int[] distances = mergeDistances(graph);
        int[] stamp = distances == null ? new int[size] : null;
        int[] stack = distances == null ? new int[size] : null;
        int stampValue = 0;
        for (int i = 0; i < size; i++) {
            if (weights[i] != -2) {
                continue;
            }
            weights[i] = distances != null ? distances[i] : countDistance(graph, i, stamp, ++stampValue, stack);
            if (!findAll && approxHalfway(treesame[i], weights[i], nr)) {
                return List.of(i);
            }
            counted++;
        }
        while (counted < nr) {
            boolean progress = false;
            for (int i = 0; i < size; i++) {
                if (weights[i] >= 0) {
                    continue;
                }
                int known = -1;
                for (int q : parents[i]) {
                    if (weights[q] >= 0) {
                        known = q;
                        break;
                    }
                }
                if (known < 0) {
                    continue;
                }
                progress = true;
                if (!treesame[i]) {
                    weights[i] = weights[known] + 1;
                    counted++;
                } else {
                    weights[i] = weights[known];
                }
                if (!findAll && approxHalfway(treesame[i], weights[i], nr)) {
                    return List.of(i);
                }
            }
            if (!progress) {
                throw new IllegalStateException("bisection weights do not converge");
            }
        }
        if (!findAll) {
            int best = 0;
            int bestDistance = -1;
            for (int i = 0; i < size; i++) {
                if (treesame[i]) {
                    continue;
                }
                int distance = Math.min(weights[i], nr - weights[i]);
                if (distance > bestDistance) {
                    best = i;
                    bestDistance = distance;
                }
            }
            return List.of(best);
        }
        List<int[]> dist = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!treesame[i]) {
                dist.add(new int[] {i, Math.min(weights[i], nr - weights[i])});
            }
        }
        List<String> ids = graph.ids();
        dist.sort(Comparator.<int[]>comparingInt(a -> -a[1]).thenComparing(a -> ids.get(a[0])));
        return dist.stream().map(a -> a[0]).toList();
    }

    private static boolean approxHalfway(boolean treesame, int weight, int nr) {
        if (treesame) {
            return false;
        }
        int diff = 2 * weight - nr;
        // git counts within about 0.1% of the middle as halfway on large ranges
        return (diff >= -1 && diff <= 1) || Math.abs(diff) < nr / 1024;
    }

    /** The most memory {@link #mergeDistances} may take, in longs (32 MB). */
    private static final long MERGE_BITS_BUDGET = 4L << 20;

    /**
     * {@link #countDistance} of every merge at once, or null when that would take more than
     * {@link #MERGE_BITS_BUDGET}: counting each merge's ancestry by walking it costs merges x candidates (git's
     * way, 14% of a 10,000-commit session's time); here each merge keeps the set of tree-changing commits it
     * reaches as bits, built from its parents' sets and the single-parent chains down to them.
     */
    static int[] mergeDistances(CandidateGraph graph) {
        int size = graph.size();
        int[][] parents = graph.parents();
        boolean[] treesame = graph.treesame();
        int words = (size + 63) >>> 6;
        long merges = 0;
        for (int[] p : parents) {
            if (p.length >= 2) {
                merges++;
            }
        }
        if (merges * words > MERGE_BITS_BUDGET) {
            return null;
        }
        long[][] reach = new long[size][];
        int[] distances = new int[size];
        int[] stack = new int[(int) merges + 1];
        for (int m = 0; m < size; m++) {
            if (parents[m].length < 2 || reach[m] != null) {
                continue;
            }
            int top = 0;
            stack[top++] = m;
            while (top > 0) {
                int x = stack[top - 1];
                int pending = -1;
                for (int p : parents[x]) {
                    int end = chainEnd(parents, p);
                    if (parents[end].length >= 2 && reach[end] == null) {
                        pending = end;
                        break;
                    }
                }
                if (pending >= 0) {
                    stack[top++] = pending;
                    continue;
                }
                top--;
                long[] bits = new long[words];
                mark(bits, x, treesame);
                for (int p : parents[x]) {
                    int q = p;
                    while (parents[q].length == 1) {
                        mark(bits, q, treesame);
                        q = parents[q][0];
                    }
                    if (parents[q].length >= 2) {
                        long[] below = reach[q];
                        for (int w = 0; w < words; w++) {
                            bits[w] |= below[w];
                        }
                    } else {
                        mark(bits, q, treesame);
                    }
                }
                reach[x] = bits;
                int n = 0;
                for (long w : bits) {
                    n += Long.bitCount(w);
                }
                distances[x] = n;
            }
        }
        return distances;
    }

    /** The merge or root a single-parent chain from {@code c} ends at ({@code c} itself when it is one). */
    private static int chainEnd(int[][] parents, int c) {
        while (parents[c].length == 1) {
            c = parents[c][0];
        }
        return c;
    }

    private static void mark(long[] bits, int c, boolean[] treesame) {
        if (!treesame[c]) {
            bits[c >>> 6] |= 1L << c;
        }
    }

    /** git's {@code count_distance}: the tree-changing commits {@code start} reaches, itself included. */
    static int countDistance(CandidateGraph graph, int start, int[] stamp, int value, int[] stack) {
        int n = 0;
        int top = 0;
        stack[top++] = start;
        stamp[start] = value;
        while (top > 0) {
            int c = stack[--top];
            if (!graph.treesame()[c]) {
                n++;
            }
            for (int p : graph.parents()[c]) {
                if (stamp[p] != value) {
                    stamp[p] = value;
                    stack[top++] = p;
                }
            }
        }
        return n;
    }
}
