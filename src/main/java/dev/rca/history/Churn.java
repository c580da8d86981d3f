package dev.rca.history;

import java.io.IOException;
import java.util.Collection;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** Lines a commit added and removed under some paths, against its first parent (as {@code git log --numstat}). */
final class Churn implements AutoCloseable {
    private final DiffFormatter formatter;

    Churn(Repository repository, ObjectReader reader) {
        this.formatter = new DiffFormatter(DisabledOutputStream.INSTANCE);
        formatter.setReader(reader, repository.getConfig());
        formatter.setDiffComparator(RawTextComparator.DEFAULT);
    }

    /** {@code {added, removed}} for {@code commit} under {@code paths}, with renames paired when asked. */
    long[] of(LoggedCommit logged, Collection<String> paths, boolean detectRenames) throws IOException {
        RevCommit commit = logged.revCommit();
        RevCommit parent = commit.getParentCount() == 0 ? null : commit.getParent(0);
        if (parent != null) {
            logged.walk().parseHeaders(parent);
        }
        formatter.setDetectRenames(detectRenames);
        if (detectRenames) {
            formatter.getRenameDetector().setRenameScore(50);
        }
        formatter.setPathFilter(paths.contains("") ? TreeFilter.ALL : PathFilterGroup.createFromStrings(paths));
        long added = 0;
        long removed = 0;
        for (DiffEntry entry : formatter.scan(parent == null ? null : parent.getTree(), commit.getTree())) {
            for (Edit edit : formatter.toFileHeader(entry).toEditList()) {
                added += edit.getLengthB();
                removed += edit.getLengthA();
            }
        }
        return new long[] {added, removed};
    }

    @Override
    public void close() {
        formatter.close();
    }
}
