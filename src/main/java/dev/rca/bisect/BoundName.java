package dev.rca.bisect;

import dev.rca.git.GitWorkspace;
import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Whether the name a bisection's bound was given by names that commit for good, so that a ledger and the post-mortem
 * committed with it may print it beside the SHA. A tag does (and {@code v1~3}, {@code v1^2}, {@code v1^{commit}}
 * after it, which the history below a commit fixes); so does an abbreviated SHA with such a suffix. A branch,
 * {@code HEAD}, a reflog entry ({@code @{1}}, {@code @{yesterday}}, {@code @{-1}}), a message search ({@code :/fix})
 * and anything relative to them name another commit once the branch moves on: {@code HEAD~4} in a post-mortem
 * committed after the fix is the wrong commit.
 */
public final class BoundName {
    private BoundName() {
    }

    /** Whether {@code typed} names, in {@code workspace}, the same commit later too. */
    public static boolean lasts(GitWorkspace workspace, String typed) {
        if (typed.contains("@") || typed.contains(":")) {
            return false;
        }
        int suffix = typed.length();
        for (char c : new char[] {'~', '^'}) {
            int at = typed.indexOf(c);
            if (at >= 0) {
                suffix = Math.min(suffix, at);
            }
        }
        String base = typed.substring(0, suffix);
        if (base.isEmpty()) {
            return false;
        }
        try {
            // the ref git's lookup order finds first (refs/<name>, refs/tags/<name>, refs/heads/<name>, …)
            Ref ref = workspace.repository().getRefDatabase().findRef(base);
            if (ref != null) {
                return ref.getName().startsWith(Constants.R_TAGS);
            }
        } catch (IOException unreadable) {
            return false;
        }
        return base.length() >= 4 && base.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
