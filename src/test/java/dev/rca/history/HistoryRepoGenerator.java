package dev.rca.history;

import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Generates a repository whose history has what trips up a reimplementation of git log: branches and
 * merges (clean, one-sided and "evil"), renames of files and directories, deletions, non-ASCII paths and
 * messages (some stored as ISO-8859-1), several authors, equal commit times and clock skew. The same
 * seed gives the same repository, SHAs included.
 */
final class HistoryRepoGenerator {
    static final String[] PATHS = {
        "src/cache.c", "src/cache.h", "src/net/http.c", "src/net/tcp.c", "docs/readme.md", "docs/guide.md",
        "lib/util.c", "Ünïcode dir/file é.txt", "src/ñ/ação.c", "a.b", "top.txt",
    };
    private static final String[] SUBJECTS = {
        "fix cache eviction", "Fix Cache race", "add feature flag", "refactor net layer", "docs: explain a.b",
        "café: make ünïcode work", "cache: fix typo", "speed up http", "revert fix", "tidy",
    };
    private static final String[][] PEOPLE = {
        {"Alice Author", "alice@example.com"}, {"Bob Builder", "bob@example.com"},
        {"Ådam Ünïcode", "adam@example.com"}, {"bob", "BOB@old.example.com"},
    };

    final List<String> tags = new ArrayList<>();
    final List<String> branches = new ArrayList<>(List.of("main"));
    /** Every path that existed at some point, for path queries. */
    final List<String> touchedPaths = new ArrayList<>();
    /** Epoch seconds of a commit in the first third and one in the last third, for date queries. */
    long earlyTime;
    long lateTime;

    private final Random random;
    private final TestRepo repo;
    private final Map<String, Map<String, String>> trees = new HashMap<>();
    private int counter;

    private HistoryRepoGenerator(TestRepo repo, long seed) {
        this.repo = repo;
        this.random = new Random(seed);
    }

    static HistoryRepoGenerator generate(Path dir, long seed, int commits) {
        TestRepo repo = TestRepo.init(dir);
        HistoryRepoGenerator g = new HistoryRepoGenerator(repo, seed);
        try (repo) {
            g.build(commits);
            repo.onBranch("main").checkout();
        }
        return g;
    }

    private void build(int commits) {
        Map<String, String> initial = new TreeMap<>();
        initial.put("top.txt", "top\n");
        initial.put("src/cache.c", lines("cache", 20));
        initial.put("docs/readme.md", lines("readme", 5));
        commitOn("main", "initial import", initial, List.of());
        for (int i = 1; i < commits; i++) {
            if (i == commits / 3) {
                earlyTime = currentTime();
            }
            if (i == 2 * commits / 3) {
                lateTime = currentTime();
            }
            step(i);
        }
        Map<String, String> mailmapped = new TreeMap<>(trees.get("main"));
        mailmapped.put(".mailmap", "Bob Builder <bob@example.com> bob <BOB@old.example.com>\n");
        commitOn("main", "add mailmap", mailmapped, List.of());
    }

    private long currentTime() {
        return repo.tip("main").getCommitTime();
    }

    private void step(int i) {
        int roll = random.nextInt(100);
        // clock: mostly a minute per commit, sometimes the same second, sometimes hours back (skew)
        int clock = random.nextInt(100);
        repo.tick(clock < 8 ? 0 : clock < 14 ? -3 * 3600 - random.nextInt(3600) : 60 + random.nextInt(600));
        if (roll < 8 && branches.size() < 5) {
            String from = pick(branches);
            String name = "topic" + branches.size();
            branches.add(name);
            repo.branch(name, repo.tip(from));
            trees.put(name, new TreeMap<>(trees.get(from)));
            return;
        }
        String branch = pick(branches);
        Map<String, String> tree = new TreeMap<>(trees.get(branch));
        if (roll < 22 && branches.size() > 1) {
            String other = pick(branches);
            if (!other.equals(branch)) {
                merge(branch, other, tree);
                return;
            }
        }
        if (roll < 32 && !tree.isEmpty()) {
            renameSomething(branch, tree);
            return;
        }
        if (roll < 36 && tree.size() > 2) {
            String victim = pick(new ArrayList<>(tree.keySet()));
            tree.remove(victim);
            commitOn(branch, "remove " + victim, tree, List.of());
            return;
        }
        int files = 1 + random.nextInt(3);
        for (int f = 0; f < files; f++) {
            String path = random.nextInt(4) == 0 && !tree.isEmpty() ? pick(new ArrayList<>(tree.keySet())) : pick(PATHS);
            tree.put(path, edit(tree.get(path)));
        }
        String subject = pick(SUBJECTS);
        String message = random.nextInt(3) == 0 ? subject + "\n\nBody line about " + pick(SUBJECTS) + "\nsecond line"
            : subject;
        commitOn(branch, message + " #" + i, tree, List.of());
        if (random.nextInt(12) == 0) {
            String tag = "t" + tags.size();
            tags.add(tag);
            repo.tag(tag, repo.tip(branch));
        }
    }

    private void merge(String branch, String other, Map<String, String> tree) {
        Map<String, String> theirs = trees.get(other);
        boolean takeAll = random.nextBoolean();
        for (String path : new ArrayList<>(union(tree, theirs))) {
            String mine = tree.get(path);
            String their = theirs.get(path);
            if (Objects.equals(mine, their) || !takeAll && random.nextInt(3) == 0) {
                continue;
            }
            if (their == null) {
                if (random.nextBoolean()) {
                    tree.remove(path);
                }
            } else {
                tree.put(path, their);
            }
        }
        if (random.nextInt(6) == 0) {
            String path = pick(PATHS);
            tree.put(path, edit(tree.get(path)));
        }
        commitOn(branch, "Merge branch '" + other + "' into " + branch, tree, List.of(repo.tip(other)));
    }

    private List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return new ArrayList<>(all.keySet());
    }

    private void renameSomething(String branch, Map<String, String> tree) {
        String from = pick(new ArrayList<>(tree.keySet()));
        if (random.nextBoolean() && from.contains("/")) {
            String dir = from.substring(0, from.lastIndexOf('/'));
            String newDir = dir + (random.nextBoolean() ? "2" : "-é");
            for (String path : new ArrayList<>(tree.keySet())) {
                if (path.startsWith(dir + "/")) {
                    tree.put(newDir + path.substring(dir.length()), tree.remove(path));
                }
            }
            commitOn(branch, "move " + dir + " to " + newDir, tree, List.of());
            return;
        }
        String to = "moved/" + (counter++) + "-" + from.substring(from.lastIndexOf('/') + 1);
        String content = tree.remove(from);
        tree.put(to, random.nextBoolean() ? content : content + "tweak\n");
        commitOn(branch, "rename " + from + " to " + to, tree, List.of());
    }

    private void commitOn(String branch, String message, Map<String, String> tree, List<RevCommit> others) {
        repo.onBranch(branch);
        Map<String, String> before = trees.getOrDefault(branch, Map.of());
        TestRepo.CommitSpec spec = repo.commit(message);
        for (String path : before.keySet()) {
            if (!tree.containsKey(path)) {
                spec.delete(path);
            }
        }
        for (Map.Entry<String, String> e : tree.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                spec.add(e.getKey(), e.getValue());
                if (!touchedPaths.contains(e.getKey())) {
                    touchedPaths.add(e.getKey());
                }
            }
        }
        String[] who = PEOPLE[random.nextInt(PEOPLE.length)];
        spec.by(who[0], who[1]);
        if (!others.isEmpty()) {
            spec.merge(others.toArray(new RevCommit[0]));
        }
        if (message.contains("café") && random.nextBoolean()) {
            spec.encoding("ISO-8859-1");
        }
        spec.create();
        trees.put(branch, new TreeMap<>(tree));
    }

    private String edit(String content) {
        String base = content == null ? lines("file " + (counter++), 3 + random.nextInt(10)) : content;
        List<String> ls = new ArrayList<>(List.of(base.split("\n")));
        int at = random.nextInt(ls.size() + 1);
        if (random.nextBoolean() && !ls.isEmpty() && at < ls.size()) {
            ls.remove(at);
        }
        ls.add(Math.min(at, ls.size()), "edit " + (counter++) + " " + Long.toHexString(random.nextLong()));
        return String.join("\n", ls) + "\n";
    }

    private static String lines(String word, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(word).append(' ').append(i).append('\n');
        }
        return sb.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    static Map<String, String> describe(HistoryRepoGenerator g) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tags", String.valueOf(g.tags));
        m.put("branches", String.valueOf(g.branches));
        return m;
    }
}
