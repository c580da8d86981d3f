package dev.rca.hostile;

import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The odd repositories rca must hold up on, built with the real {@code git}: each shape is a directory to run
 * rca in, plus a good and a bad revision valid in it and a fix commit that fixes what the bad one broke.
 */
final class RepositoryShapes {
    /** One shape: where to run rca, and revisions that exist there (null in an empty repository). */
    record Shape(String name, Path dir, String good, String bad, String fix, String path) {
        Shape(String name, Path dir, String good, String bad, String fix) {
            this(name, dir, good, bad, fix, "f.txt");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RepositoryShapes() {
    }

    /** A linear history of six commits: c1 adds f.txt, c4 breaks it, c6 fixes it. */
    static Path origin(Path root) {
        Path origin = root.resolve("origin");
        git(root, "init", "-q", "-b", "main", origin.toString());
        for (int i = 1; i <= 6; i++) {
            write(origin.resolve("f.txt"), i >= 4 && i < 6 ? "broken " + i + "\n" : "ok " + i + "\n");
            write(origin.resolve("n.txt"), i + "\n");
            git(origin, "add", "-A");
            git(origin, "commit", "-q", "-m", i == 4 ? "c4 break f" : i == 6 ? "c6 fix f" : "c" + i);
        }
        return origin;
    }

    /** Every shape the issue lists, built under {@code root}. */
    static List<Shape> all(Path root) {
        Path origin = origin(root);
        String url = origin.toUri().toString();
        List<Shape> shapes = new ArrayList<>();

        Path empty = root.resolve("empty");
        git(root, "init", "-q", "-b", "main", empty.toString());
        shapes.add(new Shape("empty repository", empty, null, null, null));

        Path shallow = root.resolve("shallow");
        git(root, "clone", "-q", "--depth", "3", url, shallow.toString());
        shapes.add(new Shape("shallow clone", shallow, "HEAD~2", "HEAD~1", "HEAD"));

        Path bare = root.resolve("bare.git");
        git(root, "clone", "-q", "--bare", origin.toString(), bare.toString());
        shapes.add(new Shape("bare repository", bare, "HEAD~5", "HEAD~1", "HEAD"));

        Path main = root.resolve("main-checkout");
        git(root, "clone", "-q", origin.toString(), main.toString());
        Path linked = root.resolve("linked");
        git(main, "worktree", "add", "-q", "-b", "topic", linked.toString(), "HEAD");
        shapes.add(new Shape("linked worktree", linked, "HEAD~5", "HEAD~1", "HEAD"));

        Path detached = root.resolve("detached");
        git(root, "clone", "-q", origin.toString(), detached.toString());
        git(detached, "checkout", "-q", "--detach", "HEAD~1");
        git(detached, "update-ref", "refs/heads/main", "HEAD~0");
        shapes.add(new Shape("detached HEAD", detached, "HEAD~4", "HEAD", "main"));

        Path withSub = root.resolve("submodules");
        git(root, "clone", "-q", origin.toString(), withSub.toString());
        git(withSub, "-c", "protocol.file.allow=always", "submodule", "add", "-q", url, "lib/sub");
        git(withSub, "commit", "-q", "-m", "add a submodule");
        shapes.add(new Shape("submodules", withSub, "HEAD~6", "HEAD~2", "HEAD~1"));

        Path nonAscii = root.resolve("non-ascii");
        git(root, "init", "-q", "-b", "main", nonAscii.toString());
        for (int i = 1; i <= 4; i++) {
            write(nonAscii.resolve("dïr/fïlé ñ ✓.txt"), i == 3 ? "kaputt\n" : "gut " + i + "\n");
            git(nonAscii, "add", "-A");
            git(nonAscii, "commit", "-q", "--author=Zoë Ångström-Ñúñez <zoë@exämple.com>", "-m", "änderung " + i + " ✓");
        }
        shapes.add(new Shape("non-ASCII paths and authors", nonAscii, "HEAD~3", "HEAD~1", "HEAD", "dïr/fïlé ñ ✓.txt"));

        Path latin1 = root.resolve("latin1");
        git(root, "init", "-q", "-b", "main", latin1.toString());
        git(latin1, "config", "i18n.commitEncoding", "ISO-8859-1");
        for (int i = 1; i <= 4; i++) {
            write(latin1.resolve("a.txt"), i == 3 ? "cass\u00e9\n" : "bon " + i + "\n");
            git(latin1, "add", "-A");
            NativeGit.runWithInput(latin1, ("caf\u00e9 cr\u00e8me na\u00efve " + i + "\n").getBytes(StandardCharsets.ISO_8859_1),
                "commit", "-q", "-F", "-");
        }
        shapes.add(new Shape("ISO-8859-1 messages", latin1, "HEAD~3", "HEAD~1", "HEAD", "a.txt"));

        Path big = root.resolve("big");
        git(root, "init", "-q", "-b", "main", big.toString());
        byte[] binary = new byte[12 * 1024 * 1024];
        new java.util.Random(1).nextBytes(binary);
        for (int i = 1; i <= 4; i++) {
            binary[i] = (byte) i;
            writeBytes(big.resolve("blob.bin"), binary);
            write(big.resolve("f.txt"), i == 3 ? "broken\n" : "ok " + i + "\n");
            git(big, "add", "-A");
            git(big, "commit", "-q", "-m", "big " + i);
        }
        shapes.add(new Shape("large and binary files", big, "HEAD~3", "HEAD~1", "HEAD"));

        Path readOnly = root.resolve("read-only");
        git(root, "clone", "-q", origin.toString(), readOnly.toString());
        git(readOnly, "config", "user.name", "Test User");
        git(readOnly, "config", "user.email", "test@example.com");
        shapes.add(new Shape("read-only .git", readOnly, "HEAD~5", "HEAD~1", "HEAD"));

        Path spaces = root.resolve("with spaces/a repo");
        git(root, "clone", "-q", origin.toString(), spaces.toString());
        write(spaces.resolve("a dir/b c.txt"), "x\n");
        git(spaces, "add", "-A");
        git(spaces, "commit", "-q", "-m", "a path with spaces");
        shapes.add(new Shape("paths with spaces", spaces, "HEAD~6", "HEAD~2", "HEAD~1", "a dir/b c.txt"));
        return shapes;
    }

    static String git(Path dir, String... args) {
        return NativeGit.run(dir, args);
    }

    private static void write(Path file, String text) {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
