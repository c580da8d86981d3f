package dev.rca.cli;

import dev.rca.daemon.WarmUpRepository;
import dev.rca.git.CommandRunner;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A fresh daemon's first work: it runs the commands it serves (log, history, suspects, a bisect-helper session)
 * in-process on a tiny repository of its own ({@link WarmUpRepository}, in {@code target/rca-warmup} beside the
 * jar), so that the JIT has compiled their hot paths before the user's first queries of each kind. Those were
 * 1.5-3 times slower than the same queries a few minutes later: C2 compiled the walks one by one as they ran.
 *
 * <p>It never delays a command: it runs only while none does, checking between commands and whenever a
 * warm-up command writes output (a command arriving mid-way runs at once, beside it, and the warm-up waits until
 * it is done), and bisection verdicts come from the plan, in-process, with no test process. It stops for good
 * after {@link #ROUNDS} rounds or {@link #CPU_BUDGET} of its thread's CPU, whichever comes first. It writes only in
 * its repository (rca's cache, the scratch checkout, the bisection's state), prints nothing, and gives up
 * silently when that repository cannot be made or opens anywhere else.
 */
final class DaemonWarmUp {
    /** RCA_DAEMON_WARMUP=off: a daemon without warm-up. */
    static final String SWITCH = "RCA_DAEMON_WARMUP";
    /** The file touched when the warm-up ends, in its cache directory. */
    static final String ENDED = "ended";
    private static final int ROUNDS = 30;
    /**
     * Suspects is asked this many times a round: once a round left its blame and ranking to the user's first
     * dozens of queries (a fresh daemon answered the synthetic fix in 29, 44, 34, 41 and 22 ms, median of its
     * 2nd to 8th queries in five samples, against 23, 28, 31, 31 and 20 with 15 a round and 5 s).
     */
    private static final int SUSPECTS_PER_ROUND = 15;
    /**
     * C2 goes on compiling rca's suspects and walks for hundreds of queries (15 s of its thread's CPU in a daemon
     * that had answered about 700): with 15 s here instead of 5 s, a fresh daemon's first synthetic suspects took
     * 37-44 ms against 85-97 and its next eleven 13-24 against 17-43 (two samples each, idle machine). Idle time
     * only, once per daemon.
     */
    private static final Duration CPU_BUDGET = Duration.ofSeconds(15);
    /** The variables through which git (and JGit) would find a repository's parts somewhere else. */
    private static final List<String> RELOCATING = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR");

    private final int rounds;
    private final Duration budget;
    private final KeptCommandLines lines;

    private final Path cacheDir;
    private final BooleanSupplier mustWait;
    private final Thread thread = new Thread(this::warmUp, "rca-daemon-warm-up");
    private volatile boolean stopped;
    private volatile int roundsDone;

    /** A warm-up keeping its repository in {@code cacheDir} and pausing while {@code mustPause}. */
    DaemonWarmUp(Path cacheDir, BooleanSupplier mustPause) {
        this(cacheDir, mustPause, ROUNDS, CPU_BUDGET, new KeptCommandLines());
    }

    /**
     * A warm-up as above whose commands run on {@code lines}, the daemon's own: the kept lines and the JIT's
     * profile of running them are then the ones the user's queries find.
     */
    DaemonWarmUp(Path cacheDir, BooleanSupplier mustPause, KeptCommandLines lines) {
        this(cacheDir, mustPause, ROUNDS, CPU_BUDGET, lines);
    }

    /** A warm-up of at most {@code rounds} rounds and {@code budget} of its thread's CPU (tests keep it short). */
    DaemonWarmUp(Path cacheDir, BooleanSupplier mustPause, int rounds, Duration budget) {
        this(cacheDir, mustPause, rounds, budget, new KeptCommandLines());
    }

    private DaemonWarmUp(Path cacheDir, BooleanSupplier mustPause, int rounds, Duration budget,
                         KeptCommandLines lines) {
        this.lines = lines;
        this.rounds = rounds;
        this.budget = budget;
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        // a stopping daemon does not wait for its last command before stopping the warm-up
        this.mustWait = () -> mustPause.getAsBoolean() && !stopped;
        thread.setDaemon(true);
    }

    /** Where its repository is: the daemon's indexer leaves it alone. */
    Path cacheDir() {
        return cacheDir;
    }

    void start() {
        thread.start();
    }

    /** Stops it after the command it is running, and waits for that (a few milliseconds on its repository). */
    void stop() throws InterruptedException {
        stopped = true;
        if (thread.isAlive()) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Waits until it has finished or given up (for tests); the rounds it completed. */
    int awaitEnd() throws InterruptedException {
        thread.join();
        return roundsDone;
    }

    private void warmUp() {
        DaemonIndexer.waitWhile(mustWait);
        if (stopped) {
            return;
        }
        boolean claimed = false;
        try (WarmUpRepository repository = WarmUpRepository.claim(cacheDir).orElse(null)) {
            claimed = repository != null;
            if (claimed && opensInside(repository.directory())) {
                runRounds(repository);
            }
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError giveUp) {
            // the warm-up only saves time; the daemon serves as it would have without it
        } finally {
            for (Path place : GitWorkspace.keptRepositories()) {
                if (place.toAbsolutePath().normalize().startsWith(cacheDir)) {
                    GitWorkspace.stopKeeping(place);
                }
            }
            if (claimed && !stopped) {
                markEnded();
            }
        }
    }

    /**
     * Touches {@code ended} in the cache directory once this daemon's warm-up has ended, run or given up: the
     * bench waits for it, so that git's side is never measured beside a warm-up still running. Not when another
     * daemon held the repository (its warm-up may still run) nor when the daemon is stopping (a bench that
     * stopped it waits for the next daemon's mark).
     */
    private void markEnded() {
        try {
            Files.createDirectories(cacheDir);
            Path ended = cacheDir.resolve(ENDED);
            Files.write(ended, new byte[0]);
            Files.setLastModifiedTime(ended, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException unwritable) {
            // a read-only jar directory: nobody can wait for the mark there either
        }
    }

    /**
     * Whether rca opens the warm-up repository itself there, objects and index included: rca honours {@code GIT_DIR}
     * and its kin in the daemon's environment, which would send the warm-up's commands (and {@code rca index}'s
     * commit-graph) to the user's repository instead.
     */
    private boolean opensInside(Path directory) {
        if (RELOCATING.stream().anyMatch(name -> System.getenv(name) != null)) {
            return false;
        }
        try (GitWorkspace workspace = GitWorkspace.open(directory)) {
            return workspace.gitDir().startsWith(cacheDir) && workspace.workTree().startsWith(cacheDir);
        }
    }

    private void runRounds(WarmUpRepository repository) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean measured = threads.isCurrentThreadCpuTimeSupported();
        long cpuStart = measured ? threads.getCurrentThreadCpuTime() : 0;
        WarmUpRepository.Plan plan = repository.plan();
        // a bisection left by a daemon that stopped in the middle of a warm-up
        run(repository, "bisect-helper", "reset");
        boolean indexed = false;
        for (int round = 0; round < rounds && !stopped; round++) {
            if (!indexed && (round == rounds / 2
                || measured && threads.getCurrentThreadCpuTime() - cpuStart > budget.toNanos() / 2)) {
                // the second half with rca's tables and the commit-graph, as after 'rca index'
                run(repository, "index");
                indexed = true;
            }
            // suspects and bisection first: a fresh daemon's history queries warm up within a few of their own
            for (int i = 0; i < SUSPECTS_PER_ROUND; i++) {
                run(repository, "suspects", "--no-trailers", plan.fixes().get((round + i) % plan.fixes().size()));
            }
            run(repository, "bisect-helper", "start", "--bad=HEAD", "--good=" + plan.good());
            run(repository, "bisect-helper", "run", "--", "the plan's verdict");
            run(repository, "bisect-helper", "reset");
            for (List<String> query : queries(plan)) {
                run(repository, query.toArray(String[]::new));
            }
            roundsDone = round + 1;
            if (measured && threads.getCurrentThreadCpuTime() - cpuStart > budget.toNanos()) {
                break;
            }
        }
    }

    private static List<List<String>> queries(WarmUpRepository.Plan plan) {
        List<List<String>> queries = new ArrayList<>();
        queries.add(List.of("log", "--format=sha", "--grep=fix", "--grep=cache", "--all-match"));
        queries.add(List.of("log", "--format=sha", "--author=" + plan.author()));
        queries.add(List.of("log", "--format=oneline", "-n", "100"));
        queries.add(List.of("history", "--format=sha", plan.hotFile()));
        queries.add(List.of("history", plan.hotDir()));
        queries.add(List.of("history", "--follow", "--format=sha", plan.renamed()));
        queries.add(List.of("history", "--authors", plan.hotDir()));
        return queries;
    }

    /** Runs one command line on the warm-up repository, its output discarded (and pausing while a command runs). */
    private void run(WarmUpRepository repository, String... args) {
        if (stopped) {
            return;
        }
        DaemonIndexer.waitWhile(mustWait);
        Writer discard = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                DaemonIndexer.waitWhile(mustWait);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        WarmUpRepository.Plan plan = repository.plan();
        CommandRunner.Starter verdict = (command, directory, env, timeout) -> {
            DaemonIndexer.waitWhile(mustWait);
            int exitCode = plan.goodCommits().contains(env.get("RCA_COMMIT")) ? 0 : 1;
            return new CommandRunner.Result(exitCode, false, "", Duration.ZERO);
        };
        lines.run(repository.directory().toString(), false, false, verdict, new PrintWriter(discard), new PrintWriter(discard),
            args);
    }
}
