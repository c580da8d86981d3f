package dev.rca.history;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** A RevWalk used only as a parser and object pool whose commits are {@link WalkCommit}s. */
final class WalkPool extends RevWalk {
    WalkPool(ObjectReader reader) {
        super(reader);
        setRetainBody(false);
    }

    @Override
    protected RevCommit createCommit(AnyObjectId id) {
        return new WalkCommit(id);
    }

    @Override
    protected RevCommit createCommit(AnyObjectId id, int graphPosition) {
        return new WalkCommit(id, graphPosition);
    }
}
