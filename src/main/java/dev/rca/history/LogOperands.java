package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RevisionRange;
import dev.rca.io.ShellWords;
import java.util.ArrayList;
import java.util.List;

/**
 * The operands of {@code rca log}: revisions, then paths. After {@code --} every operand is a path; without it, as
 * git's {@code setup_revisions} reads them, the operands are revisions up to the first one that is none, which
 * begins the paths when it and each one after it are in the working tree ({@code rca log -3 .} in a subdirectory)
 * or look like a pathspec (magic, wildcards: {@link Pathspecs#resolve} says why rca takes none). An operand that is
 * neither stays an unknown revision, and a path that no longer exists goes after {@code --}, as in git; a
 * repository without a work tree has no paths without {@code --}, as git has none there. As in git, a revision that
 * is also a file in the working tree is refused as ambiguous, and a lone {@code ..} is the parent directory.
 *
 * @param revisions the revisions as typed, in order
 * @param paths the paths as typed, in order
 */
public record LogOperands(List<String> revisions, List<String> paths) {
    private static final String PARENT = "..";
    /** git's pathspec magic, long ({@code :(exclude)x}) and short ({@code :!x}, {@code :^x}, {@code :/x}). */
    private static final java.util.regex.Pattern MAGIC = java.util.regex.Pattern.compile(":[(!^/]");

    public LogOperands {
        revisions = List.copyOf(revisions);
        paths = List.copyOf(paths);
    }

    /** The operands of a command line with {@code --}: the last {@code afterDash} are paths. */
    public static LogOperands dashed(List<String> operands, int afterDash) {
        int split = operands.size() - afterDash;
        return new LogOperands(operands.subList(0, split), operands.subList(split, operands.size()));
    }

    /**
     * Splits the operands of a command line without {@code --}; {@code typed} is that command line after the
     * command's name, for the hint that shows it with the paths after {@code --}. An operand that is neither a revision nor a path is
     * left among the revisions, for the walk to say what is wrong with it, as it did before paths were read here.
     *
     * @throws RcaException exit 3 for a path after the first one that is not in the working tree
     */
    public static LogOperands split(GitWorkspace workspace, List<String> operands, List<String> typed) {
        for (int i = 0; i < operands.size(); i++) {
            String operand = operands.get(i);
            if (isRevision(workspace, operand)) {
                if (!workspace.isBare() && Pathspecs.inWorkTree(workspace.startDirectory(), operand)) {
                    throw RcaException.badInput("ambiguous argument '" + operand + "': both revision and filename")
                        .withHint("use '--' to separate paths from revisions, as in git: rca log [<revision>...] -- "
                            + "[<path>...]");
                }
                continue;
            }
            if (operand.startsWith("^") || workspace.isBare() || !isPath(workspace, operand)) {
                break;
            }
            List<String> paths = operands.subList(i, operands.size());
            for (String path : paths) {
                if (!isPath(workspace, path)) {
                    throw RcaException.badInput("path not in the working tree: '" + path + "'")
                        .withHint("after --, as in git, a path is taken as it is: rca log "
                            + ShellWords.line(withPathsAfterDoubleDash(typed, paths)));
                }
            }
            return new LogOperands(operands.subList(0, i), paths);
        }
        return new LogOperands(operands, List.of());
    }

    /** The command line as typed, its options kept, with {@code paths} (its last operands) moved after {@code --}. */
    private static List<String> withPathsAfterDoubleDash(List<String> typed, List<String> paths) {
        List<String> rest = new ArrayList<>(typed);
        for (int i = paths.size() - 1; i >= 0; i--) {
            rest.remove(rest.lastIndexOf(paths.get(i)));
        }
        rest.add("--");
        rest.addAll(paths);
        return rest;
    }

    /** Whether every end of {@code operand} ({@link RevisionRange#ends}, or itself) names a commit, tree or blob. */
    private static boolean isRevision(GitWorkspace workspace, String operand) {
        if (PARENT.equals(operand) || Pathspecs.isUndecoded(operand)) {
            // git reads a lone '..' as the parent directory, never as HEAD..HEAD; and a name the locale could not
            // decode names no ref rca could read (JGit would look for a file of that garbled name)
            return false;
        }
        List<String> ends = RevisionRange.ends(operand);
        for (String end : ends.isEmpty() ? List.of(operand) : ends) {
            if (!HistoryArguments.namesCommit(workspace, end) && workspace.nonCommitType(end) == null) {
                return false;
            }
        }
        return true;
    }

    /** git's test for an operand without {@code --}: a pathspec's look, or a file in the working tree. */
    private static boolean isPath(GitWorkspace workspace, String operand) {
        // an undecoded name is taken as the path it must be, so that the walk's note says why nothing matches it
        if (operand.isEmpty()) {
            return false; // neither, as git has it: an unknown revision
        }
        return PARENT.equals(operand) || Pathspecs.isUndecoded(operand) || MAGIC.matcher(operand).lookingAt()
            || operand.indexOf('*') >= 0 || operand.indexOf('?') >= 0 || operand.indexOf('[') >= 0
            || Pathspecs.inWorkTree(workspace.startDirectory(), operand);
    }
}
