package dev.rca.postmortem;

import dev.rca.RcaException;
import dev.rca.git.ConfiguredDiffAlgorithm;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.NullOutputStream;

/** How big a fix is: the lines its commits change, for the method's warning about one-line fixes. */
public final class FixSize {
    private FixSize() {
    }

    /**
     * Lines the commits change against their first parents, a replaced region counting as its longer side (so
     * editing one line counts 1, not 2); a binary or mode-only change counts 2, so that it is never mistaken
     * for a one-line fix.
     *
     * @param shas full SHAs of commits in the repository
     */
    public static int changedLines(GitWorkspace workspace, List<String> shas) {
        int total = 0;
        try (ObjectReader reader = workspace.repository().newObjectReader();
             RevWalk walk = new RevWalk(reader);
             DiffFormatter diff = new DiffFormatter(NullOutputStream.INSTANCE)) {
            diff.setReader(reader, ConfiguredDiffAlgorithm.readableByJGit(workspace.repository().getConfig()));
            diff.setDiffComparator(RawTextComparator.DEFAULT);
            diff.setDetectRenames(false);
            for (String sha : shas) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
                AbstractTreeIterator before = new EmptyTreeIterator();
                if (commit.getParentCount() > 0) {
                    before = new CanonicalTreeParser(null, reader, walk.parseCommit(commit.getParent(0)).getTree());
                }
                AbstractTreeIterator after = new CanonicalTreeParser(null, reader, commit.getTree());
                for (DiffEntry entry : diff.scan(before, after)) {
                    FileHeader header = diff.toFileHeader(entry);
                    List<Edit> edits = header.toEditList();
                    if (edits.isEmpty()) {
                        total += 2;
                    }
                    for (Edit edit : edits) {
                        total += Math.max(edit.getLengthA(), edit.getLengthB());
                    }
                }
            }
            return total;
        } catch (IOException | IllegalArgumentException e) {
            throw RcaException.badInput("cannot diff the fix commits: " + e.getMessage(), e);
        }
    }
}
