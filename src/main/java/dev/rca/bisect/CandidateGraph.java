package dev.rca.bisect;

import java.util.List;
import java.util.Objects;

/**
 * The commits a bisection still has to choose from, in the order git's {@code find_bisection} sees
 * them (its revision walk reversed, so roughly oldest first), with their interesting parents.
 *
 * @param ids full SHAs, index {@code i} is commit {@code i}
 * @param parents for each commit, the indices of its interesting parents (after history
 *     simplification; only the first parent with {@code --first-parent})
 * @param treesame true for commits that do not touch the bisection's paths (they are never chosen)
 * @param firstParent whether the walk followed first parents only
 */
public record CandidateGraph(List<String> ids, int[][] parents, boolean[] treesame, boolean firstParent) {
    public CandidateGraph {
        ids = List.copyOf(ids);
        Objects.requireNonNull(parents, "parents");
        Objects.requireNonNull(treesame, "treesame");
        if (parents.length != ids.size() || treesame.length != ids.size()) {
            throw new IllegalArgumentException("graph arrays differ in length");
        }
    }

    /** Number of commits on the list, tree-same ones included. */
    public int size() {
        return ids.size();
    }

    /** Number of commits that count as candidates (those that touch the paths). */
    public int candidateCount() {
        int n = 0;
        for (boolean same : treesame) {
            if (!same) {
                n++;
            }
        }
        return n;
    }

    /** The index of {@code sha}, or -1. */
    public int indexOf(String sha) {
        return ids.indexOf(sha);
    }

    /** Whether {@code sha} is on the list and touches the paths (counts as a candidate). */
    public boolean touchesThePaths(String sha) {
        int i = indexOf(sha);
        return i >= 0 && !treesame[i];
    }

    /** This graph with {@code sha}, which must be on the list, counted as a candidate. */
    public CandidateGraph withCandidate(String sha) {
        int i = indexOf(sha);
        if (i < 0) {
            throw new IllegalArgumentException("not on the list: " + sha);
        }
        boolean[] same = treesame.clone();
        same[i] = false;
        return new CandidateGraph(ids, parents, same, firstParent);
    }

    /** The candidates (tree-same commits left out), newest first, as {@code git rev-list} lists them. */
    public List<String> candidatesNewestFirst() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (!treesame[i]) {
                out.add(ids.get(i));
            }
        }
        return out;
    }
}
