package dev.rca.testing;

import dev.rca.io.LockFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process holding a lock, for the tests of cross-process exclusion: {@code HoldLock <file> [<doing>]} takes
 * the {@link LockFile} on {@code file}, says {@code held} on stdout, and lets go when its standard input ends (the
 * test closes it, or kills the process); it says {@code refused} and exits 2 when another holds it.
 */
public final class HoldLock {
    private HoldLock() {
    }

    /** Starts {@code HoldLock file doing} in a JVM of its own and returns once it holds the lock. */
    public static Process start(Path file, String doing) throws IOException {
        Process process = launch(file, doing);
        byte[] said = process.getInputStream().readNBytes("held\n".length());
        if (!"held\n".equals(new String(said, StandardCharsets.UTF_8))) {
            process.destroyForcibly();
            throw new IllegalStateException("HoldLock did not take " + file + ": " + new String(said,
                StandardCharsets.UTF_8));
        }
        return process;
    }

    /** Starts {@code HoldLock file doing} in a JVM of its own. */
    public static Process launch(Path file, String doing) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-cp", RepeatRca.classPath(), "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            HoldLock.class.getName(), file.toString()));
        if (doing != null) {
            command.add(doing);
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    public static void main(String[] args) throws IOException {
        try (LockFile lock = LockFile.tryAcquire(Path.of(args[0]), args.length > 1 ? args[1] : null)) {
            if (lock == null) {
                System.out.print("refused\n");
                System.out.flush();
                System.exit(2);
            }
            System.out.print("held\n");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
