package dev.rca.history;

import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphWriter;
import org.eclipse.jgit.internal.storage.commitgraph.GraphCommits;
import org.eclipse.jgit.internal.storage.file.LockFile;
import org.eclipse.jgit.lib.BatchingProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes {@code objects/info/commit-graph} with changed-path Bloom filters for every commit reachable from
 * a ref or {@code HEAD}, in the format git reads ({@code git commit-graph verify} accepts it). Path
 * queries then skip most tree comparisons; nothing requires the file.
 */
public final class CommitGraphFile {
    private CommitGraphFile() {
    }

    /**
     * What was written.
     *
     * @param file the commit-graph file
     * @param commits how many commits it covers
     * @param bloomFilters how many changed-path filters it holds (computed or reused)
     * @param bytes its size
     */
    public record Written(Path file, long commits, long bloomFilters, long bytes) {
    }

    /**
     * Writes the file atomically (lock file, then rename).
     *
     * @throws RcaException exit 3 when the repository cannot be read or the file cannot be written
     */
    public static Written write(GitWorkspace workspace, Progress progress) {
        Repository repository = workspace.repository();
        Path file = repository.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory d
            ? d.getDirectory().toPath().resolve("info").resolve("commit-graph") : null;
        if (file == null) {
            throw RcaException.badInput("this repository does not keep its objects in files");
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            Set<ObjectId> tips = new HashSet<>(CommitCache.refTips(repository, reader));
            if (tips.isEmpty()) {
                throw RcaException.badInput("the repository has no commits to index");
            }
            GraphCommits commits = GraphCommits.fromWalk(monitor(progress), tips, walk);
            Files.createDirectories(file.getParent());
            LockFile lock = new LockFile(file.toFile());
            if (!lock.lock()) {
                throw RcaException.badInput("cannot lock " + file + " (another process is writing it?)");
            }
            CommitGraphWriter.Stats stats;
            try (OutputStream out = lock.getOutputStream()) {
                stats = new CommitGraphWriter(commits, true).write(monitor(progress), out);
            } catch (IOException | RuntimeException e) {
                lock.unlock();
                throw e;
            }
            if (!lock.commit()) {
                throw RcaException.badInput("cannot replace " + file);
            }
            long count = 0;
            for (var ignored : commits) {
                count++;
            }
            return new Written(file, count,
                stats.getChangedPathFiltersComputed() + stats.getChangedPathFiltersReused(), Files.size(file));
        } catch (IOException e) {
            throw RcaException.badInput("cannot write the commit graph: " + e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    private static BatchingProgressMonitor monitor(Progress progress) {
        return new BatchingProgressMonitor() {
            @Override
            protected void onUpdate(String taskName, int workCurr, java.time.Duration duration) {
                progress.update(taskName, workCurr, -1);
            }

            @Override
            protected void onEndTask(String taskName, int workCurr, java.time.Duration duration) {
                progress.update(taskName, workCurr, workCurr);
            }

            @Override
            protected void onUpdate(String taskName, int workCurr, int workTotal, int percentDone,
                                    java.time.Duration duration) {
                progress.update(taskName, workCurr, workTotal);
            }

            @Override
            protected void onEndTask(String taskName, int workCurr, int workTotal, int percentDone,
                                     java.time.Duration duration) {
                progress.update(taskName, workCurr, workTotal);
            }
        };
    }
}
