package dev.rca.history;

import dev.rca.RcaException;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One commit a walk found. {@link #sha()} is free; {@link #details()} reads the commit's message and
 * identities on demand, so a listing of ids never loads a message. Valid only inside
 * {@link CommitSink#accept}.
 */
public final class LoggedCommit {
    private final RevCommit commit;
    private final RevWalk walk;

    LoggedCommit(RevCommit commit, RevWalk walk) {
        this.commit = commit;
        this.walk = walk;
    }

    /** The full commit id. */
    public String sha() {
        return commit.name();
    }

    /** The committer date in epoch seconds. */
    public long commitTime() {
        if (commit instanceof WalkCommit w && w.has(WalkCommit.PARSED)) {
            return w.time;
        }
        return Integer.toUnsignedLong(commit.getCommitTime());
    }

    /**
     * The commit, its headers parsed (a walk that took it from rca's commit table did not parse them), for the
     * history package's own diffs.
     */
    RevCommit revCommit() {
        try {
            walk.parseHeaders(commit);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + commit.name() + ": " + e.getMessage(), e);
        }
        return commit;
    }

    /** The commit's index in rca's commit table, or -1 when the walk parsed it from the object. */
    int tableIndex() {
        return commit instanceof WalkCommit w ? w.tableIndex : -1;
    }

    /** The walk that parsed the commit (its parents must be parsed through it). */
    RevWalk walk() {
        return walk;
    }

    /** Everything about the commit that rca prints; reads the commit's message. */
    public CommitDetails details() {
        boolean hadBody = commit.getRawBuffer() != null;
        try {
            walk.parseBody(commit);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read commit " + commit.name() + ": " + e.getMessage(), e);
        }
        try {
            String[] sb = CommitDetails.subjectAndBody(commit.getFullMessage());
            List<String> parents = new ArrayList<>(commit.getParentCount());
            for (RevCommit p : commit.getParents()) {
                parents.add(p.name());
            }
            return new CommitDetails(commit.name(), parents, signature(commit.getAuthorIdent()),
                signature(commit.getCommitterIdent()), sb[0], sb[1]);
        } finally {
            if (!hadBody) {
                commit.disposeBody();
            }
        }
    }

    static Signature signature(PersonIdent ident) {
        return new Signature(ident.getName(), ident.getEmailAddress(),
            OffsetDateTime.ofInstant(ident.getWhenAsInstant(), ident.getZoneId()));
    }
}
