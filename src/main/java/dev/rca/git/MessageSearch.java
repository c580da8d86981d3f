package dev.rca.git;

import dev.rca.DeepRecursion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * git's {@code :/<text>} revision, which JGit's resolver does not know: the youngest commit reachable from any ref
 * or HEAD whose message matches the regular expression {@code <text>} ({@code get_oid_oneline} in git's
 * {@code object-name.c}). {@code :/!-<text>} is the youngest that does not match, {@code :/!!<text>} matches a
 * leading {@code !}, and any other {@code :/!…} names nothing (git keeps them for later). The whole of what follows
 * {@code :/} is the pattern ({@code :/fix~1} searches for "fix~1"), a Java regular expression matched against the
 * whole message as git's POSIX one is: case-sensitive, {@code .} matching a line end, {@code ^} and {@code $} at the
 * message's start and end only (after its last newline, so {@code :/cache$} finds no message that ends a line with
 * "cache"). A pattern that does not compile names nothing, as in git. {@code <rev>^{/<text>}} searches the same way
 * from one commit ({@link #youngestFrom}).
 */
final class MessageSearch {
    private static final String PREFIX = ":/";

    private MessageSearch() {
    }

    /** Whether git reads {@code revision} as a message search ({@code :/} alone is the top of the work tree). */
    static boolean isMessageSearch(String revision) {
        return revision.startsWith(PREFIX) && revision.length() > PREFIX.length();
    }

    /**
     * The commit {@code revision} (an {@link #isMessageSearch}) names in {@code repository}, or null when no
     * commit's message answers it.
     *
     * @throws IOException when the refs cannot be read
     */
    static ObjectId youngest(Repository repository, String revision) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return youngest(walk, revision.substring(PREFIX.length()), starts(repository, walk));
        }
    }

    /**
     * git's {@code <rev>^{/<text>}}: the youngest commit reachable from {@code start} (itself included) whose message
     * answers {@code text} as {@code :/<text>} does, or null; {@code ^{/}} is {@code start} itself.
     *
     * @throws IOException when the commits cannot be read
     */
    static ObjectId youngestFrom(Repository repository, String text, ObjectId start) throws IOException {
        if (text.isEmpty()) {
            return start;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return youngest(walk, text, new ArrayList<>(List.of(walk.parseCommit(start))));
        }
    }

    private static ObjectId youngest(RevWalk walk, String text, List<RevCommit> starts) throws IOException {
        boolean negative = false;
        if (text.startsWith("!-")) {
            negative = true;
            text = text.substring(2);
        } else if (text.startsWith("!!")) {
            text = text.substring(1);
        } else if (text.startsWith("!")) {
            return null;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(text, Pattern.DOTALL | Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            return null;
        }
        RevFlag seen = walk.newFlag("seen");
        LinkedList<RevCommit> queue = new LinkedList<>();
        for (RevCommit start : starts) {
            start.add(seen);
            queue.add(start);
        }
        // git sorts its list by date, stably: among equal dates HEAD comes first, then the refs from the last
        queue.sort(Comparator.comparingInt(RevCommit::getCommitTime).reversed());
        while (!queue.isEmpty()) {
            RevCommit commit = queue.removeFirst();
            for (RevCommit parent : commit.getParents()) {
                if (!parent.has(seen)) {
                    parent.add(seen);
                    try {
                        walk.parseHeaders(parent);
                    } catch (MissingObjectException e) {
                        continue; // git leaves out a parent it cannot parse
                    }
                    DateOrder.insert(queue, parent, RevCommit::getCommitTime);
                }
            }
            if (negative != matches(pattern, commit.getFullMessage())) {
                return commit.copy();
            }
        }
        return null;
    }

    /** Every ref and HEAD that leads to a commit, tags peeled, in the order git lists them before sorting. */
    private static List<RevCommit> starts(Repository repository, RevWalk walk) throws IOException {
        List<Ref> refs = new ArrayList<>(repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS));
        refs.sort(Comparator.comparing(Ref::getName));
        Ref head = repository.exactRef(Constants.HEAD);
        if (head != null) {
            refs.add(head);
        }
        List<RevCommit> starts = new ArrayList<>();
        for (Ref ref : refs) {
            if (ref.getObjectId() == null) {
                continue;
            }
            try {
                RevObject object = walk.peel(walk.parseAny(ref.getObjectId()));
                if (object instanceof RevCommit commit) {
                    // git prepends each one to its list
                    starts.add(0, commit);
                }
            } catch (MissingObjectException e) {
                // a ref to a missing object leads nowhere, as in git
            }
        }
        return starts;
    }

    /**
     * Whether {@code pattern} is found in {@code message} with POSIX's anchors: Java's {@code $} also matches before
     * a last line end, so the message is followed by one it cannot reach, where only {@code $} sees it.
     */
    private static boolean matches(Pattern pattern, String message) {
        return DeepRecursion.call(() -> {
            Matcher matcher = pattern.matcher(message + "\n");
            matcher.region(0, message.length()).useTransparentBounds(true).useAnchoringBounds(false);
            return matcher.find();
        }, () -> DeepRecursion.patternTooDeep(pattern.pattern(), message.length()));
    }
}
