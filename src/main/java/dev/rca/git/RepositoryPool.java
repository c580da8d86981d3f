package dev.rca.git;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Repositories kept open between commands by a long-lived rca (the daemon), so that the next command finds
 * the pack index, the pack windows and the delta bases already read: on a history of git's size reading the
 * pack index alone costs more than a short query. JGit rereads configuration, refs and the pack directory
 * when they change on disk, so a kept repository answers as a freshly opened one would. The least recently
 * used repository is let go when more than {@code capacity} are kept.
 *
 * <p>The pool holds one of JGit's use counts on each repository it keeps, and hands every caller another, to
 * be given back with {@link Repository#close()}: a repository the pool lets go (evicted by other repositories
 * opened on other threads, or dropped as the warm-up's) stays open until its last user is done, instead of
 * having its packs closed under a running command and read again.
 */
final class RepositoryPool {
    private record Key(File gitDir, File workTree, File indexFile, File objectDirectory) {
    }

    /** A kept repository and its packs' stamp ({@link #packs}) when it was opened. */
    private record Kept(Repository repository, String packs) {
    }

    private final Map<Key, Kept> open;

    RepositoryPool(int capacity) {
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                eldest.getValue().repository().close();
                return true;
            }
        };
    }

    /**
     * The repository {@code builder} describes, opened once and then kept; the caller closes it when done, which
     * gives back its use count and leaves the pool's.
     */
    synchronized Repository open(FileRepositoryBuilder builder) throws IOException {
        builder.setup();
        Key key = new Key(builder.getGitDir(), builder.getWorkTree(), builder.getIndexFile(),
            builder.getObjectDirectory());
        Kept kept = open.get(key);
        String packs = packs(builder.getObjectDirectory());
        if (kept != null && kept.repository().getDirectory().isDirectory() && kept.packs().equals(packs)) {
            kept.repository().incrementOpen();
            return kept.repository();
        }
        if (kept != null) {
            open.remove(key).repository().close();
        }
        Repository fresh = GraftedRepository.open(builder);
        open.put(key, new Kept(fresh, packs));
        fresh.incrementOpen();
        return fresh;
    }

    /**
     * When the pack directories of {@code objects} and of the object directories it borrows from (its
     * {@code info/alternates}) last changed. A gc that deletes packs changes them, and a repository kept open would
     * go on reading a deleted pack through the file it holds: a {@code clone --shared} whose source pruned commits
     * it reaches, or a commit pruned here and named by its SHA, would still be found. Such a repository is opened
     * again.
     */
    private static String packs(File objects) {
        if (objects == null) {
            return "";
        }
        StringBuilder stamp = new StringBuilder();
        java.util.List<File> dirs = new java.util.ArrayList<>(java.util.List.of(objects));
        File alternates = new File(objects, "info/alternates");
        if (alternates.isFile()) {
            try {
                for (String line : java.nio.file.Files.readAllLines(alternates.toPath())) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        File alternate = new File(line.strip());
                        dirs.add(alternate.isAbsolute() ? alternate : new File(objects, line.strip()));
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                stamp.append("unreadable alternates;");
            }
        }
        for (File dir : dirs) {
            stamp.append(dir).append('=').append(new File(dir, "pack").lastModified()).append(';');
        }
        return stamp.toString();
    }

    synchronized void closeAll() {
        open.values().forEach(k -> k.repository().close());
        open.clear();
    }

    /** Closes and forgets the kept repositories at {@code place} (a work tree, or a bare repository's git directory). */
    synchronized void close(File place) {
        open.entrySet().removeIf(e -> {
            boolean there = place.equals(e.getKey().workTree() != null ? e.getKey().workTree() : e.getKey().gitDir());
            if (there) {
                e.getValue().repository().close();
            }
            return there;
        });
    }

    /** Where each kept repository is: its work tree, or the git directory of a bare one. */
    synchronized java.util.List<File> places() {
        return open.keySet().stream().map(k -> k.workTree() != null ? k.workTree() : k.gitDir()).toList();
    }
}
