package dev.rca.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;

/**
 * rca's defaults beneath JGit's own configuration: read by every repository, never written with it. JGit saves that
 * configuration itself (a file system it has not measured before), into the user's {@code ~/.config/jgit/config}.
 */
class GitSystemConfigTest {
    @Test
    void rcasDefaultsAreReadButNeverWrittenWithJGitsConfiguration() throws Exception {
        GitSystemConfig.install();
        FileBasedConfig jgit = SystemReader.getInstance().openJGitConfig(null, FS.DETECTED);
        jgit.load();
        assertFalse(jgit.getBoolean(ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_MULTIPACKINDEX,
            true));
        assertTrue(jgit.getBoolean(ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_COMMIT_GRAPH, false));
        assertTrue(jgit.getBoolean(ConfigConstants.CONFIG_COMMIT_GRAPH_SECTION,
            ConfigConstants.CONFIG_KEY_READ_CHANGED_PATHS, false));
        assertEquals(1000, jgit.getInt(ConfigConstants.CONFIG_DIFF_SECTION, ConfigConstants.CONFIG_KEY_RENAMELIMIT, 0));

        // what JGit adds before it saves, having measured a file system
        jgit.setString("filesystem", "rca-test", "timestampResolution", "1000 nanoseconds");
        String written = jgit.toText();
        assertTrue(written.contains("timestampResolution"), written);
        for (String key : new String[] {"multiPackIndex", "readChangedPaths", "commitGraph = true", "renameLimit"}) {
            assertFalse(written.toLowerCase(java.util.Locale.ROOT).contains(key.toLowerCase(java.util.Locale.ROOT)),
                key + " in " + written);
        }
    }
}
