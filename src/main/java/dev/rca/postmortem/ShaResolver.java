package dev.rca.postmortem;

/** Tells {@link PostmortemLinter} what a hex run names in the repository a post-mortem belongs to. */
@FunctionalInterface
public interface ShaResolver {
    /** What a full or abbreviated lower-case hex object name resolves to. */
    enum Resolution {
        /** Exactly one commit, or annotated tag of a commit (git peels it), has this name or prefix. */
        COMMIT,
        /** More than one commit (or tag of a commit) starts with this prefix. */
        AMBIGUOUS,
        /** The name resolves, but only to trees, blobs or tags of them. */
        NOT_A_COMMIT,
        /** Nothing in the repository has this name. */
        UNKNOWN
    }

    /** Resolves {@code hex} (7 to 40 lower-case hex digits). */
    Resolution resolve(String hex);

    /**
     * The subject of the commit {@code hex} (as {@link #resolve} takes it) names, as {@code rca postmortem} writes it
     * after the commit; null when it names no single commit, or when this resolver reads no messages.
     */
    default String subject(String hex) {
        return null;
    }
}
