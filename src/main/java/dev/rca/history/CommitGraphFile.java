package dev.rca.history;

import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphWriter;
import org.eclipse.jgit.internal.storage.commitgraph.GraphCommits;
import org.eclipse.jgit.internal.storage.file.LockFile;
import org.eclipse.jgit.lib.BatchingProgressMonitor;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

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
     * @param repairedRoots how many commits the file it replaced recorded without the parents their objects name
     *     (one written in a shallow clone that has since been deepened): that file was not trusted, and rca's
     *     cache, which may have been built from it, was dropped
     */
    public record Written(Path file, long commits, long bloomFilters, long bytes, int repairedRoots) {
        public Written {
            if (commits < 0 || bloomFilters < 0 || bytes < 0 || repairedRoots < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }
    }

    /**
     * Why no commit-graph is written for this repository, or null when one can be. In a shallow clone or under
     * grafts the walk gives some commits other parents than their objects name (a cut commit has none), and the
     * file would keep them after the clone is deepened: git and JGit trust its parent lists, so every walk would
     * stop at the old cut. git writes no commit-graph there either.
     */
    public static String whyNotWritten(Repository repository) {
        String rewritten = CommitCache.parentsRewritten(repository);
        return rewritten == null ? null : "this repository is " + rewritten + ", where some commits' parents are "
            + "not those their objects name; git writes no commit-graph here either";
    }

    /**
     * Writes the file atomically (lock file, then rename).
     *
     * @throws RcaException exit 3 when the repository cannot be read or the file cannot be written, or when
     *     {@link #whyNotWritten} gives a reason
     */
    public static Written write(GitWorkspace workspace, Progress progress) {
        Repository repository = workspace.repository();
        String refused = whyNotWritten(repository);
        if (refused != null) {
            throw RcaException.badInput("commit-graph not written: " + refused);
        }
        Path file = repository.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory d
            ? d.getDirectory().toPath().resolve("info").resolve("commit-graph") : null;
        if (file == null) {
            throw RcaException.badInput("this repository does not keep its objects in files");
        }
        int repairedRoots;
        try (ObjectReader graphReader = repository.newObjectReader()) {
            repairedRoots = rootsThatHaveParents(graphReader);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the commit graph: " + e.getMessage(), e);
        }
        try (ObjectReader reader = repairedRoots == 0 ? repository.newObjectReader() : withoutCommitGraph(repository);
             RevWalk walk = new RevWalk(reader)) {
            if (repairedRoots > 0) {
                CommitTable table = CommitTable.open(CommitCache.directory(workspace));
                if (table != null) {
                    CommitCache.discard(table);
                }
            }
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
                ByteArrayOutputStream graph = new ByteArrayOutputStream();
                stats = new CommitGraphWriter(commits, true).write(monitor(progress), graph);
                byte[] bytes = graph.toByteArray();
                GitVersionOneBloom.addSignExtendedBits(bytes, nonAsciiPaths(workspace, walk));
                out.write(bytes);
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
                stats.getChangedPathFiltersComputed() + stats.getChangedPathFiltersReused(), Files.size(file),
                repairedRoots);
        } catch (IOException e) {
            throw RcaException.badInput("cannot write the commit graph: " + e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    /**
     * Each commit's changed paths that are not all ASCII, for {@link GitVersionOneBloom}: from rca's changed-path
     * table where it covers the commit (it lists every level, as a filter does), else from a diff of the commit's
     * tree against its first parent's.
     */
    private static GitVersionOneBloom.NonAsciiPaths nonAsciiPaths(GitWorkspace workspace, RevWalk walk) {
        CommitTable commits = CommitCache.existingTable(workspace);
        ChangedPathTable paths = commits == null ? null
            : ChangedPathTable.open(CommitCache.directory(workspace), commits);
        return id -> {
            int index = paths == null ? -1 : commits.find(id);
            List<byte[]> found = new ArrayList<>();
            if (index >= 0 && index < paths.commits()) {
                for (int e = paths.entriesStart(index); e < paths.entriesStart(index + 1); e++) {
                    byte[] path = paths.pathBytes(paths.entryPath(e));
                    if (!GitVersionOneBloom.isAscii(path)) {
                        found.add(path);
                    }
                }
                return found;
            }
            RevCommit commit = walk.parseCommit(id);
            try (TreeWalk diff = new TreeWalk(walk.getObjectReader())) {
                if (commit.getParentCount() == 0) {
                    diff.addTree(new EmptyTreeIterator());
                } else {
                    diff.addTree(walk.parseCommit(commit.getParent(0)).getTree());
                }
                diff.addTree(commit.getTree());
                diff.setFilter(TreeFilter.ANY_DIFF);
                while (diff.next()) {
                    byte[] path = diff.getRawPath();
                    if (!GitVersionOneBloom.isAscii(path)) {
                        found.add(path);
                    }
                    if (diff.isSubtree()) {
                        diff.enterSubtree();
                    }
                }
            }
            return found;
        };
    }

    /**
     * A reader that parses every commit from its object, for a commit-graph file that cannot be trusted (the walk
     * would read parents from it, and the writer would reuse its Bloom filters).
     */
    private static ObjectReader withoutCommitGraph(Repository repository) {
        ObjectReader objects = repository.newObjectReader();
        return new ObjectReader.Filter() {
            @Override
            protected ObjectReader delegate() {
                return objects;
            }

            @Override
            public Optional<CommitGraph> getCommitGraph() {
                return Optional.empty();
            }

            @Override
            public void close() {
                objects.close();
            }
        };
    }

    /**
     * How many commits the reader's commit-graph records without parents while their objects name some: the mark
     * of a file written in a shallow clone, whose cut commits it takes for roots once the clone is deepened.
     */
    private static int rootsThatHaveParents(ObjectReader reader) throws IOException {
        CommitGraph graph = CommitGraphs.graph(reader);
        if (graph == null) {
            return 0;
        }
        int wrong = 0;
        for (int i = 0; i < graph.getCommitCnt(); i++) {
            if (graph.getCommitData(i).getParents().length == 0) {
                byte[] raw = reader.open(graph.getObjectId(i), Constants.OBJ_COMMIT).getCachedBytes();
                if (RevCommit.parse(raw).getParentCount() > 0) {
                    wrong++;
                }
            }
        }
        return wrong;
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
