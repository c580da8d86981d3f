package dev.rca.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The differential tests' comparison of {@code rca log} with {@code git log} on the same repository. */
public final class LogAgainstGit {
    private LogAgainstGit() {
    }

    /**
     * Asserts that {@code rca log --format=sha <options>} run in {@code dir} exits 0 and prints exactly the SHAs
     * {@code git log --format=%H <options>} prints there (none is an answer too), and returns them.
     */
    public static List<String> assertSame(Path dir, List<String> options) {
        return assertSame(dir, List.of(), options);
    }

    /** As {@link #assertSame(Path, List)}, with {@code gitOnly} given to git alone (such as {@code -E}). */
    public static List<String> assertSame(Path dir, List<String> gitOnly, List<String> options) {
        List<String> git = new ArrayList<>(List.of("log"));
        git.addAll(gitOnly);
        git.add("--format=%H");
        git.addAll(options);
        List<String> rca = new ArrayList<>(List.of("log", "--format=sha"));
        rca.addAll(options);
        List<String> expected = NativeGit.lines(dir, git.toArray(String[]::new));
        assertEquals(new CliResult(0, expected.isEmpty() ? "" : String.join("\n", expected) + "\n", ""),
            Cli.run(dir, rca.toArray(String[]::new)), "rca " + String.join(" ", rca) + " in " + dir);
        return expected;
    }
}
