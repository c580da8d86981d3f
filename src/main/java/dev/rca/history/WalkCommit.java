package dev.rca.history;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A commit as {@link CommitWalk} sees it: git's walk flags and the parents the walk follows, which
 * history simplification may cut down to one, as git rewrites {@code commit->parents}.
 */
final class WalkCommit extends RevCommit {
    static final int SEEN = 1;
    static final int ADDED = 1 << 1;
    static final int UNINTERESTING = 1 << 2;
    static final int TREESAME = 1 << 3;
    static final int BOTTOM = 1 << 4;
    static final int PARSED = 1 << 5;

    int marks;
    /** The parents the walk follows; null until parsed. */
    WalkCommit[] walkParents;
    /** Insertion order into the date queue, which breaks ties between equal dates as git's list does. */
    long queueSeq;
    /**
     * The committer time in epoch seconds, once parsed. JGit parses it into an int, which wraps after January
     * 2038; git's timestamps are unsigned, so the int is read as unsigned.
     */
    long time;
    /** The commit's tree, once parsed. */
    ObjectId tree;
    /** How many parents the commit has (the walk may follow fewer). */
    int parentCount;
    /** The commit's index in the {@link CommitTable}, or -1 when it was parsed from the object. */
    int tableIndex = -1;
    /** What the commit's tree holds at the walk's paths, once looked up. */
    TreePaths.Entry[] pathEntries;

    WalkCommit(AnyObjectId id) {
        super(id);
    }

    WalkCommit(AnyObjectId id, int graphPosition) {
        super(id, graphPosition);
    }

    boolean has(int mark) {
        return (marks & mark) != 0;
    }

    /** git's {@code relevant_commit}: interesting, or a bottom of the range. */
    boolean relevant() {
        return (marks & (UNINTERESTING | BOTTOM)) != UNINTERESTING;
    }
}
