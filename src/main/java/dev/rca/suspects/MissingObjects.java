package dev.rca.suspects;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The objects one answer needed and the repository lacks (a partial clone's blobs, which git fetches for its own
 * commands only; a damaged object store), each with where it was wanted. Each reader of history leaves out only its
 * own unit (a line's blame or trace, a candidate) and reports here, so that the answer keeps the rest and the user is
 * told once, not once per line.
 */
final class MissingObjects {
    private final Map<ObjectId, String> wanted = new LinkedHashMap<>();

    /** Notes that {@code missing} stopped the reading of {@code where} (a path, or what was being done). */
    void add(MissingObjectException missing, String where) {
        wanted.putIfAbsent(missing.getObjectId(), where);
    }

    boolean isEmpty() {
        return wanted.isEmpty();
    }

    /** The one warning that says what was left out: the first object, where it was wanted, and how many more. */
    String warning() {
        return "the repository lacks " + named() + ": what needs " + (wanted.size() == 1 ? "it" : "them")
            + " is left out of the answer (a partial clone? git fetches missing objects for its own commands only)";
    }

    /** The first object, where it was wanted, and how many more are missing. */
    String named() {
        if (wanted.isEmpty()) {
            throw new IllegalStateException("no object is missing");
        }
        Map.Entry<ObjectId, String> first = wanted.entrySet().iterator().next();
        int more = wanted.size() - 1;
        return "object " + first.getKey().abbreviate(12).name() + " (" + first.getValue() + ")"
            + (more == 0 ? "" : " and " + more + " more");
    }
}
