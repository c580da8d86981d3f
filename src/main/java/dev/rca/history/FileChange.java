package dev.rca.history;

import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One file a single-parent commit added, deleted or modified against its parent, as a recursive tree walk over
 * the two trees would list it.
 *
 * @param path    the file's path (the same on both sides: renames are not paired)
 * @param oldMode its mode in the parent, 0 when it was not there
 * @param oldId   its blob in the parent, the zero id when it was not there
 * @param newMode its mode in the commit, 0 when the commit deleted it
 * @param newId   its blob in the commit, the zero id when the commit deleted it
 */
public record FileChange(String path, int oldMode, ObjectId oldId, int newMode, ObjectId newId) {
    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(oldId, "oldId");
        Objects.requireNonNull(newId, "newId");
        if (oldMode == 0 && newMode == 0) {
            throw new IllegalArgumentException("a changed file exists on at least one side: " + path);
        }
    }

    /** Whether the commit added the file. */
    public boolean added() {
        return oldMode == 0;
    }

    /** Whether the commit deleted the file. */
    public boolean deleted() {
        return newMode == 0;
    }
}
