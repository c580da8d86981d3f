package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.git.RevisionRange;
import dev.rca.io.ShellWords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The operands of {@code rca log}: revisions, then paths. After {@code --} every operand is a path; without it, as
 * git's {@code setup_revisions} reads them, the operands are revisions up to the first one that is none, which
 * begins the paths when it and each one after it are in the working tree ({@code rca log -3 .} in a subdirectory)
 * or look like a pathspec (long magic, unescaped wildcards: {@link Pathspecs#resolve} says why rca takes none);
 * git's short magic is a path when what it names is there ({@code :/x} from the top, {@code :!x} and {@code :^x}),
 * as its {@code check_filename} has it, so {@code :/fix} that no file answers is a revision, git's message search.
 * An operand that is neither stays an unknown revision, and a path that no longer exists goes after {@code --}, as
 * in git; no option may follow the first path, as in git, where only {@code --} lets one do; a repository without
 * a work tree has no paths without {@code --}, as git has none there. As in git, a revision that is also a file in
 * the working tree is refused as ambiguous, and a lone {@code ..} is the parent directory.
 *
 * @param revisions the revisions as typed, in order
 * @param paths the paths as typed, in order
 */
public record LogOperands(List<String> revisions, List<String> paths) {
    private static final String PARENT = "..";

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
     * command's name, for the hint that shows it with the paths after {@code --}, and {@code optionsAfter} gives the
     * options typed between an operand (by its index) and the next, as typed. An operand that is neither a revision
     * nor a path is left among the revisions, for the walk to say what is wrong with it, as it did before paths were
     * read here.
     *
     * @throws RcaException exit 3 for a path after the first one that is not in the working tree; exit 2 for an
     *     option after the first path, which git refuses ("option '-3' must come before non-option arguments")
     */
    public static LogOperands split(GitWorkspace workspace, List<String> operands, List<String> typed,
                                    IntFunction<List<String>> optionsAfter) {
        for (int i = 0; i < operands.size(); i++) {
            String operand = operands.get(i);
            if (isRevision(workspace, operand)) {
                if (!workspace.isBare() && namesFile(workspace, operand)) {
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
            // in the order typed, as git checks them: each path, then the options typed after it
            for (int j = i; j < operands.size(); j++) {
                String path = operands.get(j);
                if (path.startsWith("-")) {
                    throw optionAfterPath(path, typed, paths);
                }
                if (!isPath(workspace, path)) {
                    throw RcaException.badInput("path not in the working tree: '" + path + "'")
                        .withHint("after --, as in git, a path is taken as it is: rca log "
                            + ShellWords.line(withPathsAfterDoubleDash(typed, paths)));
                }
                List<String> options = optionsAfter.apply(j);
                if (!options.isEmpty()) {
                    throw optionAfterPath(options.get(0), typed, paths);
                }
            }
            return new LogOperands(operands.subList(0, i), paths);
        }
        return new LogOperands(operands, List.of());
    }

    /** git's refusal of an option typed after the first path, with the command line that reads it. */
    private static RcaException optionAfterPath(String option, List<String> typed, List<String> paths) {
        return RcaException.usage("option '" + option + "' must come before non-option arguments")
            .withHint("as in git, put the options before the paths, or the paths after --: rca log "
                + ShellWords.line(withPathsAfterDoubleDash(typed, paths)));
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
        List<String> ends = RevisionRange.ends(workspace, operand);
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
        return PARENT.equals(operand) || Pathspecs.isUndecoded(operand) || looksLikePathspec(operand)
            || namesFile(workspace, operand);
    }

    /**
     * git's {@code looks_like_pathspec}: an operand with a wildcard ({@code *}, {@code ?}, {@code [}) that no
     * backslash escapes (so {@code a\*} is none: without {@code --} it must name a file, as in git), or long magic
     * ({@code :(exclude)x}).
     */
    private static boolean looksLikePathspec(String operand) {
        boolean escaped = false;
        for (int i = 0; i < operand.length(); i++) {
            char c = operand.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return operand.startsWith(":(");
    }

    /**
     * git's {@code check_filename}: whether {@code operand} names something in the working tree, read from the
     * directory rca runs in; short magic names what follows it, {@code :/x} from the top, and names the whole tree
     * (or excludes it) when nothing follows.
     */
    private static boolean namesFile(GitWorkspace workspace, String operand) {
        Path from = workspace.startDirectory();
        String name = operand;
        if (operand.startsWith(":/") || operand.startsWith(":!") || operand.startsWith(":^")) {
            name = operand.substring(2);
            if (name.isEmpty()) {
                return true;
            }
            if (operand.startsWith(":/")) {
                from = workspace.workTree();
            }
        }
        return Pathspecs.inWorkTree(from, name);
    }
}
