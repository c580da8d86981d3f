package dev.rca.git;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Finds git's system-wide configuration without running git. JGit learns where it is by starting
 * {@code git --version} and {@code git config --system --show-origin --list}, two processes that cost
 * more than a whole short rca command; git itself reads {@code $GIT_CONFIG_SYSTEM}, else
 * {@code /etc/gitconfig}, and skips it under {@code GIT_CONFIG_NOSYSTEM}, and so does rca. And git's {@code ~} is
 * {@code $HOME}, where the JVM's {@code user.home} is the account's directory in the password database: a CI job or a
 * container that sets {@code HOME} elsewhere has its {@code ~/.gitconfig} there, and JGit reads it only if asked.
 */
public final class GitSystemConfig extends SystemReader.Delegate {
    private static final String DEFAULT_PATH = "/etc/gitconfig";
    /** {@code diff.renameLimit} when no configuration sets it, as git has it. */
    static final int GIT_RENAME_LIMIT = 1000;
    private static volatile boolean installed;

    private GitSystemConfig(SystemReader delegate) {
        super(delegate);
    }

    /** Installs the reader once per process, keeping whatever reader was there for everything else. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (GitSystemConfig.class) {
            if (!installed) {
                SystemReader current = SystemReader.getInstance();
                if (!(current instanceof GitSystemConfig)) {
                    SystemReader.setInstance(new GitSystemConfig(current));
                }
                installed = true;
            }
        }
    }

    /**
     * The directory git calls {@code ~}: {@code $HOME}, or the JVM's {@code user.home} where it is unset or empty.
     */
    public static String userHome() {
        String home = SystemReader.getInstance().getenv("HOME");
        return home == null || home.isEmpty() ? System.getProperty("user.home") : home;
    }

    /** {@code user.home} as git has it ({@link #userHome}): where JGit looks for {@code ~/.gitconfig}. */
    @Override
    public String getProperty(String key) {
        return "user.home".equals(key) ? userHome() : super.getProperty(key);
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        String noSystem = getenv("GIT_CONFIG_NOSYSTEM");
        if (noSystem != null && !noSystem.isEmpty() && !"0".equals(noSystem) && !"false".equalsIgnoreCase(noSystem)) {
            return emptyConfig(parent, fs);
        }
        String path = getenv("GIT_CONFIG_SYSTEM");
        File file = new File(path == null || path.isEmpty() ? DEFAULT_PATH : path);
        return new FileBasedConfig(parent, file, fs);
    }

    /**
     * JGit's own configuration, the root of every repository's, over a layer of rca's defaults that is never
     * written anywhere (JGit saves its own configuration, for one when it measures a new file system, and
     * {@code toText()} writes only the file's own entries): {@code core.commitGraph=true} and
     * {@code commitGraph.readChangedPaths=true}, so that JGit reads git's commit-graph and its Bloom filters, and
     * {@code core.multiPackIndex=false}. JGit reads a multi-pack index
     * whole into the heap (28 bytes an object, like a pack index) and with it the index of every pack it covers,
     * where rca maps each pack's own index ({@link MappedPackIndexes}); git keeps those beside the multi-pack index,
     * so nothing is lost but one binary search per pack instead of one in all. And {@code diff.renameLimit=1000},
     * git's default (JGit's is 400): a commit that moves and edits between 400 and 1000 files pairs its renames
     * in rca as in git. Any configuration file that sets one of these keeps its choice.
     */
    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        Config defaults = new Config(parent);
        defaults.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_COMMIT_GRAPH, true);
        defaults.setBoolean(ConfigConstants.CONFIG_COMMIT_GRAPH_SECTION, null,
            ConfigConstants.CONFIG_KEY_READ_CHANGED_PATHS, true);
        defaults.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_MULTIPACKINDEX, false);
        defaults.setInt(ConfigConstants.CONFIG_DIFF_SECTION, null, ConfigConstants.CONFIG_KEY_RENAMELIMIT,
            GIT_RENAME_LIMIT);
        return super.openJGitConfig(defaults, fs);
    }

    private static FileBasedConfig emptyConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, null, fs) {
            @Override
            public void load() {
                // nothing to read: the system configuration is switched off
            }

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }
}
