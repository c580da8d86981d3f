package dev.rca.cli;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The daemon's idle work: builds or completes rca's cache tables ({@code .git/rca/cache/commits} and
 * {@code paths}, what {@code rca index} writes besides the commit-graph) for the repositories it has answered about,
 * so that later path queries decide which commits touch a path without reading trees, and blame reads commits
 * from the table instead of the packs. It works only while no command runs (it pauses between steps
 * of a thousand commits), one repository at a time, looks at a repository at most every ten seconds, and never writes
 * the commit-graph, which is git's file. It also reads the repository's pack indexes, which a first {@code log}
 * answered from rca's tables does not need and the next {@code suspects} would otherwise read first (only those
 * JGit reads into the heap: a mapped index, the default, needs no reading).
 */
final class DaemonIndexer {
    private static final long RECHECK_MILLIS = 10_000;
    /** After a table could not be written: each try walks the whole history again. */
    private static final long RETRY_AFTER_FAILURE_MILLIS = 600_000;

    private final BooleanSupplier commandRunning;
    private final Path notUnder;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rca-daemon-index");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, Long> lastLook = new ConcurrentHashMap<>();
    /** The repositories whose pack indexes it read, and their size (only its worker thread uses it). */
    private final Map<Path, Long> packIndexBytes = new HashMap<>();
    private volatile boolean working;

    /** An indexer that works while no {@code commandRunning}, on no repository under {@code notUnder} (or null). */
    DaemonIndexer(BooleanSupplier commandRunning, Path notUnder) {
        this.commandRunning = commandRunning;
        this.notUnder = notUnder;
    }

    /** True while a table is being written: the daemon must not exit then. */
    boolean working() {
        return working;
    }

    /** Looks, in the background, at every repository the daemon keeps open. */
    void afterCommand() {
        long now = System.currentTimeMillis();
        for (Path place : GitWorkspace.keptRepositories()) {
            if (notUnder != null && place.toAbsolutePath().normalize().startsWith(notUnder)) {
                // the warm-up's repository: its own rounds build its tables
                continue;
            }
            Long last = lastLook.get(place);
            if (last == null || now - last > RECHECK_MILLIS) {
                lastLook.put(place, now);
                worker.submit(() -> complete(place));
            }
        }
    }

    /**
     * Reads the repository's pack indexes while an eighth of the heap, less what those of the other repositories
     * kept open took, holds them: with {@code -Xmx256m} a million-commit history's 280 MB index is left alone, and
     * eight repositories kept open never pin more than that eighth together.
     */
    private void readPackIndexes(Path place, GitWorkspace workspace) {
        Set<Path> kept = Set.copyOf(GitWorkspace.keptRepositories());
        packIndexBytes.keySet().retainAll(kept);
        if (packIndexBytes.containsKey(place)) {
            return;
        }
        long others = packIndexBytes.values().stream().mapToLong(Long::longValue).sum();
        long read = workspace.readPackIndexes(Runtime.getRuntime().maxMemory() / 8 - others);
        if (read > 0) {
            packIndexBytes.put(place, read);
        }
    }

    /** Trying again after every command would walk the repository's whole history each time. */
    private void backOff(Path place) {
        lastLook.put(place, System.currentTimeMillis() + RETRY_AFTER_FAILURE_MILLIS - RECHECK_MILLIS);
    }

    /** Returns once {@code commandRunning} is false (or the thread is interrupted). */
    static void waitWhile(BooleanSupplier commandRunning) {
        while (commandRunning.getAsBoolean()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void complete(Path place) {
        // between steps of the table's writer, and before it starts: commands come first
        Progress pausing = new Progress() {
            @Override
            public void update(String task, long done, long total) {
                waitWhile(commandRunning);
            }

            @Override
            public void finish() {
            }
        };
        waitWhile(commandRunning);
        try (GitWorkspace workspace = GitWorkspace.open(place)) {
            if (CommitCache.tablesLag(workspace)) {
                working = true;
                if (CommitCache.index(workspace, pausing) == null) {
                    backOff(place); // a table too large for its format, or a cache rca may not write
                }
            }
            waitWhile(commandRunning);
            readPackIndexes(place, workspace);
        } catch (OutOfMemoryError tooBigForThisHeap) {
            // the table is built in memory first; with a small heap (-Xmx256m) it is left to 'rca index',
            // and the commands the daemon runs get their memory back as this unwinds
            lastLook.put(place, Long.MAX_VALUE - RECHECK_MILLIS);
        } catch (IOException | RuntimeException notNow) {
            // an RcaException too: the table is only a shortcut, and a repository that cannot be indexed now
            // is walked as before
            backOff(place);
        } finally {
            working = false;
        }
    }
}
