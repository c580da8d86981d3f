package dev.rca.suspects.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.git.GitWorkspace;
import dev.rca.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated history with planted bug/fix pairs: the oracle finds them and rca names every offender. */
class SuspectsEvaluationTest {
    @TempDir
    Path tmp;

    private static String source(Map<String, String> bodies) {
        StringBuilder sb = new StringBuilder();
        bodies.forEach((name, body) -> sb.append("int ").append(name).append("(int x)\n{\n\t").append(body)
            .append("\n}\n\n"));
        return sb.toString();
    }

    @Test
    void plantedPairsAreFoundAndAnswered() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(3600)) {
            Map<String, String> bodies = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                bodies.put("f" + i, "return x * " + i + " + compute_offset(x, " + i + ");");
            }
            repo.commit("initial").add("a.c", source(bodies)).create();
            List<RevCommit> bugs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String good = bodies.get("f" + i);
                bodies.put("f" + i, good.replace(" + compute", " - compute"));
                bugs.add(repo.commit("f" + i + ": tweak").add("a.c", source(bodies)).create());
                repo.commit("docs " + i).add("NEWS", "release " + i + "\n").create();
                bodies.put("f" + i, good);
                String trailer = "Fixes: " + bugs.get(i).name().substring(0, 12) + " (\"f" + i + ": tweak\")";
                if (i == 5) {
                    trailer += "\nFixes: " + bugs.get(4).name().substring(0, 12) + " (\"f4: tweak\")";
                }
                repo.commit("f" + i + ": restore sign\n\n" + trailer + "\n").add("a.c", source(bodies)).create();
            }
            repo.commit("unrelated\n\nFixes: 0123456789ab (\"lost\")\n").add("NEWS", "done\n").create();
            try (GitWorkspace ws = GitWorkspace.open(repo.directory())) {
                List<SuspectsEvaluation.Case> cases = SuspectsEvaluation.oracle(ws, "HEAD", 150);
                assertEquals(6, cases.size());
                assertEquals(Set.of(bugs.get(5).name(), bugs.get(4).name()), cases.get(0).offenders());
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                SuspectsEvaluation.Result result = SuspectsEvaluation.evaluate(ws, cases, false,
                    new PrintStream(buffer, true, StandardCharsets.UTF_8), null);
                assertEquals(6, result.rca().right());
                assertEquals(6, result.rca().answered());
                assertEquals(6, result.rszz().right());
                assertEquals(1.0, result.rca().precision());
                assertEquals(1.0, result.rca().top3Recall());
                String out = buffer.toString(StandardCharsets.UTF_8);
                assertTrue(out.startsWith("method    cases  answered  right  precision  recall     F1  top-3 recall"
                    + "  reachable\nrca           6         6      6      1.000   1.000  1.000         1.000      1.000\n"
                    + "R-SZZ         6         6      6      1.000   1.000  1.000         1.000      1.000\n"), out);
            }
        }
    }

    @Test
    void aWrongCommandLineOrAnUnwritableFeaturesFileIsOneLineAndNoOutput() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            repo.commit("initial").add("a.c", "int f;\n").create();
            String dir = repo.directory().toString();
            String usage = "hint: usage: eval-suspects [-C <repo>] [--limit=<n>] [--rev=<rev>] [--details]"
                + " [--features=<csv>]\n";
            String notANumber = " is not a number of fixes: give a whole number of 1 or more\n";
            assertRun(2, "rca: error: --limit=abc" + notANumber, "-C", dir, "--limit=abc");
            assertRun(2, "rca: error: --limit=0" + notANumber, "-C", dir, "--limit=0");
            assertRun(2, "rca: error: --limit=-5" + notANumber, "-C", dir, "--limit=-5");
            assertRun(2, "rca: error: unknown argument '--top=3'\n" + usage, "-C", dir, "--top=3");
            assertRun(2, "rca: error: -C needs the repository's directory\n" + usage, "-C");
            Path missing = tmp.resolve("no-such-dir").resolve("f.csv");
            assertRun(3, "rca: error: cannot write --features=" + missing + " (no such directory)\n", "-C", dir,
                "--limit=2", "--features=" + missing);
        }
    }

    /** Asserts that {@link SuspectsEvaluation#run} on {@code args} exits {@code exit}, prints {@code err}, no output. */
    private static void assertRun(int exit, String err, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = SuspectsEvaluation.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertEquals(err, errors.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(exit, code);
    }
}
