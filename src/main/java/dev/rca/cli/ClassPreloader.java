package dev.rca.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads every class in rca's jar and runs a few commands in-process on a throwaway repository, so that the
 * launcher's class-data-sharing archive, written when this exits, holds rca's classes and the JDK classes
 * they use. An archive made from one ordinary command would hold only that command's classes, and every
 * other command would pay for loading and verifying the rest at each start.
 *
 * <p>Used by {@code scripts/rca}: {@code java -XX:ArchiveClassesAtExit=<jsa> -cp rca.jar dev.rca.cli.ClassPreloader rca.jar}
 */
public final class ClassPreloader {
    private ClassPreloader() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassPreloader <rca.jar>");
            System.exit(2);
        }
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        try (JarFile jar = new JarFile(args[0])) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError optionalDependencyMissing) {
                    // a class needing a library rca does not ship (e.g. JGit's optional parts) is simply not archived
                }
            }
        }
        exerciseCommands();
    }

    private static void exerciseCommands() throws IOException {
        Path dir = Files.createTempDirectory("rca-cds");
        try {
            try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
                Files.writeString(dir.resolve("a.txt"), "a\n");
                git.add().addFilepattern("a.txt").call();
                PersonIdent who = new PersonIdent("rca", "rca@localhost");
                git.commit().setMessage("first").setAuthor(who).setCommitter(who).setSign(false).call();
            } catch (GitAPIException e) {
                return;
            }
            Files.writeString(dir.resolve("app.log"), "2026-01-01 10:00:00,000 INFO [main] app: started\n");
            String[][] runs = {
                {"--help"}, {"log", "-n", "1"}, {"log", "--format=json", "--grep=f"}, {"history", "a.txt", "--follow"},
                {"history", "a.txt", "--authors"}, {"open", "CDS-1", "--title=t"}, {"symptom", "s", "--at=2026-01-01"},
                {"hypothesis", "h", "--likelihood=0.5", "--explains=S1"}, {"status"}, {"check"}, {"dag"},
                {"timeline"}, {"postmortem"}, {"suspects", "HEAD"}, {"logs", "table", "app.log"},
                {"logs", "diff", "app.log", "app.log"}, {"lint", "docs/postmortems/CDS-1.yaml"},
            };
            for (String[] args : runs) {
                PrintWriter sink = new PrintWriter(Writer.nullWriter());
                try {
                    Rca.execute(Rca.commandLineFor(Rca.startingIn(dir), sink, sink, args), args);
                } catch (RuntimeException ignored) {
                    // training only: a command that fails still loaded its classes
                }
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
