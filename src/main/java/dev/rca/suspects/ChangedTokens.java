package dev.rca.suspects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a fix changes a line, as places in the line's tokens ({@link CosmeticHunks#tokens}): the tokens it removes, and
 * the gaps between two tokens where it inserts some (by index of the token before the gap). The token trace follows
 * these places back through the commits that left them as they were.
 *
 * @param removed indexes of the tokens the fix removes
 * @param gaps    indexes {@code k} of the gaps between token {@code k} and {@code k + 1} where the fix inserts tokens
 */
record ChangedTokens(List<String> tokens, List<Integer> removed, List<Integer> gaps) {
    static final ChangedTokens NONE = new ChangedTokens(List.of(), List.of(), List.of());
    /** The largest alignment table worked out: a minified line of thousands of tokens is not traced. */
    static final long MAX_CELLS = 1_000_000;

    ChangedTokens {
        tokens = List.copyOf(tokens);
        removed = List.copyOf(removed);
        gaps = List.copyOf(gaps);
        int size = tokens.size();
        if (removed.stream().anyMatch(i -> i < 0 || i >= size) || gaps.stream().anyMatch(i -> i < 0 || i + 1 >= size)) {
            throw new IllegalArgumentException("token indexes are within the line");
        }
    }

    /**
     * The same places in {@code line}, the tokens of the line as blame found it (the same but for a re-wrap blame
     * looked past); null when they are not all there.
     */
    ChangedTokens in(List<String> line) {
        if (line.equals(tokens)) {
            return this;
        }
        int[] match = align(tokens, line, MAX_CELLS);
        return match == null ? null : before(match, line);
    }

    boolean isEmpty() {
        return removed.isEmpty() && gaps.isEmpty();
    }

    /**
     * The same places in an older version of the line, {@code older}, given {@code match} (per token of this line, the
     * index of the older line's token aligned with it, or -1); null when the older line did not have them as they are: a removed
     * token was not there, or a commit put something between a gap's two tokens.
     */
    ChangedTokens before(int[] match, List<String> older) {
        List<Integer> olderRemoved = new ArrayList<>();
        for (int i : removed) {
            if (i >= match.length || match[i] < 0) {
                return null;
            }
            olderRemoved.add(match[i]);
        }
        List<Integer> olderGaps = new ArrayList<>();
        for (int k : gaps) {
            if (k + 1 >= match.length || match[k] < 0 || match[k + 1] != match[k] + 1) {
                return null;
            }
            olderGaps.add(match[k]);
        }
        return new ChangedTokens(older, olderRemoved, olderGaps);
    }

    /**
     * Per token of {@code a}, the index of the token of {@code b} a longest common subsequence aligns with it, or -1;
     * null when the table would exceed {@code maxCells}.
     */
    static int[] align(List<String> a, List<String> b, long maxCells) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > maxCells) {
            return null;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int[] match = new int[n];
        Arrays.fill(match, -1);
        for (int i = 0, j = 0; i < n && j < m; ) {
            if (a.get(i).equals(b.get(j))) {
                match[i++] = j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return match;
    }
}
