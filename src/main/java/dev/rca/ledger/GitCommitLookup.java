package dev.rca.ledger;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.history.CommitDetails;
import dev.rca.logs.LogLineReader;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@link CommitLookup} on a git repository; the ledger package's only contact with JGit. */
public final class GitCommitLookup implements CommitLookup {
    private final GitWorkspace workspace;

    /** Looks commits up in {@code workspace}'s repository (the caller closes the workspace). */
    public GitCommitLookup(GitWorkspace workspace) {
        this.workspace = workspace;
    }

    /**
     * The commit {@code revision} names.
     *
     * @throws RcaException exit 3 when it does not resolve (unknown, ambiguous, not a commit)
     */
    public CommitInfo require(String revision) {
        ObjectId id = workspace.resolveCommit(revision);
        try (RevWalk walk = new RevWalk(workspace.repository())) {
            RevCommit commit = GitWorkspace.parseCommit(walk, id);
            PersonIdent author = commit.getAuthorIdent();
            String date = author.getWhenAsInstant().atZone(author.getZoneId())
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // recorded in a ledger, which holds no control character (rca check): cleaned as the post-mortem shows it
            return new CommitInfo(commit.name(), LogLineReader.clean(CommitDetails.subject(commit.getFullMessage())),
                LogLineReader.clean(author.getName() + " <" + author.getEmailAddress() + ">"), date);
        }
    }

    @Override
    public Optional<CommitInfo> find(String revision) {
        try {
            return Optional.of(require(revision));
        } catch (RcaException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) {
        try (RevWalk walk = new RevWalk(workspace.repository())) {
            RevCommit a = walk.parseCommit(ObjectId.fromString(ancestor));
            RevCommit d = walk.parseCommit(ObjectId.fromString(descendant));
            return walk.isMergedInto(a, d);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
