package dev.rca.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The parents git's graft file gives commits in place of those their objects name. JGit does not read the file;
 * git 2.39 does on every walk (even with {@code --no-replace-objects}), so rca reads it too
 * ({@link GraftedRepository}) rather than list commits git does not.
 *
 * <p>Read as git's {@code read_graft_line} reads it: one commit a line followed by its parents, full hex ids
 * separated by single whitespace characters; blank lines, {@code #} comments and lines git calls "bad graft data"
 * are skipped, and of two lines for the same commit the first counts.
 */
public final class Grafts {
    static final Grafts NONE = new Grafts(Map.of());
    private static final byte[] PARENT = "parent ".getBytes(StandardCharsets.US_ASCII);

    private final Map<ObjectId, List<ObjectId>> parents;

    private Grafts(Map<ObjectId, List<ObjectId>> parents) {
        this.parents = parents;
    }

    /**
     * Where git looks for the graft file of {@code repository}: {@code $GIT_GRAFT_FILE}, else {@code info/grafts}. A
     * relative {@code $GIT_GRAFT_FILE} is read from the top of the work tree (a bare repository's git directory),
     * where git has moved by the time it reads it, wherever the command was typed; always absolute, since the daemon
     * runs elsewhere.
     */
    static Path file(Repository repository) {
        return file(repository, System.getenv("GIT_GRAFT_FILE"));
    }

    /**
     * Whether {@code repository} has grafts: a graft file holding at least one graft. An empty or comment-only file
     * grafts nothing, and git writes its commit-graph there as anywhere.
     */
    public static boolean any(Repository repository) {
        Path file = file(repository);
        return Files.exists(file) && !read(file).isEmpty();
    }

    /** {@link #file(Repository)} with {@code named} as {@code $GIT_GRAFT_FILE}'s value (null when unset). */
    static Path file(Repository repository, String named) {
        if (named == null || named.isEmpty()) {
            return repository.getCommonDirectory().toPath().resolve("info").resolve("grafts").toAbsolutePath();
        }
        Path top = repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath();
        return top.toAbsolutePath().resolve(named).normalize();
    }

    /** The grafts in {@code file}; none when it does not exist or cannot be read (git warns and goes on). */
    static Grafts read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            return NONE;
        }
    }

    static Grafts parse(byte[] content) {
        Map<ObjectId, List<ObjectId>> parents = new HashMap<>();
        for (String line : new String(content, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<ObjectId> ids = ids(trimmed);
            if (ids != null) {
                parents.putIfAbsent(ids.get(0), List.copyOf(ids.subList(1, ids.size())));
            }
        }
        return parents.isEmpty() ? NONE : new Grafts(parents);
    }

    /** The ids of a graft line, or null when git would call it bad graft data. */
    private static List<ObjectId> ids(String line) {
        List<ObjectId> ids = new ArrayList<>();
        int at = 0;
        while (true) {
            if (line.length() < at + Constants.OBJECT_ID_STRING_LENGTH) {
                return null;
            }
            String hex = line.substring(at, at + Constants.OBJECT_ID_STRING_LENGTH);
            if (!ObjectId.isId(hex)) {
                return null;
            }
            ids.add(ObjectId.fromString(hex));
            at += Constants.OBJECT_ID_STRING_LENGTH;
            if (at == line.length()) {
                return ids;
            }
            if (!Character.isWhitespace(line.charAt(at))) {
                return null;
            }
            at++;
        }
    }

    boolean isEmpty() {
        return parents.isEmpty();
    }

    /** Whether {@code id} is a grafted commit. */
    boolean grafts(AnyObjectId id) {
        return parents.containsKey(id);
    }

    /**
     * The canonical bytes of grafted commit {@code id} with its {@code parent} lines replaced by the graft's, so
     * that whatever parses them (JGit's RevWalk) sees the parents git sees.
     */
    byte[] rewrite(AnyObjectId id, byte[] commit) {
        int headerEnd = RawParseUtils.nextLF(commit, 0);
        int end = headerEnd;
        while (RawParseUtils.match(commit, end, PARENT) >= 0) {
            end = RawParseUtils.nextLF(commit, end);
        }
        StringBuilder lines = new StringBuilder();
        for (ObjectId parent : parents.get(id)) {
            lines.append("parent ").append(parent.name()).append('\n');
        }
        byte[] grafted = lines.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headerEnd + grafted.length + commit.length - end];
        System.arraycopy(commit, 0, out, 0, headerEnd);
        System.arraycopy(grafted, 0, out, headerEnd, grafted.length);
        System.arraycopy(commit, end, out, headerEnd + grafted.length, commit.length - end);
        return out;
    }
}
