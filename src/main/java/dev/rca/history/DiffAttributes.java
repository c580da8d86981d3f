package dev.rca.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.attributes.Attribute;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesRule;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;

/**
 * What the {@code diff} attribute makes of a path's contents for {@code git log --numstat}: binary ({@code -diff},
 * the {@code binary} macro, a diff driver with {@code binary = true}), text whatever the bytes ({@code diff}, a
 * driver with {@code binary = false}), or left to the bytes.
 *
 * <p>The attributes are read where {@code git log} reads them (git 2.39, checked by experiment): the work tree's
 * {@code .gitattributes} files as they are now, not the walked commit's nor the index's, then
 * {@code $GIT_DIR/info/attributes} above them, and {@code core.attributesFile} (by default
 * {@code $XDG_CONFIG_HOME/git/attributes}) and {@code /etc/gitattributes} (unless {@code GIT_ATTR_NOSYSTEM}) below;
 * a bare repository has only the last three. Precedence, macros and their expansion are git's: the most specific
 * file first, within a file the last matching line first, a value once given is kept.
 */
final class DiffAttributes {
    /** How a path's two blobs are compared. */
    enum Diffing {
        /** Binary when a NUL is in the first 8000 bytes, git's own test. */
        BY_CONTENT,
        /** Counted as lines even with a NUL. */
        TEXT,
        /** Counted as nothing, git's {@code -}. */
        BINARY
    }

    private static final String MACRO = "[attr]";
    private static final int MACRO_DEPTH = 16;

    private final Path workTree;
    private final Config config;
    /** Highest precedence first; each file's rules in file order. */
    private final List<AttributesNode> above;
    private final List<AttributesNode> below;
    /** The definitions in force: the first found from the highest precedence down, the last line of a file first. */
    private final Map<String, List<Attribute>> macros = new HashMap<>();
    private final Map<String, AttributesNode> directories = new HashMap<>();
    private final Map<String, Diffing> known = new HashMap<>();

    private DiffAttributes(Path workTree, Config config, List<AttributesNode> above, List<AttributesNode> below) {
        this.workTree = workTree;
        this.config = config;
        this.above = above;
        this.below = below;
        List<AttributesNode> defining = new ArrayList<>(above);
        if (workTree != null) {
            defining.add(directory(""));
        }
        defining.addAll(below);
        for (AttributesNode node : defining) {
            List<AttributesRule> rules = node.getRules();
            for (int i = rules.size() - 1; i >= 0; i--) {
                AttributesRule rule = rules.get(i);
                if (rule.getPattern().startsWith(MACRO)) {
                    macros.putIfAbsent(rule.getPattern().substring(MACRO.length()).trim(), rule.getAttributes());
                }
            }
        }
        macros.putIfAbsent("binary", List.of(new Attribute("diff", Attribute.State.UNSET),
            new Attribute("merge", Attribute.State.UNSET), new Attribute("text", Attribute.State.UNSET)));
    }

    /** The attributes {@code git log} would apply in {@code repository}, read now. */
    static DiffAttributes of(Repository repository) {
        Config config = repository.getConfig();
        List<AttributesNode> above = new ArrayList<>();
        // a linked worktree shares the main repository's info/attributes
        above.add(read(repository.getCommonDirectory().toPath().resolve("info").resolve("attributes")));
        List<AttributesNode> below = new ArrayList<>();
        Path global = globalFile(config);
        if (global != null) {
            below.add(read(global));
        }
        if (System.getenv("GIT_ATTR_NOSYSTEM") == null) {
            below.add(read(Path.of("/etc/gitattributes")));
        }
        Path workTree = repository.isBare() ? null : repository.getWorkTree().toPath();
        return new DiffAttributes(workTree, config, above, below);
    }

    /** {@code core.attributesFile}, or git's default under the XDG configuration directory. */
    private static Path globalFile(Config config) {
        String configured = config.getString("core", null, "attributesFile");
        String home = dev.rca.git.GitSystemConfig.userHome();
        if (configured != null) {
            return configured.startsWith("~/") && home != null ? Path.of(home, configured.substring(2))
                : Path.of(configured);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "git", "attributes");
        }
        return home == null ? null : Path.of(home, ".config", "git", "attributes");
    }

    /** The rules in {@code file}; none when it is missing or unreadable, as git ignores such a file. */
    private static AttributesNode read(Path file) {
        AttributesNode node = new AttributesNode();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                node.parse(in);
            } catch (IOException e) {
                return new AttributesNode();
            }
        }
        return node;
    }

    private AttributesNode directory(String dir) {
        return directories.computeIfAbsent(dir, d -> {
            Path at = workTree;
            for (String name : d.isEmpty() ? new String[0] : d.split("/")) {
                at = entry(at, name);
                if (at == null) {
                    return new AttributesNode();
                }
            }
            return read(at.resolve(".gitattributes"));
        });
    }

    /**
     * {@code directory}'s entry {@code name}, or null when it has none. A name the JVM cannot hold as a file name
     * (any non-ASCII letter under {@code LC_ALL=C}) is looked for among the directory's entries, which keep their
     * bytes: the one whose bytes are the name's UTF-8, git's encoding of names.
     */
    private static Path entry(Path directory, String name) {
        try {
            return directory.resolve(name);
        } catch (InvalidPathException notInTheLocale) {
            byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    if (Arrays.equals(bytesOfName(entry), wanted)) {
                        return entry;
                    }
                }
            } catch (IOException | DirectoryIteratorException unreadable) {
                // git reads no attributes from a directory it cannot list either
            }
            return null;
        }
    }

    /** The bytes of {@code entry}'s file name, which its {@code file:} URI keeps (percent-encoded) in any locale. */
    private static byte[] bytesOfName(Path entry) {
        String path = entry.toUri().getRawPath();
        // a directory's URI ends in a slash
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        String raw = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    /** How the blobs at repository-relative {@code path} are compared. */
    Diffing of(String path) {
        Diffing d = known.get(path);
        if (d == null) {
            d = lookUp(path);
            known.put(path, d);
        }
        return d;
    }

    private Diffing lookUp(String path) {
        Map<String, Attribute> given = new HashMap<>();
        for (AttributesNode node : above) {
            if (fill(node, path, given)) {
                return diffing(given.get("diff"));
            }
        }
        if (workTree != null) {
            for (int slash = path.lastIndexOf('/'); ; slash = path.lastIndexOf('/', slash - 1)) {
                String dir = slash < 0 ? "" : path.substring(0, slash);
                if (fill(directory(dir), slash < 0 ? path : path.substring(slash + 1), given)) {
                    return diffing(given.get("diff"));
                }
                if (slash < 0) {
                    break;
                }
            }
        }
        for (AttributesNode node : below) {
            if (fill(node, path, given)) {
                return diffing(given.get("diff"));
            }
        }
        return diffing(given.get("diff"));
    }

    /** Fills what {@code node} gives {@code relative} and nothing gave before; true once {@code diff} is given. */
    private boolean fill(AttributesNode node, String relative, Map<String, Attribute> given) {
        List<AttributesRule> rules = node.getRules();
        for (int i = rules.size() - 1; i >= 0; i--) {
            AttributesRule rule = rules.get(i);
            if (!rule.getPattern().startsWith(MACRO) && rule.isMatch(relative, false)
                && fill(rule.getAttributes(), given, 0)) {
                return true;
            }
        }
        return false;
    }

    private boolean fill(List<Attribute> attributes, Map<String, Attribute> given, int depth) {
        for (int i = attributes.size() - 1; i >= 0; i--) {
            Attribute a = attributes.get(i);
            if (given.putIfAbsent(a.getKey(), a) != null) {
                continue;
            }
            List<Attribute> macro = macros.get(a.getKey());
            if (a.getState() == Attribute.State.SET && macro != null && depth < MACRO_DEPTH) {
                fill(macro, given, depth + 1);
            }
            if (given.containsKey("diff")) {
                return true;
            }
        }
        return false;
    }

    private Diffing diffing(Attribute diff) {
        if (diff == null) {
            return Diffing.BY_CONTENT;
        }
        return switch (diff.getState()) {
            case SET -> Diffing.TEXT;
            case UNSET -> Diffing.BINARY;
            case UNSPECIFIED -> Diffing.BY_CONTENT;
            case CUSTOM -> {
                // a driver that says nothing about binary leaves it to the bytes, as does an undefined one
                String binary = config.getString("diff", diff.getValue(), "binary");
                yield binary == null ? Diffing.BY_CONTENT
                    : config.getBoolean("diff", diff.getValue(), "binary", false) ? Diffing.BINARY : Diffing.TEXT;
            }
        };
    }
}
