package dev.rca.bisect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Measures bisection under a noisy test, in process and without spawning anything: a linear range
 * of {@code commits} candidates (the last one is the known-bad end), a culprit drawn uniformly,
 * and a test that fails with {@code badFails} on commits containing the culprit and
 * {@code goodFails} on the others. Reports how often the answer is right and the mean number of
 * test runs, for the flaky engine and for git's deterministic algorithm under the same noise.
 *
 * <pre>scripts/bisect-sim --commits=128 --trials=2000 --good-fails=0.05 --bad-fails=0.95</pre>
 */
public final class BisectSimulation {
    /** The known-good commit below the simulated range. */
    public static final String GOOD = "f".repeat(40);

    private BisectSimulation() {
    }

    /**
     * What a batch of trials measured.
     *
     * @param accuracy fraction of trials whose answer was the true culprit
     * @param meanRuns mean number of test runs per trial
     * @param trials how many trials ran
     */
    public record Figures(double accuracy, double meanRuns, int trials) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f%% right, %.1f mean runs (%d trials)", 100 * accuracy, meanRuns,
                trials);
        }
    }

    /** A linear range of {@code n} candidates, oldest first; ids are 40-hex positions. */
    public static CandidateGraph linear(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(String.format("%040x", i));
        }
        return chain(ids);
    }

    private static CandidateGraph chain(List<String> ids) {
        int n = ids.size();
        int[][] parents = new int[n][];
        for (int i = 0; i < n; i++) {
            parents[i] = i == 0 ? new int[0] : new int[] {i - 1};
        }
        return new CandidateGraph(ids, parents, new boolean[n], false);
    }

    /** The flaky engine: trials with seeds {@code seed}, {@code seed + 1}, …. */
    public static Figures flaky(int commits, int trials, double goodFails, double badFails, boolean knownRates,
                                double confidence, long seed) {
        CandidateGraph graph = linear(commits);
        int right = 0;
        long runs = 0;
        for (int trial = 0; trial < trials; trial++) {
            Random random = new Random(seed + trial);
            int culprit = random.nextInt(commits);
            FlakyBisector.Model model = knownRates ? FlakyBisector.Model.known(goodFails, badFails)
                : FlakyBisector.Model.learned();
            FlakyBisector engine = new FlakyBisector(graph, List.of(GOOD), model);
            FlakyRun.Answer answer = FlakyRun.drive(engine, confidence, FlakyRun.defaultMaxRuns(commits), commit -> {
                boolean bad = !commit.equals(GOOD) && Integer.parseInt(commit.substring(24), 16) >= culprit;
                return random.nextDouble() < (bad ? badFails : goodFails);
            });
            runs += engine.runs();
            if (graph.ids().get(culprit).equals(answer.culprit())) {
                right++;
            }
        }
        return new Figures((double) right / trials, (double) runs / trials, trials);
    }

    /** git's deterministic algorithm, each commit tested once, under the same noise. */
    public static Figures git(int commits, int trials, double goodFails, double badFails, long seed) {
        CandidateGraph full = linear(commits);
        int right = 0;
        long runs = 0;
        for (int trial = 0; trial < trials; trial++) {
            Random random = new Random(seed + trial);
            int culprit = random.nextInt(commits);
            int lo = -1;
            int hi = commits - 1;
            while (true) {
                CandidateGraph range = linearRange(full, lo, hi);
                Midpoint.Choice choice = Midpoint.choose(range, full.ids().get(hi), Set.of());
                if (!(choice instanceof Midpoint.Next next)) {
                    String found = ((Midpoint.Found) choice).commit();
                    if (found.equals(full.ids().get(culprit))) {
                        right++;
                    }
                    break;
                }
                int at = full.indexOf(next.commit());
                runs++;
                boolean failed = random.nextDouble() < (at >= culprit ? badFails : goodFails);
                if (failed) {
                    hi = at;
                } else {
                    lo = at;
                }
            }
        }
        return new Figures((double) right / trials, (double) runs / trials, trials);
    }

    private static CandidateGraph linearRange(CandidateGraph full, int lo, int hi) {
        return chain(full.ids().subList(lo + 1, hi + 1));
    }

    /** Command line: {@code --commits= --trials= --good-fails= --bad-fails= --confidence= --seed= --known-rates}. */
    public static void main(String[] args) {
        int commits = 128;
        int trials = 1000;
        double goodFails = 0.05;
        double badFails = 0.95;
        double confidence = 0.99;
        long seed = 1;
        boolean known = false;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--commits=")) {
                commits = Integer.parseInt(value);
            } else if (arg.startsWith("--trials=")) {
                trials = Integer.parseInt(value);
            } else if (arg.startsWith("--good-fails=")) {
                goodFails = Double.parseDouble(value);
            } else if (arg.startsWith("--bad-fails=")) {
                badFails = Double.parseDouble(value);
            } else if (arg.startsWith("--confidence=")) {
                confidence = Double.parseDouble(value);
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(value);
            } else if (arg.equals("--known-rates")) {
                known = true;
            } else {
                System.err.println("usage: bisect-sim [--commits=128] [--trials=1000] [--good-fails=0.05]"
                    + " [--bad-fails=0.95] [--confidence=0.99] [--seed=1] [--known-rates]");
                System.exit(2);
            }
        }
        System.out.printf(Locale.ROOT, "%d commits, good commits fail %.0f%%, bad commits fail %.0f%%%n", commits,
            100 * goodFails, 100 * badFails);
        System.out.println("rca --flaky" + (known ? " (known rates)" : " (learnt rates)") + ": "
            + flaky(commits, trials, goodFails, badFails, known, confidence, seed));
        System.out.println("git bisect (deterministic): " + git(commits, trials, goodFails, badFails, seed));
    }
}
