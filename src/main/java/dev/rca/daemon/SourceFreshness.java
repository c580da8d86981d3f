package dev.rca.daemon;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Whether the daemon's jar is older than the sources the launcher would build it from: {@link #changedSince} looks
 * at every file, and an instance ({@link #watching}) does that only after the file system reported a change under
 * them. Walking the 300 or so files took about 2 ms of every daemon query, a tenth of a warm {@code suspects}.
 */
public final class SourceFreshness implements AutoCloseable {
    private final Path jar;
    private final FileTime built;
    /** The project's directory, watched for {@code pom.xml}; null for a jar the launcher does not build. */
    private final Path project;
    /** Null when nothing is watched: then every question looks at every file. */
    private final WatchService service;
    /** Whether the next question must look at the files whatever the watch says (at first, after a lost event). */
    private boolean look = true;
    /** Once newer sources were seen, the jar stays stale for this daemon. */
    private boolean stale;

    private SourceFreshness(Path jar, FileTime built, Path project, WatchService service) {
        this.jar = jar;
        this.built = built;
        this.project = project;
        this.service = service;
    }

    /**
     * Watches the sources of {@code jar}, built at {@code built}, for {@link #changed()}. Where the file system
     * cannot be watched, every question looks at every file, as {@link #changedSince} does.
     */
    public static SourceFreshness watching(Path jar, FileTime built) {
        Path project = projectOf(jar);
        WatchService service = null;
        if (project != null) {
            try {
                service = project.getFileSystem().newWatchService();
            } catch (IOException | UnsupportedOperationException unwatchable) {
                service = null;
            }
        }
        return new SourceFreshness(jar, built, project, service);
    }

    /**
     * Whether anything under the project's {@code src/main}, or its {@code pom.xml}, is newer than the jar, as
     * {@link #changedSince} answers, looking at the files only when the watch reported an event since the last
     * look (or lost some). An event still on its way from the kernel when a query arrives is seen by the next one.
     */
    public synchronized boolean changed() {
        if (stale) {
            return true;
        }
        if (service == null) {
            stale = changedSince(jar, built);
            return stale;
        }
        boolean changes = look;
        look = false;
        WatchKey key;
        while ((key = service.poll()) != null) {
            for (WatchEvent<?> event : key.pollEvents()) {
                changes |= !key.watchable().equals(project) || event.kind() == StandardWatchEventKinds.OVERFLOW
                    || (event.context() instanceof Path name
                        && (name.toString().equals("pom.xml") || name.toString().equals("src")));
            }
            if (!key.reset()) {
                changes = true;
            }
        }
        if (changes) {
            // watched before the files are looked at, so that a change made meanwhile is an event for next time
            watchEveryDirectory();
            stale = changedSince(jar, built);
        }
        return stale;
    }

    private void watchEveryDirectory() {
        try {
            register(project);
            Path sources = project.resolve("src").resolve("main");
            if (Files.isDirectory(sources, LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(sources, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        register(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        } catch (IOException | RuntimeException unwatchable) {
            // out of inotify watches, say: look at the files every time from now on
            look = true;
        }
    }

    private void register(Path dir) throws IOException {
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY);
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // the daemon is going anyway
            }
        }
    }

    /** The project a jar at {@code <project>/target/rca.jar} is built from, or null for a jar anywhere else. */
    private static Path projectOf(Path jar) {
        Path target = jar.toAbsolutePath().getParent();
        if (target == null || target.getParent() == null || !target.getFileName().toString().equals("target")) {
            return null;
        }
        return target.getParent();
    }

    /**
     * Whether anything under the project's {@code src/main}, or its {@code pom.xml}, is newer than {@code jar}
     * built at {@code built} — the launcher's own test before it rebuilds, which it leaves to the daemon on the
     * daemon's path (a {@code find} process per query cost more than the rest of the launcher). Only for a jar
     * where the launcher builds it, {@code <project>/target/rca.jar}.
     */
    public static boolean changedSince(Path jar, FileTime built) {
        Path project = projectOf(jar);
        if (project == null) {
            return false;
        }
        try {
            Path pom = project.resolve("pom.xml");
            if (Files.exists(pom, LinkOption.NOFOLLOW_LINKS)
                && Files.getLastModifiedTime(pom, LinkOption.NOFOLLOW_LINKS).compareTo(built) > 0) {
                return true;
            }
            Path sources = project.resolve("src").resolve("main");
            if (!Files.isDirectory(sources, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            boolean[] newer = {false};
            Files.walkFileTree(sources, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return visitFile(dir, attrs);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    newer[0] = attrs.lastModifiedTime().compareTo(built) > 0;
                    return newer[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            return newer[0];
        } catch (IOException unreadable) {
            // as the launcher's find, which ignores what it cannot read
            return false;
        }
    }
}
