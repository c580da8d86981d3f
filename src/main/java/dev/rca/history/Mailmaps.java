package dev.rca.history;

import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** Finds a repository's mailmap where git looks: {@code .mailmap}, {@code mailmap.file}, {@code mailmap.blob}. */
final class Mailmaps {
    private Mailmaps() {
    }

    static Mailmap read(GitWorkspace workspace) {
        Repository repository = workspace.repository();
        StringBuilder text = new StringBuilder();
        if (!repository.isBare()) {
            appendFile(text, workspace.workTree().resolve(".mailmap"));
        }
        String blob = repository.getConfig().getString("mailmap", null, "blob");
        if (blob == null && repository.isBare()) {
            blob = "HEAD:.mailmap";
        }
        if (blob != null) {
            appendBlob(text, repository, blob);
        }
        String file = repository.getConfig().getString("mailmap", null, "file");
        if (file != null) {
            // git reads a relative one from where it runs: the top of the work tree, or a bare repository itself
            Path base = repository.isBare() ? workspace.gitDir() : workspace.workTree();
            appendFile(text, base.resolve(file.startsWith("~/")
                ? dev.rca.git.GitSystemConfig.userHome() + file.substring(1) : file));
        }
        return text.length() == 0 ? Mailmap.EMPTY : Mailmap.parse(text.toString());
    }

    /** Whether git log maps identities before {@code --author} and {@code --committer}: {@code log.mailmap}. */
    static boolean usedByLog(GitWorkspace workspace) {
        return workspace.repository().getConfig().getBoolean("log", null, "mailmap", true);
    }

    private static void appendFile(StringBuilder text, Path file) {
        try {
            if (Files.isRegularFile(file)) {
                text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
        } catch (IOException e) {
            // an unreadable mailmap is ignored, as git ignores it
        }
    }

    private static void appendBlob(StringBuilder text, Repository repository, String spec) {
        try {
            ObjectId id = repository.resolve(spec);
            if (id != null) {
                text.append(new String(repository.open(id).getCachedBytes(1 << 20), StandardCharsets.UTF_8))
                    .append('\n');
            }
        } catch (IOException | RuntimeException e) {
            // a missing or unreadable mailmap blob is ignored, as git ignores it
        }
    }
}
