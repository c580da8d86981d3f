package dev.rca.bisect;

import dev.rca.RcaException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bisection with a test that lies. It keeps a probability for every hypothesis "commit c is the
 * first bad commit" plus one more, "there is no culprit: the failure is a flake", and updates it
 * with every run by Bayes' rule.
 *
 * <p>A run at commit t fails with probability {@code q1} when t contains the culprit and
 * {@code q0} when it does not. Either both rates are given, or each is learnt from the runs
 * themselves: under hypothesis c the runs split into "contains c" and "does not", each a
 * Beta-binomial with its own prior, so the evidence for c is a product of two Beta functions and no
 * rate is ever guessed. Under "flake" every run fails at one unknown rate with a uniform prior.
 *
 * <p>The next commit (which may be one already tested: a re-run) is the one whose outcome has the
 * largest mutual information with the hypothesis, i.e. the largest expected entropy reduction. The
 * known-good commits are testable too: only they tell "the oldest candidate is the culprit" from
 * "the test fails everywhere".
 */
public final class FlakyBisector {
    /**
     * The noise model.
     *
     * @param goodFailA Beta prior of the failure rate of commits without the culprit (alpha)
     * @param goodFailB (beta)
     * @param badFailA Beta prior of the failure rate of commits with the culprit (alpha)
     * @param badFailB (beta)
     * @param knownGoodFail when not null, the known failure rate of good commits (priors unused)
     * @param knownBadFail when not null, the known failure rate of bad commits
     * @param flakePrior prior probability that there is no culprit at all
     */
    public record Model(double goodFailA, double goodFailB, double badFailA, double badFailB, Double knownGoodFail,
                        Double knownBadFail, double flakePrior) {
        public Model {
            if (goodFailA <= 0 || goodFailB <= 0 || badFailA <= 0 || badFailB <= 0) {
                throw new IllegalArgumentException("Beta parameters must be positive");
            }
            if ((knownGoodFail == null) != (knownBadFail == null)) {
                throw new IllegalArgumentException("give both known rates or neither");
            }
            if (knownGoodFail != null && !(knownGoodFail > 0 && knownGoodFail < knownBadFail && knownBadFail < 1)) {
                throw new IllegalArgumentException("known rates need 0 < good < bad < 1");
            }
            if (!(flakePrior >= 0 && flakePrior < 1)) {
                throw new IllegalArgumentException("flake prior must be in [0, 1)");
            }
        }

        /** Rates learnt from the runs, with rca's default priors. */
        public static Model learned() {
            return new Model(1, 6, 6, 1, null, null, 0.02);
        }

        /** Known rates: a good commit fails with {@code goodFails}, a bad one with {@code badFails}. */
        public static Model known(double goodFails, double badFails) {
            return new Model(1, 1, 1, 1, goodFails, badFails, 0.02);
        }

        /**
         * Known rates as {@code --flake-rate} takes them, {@code <p>[,<q>]}: a good commit fails with {@code p}, a
         * bad one passes with {@code q} (default {@code q = p}).
         *
         * @throws RcaException exit 2 unless {@code 0 < p}, {@code 0 < q} and {@code p + q < 1}
         */
        public static Model parseRates(String text) {
            String[] parts = text.split(",");
            try {
                double p = Double.parseDouble(parts[0]);
                double q = parts.length > 1 ? Double.parseDouble(parts[1]) : p;
                // p + q >= 1 would make a failure no evidence of badness at all
                if (parts.length <= 2 && p > 0 && q > 0 && p + q < 1) {
                    return known(p, 1 - q);
                }
            } catch (NumberFormatException e) {
                // reported below, with the accepted form
            }
            throw RcaException.usage("--flake-rate wants <p>[,<q>] with 0 < p, q and p + q < 1, not '" + text + "'");
        }
    }

    /** The largest range handled: ancestry is kept as one bit set per candidate (quadratic memory). */
    public static final int MAX_CANDIDATES = 20_000;

    private final List<String> ids;
    private final List<String> testable;
    private final Map<String, Integer> index = new HashMap<>();
    private final long[][] ancestors;
    private final int n;
    private final Model model;
    private final int[] fails;
    private final int[] passes;
    private final boolean[] excluded;
    private int totalFails;
    private int totalPasses;
    private double[] posterior;
    /** {@link #leaderIndex()}, or -1 until worked out anew after a run or an exclusion. */
    private int leading = -1;

    /**
     * A bisection over the candidates (tree-changing commits) of {@code graph}; {@code goods} are
     * the known-good commits, testable but containing no candidate.
     */
    public FlakyBisector(CandidateGraph graph, List<String> goods, Model model) {
        this.model = model;
        int size = graph.size();
        int[] candidateOf = new int[size];
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            candidateOf[i] = graph.treesame()[i] ? -1 : candidates.size();
            if (!graph.treesame()[i]) {
                candidates.add(graph.ids().get(i));
            }
        }
        this.ids = List.copyOf(candidates);
        this.n = ids.size();
        if (n == 0) {
            throw new IllegalArgumentException("no candidates");
        }
        List<String> all = new ArrayList<>(ids);
        for (String good : goods) {
            if (!all.contains(good)) {
                all.add(good);
            }
        }
        this.testable = List.copyOf(all);
        for (int i = 0; i < testable.size(); i++) {
            index.put(testable.get(i), i);
        }
        int words = (n + 63) >>> 6;
        long[][] reach = new long[size][];
        for (int node : topologicalOrder(graph)) {
            long[] bits = new long[words];
            for (int p : graph.parents()[node]) {
                long[] pb = reach[p];
                for (int w = 0; w < words; w++) {
                    bits[w] |= pb[w];
                }
            }
            if (candidateOf[node] >= 0) {
                bits[candidateOf[node] >>> 6] |= 1L << (candidateOf[node] & 63);
            }
            reach[node] = bits;
        }
        int m = testable.size();
        this.ancestors = new long[m][];
        for (int i = 0; i < size; i++) {
            if (candidateOf[i] >= 0) {
                ancestors[candidateOf[i]] = reach[i];
            }
        }
        for (int i = n; i < m; i++) {
            ancestors[i] = new long[words];
        }
        this.fails = new int[m];
        this.passes = new int[m];
        this.excluded = new boolean[m];
    }

    /**
     * The engine of a flaky bisection with {@code state}'s steps observed. Its hypotheses are {@code graph}'s candidates
     * and, where the bad commit does not touch the bisection's paths, the bad commit as well: it stands for a first bad
     * commit after every candidate that does not touch them, the deterministic run's "no testable commit left"
     * ({@link #outsideThePaths}). Without it a test that passes at every candidate would read as a flake.
     */
    static FlakyBisector replaying(CandidateGraph graph, BisectState state, Model model) {
        boolean badOutside = graph.indexOf(state.bad()) >= 0 && !graph.touchesThePaths(state.bad());
        FlakyBisector engine = new FlakyBisector(badOutside ? graph.withCandidate(state.bad()) : graph, state.good(),
            model);
        for (BisectStep s : state.steps()) {
            if (!engine.isTestable(s.commit())) {
                continue;
            }
            switch (s.verdict()) {
                case SKIP -> engine.exclude(s.commit());
                case GOOD -> {
                    for (int i = 0; i < s.runs(); i++) {
                        engine.observe(s.commit(), false);
                    }
                }
                case BAD -> {
                    for (int i = 0; i < s.runs(); i++) {
                        engine.observe(s.commit(), true);
                    }
                }
            }
        }
        return engine;
    }

    /**
     * Whether {@code answer}, an engine's {@link #leader()} from {@link #replaying}, says that the first bad commit does
     * not touch the paths: it is the bad commit, which does not.
     */
    static boolean outsideThePaths(CandidateGraph graph, BisectState state, String answer) {
        return state.bad().equals(answer) && !graph.touchesThePaths(answer);
    }

    private static List<Integer> topologicalOrder(CandidateGraph graph) {
        int size = graph.size();
        int[] pendingParents = new int[size];
        List<List<Integer>> children = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < size; i++) {
            for (int p : graph.parents()[i]) {
                pendingParents[i]++;
                children.get(p).add(i);
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < size; i++) {
            if (pendingParents[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(size);
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order.add(node);
            for (int child : children.get(node)) {
                if (--pendingParents[child] == 0) {
                    ready.add(child);
                }
            }
        }
        return order;
    }

    /** The candidates, in the graph's order. */
    public List<String> candidates() {
        return ids;
    }

    /** Whether {@code commit} can be tested: a candidate or a known-good commit. */
    public boolean isTestable(String commit) {
        return index.containsKey(commit);
    }

    /** Records one run of the test at {@code commit}. */
    public void observe(String commit, boolean failed) {
        int t = require(commit);
        if (failed) {
            fails[t]++;
            totalFails++;
        } else {
            passes[t]++;
            totalPasses++;
        }
        posterior = null;
        leading = -1;
    }

    /** Never chooses {@code commit} again (the test cannot run there). */
    public void exclude(String commit) {
        excluded[require(commit)] = true;
        // which candidates runs can tell apart has changed, and with it the leading group
        leading = -1;
    }

    private int require(String commit) {
        Integer t = index.get(commit);
        if (t == null) {
            throw new IllegalArgumentException("not testable here: " + commit);
        }
        return t;
    }

    /** Whether every testable commit is excluded: the test can run nowhere, and {@link #next()} has nothing. */
    public boolean exhausted() {
        for (boolean e : excluded) {
            if (!e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The candidates that no run to come can tell apart, when the first bad commit is among them at {@code confidence}
     * (see {@link #answerProbability}); empty otherwise. Every commit still testable contains all of them or none (the
     * test skipped the commits between them), so further runs move no probability between them: the deterministic
     * run's "only skipped commits are left". Whatever the confidence, one of them is never the answer alone: which one,
     * only the prior says, however many runs are made. Listed in candidate order.
     */
    public List<String> undecidableAmong(double confidence) {
        List<String> alike = alikeWithLeader();
        return !alike.isEmpty() && probabilityOfAny(alike) >= confidence ? alike : List.of();
    }

    /**
     * The probability of the most probable answer: the leader's, or, where it is one of several candidates no run can
     * tell apart ({@link #alikeWithLeader}), theirs together, since no run makes one of them more probable than another.
     */
    public double answerProbability() {
        List<String> alike = alikeWithLeader();
        return alike.isEmpty() ? leaderProbability() : probabilityOfAny(alike);
    }

    /**
     * Whether no run to come can bring an answer to {@code confidence}, so that a run spends its runs for nothing: the
     * most probable answer is one or more candidates that no commit still testable contains (the test skipped them and
     * every commit after them), so every run to come is at a commit without them, which the answer "no culprit, a
     * flake" explains as well; their probability then only approaches a bound short of {@code confidence}, and the
     * candidates besides them and a flake hold less than {@code confidence} leaves. Only with learnt rates and a good
     * commit's failure rate with a Beta(1, b) prior, where the ratio of their likelihood to a flake's grows toward b;
     * with known rates, runs that keep passing end as a flake.
     */
    public boolean runsCannotDecide(double confidence) {
        int lead = leaderIndex();
        if (lead == n || model.knownBadFail() != null || model.goodFailA() != 1 || model.flakePrior() == 0) {
            return false;
        }
        for (int t = 0; t < testable.size(); t++) {
            if (!excluded[t] && contains(t, lead)) {
                return false;
            }
        }
        List<Integer> group = leaderAndAlike();
        // every candidate has the same prior; the group's likelihood over a flake's tends to b from below
        double weight = (1 - model.flakePrior()) * group.size() / n * model.goodFailB();
        double bound = weight / (weight + model.flakePrior());
        double[] p = posterior();
        double others = 1 - p[n];
        for (int c : group) {
            others -= p[c];
        }
        return bound < confidence && others < 1 - confidence;
    }

    /**
     * The most probable first bad commit and the candidates no run to come can tell from it (the test skipped the
     * commits between them), when there are several: which of them it is, only the prior says. Empty when the leader
     * is "no culprit" or stands alone. Listed in candidate order.
     */
    public List<String> alikeWithLeader() {
        List<Integer> alike = leaderAndAlike();
        return alike.size() > 1 ? names(alike) : List.of();
    }

    /** The leader's index and those of the candidates no run can tell from it; empty when the leader is no culprit. */
    private List<Integer> leaderAndAlike() {
        int lead = leaderIndex();
        boolean anyExcluded = false;
        for (boolean e : excluded) {
            anyExcluded |= e;
        }
        if (lead == n) {
            return List.of();
        }
        List<Integer> alike = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            // without a skip every candidate is testable, and a candidate's own run tells it from any other
            if (c == lead || anyExcluded && runsCannotTellApart(lead, c)) {
                alike.add(c);
            }
        }
        return alike;
    }

    private List<String> names(List<Integer> candidates) {
        return candidates.stream().map(ids::get).toList();
    }

    /** The probability that the first bad commit is one of {@code commits}, candidates all. */
    public double probabilityOfAny(List<String> commits) {
        double[] p = posterior();
        double sum = 0;
        for (String c : commits) {
            int i = ids.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("not a candidate: " + c);
            }
            sum += p[i];
        }
        return sum;
    }

    /** Whether every commit not excluded contains both candidates or neither. */
    private boolean runsCannotTellApart(int a, int b) {
        for (int t = 0; t < testable.size(); t++) {
            if (!excluded[t] && contains(t, a) != contains(t, b)) {
                return false;
            }
        }
        return true;
    }

    /** Runs recorded so far. */
    public int runs() {
        return totalFails + totalPasses;
    }

    /** P(culprit = candidate i) for each i, then P(no culprit) last. */
    public double[] posterior() {
        if (posterior == null) {
            posterior = computePosterior();
        }
        return posterior.clone();
    }

    /**
     * The most probable hypothesis: a candidate's SHA, or null for "no culprit". Candidates no run can tell apart
     * count as one here, with their probability together ({@link #alikeWithLeader}); the first of them stands for them.
     */
    public String leader() {
        int best = leaderIndex();
        return best == n ? null : ids.get(best);
    }

    /** The probability of {@link #leader()} alone; see {@link #answerProbability} for its group's. */
    public double leaderProbability() {
        return posterior()[leaderIndex()];
    }

    /**
     * The most probable hypothesis, where candidates no run can tell apart count as one, with their probability
     * together: the first of the group with the largest, or {@code n} for "no culprit" when that is larger still.
     * Without a skip every candidate stands alone, and this is the most probable one.
     */
    private int leaderIndex() {
        if (leading < 0) {
            double[] p = posterior();
            double[] mass = groupProbabilities(p);
            int best = 0;
            for (int c = 1; c < n; c++) {
                if (mass[c] > mass[best]) {
                    best = c;
                }
            }
            leading = p[n] > mass[best] ? n : best;
        }
        return leading;
    }

    /**
     * For each candidate, the probability of its group: the candidates that the commits still testable contain
     * alike. A group is told by a key that sums a mixed index of every such commit that contains the candidate.
     */
    private double[] groupProbabilities(double[] p) {
        double[] mass = Arrays.copyOf(p, n);
        boolean anyExcluded = false;
        for (boolean e : excluded) {
            anyExcluded |= e;
        }
        if (!anyExcluded) {
            return mass;
        }
        long[] keys = new long[n];
        for (int t = 0; t < testable.size(); t++) {
            if (excluded[t]) {
                continue;
            }
            long mixed = mix(t);
            long[] bits = ancestors[t];
            for (int word = 0; word < bits.length; word++) {
                long b = bits[word];
                while (b != 0) {
                    keys[(word << 6) + Long.numberOfTrailingZeros(b)] += mixed;
                    b &= b - 1;
                }
            }
        }
        Map<Long, Double> byKey = new HashMap<>();
        for (int c = 0; c < n; c++) {
            byKey.merge(keys[c], p[c], Double::sum);
        }
        for (int c = 0; c < n; c++) {
            mass[c] = byKey.get(keys[c]);
        }
        return mass;
    }

    /** SplitMix64's finaliser: distinct indices give keys whose sums do not collide in practice. */
    private static long mix(long index) {
        long z = index + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private boolean contains(int t, int c) {
        return (ancestors[t][c >>> 6] & (1L << (c & 63))) != 0;
    }

    private int[][] splitCounts() {
        List<Integer> tested = new ArrayList<>();
        for (int t = 0; t < testable.size(); t++) {
            if (fails[t] + passes[t] > 0) {
                tested.add(t);
            }
        }
        int[][] counts = new int[n][2];
        for (int c = 0; c < n; c++) {
            int f1 = 0;
            int p1 = 0;
            for (int t : tested) {
                if (contains(t, c)) {
                    f1 += fails[t];
                    p1 += passes[t];
                }
            }
            counts[c][0] = f1;
            counts[c][1] = p1;
        }
        return counts;
    }

    private double[] computePosterior() {
        int[][] counts = splitCounts();
        double[] logp = new double[n + 1];
        double culpritPrior = Math.log((1 - model.flakePrior()) / n);
        for (int c = 0; c < n; c++) {
            int f1 = counts[c][0];
            int p1 = counts[c][1];
            int f0 = totalFails - f1;
            int p0 = totalPasses - p1;
            double ll;
            if (model.knownBadFail() != null) {
                double q1 = model.knownBadFail();
                double q0 = model.knownGoodFail();
                ll = f1 * Math.log(q1) + p1 * Math.log1p(-q1) + f0 * Math.log(q0) + p0 * Math.log1p(-q0);
            } else {
                ll = logBeta(model.badFailA() + f1, model.badFailB() + p1) - logBeta(model.badFailA(), model.badFailB())
                    + logBeta(model.goodFailA() + f0, model.goodFailB() + p0)
                    - logBeta(model.goodFailA(), model.goodFailB());
            }
            logp[c] = culpritPrior + ll;
        }
        logp[n] = model.flakePrior() > 0
            ? Math.log(model.flakePrior()) + logBeta(1 + totalFails, 1 + totalPasses)
            : Double.NEGATIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logp) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            p[i] = Math.exp(logp[i] - max);
            sum += p[i];
        }
        for (int i = 0; i <= n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * The commit whose next run tells the most about the culprit (expected entropy reduction),
     * possibly one already tested; null when every candidate is excluded.
     */
    public String next() {
        double[] w = posterior();
        int[][] counts = splitCounts();
        double[] withCulprit = new double[n];
        double[] without = new double[n];
        for (int c = 0; c < n; c++) {
            int f1 = counts[c][0];
            int p1 = counts[c][1];
            if (model.knownBadFail() != null) {
                withCulprit[c] = model.knownBadFail();
                without[c] = model.knownGoodFail();
            } else {
                withCulprit[c] = (model.badFailA() + f1) / (model.badFailA() + model.badFailB() + f1 + p1);
                without[c] = (model.goodFailA() + totalFails - f1)
                    / (model.goodFailA() + model.goodFailB() + totalFails - f1 + totalPasses - p1);
            }
        }
        double flakeRate = (1.0 + totalFails) / (2.0 + totalFails + totalPasses);
        double baseFail = w[n] * flakeRate;
        double baseEntropy = w[n] * binaryEntropy(flakeRate);
        for (int c = 0; c < n; c++) {
            baseFail += w[c] * without[c];
            baseEntropy += w[c] * binaryEntropy(without[c]);
        }
        double[] deltaFail = new double[n];
        double[] deltaEntropy = new double[n];
        for (int c = 0; c < n; c++) {
            deltaFail[c] = w[c] * (withCulprit[c] - without[c]);
            deltaEntropy[c] = w[c] * (binaryEntropy(withCulprit[c]) - binaryEntropy(without[c]));
        }
        int best = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < testable.size(); t++) {
            if (excluded[t]) {
                continue;
            }
            double pf = baseFail;
            double he = baseEntropy;
            long[] bits = ancestors[t];
            for (int word = 0; word < bits.length; word++) {
                long b = bits[word];
                while (b != 0) {
                    int c = (word << 6) + Long.numberOfTrailingZeros(b);
                    b &= b - 1;
                    pf += deltaFail[c];
                    he += deltaEntropy[c];
                }
            }
            double gain = binaryEntropy(pf) - he;
            if (gain > bestGain + 1e-12) {
                bestGain = gain;
                best = t;
            }
        }
        return best < 0 ? null : testable.get(best);
    }

    private static double binaryEntropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log1p(-p));
    }

    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** Lanczos approximation (g = 7, 9 terms), accurate to about 1e-15 for positive arguments. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
