package dev.rca.daemon;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/** Whether the daemon's jar is older than the sources the launcher would build it from. */
public final class SourceFreshness {
    private SourceFreshness() {
    }

    /**
     * Whether anything under the project's {@code src/main}, or its {@code pom.xml}, is newer than {@code jar}
     * built at {@code built} — the launcher's own test before it rebuilds, which it leaves to the daemon on the
     * daemon's path (a {@code find} process per query cost more than the rest of the launcher). Only for a jar
     * where the launcher builds it, {@code <project>/target/rca.jar}.
     */
    public static boolean changedSince(Path jar, FileTime built) {
        Path target = jar.toAbsolutePath().getParent();
        if (target == null || target.getParent() == null || !target.getFileName().toString().equals("target")) {
            return false;
        }
        Path project = target.getParent();
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
