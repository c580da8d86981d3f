package dev.rca.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.storage.pack.PackConfig;

/**
 * The file git's {@code --follow} says a file added by a commit came from: git's diffcore-rename with
 * {@code --find-copies-harder} and one destination, ported choice for choice (exact copies first, then the
 * content similarity of git's diffcore-delta, its size cut-off, its four best candidates, its preference for a
 * source of the same base name, and a rename before a copy). JGit's {@code RenameDetector} hashes content otherwise and mixes the
 * similarity of the paths into its score, so among several alike files (licence headers, boilerplate) it
 * often takes another source than git, and the history then goes on where git's does not.
 */
final class GitCopySource {
    /** git's {@code MAX_SCORE}: a score is a share of this. */
    private static final long MAX_SCORE = 60_000;
    /** git's default {@code -M}: 50%. */
    private static final long MINIMUM_SCORE = 30_000;
    /** git's {@code NUM_CANDIDATE_PER_DST}. */
    private static final int CANDIDATES = 4;
    /** diffcore-delta's {@code HASHBASE}. */
    private static final int HASHBASE = 107_927;
    /** Content git reads as a chunk at most, if no newline ends it first. */
    private static final int CHUNK = 64;

    /** A file of a tree. */
    record TreeFile(String path, int mode, ObjectId id) {
        TreeFile {
            if (path == null || id == null) {
                throw new IllegalArgumentException("a tree file needs a path and an object id");
            }
        }

        private boolean regular() {
            return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
        }

        private String baseName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    private final ObjectReader reader;
    private final List<TreeFile> sources;
    private final Set<String> deleted;
    private final boolean compareContents;
    /** Sizes and hashes of the sources, read once for all the files placed. */
    private final Map<ObjectId, Long> sizes = new HashMap<>();
    private final Map<ObjectId, Optional<Spans>> spans = new HashMap<>();

    /**
     * @param sources every file of the parent, in tree order
     * @param deleted the paths of those the commit deleted: git takes a rename before a copy
     * @param destinations how many files are placed at once, for the rename limit
     * @param renameLimit git's {@code diff.renameLimit} (0 or less: none): beyond sources × destinations of its
     *     square git compares no contents, and only exact copies count
     */
    GitCopySource(ObjectReader reader, List<TreeFile> sources, Set<String> deleted, int destinations,
                  int renameLimit) {
        this.reader = reader;
        this.sources = sources;
        this.deleted = deleted;
        this.compareContents = renameLimit <= 0
            || (long) sources.size() * destinations <= (long) renameLimit * renameLimit;
    }

    /** The source git would pair with {@code destination}, or null where git sees no copy. */
    TreeFile find(TreeFile destination) throws IOException {
        TreeFile exact = exactSource(destination);
        if (exact != null || !destination.regular() || !compareContents) {
            return exact;
        }
        long dstSize = size(destination.id());
        Spans dst = null;
        Candidate[] kept = new Candidate[CANDIDATES];
        for (TreeFile source : sources) {
            long score = 0;
            if (source.regular()) {
                long srcSize = size(source.id());
                long max = Math.max(srcSize, dstSize);
                long delta = max - Math.min(srcSize, dstSize);
                if (max * (MAX_SCORE - MINIMUM_SCORE) >= delta * MAX_SCORE && max > 0) {
                    dst = dst == null ? spans(destination.id()) : dst;
                    Spans src = spans(source.id());
                    score = src == null || dst == null ? 0 : src.copiedTo(dst) * MAX_SCORE / max;
                }
            }
            Candidate candidate = new Candidate(source, score,
                source.baseName().equals(destination.baseName()) ? 1 : 0);
            // record_if_better: an empty place first, else the first of the worst kept, if strictly better
            int worst = 0;
            for (int i = 1; i < CANDIDATES; i++) {
                if (Candidate.worse(kept[i], kept[worst])) {
                    worst = i;
                }
            }
            if (Candidate.worse(kept[worst], candidate)) {
                kept[worst] = candidate;
            }
        }
        // git sorts them stably, best first, and takes the first good enough that the commit deleted (a rename),
        // else the first good enough (a copy)
        List<Candidate> sorted = new ArrayList<>();
        for (Candidate c : kept) {
            if (c != null) {
                sorted.add(c);
            }
        }
        sorted.sort(Candidate.BEST_FIRST);
        sorted.removeIf(c -> c.score() < MINIMUM_SCORE);
        for (Candidate c : sorted) {
            if (deleted.contains(c.source().path())) {
                return c.source();
            }
        }
        return sorted.isEmpty() ? null : sorted.get(0).source();
    }

    /**
     * git's exact match: the first in tree order of the sources with the same content, one the commit deleted
     * and one of the same base name first, among at most the first hundred.
     */
    private TreeFile exactSource(TreeFile destination) {
        TreeFile best = null;
        int bestScore = -1;
        int alternatives = 100;
        for (TreeFile source : sources) {
            if (!source.id().equals(destination.id())
                || !(source.regular() && destination.regular() || source.mode() == destination.mode())) {
                continue;
            }
            int score = (deleted.contains(source.path()) ? 1 : 0)
                + (source.baseName().equals(destination.baseName()) ? 1 : 0);
            if (score > bestScore) {
                best = source;
                bestScore = score;
                if (score == 2) {
                    break;
                }
            }
            if (--alternatives == 0) {
                break;
            }
        }
        return best;
    }

    /** A source kept as one of the four best, with git's score and whether its base name is the file's. */
    private record Candidate(TreeFile source, long score, int nameScore) {
        static final Comparator<Candidate> BEST_FIRST = Comparator.comparingLong(Candidate::score)
            .thenComparingInt(Candidate::nameScore).reversed();

        /** git's score_compare(a, b) > 0: an empty place is worse than any candidate. */
        static boolean worse(Candidate a, Candidate b) {
            if (a == null) {
                return b != null;
            }
            return b != null && BEST_FIRST.compare(a, b) > 0;
        }
    }

    private long size(ObjectId blob) throws IOException {
        Long size = sizes.get(blob);
        if (size == null) {
            size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
            sizes.put(blob, size);
        }
        return size;
    }

    private Spans spans(ObjectId blob) throws IOException {
        Optional<Spans> hashed = spans.get(blob);
        if (hashed == null) {
            hashed = Optional.ofNullable(Spans.of(reader, blob));
            spans.put(blob, hashed);
        }
        return hashed.orElse(null);
    }

    /** diffcore-delta's hash of a file: how many bytes it has in chunks of each hash, by hash. */
    private record Spans(int[] hashes, long[] counts) {
        /** The spans of a blob, or null for one too large to read (git calls it binary and skips it). */
        static Spans of(ObjectReader reader, ObjectId blob) throws IOException {
            var loader = reader.open(blob, Constants.OBJ_BLOB);
            if (loader.getSize() > PackConfig.DEFAULT_BIG_FILE_THRESHOLD) {
                return null;
            }
            byte[] data = loader.getCachedBytes(PackConfig.DEFAULT_BIG_FILE_THRESHOLD);
            boolean text = !Churn.looksBinary(data);
            long[] chunks = new long[16];
            int count = 0;
            int accum1 = 0;
            int accum2 = 0;
            int n = 0;
            for (int i = 0; i < data.length; i++) {
                int c = data[i] & 0xff;
                if (text && c == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                    continue;
                }
                int old1 = accum1;
                accum1 = (accum1 << 7) ^ (accum2 >>> 25);
                accum2 = (accum2 << 7) ^ (old1 >>> 25);
                accum1 += c;
                if (++n < CHUNK && c != '\n') {
                    continue;
                }
                if (count == chunks.length) {
                    chunks = Arrays.copyOf(chunks, count * 2);
                }
                chunks[count++] = chunk(accum1, accum2, n);
                n = 0;
                accum1 = 0;
                accum2 = 0;
            }
            if (n > 0) {
                if (count == chunks.length) {
                    chunks = Arrays.copyOf(chunks, count + 1);
                }
                chunks[count++] = chunk(accum1, accum2, n);
            }
            Arrays.sort(chunks, 0, count);
            int[] hashes = new int[count];
            long[] counts = new long[count];
            int distinct = 0;
            for (int i = 0; i < count; i++) {
                int hash = (int) (chunks[i] >>> 32);
                if (distinct == 0 || hashes[distinct - 1] != hash) {
                    hashes[distinct++] = hash;
                }
                counts[distinct - 1] += chunks[i] & 0xffff_ffffL;
            }
            return new Spans(Arrays.copyOf(hashes, distinct), Arrays.copyOf(counts, distinct));
        }

        private static long chunk(int accum1, int accum2, int length) {
            long hash = Integer.remainderUnsigned(accum1 + accum2 * 0x61, HASHBASE);
            return hash << 32 | length;
        }

        /** diffcore_count_changes' {@code src_copied}: the bytes of this file found again in {@code dst}. */
        long copiedTo(Spans dst) {
            long copied = 0;
            for (int s = 0, d = 0; s < hashes.length; s++) {
                while (d < dst.hashes.length && dst.hashes[d] < hashes[s]) {
                    d++;
                }
                if (d < dst.hashes.length && dst.hashes[d] == hashes[s]) {
                    copied += Math.min(counts[s], dst.counts[d]);
                    d++;
                }
            }
            return copied;
        }
    }
}
