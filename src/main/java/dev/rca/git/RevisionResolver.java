package dev.rca.git;

import dev.rca.RcaException;
import dev.rca.history.GitDates;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads a revision in git's syntax as git's {@code get_oid_with_context} does, from the outside in: a
 * {@code <tree-ish>:<path>}, then the last suffix ({@code ^{…}}, {@code ~<n>}, {@code ^<n>}), then the name it applies
 * to. JGit resolves each step, except what its resolver lacks: {@code @} for HEAD, {@code ^{/<text>}}
 * ({@link MessageSearch}), {@code ^{tag}}, {@code @{upstream}} of any branch and {@code @{push}}
 * ({@link BranchTracking}), reflog dates ({@code @{yesterday}}), a remote's name for its HEAD ({@code origin}), and
 * an abbreviation that is unique among commit-ish objects though a tree or blob shares it (git reads revision
 * arguments as commit-ish). And one thing JGit's resolver reads that git does not: an abbreviation of two or three
 * hex digits, which git (its {@code MINIMUM_ABBREV}) never takes for an object.
 */
final class RevisionResolver {
    private final Repository repository;

    RevisionResolver(Repository repository) {
        this.repository = repository;
    }

    /**
     * The object {@code spec} names, not peeled, or null when it names nothing.
     *
     * @throws IOException when the repository cannot be read, or the abbreviation is ambiguous among commits
     * @throws RevisionSyntaxException when git would call it a bad revision
     * @throws RcaException exit 3 with git's reason when {@code @{upstream}} or {@code @{push}} has no answer
     */
    ObjectId resolve(String spec) throws IOException {
        if (MessageSearch.isMessageSearch(spec)) {
            return MessageSearch.youngest(repository, spec);
        }
        int colon = topLevelColon(spec);
        if (colon > 0) {
            ObjectId treeish = resolve(spec.substring(0, colon));
            return treeish == null ? null : jgit(treeish.name() + spec.substring(colon));
        }
        if (colon == 0) {
            return jgit(spec);
        }
        int peel = spec.endsWith("}") ? spec.lastIndexOf("^{") : -1;
        if (peel > 0) {
            return peel(spec.substring(0, peel), spec.substring(peel + 2, spec.length() - 1));
        }
        int suffix = spec.length() - 1;
        while (suffix > 0 && Character.isDigit(spec.charAt(suffix))) {
            suffix--;
        }
        if (suffix > 0 && (spec.charAt(suffix) == '~' || spec.charAt(suffix) == '^')) {
            ObjectId base = resolve(spec.substring(0, suffix));
            return base == null ? null : jgit(base.name() + spec.substring(suffix));
        }
        return name(spec);
    }

    /** {@code base^{inner}}. */
    private ObjectId peel(String base, String inner) throws IOException {
        ObjectId id = resolve(base);
        if (id == null) {
            return null;
        }
        if (inner.startsWith("/")) {
            ObjectId commit = jgit(id.name() + "^{commit}");
            return MessageSearch.youngestFrom(repository, inner.substring(1), commit);
        }
        if (inner.equals("tag")) {
            try (RevWalk walk = new RevWalk(repository)) {
                return walk.parseAny(id) instanceof RevTag ? id : null;
            }
        }
        return jgit(id.name() + "^{" + inner + "}");
    }

    /** A name without suffixes: a ref, an abbreviation, {@code @}, {@code <branch>@{…}}. */
    private ObjectId name(String spec) throws IOException {
        if (spec.equals("@")) {
            return jgit(Constants.HEAD);
        }
        int at = spec.endsWith("}") ? spec.lastIndexOf("@{") : -1;
        if (at >= 0) {
            String branch = spec.substring(0, at);
            String inside = spec.substring(at + 2, spec.length() - 1);
            if (inside.equalsIgnoreCase("u") || inside.equalsIgnoreCase("upstream")) {
                return refTarget(new BranchTracking(repository).upstream(tracked(branch)));
            }
            if (inside.equalsIgnoreCase("push")) {
                return refTarget(new BranchTracking(repository).push(tracked(branch)));
            }
            if (!inside.isEmpty() && !inside.matches("-?\\d+")) {
                return atDate(branch, inside, spec);
            }
            return jgit(spec);
        }
        if (!Repository.isValidRefName("x/" + spec)) {
            // JGit calls a name no ref could have a syntax error; git, like JGit before a suffix, finds nothing
            return null;
        }
        ObjectId id = tooShortToAbbreviate(spec) ? refTarget(repository.findRef(spec)) : jgit(spec);
        if (id == null && Repository.isValidRefName(Constants.R_REMOTES + spec + "/" + Constants.HEAD)) {
            // git's last ref rule: a remote's name alone is its HEAD (origin = refs/remotes/origin/HEAD)
            Ref remoteHead = repository.exactRef(Constants.R_REMOTES + spec + "/" + Constants.HEAD);
            id = remoteHead == null ? null : remoteHead.getObjectId();
        }
        return id;
    }

    /** The branch {@link BranchTracking} asks about: HEAD@{u} is the current branch's, as @{u} is. */
    private static String tracked(String branch) {
        return branch.equals(Constants.HEAD) ? "" : branch;
    }

    private ObjectId refTarget(String refName) throws IOException {
        return refTarget(repository.exactRef(refName));
    }

    private static ObjectId refTarget(Ref ref) {
        return ref == null ? null : ref.getObjectId();
    }

    /**
     * Whether JGit would read {@code spec}, when no ref has that name, as an abbreviated object id that git does not
     * take: a deleted branch {@code b2} or a typo {@code add} must be an unknown revision, not a commit starting so.
     */
    private static boolean tooShortToAbbreviate(String spec) {
        return spec.length() < GitWorkspace.MINIMUM_ABBREV && AbbreviatedObjectId.isId(spec);
    }

    /**
     * {@code <ref>@{<date>}}: the newest reflog entry at or before the date; before the oldest, what the oldest entry
     * replaced (git also warns that the log goes back no further). {@code @{<date>}} is the current branch's.
     */
    private ObjectId atDate(String name, String date, String spec) throws IOException {
        long seconds;
        try {
            seconds = GitDates.parse(date, Instant.now(), ZoneId.systemDefault());
        } catch (RcaException e) {
            throw new RevisionSyntaxException("not a date", spec);
        }
        Ref ref = name.isEmpty() || name.equals("@") ? repository.exactRef(Constants.HEAD) : repository.findRef(name);
        if (ref == null) {
            return null;
        }
        String logged = name.isEmpty() || name.equals("@") ? ref.getTarget().getName() : ref.getName();
        var reflog = repository.getRefDatabase().getReflogReader(logged);
        List<ReflogEntry> entries = reflog == null ? List.of() : reflog.getReverseEntries();
        for (ReflogEntry entry : entries) {
            if (entry.getWho().getWhenAsInstant().getEpochSecond() <= seconds) {
                return entry.getNewId();
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        ReflogEntry oldest = entries.get(entries.size() - 1);
        return oldest.getOldId().equals(ObjectId.zeroId()) ? oldest.getNewId() : oldest.getOldId();
    }

    /**
     * JGit's {@link Repository#resolve}: its other {@link IllegalArgumentException}s (an empty path after a colon)
     * are syntax errors, and an abbreviation shared by several objects names the one commit-ish among them if there
     * is one, as git's {@code GET_OID_COMMITTISH} disambiguation picks it.
     */
    private ObjectId jgit(String spec) throws IOException {
        try {
            return repository.resolve(spec);
        } catch (AmbiguousObjectException e) {
            List<ObjectId> commitish = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repository)) {
                for (ObjectId candidate : e.getCandidates()) {
                    RevObject object = walk.peel(walk.parseAny(candidate));
                    if (object instanceof RevCommit) {
                        commitish.add(candidate);
                    }
                }
            }
            if (commitish.size() != 1 || !spec.equalsIgnoreCase(e.getAbbreviatedObjectId().name())) {
                throw e;
            }
            return commitish.get(0);
        } catch (RevisionSyntaxException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new RevisionSyntaxException(e.getMessage(), spec);
        }
    }

    /** Where git splits {@code <tree-ish>:<path>}: the first colon outside braces, or -1. */
    private static int topLevelColon(String spec) {
        int depth = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
