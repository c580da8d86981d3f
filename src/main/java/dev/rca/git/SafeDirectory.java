package dev.rca.git;

import dev.rca.RcaException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * git's ownership check (CVE-2022-24765, {@code safe.directory}): a repository found by searching upwards whose
 * work tree, {@code .git} file or git directory belongs to another user is refused, because that user's
 * {@code .git/config} and hooks would run as the caller (rca starts hooks and smudge/clean filters). As git 2.46
 * has it: the owner is compared with the effective uid, and root accepts a repository owned by root or by
 * {@code SUDO_UID}; {@code safe.directory} is read from the system, global and command-line configuration only
 * (never the repository's own), {@code *} allows every directory, {@code <dir>/*} every directory under it, an
 * empty value forgets the entries before it, and paths are compared after resolving symbolic links. A git
 * directory named by {@code GIT_DIR} is not checked, as git does not.
 */
final class SafeDirectory {
    private SafeDirectory() {
    }

    /**
     * Refuses the repository unless every one of {@code gitFile} (a {@code .git} file, or null), {@code workTree}
     * (or null for a bare repository) and {@code gitDir} is the caller's, or {@code safe.directory} allows it.
     *
     * @param start the directory rca was started in: {@code safe.directory=.} names it
     * @throws RcaException exit 3, one line with git's remedy
     */
    static void check(Path gitFile, Path workTree, Path gitDir, Path start) {
        long uid = effectiveUid();
        if (uid < 0 || (owned(gitFile, uid) && owned(workTree, uid) && owned(gitDir, uid))) {
            return;
        }
        Path repository = workTree != null ? workTree : gitDir;
        Path real = realPath(repository);
        if (real != null && allows(configuredValues(), real, start)) {
            return;
        }
        String shown = real != null ? real.toString() : repository.toString();
        throw RcaException.badInput("detected dubious ownership in repository at '" + shown
            + "' (it belongs to another user, whose git hooks and filters rca would run); to trust it, call: "
            + "git config --global --add safe.directory " + shown);
    }

    /** Whether the {@code safe.directory} values, in the order git reads them, allow {@code repository}. */
    static boolean allows(List<String> values, Path repository, Path start) {
        boolean safe = false;
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                safe = false;
            } else if (value.equals("*")) {
                safe = true;
            } else if (matches(value, repository, start)) {
                safe = true;
            }
        }
        return safe;
    }

    private static boolean matches(String value, Path repository, Path start) {
        String path = expandHome(value);
        boolean under = path.endsWith("/*");
        if (under) {
            path = path.substring(0, path.length() - 2);
        }
        Path allowed;
        if (path.equals(".")) {
            allowed = start;
        } else if (path.startsWith("/") || new File(path).isAbsolute()) {
            allowed = Path.of(path.isEmpty() ? "/" : path);
        } else {
            // git warns and ignores it: a relative path is relative to nothing a configuration file knows
            return false;
        }
        Path normalized = realPath(allowed);
        if (normalized == null) {
            return false;
        }
        return under ? repository.startsWith(normalized) && !repository.equals(normalized)
            : repository.equals(normalized);
    }

    /** git's {@code ~/} and {@code ~user/} in a path-valued setting ({@code %(prefix)/} is left as written). */
    private static String expandHome(String value) {
        return expandHome(value, Path.of("/etc/passwd"));
    }

    /**
     * {@link #expandHome(String)}, reading other users' home directories from {@code passwd}, as git's
     * {@code getpwnam} does on a system without a directory service; a user it does not list leaves the value as
     * written (git stops on it: "failed to expand user dir"), which then names no directory.
     */
    static String expandHome(String value, Path passwd) {
        if (value.equals("~") || value.startsWith("~/")) {
            return GitSystemConfig.userHome() + value.substring(1);
        }
        if (!value.startsWith("~")) {
            return value;
        }
        int slash = value.indexOf('/');
        String user = slash < 0 ? value.substring(1) : value.substring(1, slash);
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 7 && fields[0].equals(user) && !fields[5].isEmpty()) {
                    return fields[5] + (slash < 0 ? "" : value.substring(slash));
                }
            }
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            // no user database to read: the value stays as written
        }
        return value;
    }

    /** The {@code safe.directory} values of the system, global and command-line configuration, in git's order. */
    static List<String> configuredValues() {
        List<String> values = new ArrayList<>();
        SystemReader system = SystemReader.getInstance();
        try {
            values.addAll(valuesOf(system.getSystemConfig()));
        } catch (IOException | ConfigInvalidException | IllegalArgumentException unreadable) {
            // git dies on a broken configuration file; here it only allows nothing
        }
        for (File file : globalFiles(system)) {
            values.addAll(fileValues(file));
        }
        values.addAll(commandLineValues(system::getenv));
        return values;
    }

    /**
     * The file's {@code safe.directory} values; a key with no value (JGit gives null for {@code directory =}) is the
     * empty value, which resets the list in git, as {@code !value || !*value} does in its {@code safe_directory_cb}.
     */
    private static List<String> valuesOf(Config config) {
        List<String> values = new ArrayList<>();
        for (String value : config.getStringList("safe", null, "directory")) {
            values.add(value == null ? "" : value);
        }
        return values;
    }

    /** {@code $GIT_CONFIG_GLOBAL}, else the XDG file and {@code ~/.gitconfig}, as git reads its global configuration. */
    private static List<File> globalFiles(SystemReader system) {
        String global = system.getenv("GIT_CONFIG_GLOBAL");
        if (global != null) {
            return global.isEmpty() ? List.of() : List.of(new File(global));
        }
        String xdg = system.getenv("XDG_CONFIG_HOME");
        File xdgFile = xdg == null || xdg.isEmpty()
            ? new File(GitSystemConfig.userHome(), ".config/git/config") : new File(xdg, "git/config");
        return List.of(xdgFile, new File(GitSystemConfig.userHome(), ".gitconfig"));
    }

    static List<String> fileValues(File file) {
        if (!file.isFile()) {
            return List.of();
        }
        FileBasedConfig config = new FileBasedConfig(null, file, FS.DETECTED);
        try {
            config.load();
            return valuesOf(config);
        } catch (IOException | ConfigInvalidException | IllegalArgumentException unreadable) {
            return List.of();
        }
    }

    /**
     * {@code safe.directory} as {@code git -c} passes it to the processes it starts: {@code GIT_CONFIG_PARAMETERS}
     * ({@code 'key'='value'} or the older {@code 'key=value'}, shell-quoted), then {@code GIT_CONFIG_COUNT} with
     * {@code GIT_CONFIG_KEY_<n>}/{@code GIT_CONFIG_VALUE_<n>}.
     */
    static List<String> commandLineValues(UnaryOperator<String> env) {
        List<String> values = new ArrayList<>();
        String parameters = env.apply("GIT_CONFIG_PARAMETERS");
        if (parameters != null) {
            for (String[] entry : parseParameters(parameters)) {
                if (isSafeDirectory(entry[0])) {
                    values.add(entry[1]);
                }
            }
        }
        String count = env.apply("GIT_CONFIG_COUNT");
        int n;
        try {
            n = count == null || count.isEmpty() ? 0 : Integer.parseInt(count.trim());
        } catch (NumberFormatException bad) {
            n = 0;
        }
        for (int i = 0; i < n; i++) {
            if (isSafeDirectory(env.apply("GIT_CONFIG_KEY_" + i))) {
                values.add(env.apply("GIT_CONFIG_VALUE_" + i));
            }
        }
        return values;
    }

    private static boolean isSafeDirectory(String key) {
        return key != null && key.equalsIgnoreCase("safe.directory");
    }

    /** Key and value (null for a key without {@code =}) of each entry of {@code GIT_CONFIG_PARAMETERS}. */
    static List<String[]> parseParameters(String text) {
        List<String[]> entries = new ArrayList<>();
        int[] at = {0};
        while (true) {
            while (at[0] < text.length() && Character.isWhitespace(text.charAt(at[0]))) {
                at[0]++;
            }
            if (at[0] >= text.length()) {
                return entries;
            }
            String first = unquote(text, at);
            if (first == null) {
                return entries;
            }
            if (at[0] < text.length() && text.charAt(at[0]) == '=') {
                at[0]++;
                String value = at[0] < text.length() && text.charAt(at[0]) == '\'' ? unquote(text, at) : null;
                entries.add(new String[] {first, value});
            } else {
                int eq = first.indexOf('=');
                entries.add(eq < 0 ? new String[] {first, null}
                    : new String[] {first.substring(0, eq), first.substring(eq + 1)});
            }
        }
    }

    /** One shell-quoted word ({@code 'it'\''s'}) starting at {@code at[0]}, or null when none starts there. */
    private static String unquote(String text, int[] at) {
        if (at[0] >= text.length() || text.charAt(at[0]) != '\'') {
            return null;
        }
        StringBuilder word = new StringBuilder();
        int i = at[0] + 1;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c != '\'') {
                word.append(c);
            } else if (i + 2 < text.length() && text.charAt(i) == '\\' && text.charAt(i + 2) == '\'') {
                // '\'' and '\!': a quote or a bang inside the quoted word
                word.append(text.charAt(i + 1));
                i += 3;
            } else {
                at[0] = i;
                return word.toString();
            }
        }
        return null;
    }

    private static boolean owned(Path path, long uid) {
        if (path == null) {
            return true;
        }
        long owner;
        try {
            owner = ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (UnsupportedOperationException | IllegalArgumentException noOwners) {
            // a file system without POSIX owners (Windows, some network mounts) names no other user to refuse; git
            // compares Windows SIDs there, which the JDK does not give as a uid, so rca accepts as it did before
            return true;
        } catch (IOException unreadable) {
            return false;
        }
        if (uid == 0 && owner != 0) {
            String sudo = SystemReader.getInstance().getenv("SUDO_UID");
            try {
                return sudo != null && !sudo.isEmpty() && Long.parseLong(sudo.trim()) == owner;
            } catch (NumberFormatException bad) {
                return false;
            }
        }
        return owner == uid;
    }

    private static Path realPath(Path path) {
        try {
            return path.toAbsolutePath().toRealPath();
        } catch (IOException | SecurityException gone) {
            return null;
        }
    }

    /**
     * The process's effective uid: the second field of {@code Uid:} in {@code /proc/self/status}, else the uid the
     * JDK reports; -1 where neither is known (no Unix owners to compare).
     */
    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException noProc) {
            // not Linux: ask the JDK
        }
        try {
            Class<?> unix = Class.forName("com.sun.security.auth.module.UnixSystem");
            return (Long) unix.getMethod("getUid").invoke(unix.getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException none) {
            return -1;
        }
    }
}
