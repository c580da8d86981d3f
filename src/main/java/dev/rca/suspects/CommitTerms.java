package dev.rca.suspects;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** What a candidate commit wrote, as words: the identifiers on the lines it added, and its message's words. */
final class CommitTerms {
    /** Beyond this many files a commit is tree-wide and its identifiers say nothing in particular. */
    private static final int MAX_FILES = ChangeClassifier.HUGE_FILES;
    private static final int MAX_LINES = 20_000;

    /** A commit's words. */
    record Words(Set<String> added, Set<String> message) {
    }

    private final ObjectReader reader;
    private final RevWalk walk;
    private final Map<ObjectId, Words> cache = new HashMap<>();

    CommitTerms(ObjectReader reader, RevWalk walk) {
        this.reader = reader;
        this.walk = walk;
    }

    /** The words of {@code id} (cached). */
    Words of(ObjectId id) throws IOException {
        Words known = cache.get(id);
        if (known != null) {
            return known;
        }
        RevCommit commit = walk.parseCommit(id);
        Words words = new Words(added(commit), Terms.messageWords(commit.getFullMessage()));
        cache.put(id.copy(), words);
        return words;
    }

    private Set<String> added(RevCommit commit) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        if (commit.getParentCount() != 1) {
            return ids;
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(parent.getTree());
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            var entries = DiffEntry.scan(tw);
            if (entries.size() > MAX_FILES) {
                return ids;
            }
            int lines = 0;
            for (DiffEntry e : entries) {
                if (e.getChangeType() == DiffEntry.ChangeType.DELETE) {
                    continue;
                }
                RawText after = FixLines.Texts.load(reader, e.getNewId().toObjectId());
                if (after == null) {
                    continue;
                }
                RawText before = e.getChangeType() == DiffEntry.ChangeType.ADD ? RawText.EMPTY_TEXT
                    : FixLines.Texts.load(reader, e.getOldId().toObjectId());
                if (before == null) {
                    continue;
                }
                for (Edit edit : FixLines.edits(before, after)) {
                    for (int i = edit.getBeginB(); i < edit.getEndB() && lines < MAX_LINES; i++, lines++) {
                        Terms.identifiers(after.getString(i), ids);
                    }
                }
            }
        }
        return ids;
    }
}
