package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Good commits that are not ancestors of the bad one, against git bisect on the same histories: git tests the
 * merge bases first and stops when one is bad; and a criss-cross merge whose parents both lie behind a good commit
 * is a candidate when it changes the paths.
 */
class BisectBesideGoodTest {
    private static final Pattern LOG_STEP = Pattern.compile("^git bisect (good|bad|skip) ([0-9a-f]{40})$");
    private static final String TEST = "test ! -f bug";

    @TempDir
    Path tmp;

    private Path dir;

    private CliResult rca(String... args) {
        return Cli.run(dir, args);
    }

    /** A - B - C(bug) - D - E on main, S1 - S2 branching at B; with {@code fixed}, B has the bug and S1 removes it. */
    private List<RevCommit> sideBranch(boolean fixed) {
        dir = tmp.resolve("repo");
        List<RevCommit> c = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(dir)) {
            c.add(repo.commit("A").add("f", "a\n").create());
            var b = repo.commit("B").add("f", "b\n");
            c.add((fixed ? b.add("bug", "1\n") : b).create());
            repo.onBranch("side");
            var s1 = repo.commit("S1").parent(c.get(1)).add("s", "1\n");
            c.add((fixed ? s1.delete("bug") : s1).create());
            c.add(repo.commit("S2").add("s", "2\n").create());
            repo.onBranch("main");
            var m = repo.commit("C").parent(c.get(1)).add("f", "c\n");
            c.add((fixed ? m : m.add("bug", "1\n")).create());
            c.add(repo.commit("D").add("f", "d\n").create());
            c.add(repo.commit("E").add("f", "e\n").create());
            repo.checkout();
        }
        return c;
    }

    @Test
    void aGoodCommitBesideTheBadOneHasItsMergeBaseTestedFirstAsInGit() {
        List<RevCommit> c = sideBranch(false);
        String b = c.get(1).name();
        String bad = c.get(6).name();
        String good = c.get(3).name();

        CliResult start = rca("bisect-helper", "start", "--bad=" + bad, "--good=" + good);
        assertEquals("candidates: 3\nsteps: roughly 2\n"
            + "a merge base must be tested: a good commit is not an ancestor of the bad one\n"
            + "next: " + b + " B\n", start.out(), start.toString());
        assertEquals(0, start.exitCode());
        CliResult run = rca("bisect-helper", "run", "--format=json", "--", TEST);
        assertEquals("{\"first_bad\":\"" + c.get(4).name() + "\",\"runs\":3,\"steps\":3,\"confidence\":1.0}\n",
            run.out(), run.toString());
        assertEquals(gitTested(bad, good), rcaTested());
    }

    @Test
    void aBadMergeBaseEndsTheBisectionWithoutACulpritAsInGit() {
        List<RevCommit> c = sideBranch(true);
        String b = c.get(1).name();
        assertEquals(0, rca("bisect-helper", "start", "--bad=" + c.get(6).name(), "--good=" + c.get(3).name())
            .exitCode());
        String bad = c.get(6).name();
        String good = c.get(3).name();
        CliResult run = rca("bisect-helper", "run", "--", TEST);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("the merge base " + b + " B is bad: the bug was fixed between it and " + good + "\n", run.out());
        CliResult status = rca("bisect-helper", "status", "--format=json");
        assertEquals(1, status.exitCode());
        assertEquals("{\"bad\":\"" + b + "\",\"good\":[\"" + good + "\"],\"paths\":[],\"first_parent\":false,"
            + "\"flaky\":false,\"steps\":1,\"runs\":1,\"by_hand\":0,\"next\":null,\"candidates\":0,\"steps_left\":0,"
            + "\"first_bad\":null,\"suspects\":[],\"bad_merge_base\":\"" + b + "\",\"confidence\":null}\n",
            status.out());
        assertEquals(List.of("bad " + b), rcaTested());

        Path clone = gitClone();
        NativeGit.run(clone, "bisect", "start", bad, good);
        NativeGit.Result git = NativeGit.exec(clone, null, "bisect", "run", "sh", "-c", TEST);
        assertEquals(3, git.exitCode());
        assertEquals("The merge base " + b + " is bad.\nThis means the bug has been fixed between " + b + " and ["
            + good + "].\n", git.err().lines().filter(l -> !l.startsWith("error:")).map(l -> l + "\n")
            .reduce("", String::concat));
    }

    /** The post-mortem of a ledger whose bisection ended so states that end as bisect-helper does, and no culprit. */
    @Test
    void aPostmortemStatesABadMergeBaseAsBisectHelperDoes() throws Exception {
        List<RevCommit> c = sideBranch(true);
        BisectEndInPostmortemTest.openWithTheFourInputs(dir, c.get(2).name());
        rca("bisect-helper", "start", "--bad=" + c.get(6).name(), "--good=" + c.get(3).name(), "-t", "PAY-7");
        assertEquals(1, rca("bisect-helper", "run", "--", TEST).exitCode());
        String b = c.get(1).name().substring(0, 12);
        String good = c.get(3).name().substring(0, 12);
        assertEquals("Bisection: 1 step over 3 candidates between good " + good + " and bad "
            + c.get(6).name().substring(0, 12) + ", testing `sh -c 'test ! -f bug'`; it ended with \"the merge base " + b
            + " B is bad: the bug was fixed between it and " + good + "\".", BisectEndInPostmortemTest.bisectionLine(dir));
    }

    @Test
    void goodCommitsBesideTheBadOneNeedTheirFlakyMergeBaseGivenFirst() {
        List<RevCommit> c = sideBranch(false);
        rca("bisect-helper", "start", "--bad=" + c.get(6).name(), "--good=" + c.get(3).name());
        CliResult flaky = rca("bisect-helper", "run", "--flaky", "--", TEST);
        assertEquals(3, flaky.exitCode());
        assertEquals("rca: error: --flaky needs good commits that are ancestors of the bad one; " + c.get(3).name()
            + " is not\nhint: give their merge base as the good commit, once a run without --flaky has tested it\n",
            flaky.err().lines().filter(l -> l.startsWith("rca: error") || l.startsWith("hint"))
                .map(l -> l + "\n").reduce("", String::concat));
        assertEquals("", flaky.out());
    }

    /**
     * Root R; X and Y on it; M1 = merge(X, Y); M2 = merge(Y, X) also changing src; then F outside src, BUG adding
     * src/bug, and E merging M1 in. Between E and a good M1, with the path src, M2 is a candidate: it differs from
     * both its parents, which M1 reaches. Between BUG and a good M1, both merge bases (X and Y) are tested first.
     */
    private List<RevCommit> crissCross() {
        dir = tmp.resolve("repo");
        List<RevCommit> c = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(dir)) {
            c.add(repo.commit("R").add("src/a", "0\n").add("f", "0\n").create());
            c.add(repo.commit("X").add("src/a", "x\n").create());
            c.add(repo.commit("Y").parent(c.get(0)).add("src/b", "y\n").create());
            c.add(repo.commit("M1").parent(c.get(1)).merge(c.get(2)).add("src/b", "y\n").create());
            c.add(repo.commit("M2").parent(c.get(2)).merge(c.get(1)).add("src/a", "x\n").add("src/c", "m2\n")
                .create());
            c.add(repo.commit("F").add("f", "1\n").create());
            c.add(repo.commit("BUG").add("src/bug", "1\n").add("bug", "1\n").create());
            c.add(repo.commit("E").merge(c.get(3)).create());
            repo.checkout();
        }
        return c;
    }

    @Test
    void aCrissCrossMergeBehindAGoodCommitIsACandidateWhenItChangesThePathsAsInGit() {
        List<RevCommit> c = crissCross();
        String bad = c.get(7).name();
        String good = c.get(3).name();
        assertEquals(0, rca("bisect-helper", "start", "--bad=" + bad, "--good=" + good, "--", "src").exitCode());
        assertEquals(c.get(6).name() + "\n" + c.get(4).name() + "\n",
            rca("bisect-helper", "range", "--format=sha").out());
        assertEquals(NativeGit.lines(dir, "rev-list", "--bisect-all", bad, "^" + good, "--", "src").stream()
            .map(l -> l.substring(0, 40)).sorted().toList(),
            rca("bisect-helper", "range", "--format=sha").outLines().stream().sorted().toList());
    }

    @Test
    void bothMergeBasesOfACrissCrossAreTestedNewestFirstAsInGit() {
        List<RevCommit> c = crissCross();
        String bad = c.get(6).name();
        String good = c.get(3).name();
        CliResult start = rca("bisect-helper", "start", "--bad=" + bad, "--good=" + good);
        assertEquals("next: " + c.get(2).name() + " Y", start.outLines().get(3), start.toString());
        CliResult run = rca("bisect-helper", "run", "--format=json", "--", TEST);
        assertEquals("{\"first_bad\":\"" + bad + "\",\"runs\":3,\"steps\":3,\"confidence\":1.0}\n", run.out(),
            run.toString());
        List<String> tested = rcaTested();
        assertEquals(List.of("good " + c.get(2).name(), "good " + c.get(1).name()), tested.subList(0, 2));
        assertEquals(gitTested(bad, good), tested);
    }

    /** The verdicts of rca's bisection in progress, as "good|bad|skip sha". */
    private List<String> rcaTested() {
        List<String> steps = new ArrayList<>();
        for (String line : rca("bisect-helper", "log").outLines()) {
            String[] words = line.split(" ");
            if (words[0].matches("good|bad|skip")) {
                steps.add(words[0] + " " + words[1]);
            }
        }
        return steps;
    }

    /**
     * The verdicts git bisect run gives with the same test, in a clone. git's run stops ("bisect run success") when a
     * verdict leaves another merge base to test; it is run again then, as its user would, where rca's run goes on.
     */
    private List<String> gitTested(String bad, String good) {
        Path clone = gitClone();
        NativeGit.run(clone, "bisect", "start", bad, good);
        for (int runs = 0; runs < 5; runs++) {
            NativeGit.Result run = NativeGit.exec(clone, null, "bisect", "run", "sh", "-c", TEST);
            if (run.out().contains("is the first bad commit")) {
                break;
            }
        }
        List<String> steps = new ArrayList<>();
        for (String line : NativeGit.lines(clone, "bisect", "log")) {
            Matcher m = LOG_STEP.matcher(line);
            if (m.matches()) {
                steps.add(m.group(1) + " " + m.group(2));
            }
        }
        return steps;
    }

    private Path gitClone() {
        Path clone = tmp.resolve("clone");
        NativeGit.run(tmp, "clone", "-q", dir.toString(), clone.toString());
        return clone;
    }
}
