package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.DaemonClient;
import dev.rca.testing.NativeGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rca bisect-helper run against git bisect run on the same generated histories with merges: the
 * same first bad commit, the same commits tested in the same order, hence no more runs. The last rows run rca
 * through the daemon and rca-client, as the launcher does.
 */
class BisectDifferentialTest {
    private static final Pattern LOG_STEP = Pattern.compile("^git bisect (good|bad|skip) ([0-9a-f]{40})$");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} commits, seed {1}, skips {2}, first-parent {3}, paths {4}, daemon {5}")
    @CsvSource({
        "300, 1, 0.0, false, '', ''",
        "300, 2, 0.0, false, '', ''",
        "600, 3, 0.0, false, '', ''",
        "4000, 4, 0.0, false, '', ''",
        "3000, 12, 0.05, false, '', ''",
        "400, 5, 0.15, false, '', ''",
        "400, 6, 0.3, false, '', ''",
        "400, 7, 0.0, true, '', ''",
        "400, 8, 0.1, true, '', ''",
        "500, 9, 0.0, false, 'bug f1 f2', ''",
        "500, 10, 0.1, false, 'bug f3', ''",
        "500, 11, 0.0, true, 'bug f4 f5', ''",
        "400, 6, 0.3, false, '', daemon",
        "500, 10, 0.1, false, 'bug f3', daemon",
        "500, 11, 0.0, true, 'bug f4 f5', daemon",
    })
    void sameCulpritSameStepsAsGit(int commits, long seed, double skipRate, boolean firstParent, String paths,
                                   String daemon) throws Exception {
        try (DaemonClient client = "daemon".equals(daemon) ? DaemonClient.start(tmp) : null) {
            compare(commits, seed, skipRate, firstParent, paths, args -> client == null ? Cli.run(tmp.resolve("repo"), args)
                : client.run(tmp.resolve("repo"), Map.of(), args).cli());
        }
    }

    /** One rca command line in the repository, in-process or through the daemon. */
    private interface Rca {
        CliResult run(String... args) throws Exception;
    }

    private void compare(int commits, long seed, double skipRate, boolean firstParent, String paths, Rca rca)
        throws Exception {
        Path repo = tmp.resolve("repo");
        GeneratedHistory h = new GeneratedHistory(repo, commits, seed, skipRate, (seed * 0.37) % 1.0);
        List<String> pathList = paths.isEmpty() ? List.of() : List.of(paths.split(" "));
        String bad = h.shas.get(h.bad);
        String good = h.shas.get(h.good);
        boolean skips = skipRate > 0;

        Path rcaCount = tmp.resolve("rca-count");
        List<String> start = new ArrayList<>(List.of("bisect-helper", "start", "--bad=" + bad, "--good=" + good));
        if (firstParent) {
            start.add("--first-parent");
        }
        if (!pathList.isEmpty()) {
            start.add("--");
            start.addAll(pathList);
        }
        CliResult started = rca.run(start.toArray(String[]::new));
        assertEquals(0, started.exitCode(), started.toString());
        CliResult run = rca.run("bisect-helper", "run", "--format=json", "--",
            GeneratedHistory.testScript(rcaCount, skips));
        List<String> rcaTested = Files.exists(rcaCount) ? Files.readAllLines(rcaCount) : List.of();

        Path gitCount = tmp.resolve("git-count");
        List<String> gitStart = new ArrayList<>(List.of("bisect", "start"));
        if (firstParent) {
            gitStart.add("--first-parent");
        }
        gitStart.add(bad);
        gitStart.add(good);
        if (!pathList.isEmpty()) {
            gitStart.add("--");
            gitStart.addAll(pathList);
        }
        NativeGit.run(repo, gitStart.toArray(String[]::new));
        NativeGit.Result gitRun = NativeGit.exec(repo, null, "bisect", "run", "sh", "-c",
            GeneratedHistory.testScript(gitCount, skips).replace("$RCA_COMMIT", "$(git rev-parse HEAD)"));
        List<String> gitTested = new ArrayList<>();
        for (String line : NativeGit.lines(repo, "bisect", "log")) {
            Matcher m = LOG_STEP.matcher(line);
            if (m.matches()) {
                gitTested.add(m.group(2));
            }
        }
        String gitLog = NativeGit.run(repo, "bisect", "log");
        List<String> gitRuns = Files.exists(gitCount) ? Files.readAllLines(gitCount) : List.of();
        NativeGit.run(repo, "bisect", "reset");

        if (rcaTested.isEmpty() && gitTested.equals(List.of(bad))) {
            // git bisect start already named the first bad commit; git bisect run still tests it once
            gitTested = List.of();
            gitRuns = List.of();
        }
        assertEquals(gitTested, rcaTested, "commits tested, in order\n" + run + "\n" + gitRun.out());
        assertEquals(gitRuns.size(), rcaTested.size(), "test runs");
        assertTrue(gitTested.size() >= 3, "git tested too few commits: " + gitTested);
        if (skipRate >= 0.15) {
            assertTrue(gitLog.contains("git bisect skip"), "the test skipped nothing:\n" + gitLog);
        }
        Matcher first = Pattern.compile("([0-9a-f]{40}) is the first bad commit").matcher(gitRun.out());
        if (first.find()) {
            assertEquals("{\"first_bad\":\"" + first.group(1) + "\",\"runs\":" + rcaTested.size() + ",\"steps\":"
                + rcaTested.size() + ",\"confidence\":1.0}\n", run.out(), run.toString());
            assertEquals(0, run.exitCode());
            if (!firstParent && pathList.isEmpty()) {
                assertEquals(h.shas.get(h.culprit), first.group(1));
            }
        } else {
            assertTrue(gitRun.out().contains("There are only 'skip'ped commits left to test"), gitRun.out());
            assertEquals(1, run.exitCode(), run.toString());
            for (String line : gitRun.out().split("\n")) {
                if (line.matches("[0-9a-f]{40}")) {
                    assertTrue(run.out().contains(line), line + " missing from " + run.out());
                }
            }
        }

        // a second session: through the daemon it reads the commits the first one parsed, and must walk the same
        Files.deleteIfExists(rcaCount);
        assertEquals(0, rca.run("bisect-helper", "reset").exitCode());
        assertEquals(0, rca.run(start.toArray(String[]::new)).exitCode());
        CliResult again = rca.run("bisect-helper", "run", "--format=json", "--",
            GeneratedHistory.testScript(rcaCount, skips));
        assertEquals(rcaTested, Files.exists(rcaCount) ? Files.readAllLines(rcaCount) : List.of(),
            "commits tested in a second session");
        assertEquals(run.out(), again.out());
    }
}
