package dev.rca.git;

import dev.rca.RcaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Revisions in git's range syntax, as {@code git log} and {@code git rev-list} take them: {@code A},
 * {@code ^A}, {@code A..B}, {@code A...B} (symmetric difference), {@code A^!} (the commit without its
 * parents), {@code A^@} (its parents) and {@code A^-<n>} ({@code A^<n>..A}; {@code A^-} is {@code A^1..A}). With
 * no revision at all, {@code HEAD} is the tip; only excluded ones ({@code ^A}) leave none, and git lists nothing
 * then. A revision that names a blob or a tree ({@code HEAD:README}), alone, excluded or at an end of {@code A..B},
 * is left out, as git's walk leaves it out ({@link #nonCommits}); in {@code A...B}, {@code A^!}, {@code A^@} and
 * {@code A^-<n>} it is an error, as in git.
 *
 * @param specs the revisions as typed, in command-line order
 */
public record RevisionRange(List<String> specs) {
    /** {@code A^-} and {@code A^-<n>}: the tip, and which parent's history to leave out. */
    private static final Pattern PARENT_RANGE = Pattern.compile("(.+)\\^-([1-9]\\d*)?");

    public RevisionRange {
        specs = List.copyOf(specs);
        for (String spec : specs) {
            if (spec == null || spec.isBlank()) {
                // names nothing, as an unknown revision names nothing (git: "unknown revision or path")
                throw RcaException.badInput("bad revision '" + spec + "'");
            }
            if (spec.startsWith("-") && !spec.equals("-")) {
                throw RcaException.usage("bad revision '" + spec + "'");
            }
        }
    }

    /**
     * The revisions {@code spec} names at its ends when it is a range ({@code A..B}, {@code A...B}: both, an empty
     * side being HEAD; {@code ^A}, {@code A^!}, {@code A^@}, {@code A^-<n>}: A), or none when it is one revision.
     * This reads the text alone: {@link #ends(GitWorkspace, String)} reads two dots as git does.
     */
    public static List<String> ends(String spec) {
        int dots = spec.indexOf("..");
        if (dots >= 0) {
            String left = spec.substring(0, dots);
            String right = spec.substring(spec.startsWith("...", dots) ? dots + 3 : dots + 2);
            return List.of(dotsSide(left), dotsSide(right));
        }
        return endsWithoutDots(spec);
    }

    /**
     * The ends of {@code spec} as {@link #ends(String)}, but two dots whose sides do not both name an object make no
     * range when {@code spec} as a whole names one, as git's {@code handle_dotdot} falls back to the whole: a
     * message search ({@code :/evict..lock}), a path in a tree ({@code HEAD:a..b.txt}).
     */
    public static List<String> ends(GitWorkspace workspace, String spec) {
        return dotsAreARange(workspace, spec) ? ends(spec) : endsWithoutDots(spec);
    }

    private static List<String> endsWithoutDots(String spec) {
        if (spec.startsWith("^")) {
            return List.of(spec.substring(1));
        }
        Matcher parentRange = PARENT_RANGE.matcher(spec);
        if (parentRange.matches()) {
            return List.of(parentRange.group(1));
        }
        if (spec.endsWith("^@") || spec.endsWith("^!")) {
            return List.of(spec.substring(0, spec.length() - 2));
        }
        return List.of();
    }

    /**
     * Whether git reads the two dots in {@code spec} as a range: it holds them, and both sides name an object or
     * the whole names none (so that an unknown side is what an error names).
     */
    private static boolean dotsAreARange(GitWorkspace workspace, String spec) {
        int dots = spec.indexOf("..");
        if (dots < 0) {
            return false;
        }
        List<String> sides = ends(spec);
        return sides.stream().allMatch(workspace::namesObject) || !workspace.namesObject(spec);
    }

    /** One resolved revision: a commit, and whether it is excluded ({@code ^A}) or a tip. */
    public record Endpoint(ObjectId commit, boolean excluded) {
    }

    /**
     * Resolves every revision to commits, in command-line order (which decides git's order among
     * commits with equal dates). For {@code A..B} the order is {@code ^A}, {@code B}, as in git.
     *
     * @throws RcaException exit 3 for an unknown revision
     */
    public List<Endpoint> resolve(GitWorkspace workspace) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String spec : specs) {
            resolveOne(workspace, spec, endpoints);
        }
        if (specs.isEmpty()) {
            endpoints.add(new Endpoint(workspace.resolveCommit("HEAD"), false));
        }
        return endpoints;
    }

    private static void resolveOne(GitWorkspace workspace, String spec, List<Endpoint> out) {
        boolean range = dotsAreARange(workspace, spec);
        int symmetric = spec.indexOf("...");
        if (range && symmetric >= 0) {
            ObjectId left = endpoint(workspace, spec.substring(0, symmetric));
            ObjectId right = endpoint(workspace, spec.substring(symmetric + 3));
            for (ObjectId base : mergeBases(workspace, left, right)) {
                out.add(new Endpoint(base, true));
            }
            out.add(new Endpoint(left, false));
            out.add(new Endpoint(right, false));
            return;
        }
        int dots = spec.indexOf("..");
        if (range) {
            addUnlessNonCommit(workspace, dotsSide(spec.substring(0, dots)), true, out);
            addUnlessNonCommit(workspace, dotsSide(spec.substring(dots + 2)), false, out);
            return;
        }
        if (spec.startsWith("^")) {
            addUnlessNonCommit(workspace, spec.substring(1), true, out);
            return;
        }
        Matcher parentRange = PARENT_RANGE.matcher(spec);
        if (parentRange.matches()) {
            // A^-<n> is A^<n>..A, A^- is A^1..A
            String tip = parentRange.group(1);
            String parent = parentRange.group(2) == null ? "1" : parentRange.group(2);
            out.add(new Endpoint(workspace.resolveCommit(tip + "^" + parent), true));
            out.add(new Endpoint(workspace.resolveCommit(tip), false));
            return;
        }
        if (spec.endsWith("^@")) {
            ObjectId tip = workspace.resolveCommit(spec.substring(0, spec.length() - 2));
            for (ObjectId parent : parents(workspace, tip)) {
                out.add(new Endpoint(parent, false));
            }
            return;
        }
        if (spec.endsWith("^!")) {
            ObjectId tip = workspace.resolveCommit(spec.substring(0, spec.length() - 2));
            out.add(new Endpoint(tip, false));
            for (ObjectId parent : parents(workspace, tip)) {
                out.add(new Endpoint(parent, true));
            }
            return;
        }
        addUnlessNonCommit(workspace, spec, false, out);
    }

    private static void addUnlessNonCommit(GitWorkspace workspace, String revision, boolean excluded,
                                           List<Endpoint> out) {
        if (workspace.nonCommitType(revision) == null) {
            out.add(new Endpoint(workspace.resolveCommit(revision), excluded));
        }
    }

    /**
     * The revisions {@link #resolve} leaves out because they name a blob or a tree, each as a sentence to show
     * the user ("'HEAD:README' names a blob, not a commit"), in command-line order.
     */
    public List<String> nonCommits(GitWorkspace workspace) {
        List<String> found = new ArrayList<>();
        for (String spec : specs) {
            List<String> ends = ends(workspace, spec);
            if (spec.contains("...") && ends.size() == 2 || PARENT_RANGE.matcher(spec).matches()
                || spec.endsWith("^@") || spec.endsWith("^!")) {
                continue;
            }
            for (String revision : ends.isEmpty() ? List.of(spec) : ends) {
                String type = workspace.nonCommitType(revision);
                if (type != null) {
                    found.add("'" + revision + "' names a " + type + ", not a commit");
                }
            }
        }
        return found;
    }

    private static List<ObjectId> parents(GitWorkspace workspace, ObjectId commit) {
        try (RevWalk walk = new RevWalk(workspace.repository())) {
            List<ObjectId> parents = new ArrayList<>();
            for (RevCommit parent : GitWorkspace.parseCommit(walk, commit).getParents()) {
                parents.add(parent.copy());
            }
            return parents;
        }
    }

    private static ObjectId endpoint(GitWorkspace workspace, String side) {
        return workspace.resolveCommit(dotsSide(side));
    }

    /** A side of {@code A..B} or {@code A...B} as a revision: an empty one is HEAD. */
    private static String dotsSide(String side) {
        return side.isEmpty() ? "HEAD" : side;
    }

    private static List<ObjectId> mergeBases(GitWorkspace workspace, ObjectId left, ObjectId right) {
        try (RevWalk walk = new RevWalk(workspace.repository())) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(left));
            walk.markStart(walk.parseCommit(right));
            List<ObjectId> bases = new ArrayList<>();
            for (RevCommit base = walk.next(); base != null; base = walk.next()) {
                bases.add(base.copy());
            }
            return bases;
        } catch (IOException e) {
            throw RcaException.badInput("cannot compute the merge base of " + left.name() + " and "
                + right.name() + ": " + e.getMessage(), e);
        }
    }
}
