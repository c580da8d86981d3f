package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Turns paths as the user typed them into repository-relative paths, as git does with pathspecs: relative
 * to the directory rca runs in, {@code .} for the whole tree (or the current directory). A trailing slash is kept
 * (one): as in git, {@code src/a.c/} matches a directory (or submodule) at {@code src/a.c} and what is under it,
 * never a file of that name ({@link #directoryOnly}).
 * A path with git's wildcards ({@code *}, {@code ?}, {@code [}) or magic ({@code :(exclude)…}) is refused, unless
 * it names a file as it is: taken literally it would match nothing and read as "nobody touched this". rca lists
 * no files by pattern; {@code :(literal)<path>} names a path that holds such characters.
 */
public final class Pathspecs {
    private static final String LITERAL = ":(literal)";

    /** Where the encoding of file names and arguments comes from, and the one under which rca reads UTF-8 names. */
    private static final String LOCALE_HINT =
        "the locale sets the encoding: under a UTF-8 one (LC_ALL=C.UTF-8) rca reads UTF-8 names";

    private Pathspecs() {
    }

    /**
     * Repository-relative forms of {@code typed}; {@code ""} stands for the whole tree.
     *
     * @throws RcaException exit 2 for a path outside the repository
     */
    public static List<String> resolve(GitWorkspace workspace, List<String> typed) {
        Path top = workspace.isBare() ? null : workspace.workTree();
        Path start = workspace.startDirectory();
        Path base = top != null && start.startsWith(top) ? start : top;
        List<String> result = new ArrayList<>();
        for (String typedPath : typed) {
            // git's :(literal) magic names a path whatever characters it holds (a deleted pages/[id].tsx)
            boolean literal = typedPath.startsWith(LITERAL);
            String p = literal ? typedPath.substring(LITERAL.length()) : typedPath;
            if (p.isEmpty()) {
                throw RcaException.usage("empty path");
            }
            if (!literal) {
                refusePattern(workspace, base, p);
            }
            String rel;
            if (top == null) {
                rel = fromTop(p);
            } else {
                rel = pathFromTop(top, normalized(p.startsWith("/") ? p : base + "/" + p));
                if (rel == null) {
                    throw outside(p, top);
                }
                rel = withSlashAsTyped(rel, p);
            }
            if (!result.contains(rel)) {
                result.add(rel);
            }
        }
        return result;
    }

    /**
     * {@code typed} read from the top of the repository, as git bisect reads its paths (and every command in a
     * repository without a work tree): {@code ./x} and {@code src/../x} are {@code x}, {@code .} is the whole tree
     * ({@code ""}), and one trailing slash is kept.
     *
     * @throws RcaException exit 2 for a path outside the repository
     */
    public static String fromTop(String typed) {
        if (typed.startsWith(LITERAL)) {
            typed = typed.substring(LITERAL.length());
        }
        String normal = normalized(typed);
        if (typed.startsWith("/") || leadsUp(normal)) {
            throw outside(typed, null);
        }
        return withSlashAsTyped(normal, typed);
    }

    /**
     * A path of {@code git bisect start}'s, as the bisection keeps it to read {@link #fromTop} from then on: as typed,
     * as git keeps {@code BISECT_NAMES}, except that an absolute path in the work tree becomes the path from its top
     * ({@code .} for the top itself), which is how git reads it, and which a ledger can keep on another machine.
     *
     * @throws RcaException exit 2 for an empty path, one outside the work tree, or a pattern
     *     ({@link #refusePatternFromTop})
     */
    public static String forBisection(GitWorkspace workspace, String typed) {
        boolean literal = typed.startsWith(LITERAL);
        String p = literal ? typed.substring(LITERAL.length()) : typed;
        if (p.isEmpty()) {
            throw RcaException.usage("empty path");
        }
        Path top = workspace.isBare() ? null : workspace.workTree();
        if (top != null && p.startsWith("/")) {
            String rel = pathFromTop(top, normalized(p));
            if (rel == null) {
                throw outside(p, top);
            }
            rel = withSlashAsTyped(rel, p);
            typed = (literal ? LITERAL : "") + (rel.isEmpty() ? "." : rel);
        } else if (top != null && leadsUp(normalized(p))) {
            throw outside(p, top);
        }
        refusePatternFromTop(workspace, typed);
        fromTop(typed);
        return typed;
    }

    /**
     * {@code path} without {@code .}, empty names and a name followed by {@code ..}, as {@link Path#normalize()}
     * has it (a {@code ..} above the root is dropped), read from the text alone: a name the JVM cannot hold as a
     * {@link Path} (any non-ASCII letter under {@code LC_ALL=C}) is still a name. A backslash is part of a name, as
     * on Unix.
     */
    private static String normalized(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> names = new ArrayDeque<>();
        for (String name : path.split("/")) {
            if (name.equals("..") && !names.isEmpty() && !names.peekLast().equals("..")) {
                names.removeLast();
            } else if (!name.isEmpty() && !name.equals(".") && !(name.equals("..") && absolute)) {
                names.addLast(name);
            }
        }
        return (absolute ? "/" : "") + String.join("/", names);
    }

    /** Whether the {@link #normalized} relative {@code path} leads above the directory it is read from. */
    private static boolean leadsUp(String path) {
        return path.equals("..") || path.startsWith("../");
    }

    /**
     * The path from {@code top} of the absolute, {@link #normalized} {@code path}, or null when it is outside the work
     * tree. As git's {@code abspath_part_inside_repo}: a path under {@code top} as written, or one whose leading
     * directories lead to the work tree through symbolic links (a link to it, or to a directory above it); links
     * further down are names in the tree, kept as they are. A name the JVM cannot hold as a {@link Path} is no link:
     * the path is read from its text up to it, and nothing it leads to can be looked up.
     */
    private static String pathFromTop(Path top, String path) {
        String written = top.toString();
        String under = written.endsWith("/") ? written : written + "/";
        if (path.startsWith(under)) {
            return path.substring(under.length());
        }
        if (path.equals(written)) {
            return "";
        }
        try {
            Path realTop = top.toRealPath();
            String[] names = path.substring(1).split("/");
            StringBuilder leading = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                leading.append('/').append(names[i]);
                if (Path.of(leading.toString()).toRealPath().equals(realTop)) {
                    return String.join("/", Arrays.asList(names).subList(i + 1, names.length));
                }
            }
        } catch (IOException | InvalidPathException notThere) {
            // a directory that is not there, or that the JVM cannot name, leads to nothing below it either
        }
        return null;
    }

    private static RcaException outside(String typed, Path top) {
        return RcaException.usage("path '" + typed + "' is outside the repository" + (top == null ? "" : " " + top));
    }

    /**
     * Refuses a path pattern or pathspec magic other than {@code :(literal)} among paths read {@link #fromTop}, as
     * {@link #resolve} does: rca matches paths literally, and a pattern would match nothing.
     *
     * @throws RcaException exit 2 for a pattern that names no path at HEAD
     */
    public static void refusePatternFromTop(GitWorkspace workspace, String typed) {
        if (!typed.startsWith(LITERAL)) {
            refusePattern(workspace, null, typed);
        }
    }

    /** {@code rel} without trailing slashes, then with one if {@code typed} ended in one (never for the whole tree). */
    private static String withSlashAsTyped(String rel, String typed) {
        while (rel.endsWith("/")) {
            rel = rel.substring(0, rel.length() - 1);
        }
        return !rel.isEmpty() && typed.endsWith("/") ? rel + "/" : rel;
    }

    /** Whether the resolved {@code path} ends in a slash: it matches only a directory or submodule there. */
    public static boolean directoryOnly(String path) {
        return path.endsWith("/");
    }

    /** The repository path a resolved {@code path} names, without the slash of a {@link #directoryOnly} one. */
    public static String name(String path) {
        return directoryOnly(path) ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Whether a tree entry of {@code mode} can stand at a {@link #directoryOnly} path: a directory or a submodule
     * (git's pathspec matches both), not a file or symlink.
     */
    static boolean holdsDirectory(int mode) {
        int type = mode & FileMode.TYPE_MASK;
        return type == FileMode.TYPE_TREE || type == FileMode.TYPE_GITLINK;
    }

    /**
     * A tree walk's filter for resolved {@code paths}: what is at or under them ({@link TreeFilter#ALL} for the whole
     * tree), without the files at {@link #directoryOnly} paths.
     */
    public static TreeFilter treeFilter(Collection<String> paths) {
        if (paths.contains("")) {
            return TreeFilter.ALL;
        }
        TreeFilter named = PathFilterGroup.createFromStrings(paths.stream().map(Pathspecs::name).toList());
        Set<String> directories = paths.stream().filter(Pathspecs::directoryOnly).map(Pathspecs::name)
            .collect(Collectors.toSet());
        return directories.isEmpty() ? named : AndTreeFilter.create(named, new NoFileAt(directories));
    }

    /** Leaves out a file (anything but a directory or submodule) at one of a few paths. */
    private static final class NoFileAt extends TreeFilter {
        private final Set<String> paths;

        NoFileAt(Set<String> paths) {
            this.paths = paths;
        }

        @Override
        public boolean include(TreeWalk walk) {
            if (walk.isSubtree() || !paths.contains(walk.getPathString())) {
                return true;
            }
            for (int i = 0; i < walk.getTreeCount(); i++) {
                if (walk.getRawMode(i) != 0 && holdsDirectory(walk.getRawMode(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    }

    private static void refusePattern(GitWorkspace workspace, Path base, String typed) {
        boolean magic = typed.startsWith(":");
        boolean wildcard = typed.indexOf('*') >= 0 || typed.indexOf('?') >= 0 || typed.indexOf('[') >= 0;
        if (!magic && !wildcard) {
            return;
        }
        // git matches a pathspec literally too: a file really named so is no pattern
        if (!magic && (base != null ? inWorkTree(base, typed) : atHead(workspace, typed))) {
            return;
        }
        throw RcaException.usage("path patterns are not supported: '" + typed + "'")
            .withHint(magic ? "name the files or directories to include; a directory covers everything below it"
                : "name files or directories (a directory covers everything below it), or let the shell expand"
                + " the pattern to the files that exist now: leave it unquoted; " + LITERAL + typed
                + " names a path that holds such characters");
    }

    /**
     * Of the {@code typed} paths, those the JVM could not decode from the command line (bytes invalid in the
     * platform's encoding, a Latin-1 name under UTF-8 say, arrive as U+FFFD): rca names paths as text, so such a
     * path can only match a name that holds U+FFFD itself.
     */
    public static List<String> undecoded(List<String> typed) {
        return typed.stream().filter(Pathspecs::isUndecoded).toList();
    }

    /**
     * Whether the JVM could not decode some of {@code typed}'s bytes (a command-line argument, a directory's name) in
     * the locale's encoding: it holds U+FFFD for them (see {@link #undecoded}).
     */
    public static boolean isUndecoded(String typed) {
        return typed.indexOf('\uFFFD') >= 0;
    }

    /**
     * The note for an {@link #undecoded} path that matches nothing: that rca cannot name it, and git can.
     */
    public static String undecodedNote(String typed) {
        String note = "path '" + typed + "' holds bytes that are not valid " + nameEncoding() + ": rca cannot name a"
            + " file whose name is not in that encoding, so it matches nothing (git log -- <path> can)";
        String hint = localeHint();
        return hint == null ? note : note + "; " + hint;
    }

    /**
     * Where the {@link #nameEncoding} comes from and the locale under which rca reads UTF-8 names, for a name that is
     * not valid in it; null under a UTF-8 locale already.
     */
    public static String localeHint() {
        // under LC_ALL=C even a UTF-8 name, git's own encoding for names, is lost: say where the encoding comes from
        return nameEncoding().equalsIgnoreCase("UTF-8") ? null : LOCALE_HINT;
    }

    /** The encoding the JVM decodes its arguments and file names in ({@code sun.jnu.encoding}, set by the locale). */
    public static String nameEncoding() {
        return System.getProperty("sun.jnu.encoding", "text");
    }

    /**
     * Whether {@code typed}, read from {@code directory}, names something in the file system (a dangling symlink
     * too, as git's lstat finds it; with a trailing slash, a directory, the link followed). False for a name the JVM
     * cannot hold as a {@link Path}: it cannot look for it.
     */
    public static boolean inWorkTree(Path directory, String typed) {
        try {
            Path path = directory.resolve(typed);
            return typed.endsWith("/") ? Files.isDirectory(path) : Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** In a repository without a work tree: whether HEAD's tree holds {@code path}, read as repository-relative. */
    static boolean atHead(GitWorkspace workspace, String path) {
        String relative = normalized("/" + path).substring(1);
        try {
            return relative.isEmpty() || workspace.repository().resolve("HEAD:" + relative) != null;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
