package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitCache;
import dev.rca.history.CommitGraphFile;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code rca index}: writes the commit-graph with changed-path Bloom filters. */
@Command(name = "index",
    description = {"Write objects/info/commit-graph with changed-path Bloom filters (the format git reads), "
        + "so path queries skip most trees, and rca's cache of changed paths (.git/rca/cache/paths), "
        + "which answers them without reading trees. Neither is ever required."},
    footer = {"%nExample:%n  rca index && rca history src/cache"})
public final class IndexCommand extends RcaCommand {
    @Override
    protected int execute() {
        try (GitWorkspace workspace = openWorkspace()) {
            String refused = CommitGraphFile.whyNotWritten(workspace.repository());
            if (refused != null) {
                // not a failure: nothing is ever required of the index, and git does the same here
                err().println("rca: note: nothing written: " + refused);
                return 0;
            }
            // the cache first: the commit-graph's filters take their non-ASCII paths from its changed-path table
            CommitCache.Indexed cache = cacheOrNull(workspace);
            CommitGraphFile.Written w = CommitGraphFile.write(workspace, progress());
            if (w.repairedRoots() > 0) {
                cache = cacheOrNull(workspace); // built over the old file's parents, and discarded by the write
            }
            String where = w.file().startsWith(workspace.gitDir())
                ? workspace.gitDir().relativize(w.file()).toString() : w.file().toString();
            if (w.repairedRoots() > 0) {
                err().println("rca: note: the commit-graph it replaced recorded " + w.repairedRoots() + " commit"
                    + (w.repairedRoots() == 1 ? "" : "s") + " without the parents their objects name (written in a"
                    + " shallow clone since deepened?), which hid older history from git and rca; written again from"
                    + " the commits themselves, and rca's cache rebuilt");
            }
            out().printf("wrote %s: %d commits, %d changed-path Bloom filters, %d bytes%n",
                where, w.commits(), w.bloomFilters(), w.bytes());
            if (cache != null && cache.written()) {
                out().printf("wrote %s: changed paths of %d commits%n",
                    workspace.gitDir().relativize(cache.file()), cache.commits());
            } else if (cache != null) {
                out().printf("%s: changed paths of %d commits, already up to date%n",
                    workspace.gitDir().relativize(cache.file()), cache.commits());
            }
        }
        return 0;
    }

    /** The cache is an optimisation: failing to write it does not fail the command. */
    private CommitCache.Indexed cacheOrNull(GitWorkspace workspace) {
        try {
            return CommitCache.index(workspace, progress());
        } catch (IOException e) {
            err().println("rca: warning: cache not written: " + e.getMessage());
            return null;
        }
    }
}
