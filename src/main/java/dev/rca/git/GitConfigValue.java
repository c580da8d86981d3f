package dev.rca.git;

import org.eclipse.jgit.lib.Config;

/**
 * A configuration value as git sees it. JGit gives null both for a key that is not set and for one set to nothing
 * ({@code abbrev =}, what {@code git config core.abbrev ""} writes), which git reads as the empty string: for
 * {@code core.abbrev} whole ids, for {@code diff.algorithm} an error.
 */
public final class GitConfigValue {
    private GitConfigValue() {
    }

    /** The last value of {@code section.name} in {@code config} and the ones it falls back on; null when unset. */
    public static String of(Config config, String section, String name) {
        String value = config.getString(section, null, name);
        return value == null && config.getNames(section, true).contains(name) ? "" : value;
    }
}
