package dev.rca.suspects;

import java.util.List;

/**
 * The probability that a blamed candidate introduced the bug, from a logistic model over the evidence
 * rca gathers. Its coefficients were fitted on the {@code Fixes:} oracles of iproute2 and rdma-core only
 * (see the README's Suspects section); every other repository measured is held out.
 */
final class SuspectModel {
    /** The evidence about one candidate, in the model's units. */
    record Features(double share, double changedShare, double contextShare, int rank, int filesChanged,
                    double identifierCoverage, double identifierRelative, double messageCoverage,
                    double messageRelative, boolean addOnlyFix, double ageDays, boolean largestShare, int candidates) {
        double[] vector() {
            return new double[] {
                1,
                share,
                changedShare,
                contextShare,
                1.0 / ((1 + rank) * (1 + rank)),
                rank == 0 ? 1 : 0,
                filesChanged > SuspectFinder.LARGE_FILES ? 1 : 0,
                Math.log1p(filesChanged),
                identifierCoverage,
                identifierRelative,
                messageCoverage,
                messageRelative,
                addOnlyFix ? share : 0,
                Math.log1p(Math.max(0, ageDays)),
                largestShare ? 1 : 0,
                Math.log(Math.max(1, candidates)),
            };
        }
    }

    /** Names of {@link Features#vector()}'s entries, for the evaluation's feature log. */
    static final List<String> NAMES = List.of("bias", "share", "changedShare", "contextShare", "recency", "newest",
        "large", "logFiles", "idCov", "idRel", "msgCov", "msgRel", "addOnlyShare", "logAge", "largestShare", "logCandidates");

    /**
     * L2-regularised (lambda 1) logistic regression on the 2,563 candidates of the newest 300 {@code Fixes:}
     * cases of iproute2 and of rdma-core, in the order of {@link #NAMES}.
     */
    private static final double[] WEIGHTS = {
        -4.289, 1.630, 1.406, 1.149, 0.289, 0.428, 0.136, 0.093, 0.562, 0.618, 0.673, 1.425, 0.841, -0.127,
        -0.245, 0.165,
    };

    private SuspectModel() {
    }

    /** The probability, in [0, 1], that the candidate with these features introduced the bug. */
    static double probability(Features f) {
        double[] x = f.vector();
        double z = 0;
        for (int i = 0; i < x.length; i++) {
            z += WEIGHTS[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
