package dev.rca.history;

import java.io.IOException;
import dev.rca.git.GitSystemConfig;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * Makes JGit read {@code objects/info/commit-graph} and its changed-path Bloom filters whenever the file
 * exists, as C git does: JGit's defaults ({@code core.commitGraph=false}, and
 * {@code commitGraph.readChangedPaths} in its own config) would ignore it. Only this process's view of
 * the configuration changes; nothing is written, and an explicit {@code core.commitGraph=false} in the
 * repository wins.
 */
public final class CommitGraphs {
    private CommitGraphs() {
    }

    private static boolean cachesSized;

    /**
     * JGit's default pack caches (10 MB of pack windows, 10 MB of delta bases) make a walk over a large
     * history inflate the same trees again and again; git keeps far more. Sized once per process. In a small heap
     * (512 MB or less) they take half as much: a quarter and an eighth of 256 MB left a million-commit walk too
     * little room for its own commits, and the collector ran without pause.
     */
    private static synchronized void sizeCaches() {
        if (cachesSized) {
            return;
        }
        cachesSized = true;
        long heap = Runtime.getRuntime().maxMemory();
        WindowCacheConfig config = new WindowCacheConfig();
        long share = heap <= 512L << 20 ? 2 : 1;
        config.setPackedGitLimit(Math.min(512L << 20, heap / 4 / share));
        config.setDeltaBaseCacheLimit((int) Math.min(96L << 20, heap / 8 / share));
        config.install();
    }

    /**
     * A reader for {@code repository} that uses the commit graph when there is one; the first call also
     * sizes JGit's process-wide pack caches for large histories.
     */
    public static ObjectReader openReader(Repository repository) {
        sizeCaches();
        // core.commitGraph and commitGraph.readChangedPaths default to true beneath JGit's own configuration
        // (GitSystemConfig); a repository opened before that was installed is told in memory, as before
        GitSystemConfig.install();
        StoredConfig config = repository.getConfig();
        if (config.getString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_COMMIT_GRAPH) == null) {
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_COMMIT_GRAPH, true);
        }
        return repository.newObjectReader();
    }

    /** The commit graph the reader sees, or null. */
    static CommitGraph graph(ObjectReader reader) {
        try {
            return reader.getCommitGraph().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
