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
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether the daemon's jar is older than the sources the launcher would build it from: {@link #changedSince} looks
 * at every file, and an instance ({@link #watching}) does that only after the file system reported a change under
 * them. Walking the 300 or so files took about 2 ms of every daemon query, a tenth of a warm {@code suspects}.
 */
public final class SourceFreshness implements AutoCloseable {
    /** File systems whose changes inotify reports whoever makes them (not NFS, not a VM's shared folder). */
    private static final Set<String> LOCAL = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay",
        "zfs", "f2fs");
    /** How long a query waits for its probe's event before it looks at the files instead. */
    private static final long PROBE_MILLIS = 200;
    private static final String PROBE = "rca-sources-probe";

    private final Path jar;
    private final FileTime built;
    /** The project's directory, watched for {@code pom.xml} and {@code src}; null for a jar the launcher does not build. */
    private final Path project;
    /** Null when nothing is watched: then every question looks at every file. */
    private final WatchService service;
    /** Whether the next question must look at the files whatever the watch says (at first, after a lost event). */
    private boolean look = true;
    /** Once newer sources were seen, the jar stays stale for this daemon. */
    private boolean stale;
    private long looks;
    private long probes;

    private SourceFreshness(Path jar, FileTime built, Path project, WatchService service) {
        this.jar = jar;
        this.built = built;
        this.project = project;
        this.service = service;
    }

    /**
     * Watches the sources of {@code jar}, built at {@code built}, for {@link #changed()}. Where the file system
     * cannot be watched, or is not one whose every change inotify reports, every question looks at every file, as
     * {@link #changedSince} does.
     */
    public static SourceFreshness watching(Path jar, FileTime built) {
        Path project = projectOf(jar);
        WatchService service = null;
        if (project != null) {
            try {
                if (LOCAL.contains(Files.getFileStore(project).type())) {
                    service = project.getFileSystem().newWatchService();
                }
            } catch (IOException | RuntimeException unwatchable) {
                service = null;
            }
        }
        return new SourceFreshness(jar, built, project, service);
    }

    /**
     * Whether anything under the project's {@code src/main}, or its {@code pom.xml}, is newer than the jar, as
     * {@link #changedSince} answers, looking at the files only when the watch reported an event since the last
     * look (or may have lost some). Each question first dates a probe file beside the jar and waits for that
     * event: inotify reports one watcher's events in order, so every edit made before the question has been
     * reported by then.
     */
    public synchronized boolean changed() {
        if (stale) {
            return true;
        }
        if (service == null) {
            return look();
        }
        boolean changes = look || changesUpToProbe();
        look = false;
        if (!changes) {
            return false;
        }
        // watched before the files are looked at, so that a change made meanwhile is an event for next time
        watchEveryDirectory();
        return look();
    }

    /** How many times it looked at every file (tests: none without a change). */
    public synchronized long looks() {
        return looks;
    }

    private boolean look() {
        looks++;
        stale = changedSince(jar, built);
        return stale;
    }

    /** Whether any event under the sources came before the probe's; true when the probe cannot tell. */
    private boolean changesUpToProbe() {
        Path target = project.resolve("target");
        // two names in turn: the event of a probe whose question stopped waiting for it is not the next one's
        String probeName = PROBE + "-" + (probes++ & 1);
        try {
            Path probe = target.resolve(probeName);
            if (!Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(probe);
            }
            Files.setLastModifiedTime(probe, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException unwritable) {
            return true;
        }
        boolean changes = false;
        boolean probed = false;
        long until = System.nanoTime() + PROBE_MILLIS * 1_000_000;
        try {
            while (true) {
                long wait = until - System.nanoTime();
                // after the probe, only what is already queued
                WatchKey key = probed ? service.poll() : wait > 0 ? service.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    break;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    Path name = event.context() instanceof Path p ? p : null;
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        changes = true;
                    } else if (key.watchable().equals(target)) {
                        probed |= name != null && name.toString().equals(probeName);
                    } else if (key.watchable().equals(project)) {
                        changes |= name != null && (name.toString().equals("pom.xml") || name.toString().equals("src"));
                    } else {
                        changes = true;
                    }
                }
                if (!key.reset()) {
                    changes = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probed = false;
        }
        return !probed || changes;
    }

    private void watchEveryDirectory() {
        try {
            register(project);
            Path target = project.resolve("target");
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                register(target);
            }
            Path src = project.resolve("src");
            if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                register(src);
            }
            Path sources = src.resolve("main");
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
            // out of inotify watches, say: look at the files next time too
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
