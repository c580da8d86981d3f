package dev.rca.suspects;

import java.util.List;

/**
 * The probability that a blamed candidate introduced the bug, from a logistic model over the evidence
 * rca gathers. Its coefficients were fitted on the {@code Fixes:} oracles of nine repositories (see the
 * README's Suspects section); FRRouting and git are held out.
 */
final class SuspectModel {
    /**
     * The evidence about one candidate, in the model's units.
     *
     * @param rank its recency rank among the blamed candidates (0 newest), or -1 when blame never reached it
     * @param candidates the number of blamed candidates
     * @param recentRank its place among the newest commits to the fix's files (0 newest), or -1
     * @param namedByEarlierFixes how many earlier fixes to the fix's files name it in a {@code Fixes:} trailer
     */
    record Features(double share, double changedShare, double contextShare, int rank, int filesChanged,
                    double identifierCoverage, double identifierRelative, double messageCoverage,
                    double messageRelative, boolean addOnlyFix, double ageDays, boolean largestShare, int candidates,
                    int recentRank, int namedByEarlierFixes) {
        Features {
            if (rank < -1 || recentRank < -1 || candidates < 0 || filesChanged < 0 || namedByEarlierFixes < 0) {
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
                Math.log1p(namedByEarlierFixes),
            };
        }
    }

    /** Names of {@link Features#vector()}'s entries, for the evaluation's feature log. */
    static final List<String> NAMES = List.of("bias", "share", "changedShare", "contextShare", "recency", "newest",
        "large", "logFiles", "idCov", "idRel", "msgCov", "msgRel", "addOnlyShare", "logAge", "largestShare",
        "logCandidates", "blamed", "recentFile", "recentFileFirst", "earlierFixes");

    /**
     * L2-regularised (lambda 1) logistic regression on the 11,512 candidates of the newest 150 {@code Fixes:}
     * cases (fewer where fewer exist) of nine repositories: iproute2, rdma-core, openvswitch, nvme-cli,
     * util-linux, ltp, iputils, kmod and xdp-tools; in the order of {@link #NAMES}. FRRouting and git were
     * kept out of every choice, to measure it on.
     */
    private static final double[] WEIGHTS = {
        -5.088, -0.115, 2.604, 0.552, 0.492, -0.067, -0.009, -0.075, 0.510, 1.081, -0.791, 2.011, 2.365, -0.150,
        -0.191, -0.036, 1.278, 0.815, -0.270, 0.606,
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
