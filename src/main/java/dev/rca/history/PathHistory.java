package dev.rca.history;

import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.PartialClone;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.RawParseUtils;

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
        NumstatCache cache = query.stat() ? openCache() : null;
        try (Churn churn = query.stat() ? new Churn(workspace.repository(), commits.reader(), cache,
            query.firstParent()) : null) {
            walk(query, churn, (c, paths, renamePaths) -> {
                if (churn == null) {
                    return sink.accept(new HistoryEntry(c, paths, -1, -1));
                }
                long[] lines = churn.total(changes(churn, c, paths, renamePaths));
                return sink.accept(new HistoryEntry(c, paths, lines[0], lines[1]));
            });
        }
        if (cache != null) {
            cache.save();
        }
    }

    /** Whether some commit reachable from {@code revision} (null for HEAD) changed the repository-relative path. */
    public boolean everChanged(String path, String revision) {
        boolean[] found = {false};
        run(new HistoryQuery(List.of(path), revision, false, null, null, false, false), e -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    /**
     * Of the {@code typed} paths, those the command line could not decode ({@link Pathspecs#undecoded}) that no
     * commit reachable from {@code revision} (null for HEAD) changed: the ones to say something about.
     */
    public List<String> undecodedAndUnmatched(List<String> typed, String revision) {
        return undecodedAndUnmatched(typed, revision, p -> Pathspecs.resolve(workspace, List.of(p)).get(0));
    }

    /**
     * As {@link #undecodedAndUnmatched}, for the paths of a bisection, read from the top of the work tree as git
     * bisect reads them ({@link Pathspecs#forBisection}), that no commit reachable from {@code bad} changed.
     */
    public static List<String> undecodedAndUnmatchedInBisection(GitWorkspace workspace, List<String> typed,
                                                                String bad) {
        if (Pathspecs.undecoded(typed).isEmpty()) {
            return List.of();
        }
        try (CommitWalk walk = new CommitWalk(workspace, Progress.NONE)) {
            return new PathHistory(workspace, walk).undecodedAndUnmatched(typed, bad,
                p -> Pathspecs.fromTop(Pathspecs.forBisection(workspace, p)));
        }
    }

    private List<String> undecodedAndUnmatched(List<String> typed, String revision,
                                               UnaryOperator<String> repositoryPath) {
        return Pathspecs.undecoded(typed).stream().filter(p -> !everChanged(repositoryPath.apply(p), revision))
            .toList();
    }

    /** One commit of the walk: the paths it shows, and with {@code --follow} the names to pair renames in. */
    private interface Visit {
        boolean accept(LoggedCommit commit, List<String> paths, Set<String> renamePaths) throws IOException;
    }

    private void walk(HistoryQuery query, Churn churn, Visit visit) {
        try {
            if (!query.follow()) {
                if (churn != null) {
                    // asked at the first commit, by when the walk has opened the cache's tables
                    churn.useTable(() -> commits.changedFiles(query.paths()));
                }
                commits.run(query.asLogQuery(), c -> {
                    try {
                        return visit.accept(c, query.paths(), null);
                    } catch (MissingObjectException e) {
                        throw PartialClone.missingForHistory(workspace.repository(), e.getObjectId(), e);
                    } catch (IOException e) {
                        throw RcaException.badInput("cannot diff commit " + c.sha() + ": " + e.getMessage(), e);
                    }
                });
                return;
            }
            ObjectId tip = workspace.resolveCommit(query.revision() == null ? "HEAD" : query.revision());
            new FollowWalk(workspace.repository(), commits.reader(), commits.commitGraph(), commits.cacheTables(tip))
                .run(tip, query.paths(), query.firstParent(), query.since(), query.until(),
                    (c, walk, names, changed) -> visit.accept(new LoggedCommit(c, walk), List.copyOf(names), changed));
        } catch (MissingObjectException e) {
            throw PartialClone.missingForHistory(workspace.repository(), e.getObjectId(), e);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the repository: " + e.getMessage(), e);
        }
    }

    private static List<Churn.Change> changes(Churn churn, LoggedCommit c, List<String> paths,
                                              Set<String> renamePaths) throws IOException {
        return renamePaths == null ? churn.changes(c, paths, false) : churn.changes(c, renamePaths, true);
    }

    /**
     * The commit's author, without decoding its message as {@link LoggedCommit#details()} does, from the commit
     * table's copy of the commit when there is one.
     */
    private Signature author(LoggedCommit c) throws IOException {
        byte[] raw = c.rawFromTable();
        if (raw != null) {
            return LoggedCommit.signature(RawParseUtils.parsePersonIdent(raw, RawParseUtils.author(raw, 0)));
        }
        org.eclipse.jgit.revwalk.RevCommit commit = c.revCommit();
        boolean hadBody = commit.getRawBuffer() != null;
        c.walk().parseBody(commit);
        try {
            return LoggedCommit.signature(commit.getAuthorIdent());
        } finally {
            if (!hadBody) {
                commit.disposeBody();
            }
        }
    }

    /** The line-count cache under {@code .git/rca/cache}, shared by every history query. */
    private NumstatCache openCache() {
        return NumstatCache.open(workspace.rcaDir().resolve("cache"), Churn.algorithmName(workspace.repository()));
    }

    /** Commits {@code --authors} has found and not yet totalled, at most. */
    private static int authorsWindow = 4096;

    /** For tests: totals {@code --authors} every {@code commits} commits; returns the previous window. */
    static int authorsWindow(int commits) {
        int previous = authorsWindow;
        authorsWindow = commits;
        return previous;
    }

    private record Authored(Mailmap.Person who, java.time.OffsetDateTime when, List<Churn.Change> changes) {
    }

    /**
     * Adds the lines of {@code found} to their authors' rows, in the order found, and lets go of them: totalled a
     * window at a time, the rows are the same, in memory that does not grow with the history.
     */
    private static void tally(List<Authored> found, Churn churn, Map<Mailmap.Person, AuthorSummary.Builder> byAuthor)
        throws IOException {
        for (Authored a : found) {
            long[] lines = churn.total(a.changes());
            byAuthor.computeIfAbsent(a.who(), AuthorSummary.Builder::new).add(a.when(), lines[0], lines[1]);
        }
        found.clear();
        churn.forgetCounted();
    }

    /**
     * Who to ask about the paths: one row per author (after the mailmap), most commits first. Lines are
     * counted as {@code --stat} counts them, on every core, and remembered in {@code .git/rca/cache}.
     */
    public List<AuthorSummary> authors(HistoryQuery query) {
        Mailmap mailmap = commits.mailmap();
        List<Authored> found = new ArrayList<>();
        NumstatCache cache = openCache();
        Map<Mailmap.Person, AuthorSummary.Builder> byAuthor = new LinkedHashMap<>();
        try (Churn churn = new Churn(workspace.repository(), commits.reader(), cache, query.firstParent())) {
            walk(query, churn, (c, paths, renamePaths) -> {
                Signature author = author(c);
                List<Churn.Change> changes = changes(churn, c, paths, renamePaths);
                churn.prefetch(changes);
                found.add(new Authored(mailmap.map(new Mailmap.Person(author.name(), author.email())), author.when(),
                    changes));
                if (found.size() >= authorsWindow) {
                    tally(found, churn, byAuthor);
                }
                return true;
            });
            tally(found, churn, byAuthor);
        } catch (IOException e) {
            throw RcaException.badInput("cannot count lines: " + e.getMessage(), e);
        }
        cache.save();
        List<AuthorSummary> rows = new ArrayList<>();
        byAuthor.values().forEach(b -> rows.add(b.build()));
        rows.sort(Comparator.comparingLong(AuthorSummary::commits).reversed()
            .thenComparing(Comparator.comparingLong((AuthorSummary a) -> a.added() + a.removed()).reversed())
            .thenComparing(AuthorSummary::name));
        return rows;
    }
}
