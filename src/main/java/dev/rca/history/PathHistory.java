package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * {@code rca history}: the commits that changed some paths, optionally across renames, with per-commit
 * churn and a per-author summary. Shares the {@link CommitWalk}'s reader for every walk and diff.
 */
public final class PathHistory {
    private final GitWorkspace workspace;
    private final CommitWalk commits;

    /** Path history over the walk's repository; the walk stays owned (and closed) by the caller. */
    public PathHistory(GitWorkspace workspace, CommitWalk commits) {
        this.workspace = workspace;
        this.commits = commits;
    }

    /** Receives history entries as they are found. */
    @FunctionalInterface
    public interface Sink {
        /** @return false to stop the walk */
        boolean accept(HistoryEntry entry);
    }

    /**
     * Streams the history of {@code query}'s paths, newest first. Without {@code follow} it is exactly
     * {@code git log <revision> -- <paths>}.
     *
     * @throws RcaException exit 3 for an unknown revision or an unreadable repository
     */
    public void run(HistoryQuery query, Sink sink) {
        try (Churn churn = query.stat() ? new Churn(workspace.repository(), commits.reader()) : null) {
            if (!query.follow()) {
                commits.run(query.asLogQuery(), c -> sink.accept(entry(c, query.paths(), null, churn)));
                return;
            }
            ObjectId tip = workspace.resolveCommit(query.revision() == null ? "HEAD" : query.revision());
            new FollowWalk(workspace.repository(), commits.reader(), commits.commitGraph()).run(tip, query.paths(),
                query.firstParent(), query.since(), query.until(), (c, walk, names, parentNames) -> {
                    Set<String> both = new TreeSet<>(names);
                    both.addAll(parentNames);
                    return sink.accept(entry(new LoggedCommit(c, walk), List.copyOf(names), both, churn));
                });
        } catch (MissingObjectException e) {
            throw RcaException.badInput("the repository is missing object " + e.getObjectId().name(), e);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the repository: " + e.getMessage(), e);
        }
    }

    private static HistoryEntry entry(LoggedCommit c, List<String> paths, Set<String> renamePaths, Churn churn) {
        if (churn == null) {
            return new HistoryEntry(c, paths, -1, -1);
        }
        try {
            long[] lines = renamePaths == null ? churn.of(c, paths, false)
                : churn.of(c, renamePaths, true);
            return new HistoryEntry(c, paths, lines[0], lines[1]);
        } catch (IOException e) {
            throw RcaException.badInput("cannot diff commit " + c.sha() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Who to ask about the paths: one row per author (after the mailmap), most commits first.
     */
    public List<AuthorSummary> authors(HistoryQuery query) {
        Mailmap mailmap = commits.mailmap();
        Map<Mailmap.Person, AuthorSummary.Builder> byAuthor = new LinkedHashMap<>();
        HistoryQuery withStat = new HistoryQuery(query.paths(), query.revision(), query.follow(), query.since(),
            query.until(), query.firstParent(), true);
        run(withStat, e -> {
            Signature author = e.commit().details().author();
            Mailmap.Person who = mailmap.map(new Mailmap.Person(author.name(), author.email()));
            byAuthor.computeIfAbsent(who, AuthorSummary.Builder::new).add(author.when(), e.added(), e.removed());
            return true;
        });
        List<AuthorSummary> rows = new ArrayList<>();
        byAuthor.values().forEach(b -> rows.add(b.build()));
        rows.sort(Comparator.comparingLong(AuthorSummary::commits).reversed()
            .thenComparing(Comparator.comparingLong((AuthorSummary a) -> a.added() + a.removed()).reversed())
            .thenComparing(AuthorSummary::name));
        return rows;
    }

}
