package dev.rca.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFileAndItsParents() throws IOException {
        Path file = dir.resolve("a/b/c.yaml");
        AtomicFile.write(file, "one\n");
        assertEquals("one\n", Files.readString(file));
        assertEquals(List.of("c.yaml"), names(file.getParent()));
    }

    @Test
    void replacesTheContentAndKeepsThePermissions() throws IOException {
        Path file = dir.resolve("ledger.yaml");
        Files.writeString(file, "old content, longer than the new\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.write(file, "new\n");
        assertEquals("new\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of("ledger.yaml"), names(dir));
    }

    @Test
    void withoutSyncItStillReplacesWholeAndKeepsThePermissions() throws IOException {
        Path file = dir.resolve("bisect.yaml");
        Files.writeString(file, "old content, longer than the new\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.writeWithoutSync(file, "new\n");
        assertEquals("new\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of("bisect.yaml"), names(dir));
    }

    @Test
    void aFailedWriteLeavesTheFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("taken");
        Files.createDirectory(file);
        Files.writeString(file.resolve("inside"), "x");
        assertThrows(IOException.class, () -> AtomicFile.write(file, "new\n"));
        assertEquals(List.of("taken"), names(dir));
        assertEquals("x", Files.readString(file.resolve("inside")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
