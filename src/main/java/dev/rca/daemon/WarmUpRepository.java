package dev.rca.daemon;

import dev.rca.bench.SyntheticHistory;
import dev.rca.io.LockFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The tiny repository a fresh daemon warms its JIT on, and what to ask about it: a seeded synthetic history
 * ({@link SyntheticHistory}, the shape the benchmark uses, a few hundred commits) imported with {@code git
 * fast-import} once into a cache directory beside the jar, as the class-data archive is kept there. Its plan (a
 * fix for suspects, paths and an author for the history queries, the two ends of a bisection and the commits a
 * bisection's verdict calls good) is derived with git when it is generated and stored beside it.
 *
 * <p>A claim holds a lock on the cache directory until it is closed, so that two daemons (other JVM options,
 * same jar) never run a bisection in it at once; the second one goes without. Nothing here writes outside the
 * cache directory: git runs with no {@code GIT_*} variable of the caller's and neither system nor global
 * configuration.
 */
public final class WarmUpRepository implements AutoCloseable {
    /** Changes whenever what is generated changes, so that an older cache is not mistaken for this one. */
    private static final String GENERATION = "v1";
    private static final int COMMITS = 400;
    private static final long SEED = 7;
    private static final long GIT_SECONDS = 60;

    private final LockFile lock;
    private final Path directory;
    private final Plan plan;

    /**
     * What the warm-up asks: {@code fixes} for suspects (newest first), {@code hotFile}, {@code hotDir} and
     * {@code renamed} for history, {@code author} for log, a bisection from {@code good} to HEAD whose test
     * passes exactly on {@code goodCommits} (the ancestors of one first-parent commit, so the verdict is
     * monotone).
     */
    public record Plan(List<String> fixes, String hotFile, String hotDir, String renamed, String author, String good,
                       Set<String> goodCommits) {
        public Plan {
            fixes = List.copyOf(fixes);
            goodCommits = Set.copyOf(goodCommits);
            if (fixes.isEmpty() || goodCommits.isEmpty() || Stream.of(hotFile, hotDir, renamed, author, good)
                .anyMatch(s -> s == null || s.isEmpty())) {
                throw new IllegalArgumentException("incomplete warm-up plan");
            }
        }
    }

    private WarmUpRepository(LockFile lock, Path directory, Plan plan) {
        this.lock = lock;
        this.directory = directory;
        this.plan = plan;
    }

    /**
     * The warm-up repository in {@code cacheDir}, generated there first if it is not yet; empty when it cannot be
     * (a read-only directory, no git) or another process holds it. Never throws for those.
     */
    public static Optional<WarmUpRepository> claim(Path cacheDir) {
        LockFile lock = null;
        try {
            Files.createDirectories(cacheDir);
            lock = LockFile.tryAcquire(cacheDir.resolve("lock"), "rca daemon warm-up");
            if (lock != null) {
                Path generated = cacheDir.resolve(GENERATION);
                if (!Files.isRegularFile(generated.resolve("plan.properties"))) {
                    generate(cacheDir, generated);
                }
                Plan plan = readPlan(generated.resolve("plan.properties"));
                Path repo = generated.resolve("repo");
                // each warm-up starts where a user's repository does: no rca cache, no commit-graph
                deleteTree(repo.resolve(".git/rca/cache"));
                Files.deleteIfExists(repo.resolve(".git/objects/info/commit-graph"));
                // left by a daemon that stopped in the middle of the warm-up's 'rca index'
                Files.deleteIfExists(repo.resolve(".git/objects/info/commit-graph.lock"));
                return Optional.of(new WarmUpRepository(lock, repo, plan));
            }
        } catch (IOException | RuntimeException cannot) {
            // no warm-up then: the daemon answers as it would have, only its first queries are slower
        }
        if (lock != null) {
            lock.close();
        }
        return Optional.empty();
    }

    /** The repository's work tree (nothing is checked out in it). */
    public Path directory() {
        return directory;
    }

    /** What to ask about it. */
    public Plan plan() {
        return plan;
    }

    @Override
    public void close() {
        lock.close();
    }

    /** Generates into a directory of its own and renames it into place, so that a half-made one is never used. */
    private static void generate(Path cacheDir, Path generated) throws IOException {
        Path tmp = cacheDir.resolve(GENERATION + ".tmp");
        deleteTree(tmp);
        deleteTree(generated);
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        git(repo, null, "init", "-q");
        Path stream = tmp.resolve("history.fi");
        try (OutputStream out = Files.newOutputStream(stream)) {
            SyntheticHistory.write(new java.io.BufferedOutputStream(out, 1 << 16), COMMITS, SEED);
        }
        git(repo, stream, "fast-import", "--quiet");
        Files.delete(stream);
        git(repo, null, "symbolic-ref", "HEAD", "refs/heads/main");
        Properties plan = new Properties();
        List<String> fixes = lines(git(repo, null, "log", "--first-parent", "--no-merges", "--diff-filter=M", "-n", "3",
            "--format=%H", "-E", "--grep=^fix( |$)", "HEAD"));
        List<String> recentFiles = lines(git(repo, null, "log", "--format=", "--name-only", "-n", "200", "HEAD"));
        String hotFile = mostFrequent(recentFiles, 0);
        String hotDir = mostFrequent(recentFiles.stream().filter(p -> p.contains("/"))
            .map(p -> p.substring(0, p.indexOf('/'))).toList(), 0);
        List<String> renames = lines(git(repo, null, "log", "--format=", "--name-only", "--diff-filter=R", "-M",
            "HEAD"));
        String author = mostFrequent(lines(git(repo, null, "log", "--format=%an", "-n", "200", "HEAD")), 2);
        List<String> firstParents = lines(git(repo, null, "rev-list", "--first-parent", "HEAD"));
        // the culprit 37 % of the way up the first-parent history, as the benchmark places it
        String lastGood = firstParents.get(firstParents.size() * 63 / 100 + 1);
        plan.setProperty("fixes", String.join(",", fixes));
        plan.setProperty("hotFile", hotFile);
        plan.setProperty("hotDir", hotDir);
        plan.setProperty("renamed", renames.isEmpty() ? hotFile : renames.get(0));
        plan.setProperty("author", author);
        plan.setProperty("good", firstParents.get(firstParents.size() - 1));
        plan.setProperty("goodCommits", String.join(",", lines(git(repo, null, "rev-list", lastGood))));
        readPlan(plan);
        try (OutputStream out = Files.newOutputStream(tmp.resolve("plan.properties"))) {
            plan.store(out, null);
        }
        Files.move(tmp, generated, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Plan readPlan(Path file) throws IOException {
        Properties plan = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            plan.load(in);
        }
        return readPlan(plan);
    }

    /** The plan {@code plan} holds; an incomplete one (a list left empty included) fails the plan's own check. */
    static Plan readPlan(Properties plan) {
        return new Plan(commaSeparated(plan.getProperty("fixes", "")), plan.getProperty("hotFile"),
            plan.getProperty("hotDir"), plan.getProperty("renamed"), plan.getProperty("author"),
            plan.getProperty("good"), Set.copyOf(commaSeparated(plan.getProperty("goodCommits", ""))));
    }

    /** The non-empty items of a comma-separated list: none for an empty one, where split gives one empty item. */
    private static List<String> commaSeparated(String list) {
        return Arrays.stream(list.split(",")).filter(item -> !item.isEmpty()).toList();
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isEmpty()).toList();
    }

    /** The {@code rank}-th most frequent of {@code values} (0 the most), ties in order of first appearance. */
    private static String mostFrequent(List<String> values, int rank) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        List<String> byCount = new ArrayList<>(counts.keySet());
        byCount.sort(Comparator.comparing(counts::get).reversed());
        return byCount.get(Math.min(rank, byCount.size() - 1));
    }

    /**
     * Runs git in {@code repo} with {@code input} as its standard input (or none) and returns its output; fails
     * unless it exits 0. Not {@link dev.rca.git.CommandRunner}: that one keeps the caller's {@code GIT_*}
     * variables, which could send git's writes elsewhere ({@code GIT_OBJECT_DIRECTORY}), and has no input.
     */
    private static String git(Path repo, Path input, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> name.startsWith("GIT_"));
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(input == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
            : ProcessBuilder.Redirect.from(input.toFile()));
        Process process = pb.start();
        // read beside the wait, so that a git that hangs with its output open still meets the timeout
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException closedByTheTimeout) {
                // the process was killed; its output is not used
            }
        }, "rca-warm-up-git-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(GIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed");
            }
            reader.join(TimeUnit.SECONDS.toMillis(GIT_SECONDS));
            return output.toString(StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
