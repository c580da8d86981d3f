package dev.rca.git;

import dev.rca.RcaException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * A partial clone ({@code git clone --filter=…}): a promisor remote holds the objects it left out, which git fetches
 * for its own commands as they need them. rca reads only the objects on disk and fetches nothing, so in such a
 * clone a missing object is expected, not a sign of damage.
 */
public final class PartialClone {
    private PartialClone() {
    }

    /** Whether {@code repository} is a partial clone: {@code extensions.partialClone}, or a promisor remote. */
    public static boolean is(Repository repository) {
        Config config = repository.getConfig();
        if (config.getString("extensions", null, "partialClone") != null) {
            return true;
        }
        for (String remote : config.getSubsections("remote")) {
            if (config.getBoolean("remote", remote, "promisor", false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The error of a history query ({@code log}, {@code history}) that needed {@code missing}: in a partial clone,
     * that rca does not fetch it and what does; elsewhere, that the object store lost it.
     */
    public static RcaException missingForHistory(Repository repository, ObjectId missing, Throwable cause) {
        if (is(repository)) {
            return RcaException.badInput("the repository lacks object " + missing.name() + ": this is a partial clone,"
                + " and rca reads only the objects on disk (it fetches none)", cause)
                .withHint("git fetches a partial clone's missing objects for its own commands only: the same query run"
                    + " once with git (git log <rev> -- <paths>, with --numstat for --stat and --authors) fetches what"
                    + " rca needs; or clone without --filter");
        }
        return RcaException.badInput("the repository is missing object " + missing.name(), cause)
            .withHint("'git fsck' says what the object store lost");
    }
}
