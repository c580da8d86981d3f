package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The operands of {@code rca history <path>… [<rev>]}: paths, and at most one revision. With {@code --},
 * what comes before it is the revision and what follows the paths; without, the last operand is the
 * revision when there are several, it names a commit, and no such file exists in the work tree. As with git, a
 * last operand that is neither (a mistyped revision, say) is an error rather than a path that matches nothing:
 * paths no longer in the work tree go after {@code --}.
 *
 * @param paths the paths as typed
 * @param revision the revision, or null for {@code HEAD}
 */
public record HistoryArguments(List<String> paths, String revision) {
    public HistoryArguments {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw RcaException.usage("name at least one path").withHint("rca history src/main/Foo.java");
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
            return new HistoryArguments(operands.subList(before.size(), operands.size()),
                before.isEmpty() ? null : before.get(0));
        }
        if (operands.size() >= 2) {
            String last = operands.get(operands.size() - 1);
            if (namesCommit(workspace, last) && !existsInWorkTree(workspace, last)) {
                return new HistoryArguments(operands.subList(0, operands.size() - 1), last);
            }
            if (workspace.isBare() ? !Pathspecs.atHead(workspace, last) : !existsInWorkTree(workspace, last)) {
                List<String> paths = operands.subList(0, operands.size() - 1);
                throw RcaException.badInput("unknown revision or path not in the "
                    + (workspace.isBare() ? "HEAD commit" : "working tree") + ": '" + last + "'")
                    .withHint("rca history " + last + " -- " + String.join(" ", paths)
                        + " names a revision; rca history -- " + String.join(" ", operands)
                        + " names paths that no longer exist");
            }
        }
        return new HistoryArguments(operands, null);
    }

    private static boolean namesCommit(GitWorkspace workspace, String operand) {
        try {
            return workspace.namesCommit(operand);
        } catch (IOException e) {
            throw RcaException.badInput("cannot read the repository: " + e.getMessage(), e);
        }
    }

    private static boolean existsInWorkTree(GitWorkspace workspace, String operand) {
        // a tracked symlink whose target is gone is a path too, as git's lstat finds it
        return !workspace.isBare() && Files.exists(workspace.startDirectory().resolve(operand),
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
