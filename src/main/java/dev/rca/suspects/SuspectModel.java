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
                    int recentRank, int namedByEarlierFixes, double tokenShare, double tokenPassShare) {
        Features {
            if (rank < -1 || recentRank < -1 || candidates < 0 || filesChanged < 0 || namedByEarlierFixes < 0) {
                throw new IllegalArgumentException("ranks are -1 or more, counts 0 or more");
            }
            if (!(tokenShare >= 0 && tokenShare <= 1 && tokenPassShare >= 0 && tokenPassShare <= 1)) {
                throw new IllegalArgumentException("token shares are between 0 and 1");
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
                tokenShare,
                tokenPassShare,
            };
        }
    }

    /** Names of {@link Features#vector()}'s entries, for the evaluation's feature log. */
    static final List<String> NAMES = List.of("bias", "share", "changedShare", "contextShare", "recency", "newest",
        "large", "logFiles", "idCov", "idRel", "msgCov", "msgRel", "addOnlyShare", "logAge", "largestShare",
        "logCandidates", "blamed", "recentFile", "recentFileFirst", "earlierFixes", "tokShare", "tokPass");

    /**
     * L2-regularised (lambda 1) logistic regression on the 12,140 candidates of the newest 150 {@code Fixes:}
     * cases (fewer where fewer exist) of nine repositories: iproute2, rdma-core, openvswitch, nvme-cli,
     * util-linux, ltp, iputils, kmod and xdp-tools; in the order of {@link #NAMES}. FRRouting and git were
     * kept out of every choice, to measure it on.
     */
    private static final double[] WEIGHTS = {
        -4.903, 0.015, 2.771, 0.684, 0.595, -0.179, 0.163, -0.072, 0.424, 1.034, -0.986, 1.921, 2.379, -0.156,
        -0.363, -0.050, 1.299, 0.778, -0.193, 0.527, 3.947, -1.614,
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
