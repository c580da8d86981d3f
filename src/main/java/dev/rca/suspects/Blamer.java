package dev.rca.suspects;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Whitespace-insensitive blame that follows renames, computed lazily per line range and cached per
 * (commit, path) so that re-blaming past a skipped commit reuses earlier work.
 */
final class Blamer implements AutoCloseable {
    /** Where a line came from: the commit that introduced it, its path there and its 0-based line. */
    record Origin(ObjectId commit, String path, int line) {
    }

    private final Repository repository;
    private final Map<String, BlameResult> results = new HashMap<>();
    private final Map<String, BlameGenerator> generators = new HashMap<>();

    Blamer(Repository repository) {
        this.repository = repository;
    }

    /**
     * The origin of lines {@code [start, end)} of {@code path} as of {@code commit}; entries are
     * {@code null} for lines blame could not attribute.
     */
    Origin[] blame(RevCommit commit, String path, int start, int end) throws IOException {
        BlameResult result = result(commit, path);
        Origin[] origins = new Origin[end - start];
        if (result == null) {
            return origins;
        }
        int size = result.getResultContents().size();
        int to = Math.min(end, size);
        if (start >= to) {
            return origins;
        }
        result.computeRange(start, to);
        for (int i = start; i < to; i++) {
            RevCommit source = result.getSourceCommit(i);
            if (source != null) {
                origins[i - start] = new Origin(source.copy(), result.getSourcePath(i), result.getSourceLine(i));
            }
        }
        return origins;
    }

    private BlameResult result(RevCommit commit, String path) throws IOException {
        String key = commit.name() + ':' + path;
        if (results.containsKey(key)) {
            return results.get(key);
        }
        BlameGenerator generator = new BlameGenerator(repository, path);
        generator.setTextComparator(RawTextComparator.WS_IGNORE_ALL);
        generator.setFollowFileRenames(true);
        generator.push(null, commit);
        BlameResult result = BlameResult.create(generator);
        results.put(key, result);
        if (result != null) {
            generators.put(key, generator);
        } else {
            generator.close();
        }
        return result;
    }

    @Override
    public void close() {
        generators.values().forEach(BlameGenerator::close);
        generators.clear();
        results.clear();
    }
}
