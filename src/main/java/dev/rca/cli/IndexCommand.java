package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitGraphFile;
import picocli.CommandLine.Command;

/** {@code rca index}: writes the commit-graph with changed-path Bloom filters. */
@Command(name = "index",
    description = {"Write objects/info/commit-graph with changed-path Bloom filters (the format git reads), "
        + "so path queries skip most trees. Never required."},
    footer = {"%nExample:%n  rca index && rca history src/cache"})
public final class IndexCommand extends RcaCommand {
    @Override
    protected int execute() {
        try (GitWorkspace workspace = openWorkspace()) {
            CommitGraphFile.Written w = CommitGraphFile.write(workspace, progress());
            String where = w.file().startsWith(workspace.gitDir())
                ? workspace.gitDir().relativize(w.file()).toString() : w.file().toString();
            out().printf("wrote %s: %d commits, %d changed-path Bloom filters, %d bytes%n",
                where, w.commits(), w.bloomFilters(), w.bytes());
        }
        return 0;
    }
}
