package dev.rca.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code rca --version}: rca's version and the JGit it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/rca/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a version line must never fail the command
        }
        return new String[] {
            "rca " + properties.getProperty("version", "unknown"),
            "JGit " + properties.getProperty("jgit", "unknown"),
            "Java " + System.getProperty("java.version"),
        };
    }
}
