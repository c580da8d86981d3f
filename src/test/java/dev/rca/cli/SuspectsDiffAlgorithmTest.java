package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rca suspects} under every {@code diff.algorithm} git takes (often set globally): the same ranking as with
 * none set, where all but myers and histogram used to be an internal error (exit 4); a value git refuses is a bad
 * configuration value (exit 3), as it stops {@code git show}.
 */
class SuspectsDiffAlgorithmTest {
    @TempDir
    Path tmp;

    @Test
    void everyValueGitTakesRanksAsWithNoneAndOneItRefusesIsABadValue() {
        Path dir = tmp.resolve("r");
        RevCommit bug;
        try (TestRepo repo = TestRepo.init(dir).tick(86_400)) {
            repo.commit("net: add parser").add("net.c", "int f(int x)\n{\n\treturn x;\n}\n").create();
            bug = repo.commit("net: offset the result").add("net.c", "int f(int x)\n{\n\treturn x + 1;\n}\n").create();
            repo.commit("net: drop the offset").add("net.c", "int f(int x)\n{\n\treturn x;\n}\n").create();
            repo.checkout();
        }
        CliResult unset = Cli.run(dir, "suspects", "HEAD", "--no-trailers", "--format=sha");
        assertEquals(new CliResult(ExitCode.OK, bug.name() + "\n", ""), unset);
        for (String value : List.of("default", "myers", "minimal", "Patience", "histogram")) {
            NativeGit.run(dir, "config", "diff.algorithm", value);
            assertEquals(unset, Cli.run(dir, "suspects", "HEAD", "--no-trailers", "--format=sha"), value);
        }
        NativeGit.run(dir, "config", "diff.algorithm", "bogus");
        assertEquals(128, NativeGit.exec(dir, null, "show", "--stat", "HEAD").exitCode(), "git refuses it");
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: bad config value 'bogus' for 'diff.algorithm'\n"
            + "hint: git takes default, myers, minimal, patience or histogram\n"),
            Cli.run(dir, "suspects", "HEAD", "--no-trailers", "--format=sha"));
    }
}
