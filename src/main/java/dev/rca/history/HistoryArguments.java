package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RevisionRange;
import java.io.IOException;
import java.util.List;

/**
 * The operands of {@code rca history <path>… [<rev>]}: paths, and at most one revision. With {@code --},
 * what comes before it is the revision and what follows the paths; without, the last operand is the
 * revision when there are several, it names a commit, and no such file exists in the work tree. As with git, a
 * last operand that is neither (a mistyped revision, say) is an error rather than a path that matches nothing:
 * paths no longer in the work tree go after {@code --}. A path typed without {@code --} that is not in the work
 * tree (HEAD's tree in a bare repository) must be one some commit of the walked history changed: a deleted file's
 * history needs no {@code --}, a mistyped path is an error ({@link #requireKnownPaths}).
 *
 * @param paths the paths as typed
 * @param revision the revision, or null for {@code HEAD}
 * @param absent the paths typed without {@code --} that are neither in the work tree nor (bare) in HEAD's tree
 */
public record HistoryArguments(List<String> paths, String revision, List<String> absent) {
    public HistoryArguments {
        paths = List.copyOf(paths);
        absent = List.copyOf(absent);
        if (paths.isEmpty()) {
            throw RcaException.usage("name at least one path").withHint("rca history src/main/Foo.java");
        }
    }

    private HistoryArguments(GitWorkspace workspace, List<String> paths, String revision) {
        this(paths, revision, paths.stream().filter(p -> !isPath(workspace, p)).toList());
    }

    /**
     * Refuses, as git does, a path typed without {@code --} that is neither in the work tree (HEAD's tree in a
     * bare repository) nor changed by any commit reachable from the revision: a typo would otherwise read as a
     * file nobody ever changed.
     *
     * @throws RcaException exit 3 for such a path
     */
    public void requireKnownPaths(GitWorkspace workspace, PathHistory history) {
        String from = revision == null ? "HEAD" : revision;
        for (String typed : absent) {
            String path = Pathspecs.resolve(workspace, List.of(typed)).get(0);
            if (!history.everChanged(path, revision)) {
                throw RcaException.badInput("path in neither the "
                    + (workspace.isBare() ? "HEAD commit" : "working tree") + " nor the history of " + from + ": '"
                    + typed + "'")
                    .withHint("check its spelling; after --, as in git, a path is taken as it is: rca history"
                        + (revision == null ? "" : " " + revision) + " -- " + String.join(" ", paths));
            }
        }
    }

    /**
     * Splits the operands.
     *
     * @param afterDash how many of the last operands came after {@code --}
     */
    public static HistoryArguments split(GitWorkspace workspace, List<String> operands, int afterDash) {
        if (afterDash > 0) {
            List<String> before = operands.subList(0, operands.size() - afterDash);
            if (before.size() > 1) {
                throw RcaException.usage("history takes one revision, not " + before.size() + ": " + before);
            }
            List<String> paths = operands.subList(before.size(), operands.size());
            if (!before.isEmpty()) {
                refuseRange(before.get(0), paths);
            }
            return new HistoryArguments(paths, before.isEmpty() ? null : before.get(0), List.of());
        }
        if (operands.size() >= 2) {
            String last = operands.get(operands.size() - 1);
            // without --, a deleted file whose name has '..' in it is still a path unless both ends are commits
            List<String> ends = RevisionRange.ends(last);
            if (!isPath(workspace, last) && !ends.isEmpty()
                && ends.stream().allMatch(end -> namesCommit(workspace, end))) {
                refuseRange(last, operands.subList(0, operands.size() - 1));
            }
            if (namesCommit(workspace, last) && !existsInWorkTree(workspace, last)) {
                return new HistoryArguments(workspace, operands.subList(0, operands.size() - 1), last);
            }
            if (!isPath(workspace, last) && workspace.nonCommitType(last) != null) {
                // history starts from a commit: say that HEAD:README names a blob rather than "unknown revision"
                workspace.resolveCommit(last);
            }
            if (!isPath(workspace, last)) {
                throw RcaException.badInput("unknown revision or path not in the "
                    + (workspace.isBare() ? "HEAD commit" : "working tree") + ": '" + last + "'")
                    // last names no commit, so 'rca history <last> -- <paths>' would fail the same way
                    .withHint("rca history -- " + String.join(" ", operands) + " names paths that no longer exist");
            }
        }
        return new HistoryArguments(workspace, operands, null);
    }

    /**
     * A range ({@code A..B}, {@code ^A}, {@code A^!}, …) is a usage error with a pointer to {@code rca log}, which
     * takes it, rather than an unknown revision: history starts from one commit.
     */
    private static void refuseRange(String revision, List<String> paths) {
        boolean relativePath = revision.contains("../") || revision.contains("/..");
        if (!RevisionRange.ends(revision).isEmpty() && !(revision.contains("..") && relativePath)) {
            throw RcaException.usage("history takes one revision, not a range: '" + revision + "'")
                .withHint("rca log " + revision + " -- " + String.join(" ", paths) + " lists the commits of a range");
        }
    }

    /** Whether {@code operand} is in the work tree, or in HEAD's tree in a bare repository. */
    private static boolean isPath(GitWorkspace workspace, String operand) {
        return workspace.isBare() ? Pathspecs.atHead(workspace, operand) : existsInWorkTree(workspace, operand);
    }

    /**
     * Whether {@code operand} names a commit.
     *
     * @throws RcaException exit 3 when the repository cannot be read
     */
    static boolean namesCommit(GitWorkspace workspace, String operand) {
        try {
            return workspace.namesCommit(operand);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the repository: " + e.getMessage(), e);
        }
    }

    private static boolean existsInWorkTree(GitWorkspace workspace, String operand) {
        return !workspace.isBare() && Pathspecs.inWorkTree(workspace.startDirectory(), operand);
    }
}
