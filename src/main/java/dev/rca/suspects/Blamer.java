package dev.rca.suspects;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Whitespace-insensitive blame that follows renames, computed lazily: one {@link BlameGenerator} per
 * (commit, path), driven only as far back in history as the lines asked for need, and kept so that later
 * questions about the same file (a re-blame past a skipped commit, context lines) continue where it stopped.
 */
final class Blamer implements AutoCloseable {
    /** Where a line came from: the commit that introduced it, its path there and its 0-based line. */
    record Origin(ObjectId commit, String path, int line) {
    }

    /** The blame of one file as far as it has been computed. */
    private static final class FileBlame {
        final BlameGenerator generator;
        final Origin[] origins;
        final int[] times;
        /** Commit time of the last region attributed: the walk has gone back (about) this far. */
        int reached = Integer.MAX_VALUE;
        boolean exhausted;

        FileBlame(BlameGenerator generator, int lines) {
            this.generator = generator;
            this.origins = new Origin[lines];
            this.times = new int[lines];
        }

        /** Attributes the next region; false when history is exhausted. */
        boolean step() throws IOException {
            if (exhausted) {
                return false;
            }
            if (!generator.next()) {
                exhausted = true;
                generator.close();
                return false;
            }
            RevCommit source = generator.getSourceCommit();
            if (source == null) {
                return true;
            }
            reached = source.getCommitTime();
            ObjectId id = source.copy();
            String path = generator.getSourcePath();
            int sourceStart = generator.getSourceStart();
            for (int i = generator.getResultStart(); i < generator.getResultEnd(); i++) {
                origins[i] = new Origin(id, path, sourceStart + i - generator.getResultStart());
                times[i] = reached;
            }
            return true;
        }

        boolean done(int start, int end) {
            for (int i = start; i < end; i++) {
                if (origins[i] == null) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Repository repository;
    private final Map<String, FileBlame> files = new HashMap<>();

    Blamer(Repository repository) {
        this.repository = repository;
    }

    /**
     * The origin of lines {@code [start, end)} of {@code path} as of {@code commit}; entries are
     * {@code null} for lines blame could not attribute.
     */
    Origin[] blame(RevCommit commit, String path, int start, int end) throws IOException {
        return blame(commit, path, start, end, Integer.MIN_VALUE);
    }

    /**
     * Like {@link #blame(RevCommit, String, int, int)}, but walks no further back than commits made at
     * {@code notBefore} (seconds since the epoch) for them: lines still unattributed by then stay {@code null}.
     */
    Origin[] blame(RevCommit commit, String path, int start, int end, int notBefore) throws IOException {
        Origin[] out = new Origin[end - start];
        FileBlame file = file(commit, path);
        if (file == null) {
            return out;
        }
        int to = Math.min(end, file.origins.length);
        if (start >= to) {
            return out;
        }
        while (!file.done(start, to) && file.reached >= notBefore && file.step()) {
            // each step attributes one region, newest history first
        }
        for (int i = start; i < to; i++) {
            if (file.origins[i] != null && file.times[i] >= notBefore) {
                out[i - start] = file.origins[i];
            }
        }
        return out;
    }

    /** How far back (commit time) blame has walked for {@code path} at {@code commit}, if at all. */
    int reached(RevCommit commit, String path) {
        FileBlame file = files.get(commit.name() + ':' + path);
        return file == null ? Integer.MAX_VALUE : file.reached;
    }

    private FileBlame file(RevCommit commit, String path) throws IOException {
        String key = commit.name() + ':' + path;
        if (files.containsKey(key)) {
            return files.get(key);
        }
        BlameGenerator generator = new BlameGenerator(repository, path);
        generator.setTextComparator(RawTextComparator.WS_IGNORE_ALL);
        generator.setFollowFileRenames(true);
        generator.push(null, commit);
        RawText contents = generator.getResultContents();
        FileBlame file = null;
        if (contents == null) {
            generator.close();
        } else {
            file = new FileBlame(generator, contents.size());
        }
        files.put(key, file);
        return file;
    }

    @Override
    public void close() {
        for (FileBlame file : files.values()) {
            if (file != null && !file.exhausted) {
                file.generator.close();
            }
        }
        files.clear();
    }
}
