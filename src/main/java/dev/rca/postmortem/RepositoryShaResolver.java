package dev.rca.postmortem;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.CommitInfo;
import dev.rca.ledger.GitCommitLookup;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Resolves hex runs against the object database of one repository, remembering each answer. */
public final class RepositoryShaResolver implements ShaResolver {
    private final GitWorkspace workspace;
    private final Map<String, Resolution> answers = new HashMap<>();
    private final Map<String, String> subjects = new HashMap<>();

    /** Resolves in {@code workspace}'s repository; the caller keeps the workspace open while linting. */
    public RepositoryShaResolver(GitWorkspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Resolution resolve(String hex) {
        return answers.computeIfAbsent(hex, this::lookUp);
    }

    @Override
    public String subject(String hex) {
        if (resolve(hex) != Resolution.COMMIT) {
            return null;
        }
        String subject = subjects.computeIfAbsent(hex, h -> new GitCommitLookup(workspace).find(h)
            .map(CommitInfo::subject).orElse(""));
        return subject.isEmpty() ? null : subject;
    }

    private Resolution lookUp(String hex) {
        try (ObjectReader reader = workspace.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            Collection<ObjectId> candidates = hex.length() == Constants.OBJECT_ID_STRING_LENGTH
                ? List.of(ObjectId.fromString(hex))
                : reader.resolve(AbbreviatedObjectId.fromString(hex));
            int commits = 0;
            int others = 0;
            for (ObjectId id : candidates) {
                if (!reader.has(id)) {
                    continue;
                }
                if (isCommit(walk, id)) {
                    commits++;
                } else {
                    others++;
                }
            }
            if (commits == 1) {
                return Resolution.COMMIT;
            }
            if (commits > 1) {
                return Resolution.AMBIGUOUS;
            }
            return others > 0 ? Resolution.NOT_A_COMMIT : Resolution.UNKNOWN;
        } catch (IOException e) {
            throw RcaException.badInput("cannot read objects of " + workspace.gitDir() + ": " + e.getMessage(), e);
        }
    }

    /** A commit, or an annotated tag that peels to one, as {@code git rev-parse <sha>^{commit}} takes it. */
    private static boolean isCommit(RevWalk walk, ObjectId id) throws IOException {
        try {
            return walk.peel(walk.parseAny(id)) instanceof RevCommit;
        } catch (MissingObjectException taggedObjectMissing) {
            return false;
        }
    }
}
