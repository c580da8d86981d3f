package dev.rca.suspects;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One commit that may have introduced the bug a fix repairs, with the evidence behind its rank.
 *
 * @param sha          full 40-hex commit id
 * @param subject      first line of the commit message
 * @param author       author name
 * @param committed    commit time (what ranks ties and what a first symptom is compared with)
 * @param authored     author time in the author's offset (the date shown, as {@code git log} shows it)
 * @param score        rank score in [0, 1]; higher is more likely
 * @param blamedLines  how many of the fix's blamed lines this commit owns (after skipping meta-changes)
 * @param share        the weighted share of the fix's blamed lines it owns, in [0, 1]
 * @param filesChanged files the commit changed (a size signal)
 * @param pointer      the explicit pointer in the fix's message naming it, or {@code null}
 * @param reasons      the evidence, one short phrase each, strongest first
 */
public record Suspect(String sha, String subject, String author, Instant committed,
                      java.time.OffsetDateTime authored, double score,
                      int blamedLines, double share, int filesChanged, Pointer pointer, List<String> reasons) {
    /** Compiled once: a ranking makes many suspects. */
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

    public Suspect {
        Objects.requireNonNull(sha, "sha");
        if (!FULL_SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a full commit id: " + sha);
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(authored, "authored");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score out of [0,1]: " + score);
        }
        if (blamedLines < 0 || filesChanged < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share out of [0,1]: " + share);
        }
        reasons = List.copyOf(reasons);
    }

    /** The same suspect with {@code more} reasons after its own. */
    public Suspect withReasonsAdded(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(reasons);
        all.addAll(more);
        return new Suspect(sha, subject, author, committed, authored, score, blamedLines, share, filesChanged, pointer,
            all);
    }
}
