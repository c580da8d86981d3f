package dev.rca.bisect;

import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything of the user's checkout that rca must never change: every file of the work tree (bytes
 * and mode), the index file's bytes, HEAD, every ref, and git's own view of the status.
 */
record WorkTreeSnapshot(Map<String, String> files, String indexDigest, String head, String refs, String status) {
    static WorkTreeSnapshot of(Path workTree, Path gitDir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(workTree)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = workTree.relativize(p);
                if (rel.toString().isEmpty() || rel.startsWith(".git")) {
                    continue;
                }
                if (Files.isRegularFile(p)) {
                    files.put(rel.toString(), digest(Files.readAllBytes(p)) + (Files.isExecutable(p) ? " x" : ""));
                } else if (Files.isDirectory(p)) {
                    files.put(rel + "/", "dir");
                }
            }
            Path index = gitDir.resolve("index");
            String indexDigest = Files.exists(index) ? digest(Files.readAllBytes(index)) : "none";
            String head = Files.readString(gitDir.resolve("HEAD"));
            String refs = NativeGit.run(workTree, "for-each-ref", "--format=%(refname) %(objectname)");
            String status = NativeGit.run(workTree, "status", "--porcelain=v2", "--branch", "--untracked-files=all");
            return new WorkTreeSnapshot(files, indexDigest, head, refs, status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
