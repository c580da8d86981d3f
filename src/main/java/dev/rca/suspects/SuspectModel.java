package dev.rca.suspects;

import java.util.List;

/**
 * The probability that a blamed candidate introduced the bug, from a logistic model over the evidence
 * rca gathers. Its coefficients were fitted on the {@code Fixes:} oracles of iproute2 and rdma-core only
 * (see the README's Suspects section); every other repository measured is held out.
 */
final class SuspectModel {
    /**
     * The evidence about one candidate, in the model's units.
     *
     * @param rank its recency rank among the blamed candidates (0 newest), or -1 when blame never reached it
     * @param candidates the number of blamed candidates
     * @param recentRank its place among the newest commits to the fix's files (0 newest), or -1
     */
    record Features(double share, double changedShare, double contextShare, int rank, int filesChanged,
                    double identifierCoverage, double identifierRelative, double messageCoverage,
                    double messageRelative, boolean addOnlyFix, double ageDays, boolean largestShare, int candidates,
                    int recentRank) {
        Features {
            if (rank < -1 || recentRank < -1 || candidates < 0 || filesChanged < 0) {
                throw new IllegalArgumentException("ranks are -1 or more, counts 0 or more");
            }
        }

        double[] vector() {
            return new double[] {
                1,
                share,
                changedShare,
                contextShare,
                rank < 0 ? 0 : 1.0 / ((1 + rank) * (1 + rank)),
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
                rank >= 0 ? 1 : 0,
                recentRank < 0 ? 0 : 1.0 / (1 + recentRank),
                recentRank == 0 ? 1 : 0,
            };
        }
    }

    /** Names of {@link Features#vector()}'s entries, for the evaluation's feature log. */
    static final List<String> NAMES = List.of("bias", "share", "changedShare", "contextShare", "recency", "newest",
        "large", "logFiles", "idCov", "idRel", "msgCov", "msgRel", "addOnlyShare", "logAge", "largestShare",
        "logCandidates", "blamed", "recentFile", "recentFileFirst");

    /**
     * L2-regularised (lambda 1) logistic regression on the 2,408 candidates of the newest 300 {@code Fixes:}
     * cases of iproute2 and of rdma-core, in the order of {@link #NAMES}.
     */
    private static final double[] WEIGHTS = {
        -5.841, 1.533, 1.077, 1.313, 0.157, 0.515, -0.226, 0.170, 0.950, 0.631, 0.446, 1.441, 1.132, -0.085,
        -0.058, 0.241, 0.859, 0.902, -0.488,
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
