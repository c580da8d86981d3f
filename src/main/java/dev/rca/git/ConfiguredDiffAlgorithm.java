package dev.rca.git;

import dev.rca.RcaException;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;

/**
 * {@code diff.algorithm} read as git reads it, onto the two algorithms JGit has. JGit's own reading of the key
 * knows only {@code myers} and {@code histogram} and throws on every other value git accepts, a global
 * {@code patience} among them. git's {@code default}, {@code myers} and {@code minimal} are Myers here (JGit's
 * always finds a shortest edit script, as git's {@code minimal} does); {@code patience}, which JGit lacks, is
 * histogram, git's extension of patience to lines that occur more than once (where a file has lines unique to
 * both sides, the two mostly agree). Case does not matter, as in git.
 */
public final class ConfiguredDiffAlgorithm {
    private static final String KEY = "diff.algorithm";
    private static final Map<String, SupportedAlgorithm> BY_GIT_NAME = Map.of(
        "default", SupportedAlgorithm.MYERS,
        "myers", SupportedAlgorithm.MYERS,
        "minimal", SupportedAlgorithm.MYERS,
        "patience", SupportedAlgorithm.HISTOGRAM,
        "histogram", SupportedAlgorithm.HISTOGRAM);

    private ConfiguredDiffAlgorithm() {
    }

    /**
     * The algorithm {@code diff.algorithm} names in {@code config}, {@code whenUnset} when it is not set.
     *
     * @throws RcaException exit 3 for a value git refuses, as git's diffing commands stop on it
     */
    public static SupportedAlgorithm read(Config config, SupportedAlgorithm whenUnset) {
        String value = GitConfigValue.of(config, ConfigConstants.CONFIG_DIFF_SECTION,
            ConfigConstants.CONFIG_KEY_ALGORITHM);
        if (value == null) {
            return whenUnset;
        }
        SupportedAlgorithm algorithm = BY_GIT_NAME.get(value.trim().toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            throw RcaException.badInput("bad config value '" + value + "' for '" + KEY + "'")
                .withHint("git takes default, myers, minimal, patience or histogram");
        }
        return algorithm;
    }

    /**
     * {@code config} as JGit's diff classes may read it ({@code DiffFormatter.setReader}): with a set
     * {@code diff.algorithm} given as the name of the algorithm {@link #read} maps it to, all else as it was.
     *
     * @throws RcaException exit 3 for a value git refuses
     */
    public static Config readableByJGit(Config config) {
        SupportedAlgorithm algorithm = read(config, null);
        if (algorithm == null) {
            return config;
        }
        Config view = new Config(config);
        view.setString(ConfigConstants.CONFIG_DIFF_SECTION, null, ConfigConstants.CONFIG_KEY_ALGORITHM,
            algorithm.name().toLowerCase(Locale.ROOT));
        return view;
    }
}
