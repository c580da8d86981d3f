package dev.rca.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HEADs of the repository's other worktrees, which {@code git log --all} starts from after the refs and the
 * current HEAD: a commit made on a detached HEAD in a linked worktree is reachable from nothing else.
 */
final class OtherWorktreeHeads {
    private OtherWorktreeHeads() {
    }

    /**
     * What each other worktree's HEAD file says, in git's order (the main worktree, then the linked ones): a ref name
     * for a symbolic HEAD, a commit id for a detached one. The caller resolves them; one that leads nowhere is dropped,
     * as git drops it.
     *
     * @param gitDir the current worktree's git directory
     * @param commonDir the repository's common directory (equal to {@code gitDir} in the main worktree)
     */
    static List<String> read(Path gitDir, Path commonDir) throws IOException {
        Path current = gitDir.toAbsolutePath().normalize();
        Path common = commonDir.toAbsolutePath().normalize();
        List<String> heads = new ArrayList<>();
        if (!current.equals(common)) {
            addHead(common, heads);
        }
        Path linked = common.resolve("worktrees");
        if (!Files.isDirectory(linked)) {
            return heads;
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(linked)) {
            for (Path dir : entries) {
                // git skips an entry without its gitdir file: it is no worktree
                if (Files.isRegularFile(dir.resolve("gitdir")) && !dir.toAbsolutePath().normalize().equals(current)) {
                    dirs.add(dir);
                }
            }
        }
        dirs.sort(null);
        for (Path dir : dirs) {
            addHead(dir, heads);
        }
        return heads;
    }

    private static void addHead(Path dir, List<String> heads) throws IOException {
        Path head = dir.resolve("HEAD");
        if (!Files.isRegularFile(head)) {
            return;
        }
        String text = new String(Files.readAllBytes(head), StandardCharsets.UTF_8).strip();
        String target = text.startsWith("ref:") ? text.substring(4).strip() : text;
        if (!target.isEmpty()) {
            heads.add(target);
        }
    }
}
