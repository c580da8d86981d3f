package dev.rca.bisect;

import dev.rca.testing.NativeGit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * A random history with branches and merges, written with {@code git fast-import}. One commit (the
 * culprit) adds the file {@code bug}, which every descendant keeps; some commits carry a file
 * {@code skip} (the test cannot run there). Timestamps repeat now and then, so git's tie-breaking
 * is exercised; the clock sometimes goes back an hour, so is its handling of skew.
 */
final class GeneratedHistory {
    final List<int[]> parents = new ArrayList<>();
    final List<String> shas = new ArrayList<>();
    final int culprit;
    final int good;
    final int bad;
    private final BitSet hasBug = new BitSet();
    private final BitSet hasSkip = new BitSet();

    /** The test: 125 where {@code skip} exists (when skips are on), 1 where {@code bug} exists, else 0. */
    static String testScript(Path counter, boolean skips) {
        return "echo \"$RCA_COMMIT\" >> '" + counter + "'; " + (skips ? "test -f skip && exit 125; " : "")
            + "test ! -f bug";
    }

    GeneratedHistory(Path dir, int commits, long seed, double skipRate, double culpritAt) {
        Random random = new Random(seed);
        List<Integer> tips = new ArrayList<>();
        parents.add(new int[0]);
        tips.add(0);
        while (parents.size() < commits - 1) {
            int branch = random.nextInt(tips.size());
            double action = random.nextDouble();
            int id = parents.size();
            if (action < 0.12 && tips.size() > 1) {
                int other = random.nextInt(tips.size());
                if (other == branch) {
                    continue;
                }
                parents.add(new int[] {tips.get(branch), tips.get(other)});
                tips.set(branch, id);
                if (random.nextBoolean()) {
                    tips.remove(other);
                }
            } else if (action < 0.2 && tips.size() < 6) {
                parents.add(new int[] {tips.get(branch)});
                tips.add(id);
            } else {
                parents.add(new int[] {tips.get(branch)});
                tips.set(branch, id);
            }
        }
        int[] all = tips.stream().mapToInt(Integer::intValue).toArray();
        parents.add(all);
        bad = parents.size() - 1;
        good = 0;
        culprit = 1 + (int) (culpritAt * (bad - 1));
        for (int i = 0; i <= bad; i++) {
            boolean bug = i == culprit;
            for (int p : parents.get(i)) {
                bug |= hasBug.get(p);
            }
            hasBug.set(i, bug);
            hasSkip.set(i, i != good && i != bad && i != culprit && random.nextDouble() < skipRate);
        }
        StringBuilder s = new StringBuilder();
        long time = 1_767_225_600L;
        for (int i = 0; i <= bad; i++) {
            int clock = random.nextInt(20);
            if (clock == 0) {
                time -= 3600;
            } else if (clock > 5) {
                time += 60;
            }
            String msg = "commit " + i + "\n";
            s.append("commit refs/heads/gen\nmark :").append(i + 1).append('\n');
            s.append("committer Gen <gen@example.com> ").append(time).append(" +0000\n");
            s.append("data ").append(msg.getBytes(StandardCharsets.UTF_8).length).append('\n').append(msg);
            int[] ps = parents.get(i);
            if (ps.length > 0) {
                s.append("from :").append(ps[0] + 1).append('\n');
            } else {
                s.append("from 0000000000000000000000000000000000000000\n");
            }
            for (int k = 1; k < ps.length; k++) {
                s.append("merge :").append(ps[k] + 1).append('\n');
            }
            boolean firstHasBug = ps.length > 0 && hasBug.get(ps[0]);
            if (hasBug.get(i) && !firstHasBug) {
                inline(s, "bug", "bug\n");
            }
            boolean firstHasSkip = ps.length > 0 && hasSkip.get(ps[0]);
            if (hasSkip.get(i) && !firstHasSkip) {
                inline(s, "skip", "skip\n");
            } else if (!hasSkip.get(i) && firstHasSkip) {
                s.append("D skip\n");
            }
            if (ps.length < 2 || random.nextInt(3) == 0) {
                inline(s, "f" + random.nextInt(12), "content " + i + "\n");
            }
            s.append('\n');
        }
        NativeGit.run(dir.getParent(), "init", "-q", "-b", "main", dir.toString());
        NativeGit.runWithInput(dir, s.toString().getBytes(StandardCharsets.UTF_8), "fast-import", "--quiet");
        for (int i = 0; i <= bad; i++) {
            shas.add(null);
        }
        List<String> marks = NativeGit.lines(dir, "rev-list", "--all", "--format=%H %s", "--no-commit-header");
        for (String line : marks) {
            String[] parts = line.split(" ");
            shas.set(Integer.parseInt(parts[2]), parts[0]);
        }
        NativeGit.run(dir, "branch", "-f", "main", "gen");
        NativeGit.run(dir, "checkout", "-q", "-f", "main");
    }

    private static void inline(StringBuilder s, String path, String content) {
        s.append("M 100644 inline ").append(path).append('\n');
        s.append("data ").append(content.length()).append('\n').append(content);
    }
}
