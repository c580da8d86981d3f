package dev.rca.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a {@code git fast-import} stream of a synthetic but realistically shaped history: a
 * skewed spread of paths over nested directories, topic branches merged back, renames of files and
 * directories, Zipf-distributed authors and message words, occasional clock skew. The same seed gives
 * the same stream, so benchmark repositories can be cached and compared.
 *
 * <p>Usage: {@code java -cp rca.jar dev.rca.bench.SyntheticHistory <commits> [seed] | git fast-import}
 */
public final class SyntheticHistory {
    private static final long START_EPOCH = 1_500_000_000L;
    private static final String[] WORDS = {
        "fix", "cache", "thread", "lock", "parser", "config", "refactor", "test", "log", "timeout", "memory",
        "leak", "race", "index", "merge", "path", "rename", "build", "docs", "error", "handle", "retry",
        "socket", "buffer", "overflow", "regression", "perf", "speed", "init", "shutdown", "signal", "queue",
        "scheduler", "encoding", "utf8", "flaky", "crash", "null", "check", "guard", "cleanup", "api", "cli",
        "option", "default", "tests", "coverage", "allocation", "deadlock", "evict", "checkout", "order",
    };
    private static final String[] DIRS = {
        "src", "lib", "include", "tests", "docs", "tools", "net", "fs", "mm", "drivers", "core", "util",
    };

    private final SplittableRandom random;
    private final FastImportWriter writer;
    private final List<String> paths = new ArrayList<>();
    private final Map<String, Integer> fileVersions = new HashMap<>();
    private final String[] authors;
    private long clock = START_EPOCH;
    private int mark;

    private SyntheticHistory(OutputStream out, long seed) {
        this.writer = new FastImportWriter(out);
        this.random = new SplittableRandom(seed);
        this.authors = new String[400];
        for (int i = 0; i < authors.length; i++) {
            authors[i] = "Dev" + i + " Person" + (i % 37) + " <dev" + i + "@example.org>";
        }
    }

    /** Writes the stream for {@code commits} commits to stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SyntheticHistory <commits> [seed]");
            System.exit(2);
        }
        int commits = Integer.parseInt(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 20)) {
            write(out, commits, seed);
        }
    }

    /** Writes the stream for {@code commits} commits from {@code seed} to {@code out} (flushed, not closed). */
    public static void write(OutputStream out, int commits, long seed) throws IOException {
        new SyntheticHistory(out, seed).write(commits);
        out.flush();
    }

    private void write(int commits) throws IOException {
        seedTree();
        int mainTip = commit("refs/heads/main", 0, List.of(), initialFiles(), "initial import");
        int written = 1;
        while (written < commits) {
            int roll = random.nextInt(100);
            if (roll < 6 && commits - written > 8) {
                int topicLength = 1 + random.nextInt(6);
                String topic = "refs/heads/topic";
                Map<String, String> topicChanges = new LinkedHashMap<>();
                int topicTip = mainTip;
                for (int i = 0; i < topicLength; i++) {
                    Map<String, String> changes = randomEdits();
                    topicChanges.putAll(changes);
                    topicTip = commit(topic, topicTip, List.of(), changes, message());
                    written++;
                }
                // main moves on meanwhile, so the merge has two real sides
                if (random.nextBoolean()) {
                    mainTip = commit("refs/heads/main", mainTip, List.of(), randomEdits(), message());
                    written++;
                }
                mainTip = commit("refs/heads/main", mainTip, List.of(topicTip), topicChanges,
                    "Merge branch 'topic-" + mark + "'");
                written++;
            } else if (roll < 8) {
                mainTip = commit("refs/heads/main", mainTip, List.of(), renameFile(), "rename " + word() + " module");
                written++;
            } else {
                mainTip = commit("refs/heads/main", mainTip, List.of(), randomEdits(), message());
                written++;
            }
        }
        writer.deleteRef("refs/heads/topic");
    }

    private void seedTree() {
        for (int i = 0; i < 600; i++) {
            String dir = DIRS[(int) Math.min(DIRS.length - 1, zipf(DIRS.length))];
            String sub = "m" + zipf(40);
            paths.add(dir + "/" + sub + "/file" + i + (i % 5 == 0 ? ".h" : ".c"));
        }
    }

    private Map<String, String> initialFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : paths) {
            files.put(path, content(path));
        }
        return files;
    }

    private Map<String, String> randomEdits() {
        Map<String, String> changes = new LinkedHashMap<>();
        int count = 1 + (int) Math.min(8, zipf(10));
        for (int i = 0; i < count; i++) {
            String path = paths.get((int) Math.min(paths.size() - 1, zipf(paths.size())));
            if (random.nextInt(200) == 0) {
                String added = path.substring(0, path.lastIndexOf('/') + 1) + "new" + mark + "_" + i + ".c";
                paths.add(added);
                path = added;
            }
            fileVersions.merge(path, 1, Integer::sum);
            changes.put(path, content(path));
        }
        return changes;
    }

    private Map<String, String> renameFile() {
        int index = (int) Math.min(paths.size() - 1, zipf(paths.size()));
        String from = paths.get(index);
        String to = from.replaceFirst("/file", "/renamed" + mark + "_");
        paths.set(index, to);
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(FastImportWriter.RENAME, from + "\0" + to);
        fileVersions.put(to, fileVersions.getOrDefault(from, 0));
        return changes;
    }

    private String content(String path) {
        int version = fileVersions.getOrDefault(path, 0);
        StringBuilder sb = new StringBuilder();
        sb.append("/* ").append(path).append(" */\n");
        int lines = 8 + Math.abs(path.hashCode() % 24);
        for (int i = 0; i < lines; i++) {
            int lineVersion = (i * 7 + version) % (lines + 1) == 0 ? version : 0;
            sb.append("int f").append(i).append("(void) { return ").append(lineVersion * 31 + i).append("; }\n");
        }
        return sb.toString();
    }

    private int commit(String ref, int parentMark, List<Integer> mergeMarks, Map<String, String> changes,
                       String message) throws IOException {
        clock += 30 + random.nextInt(7200);
        long when = clock - (random.nextInt(50) == 0 ? 3 * 86400 : 0);
        String author = authors[(int) Math.min(authors.length - 1, zipf(authors.length))];
        int written = writer.commit(ref, parentMark, mergeMarks, author, when, message, changes);
        mark = written;
        return written;
    }

    private String message() {
        int words = 2 + random.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(word());
        }
        if (random.nextInt(3) == 0) {
            sb.append("\n\n").append("Explain why ").append(word()).append(" needed ").append(word()).append('.');
        }
        return sb.toString();
    }

    private String word() {
        return WORDS[(int) Math.min(WORDS.length - 1, zipf(WORDS.length))];
    }

    /** A Zipf-like index in [0, n): small indexes are much more likely. */
    private long zipf(int n) {
        double u = random.nextDouble();
        return (long) Math.floor(Math.pow(n + 1.0, u)) - 1;
    }

}
