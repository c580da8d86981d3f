package dev.rca.bisect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verdict by hand on a commit other than the candidate, against {@code git bisect} on the same history: one that
 * contradicts the bounds (a good commit after the bad one, a bad one before a good one) is refused with nothing
 * written, where git records it and stops ("Maybe you mistook good and bad revs?"); a bad commit off the bad one's
 * history moves the bad one, and a good one beside it brings its merge base to test, as in git.
 */
class BisectVerdictAgainstGitTest {
    private static final Pattern NEXT = Pattern.compile("(?m)^next: ([0-9a-f]{40}) ");
    private static final Pattern FIRST_BAD = Pattern.compile("(?m)^first bad commit: ([0-9a-f]{40}) ");
    private static final Pattern GIT_FIRST_BAD = Pattern.compile("(?m)^([0-9a-f]{40}) is the first bad commit$");
    private static final String HINT = "hint: did you swap good and bad? nothing was recorded; a good commit must be"
        + " in the bad commit's history\n";

    @TempDir
    Path tmp;

    private Path dir;
    /** main: A B C D E F G H; side: S1 S2 S3 from D. */
    private final Map<String, String> c = new HashMap<>();

    @BeforeEach
    void history() {
        dir = tmp.resolve("repo");
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit last = null;
            for (String name : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
                last = repo.commit(name).add("f", name + "\n").create();
                c.put(name, last.name());
            }
            repo.onBranch("side");
            c.put("S1", repo.commit("S1").parent(ObjectId.fromString(c.get("D"))).add("s", "1\n").create().name());
            c.put("S2", repo.commit("S2").add("s", "2\n").create().name());
            c.put("S3", repo.commit("S3").add("s", "3\n").create().name());
            repo.onBranch("main");
            repo.checkout();
        }
    }

    private CliResult rca(String... args) {
        return Cli.run(dir, args);
    }

    private NativeGit.Result git(String... args) {
        return NativeGit.exec(dir, null, args);
    }

    /** Starts both bisections between F (bad) and B (good). */
    private void startBoth() {
        assertEquals(0, rca("bisect-helper", "start", "--bad=" + c.get("F"), "--good=" + c.get("B")).exitCode());
        assertEquals(0, git("bisect", "start", "--no-checkout", c.get("F"), c.get("B")).exitCode());
    }

    private void refusedAsInGit(String verdict, String commit, String rcaError, String gitSays) throws Exception {
        startBoth();
        Path state = dir.resolve(".git/rca/bisect.yaml");
        byte[] before = Files.readAllBytes(state);
        String status = rca("bisect-helper", "status").out();

        CliResult refused = rca("bisect-helper", verdict, c.get(commit));
        assertEquals(3, refused.exitCode(), refused.toString());
        assertEquals("", refused.out());
        assertEquals("rca: error: " + rcaError + "\n" + HINT, refused.err());
        assertArrayEquals(before, Files.readAllBytes(state));
        assertEquals(status, rca("bisect-helper", "status").out());

        NativeGit.Result git = git("bisect", verdict, c.get(commit));
        assertNotEquals(0, git.exitCode());
        assertTrue((git.out() + git.err()).contains(gitSays), git.toString());
    }

    @Test
    void aGoodCommitAfterTheBadOneIsRefusedWithNothingWritten() throws Exception {
        refusedAsInGit("good", "H", "good commit " + c.get("H") + " is not an ancestor of bad commit " + c.get("F"),
            "Maybe you mistook good and bad revs?");
    }

    @Test
    void aBadCommitBeforeAGoodOneIsRefusedWithNothingWritten() throws Exception {
        refusedAsInGit("bad", "A", "good commit " + c.get("B") + " is not an ancestor of bad commit " + c.get("A"),
            "Maybe you mistook good and bad revs?");
    }

    @Test
    void theBadCommitMarkedGoodIsRefusedWithNothingWritten() throws Exception {
        refusedAsInGit("good", "F", "'" + c.get("F") + "' is both good and bad", "was both good and bad");
    }

    @Test
    void aGoodCommitMarkedBadIsRefusedWithNothingWritten() throws Exception {
        refusedAsInGit("bad", "B", "'" + c.get("B") + "' is both good and bad", "was both good and bad");
    }

    @Test
    void aBadCommitAfterTheBadOneMovesItAsInGit() {
        sameBisectionAsGit("bad", "H", "D");
    }

    @Test
    void aBadCommitOnABranchMovesTheBadOneThereAsInGit() {
        sameBisectionAsGit("bad", "S3", "C");
    }

    @Test
    void aGoodCommitBesideTheBadOneHasItsMergeBaseTestedAsInGit() {
        CliResult marked = sameBisectionAsGit("good", "S2", "E");
        assertTrue(marked.out().contains("a merge base must be tested"), marked.out());
        assertEquals(c.get("D"), nextOf(marked));
    }

    /**
     * A state that recorded a contradiction before rca refused one (here a good commit after the bad one) ends
     * without a word about paths it does not have, naming the contradiction, and the same with the bad commit moved
     * before a good one.
     */
    @Test
    void aRecordedContradictionEndsNamingItNotPaths() {
        YamlBisectStore store = new YamlBisectStore(dir.resolve(".git/rca/bisect.yaml"));
        BisectState started = BisectState.start(List.of(c.get("B")), c.get("F"), List.of(), false, Map.of());
        for (BisectStep step : List.of(new BisectStep(c.get("H"), Verdict.GOOD, 1, null),
            new BisectStep(c.get("A"), Verdict.BAD, 1, null))) {
            store.save(started.withStep(step));
            String bad = step.verdict() == Verdict.BAD ? step.commit() : c.get("F");
            CliResult status = rca("bisect-helper", "status");
            assertEquals(1, status.exitCode(), status.toString());
            assertEquals("bad: " + bad + " " + (bad.equals(c.get("A")) ? "A" : "F") + "\ngood: " + c.get("B")
                + " B\nsteps taken: 1 (by hand)\nno testable commit left: the bad commit " + bad.substring(0, 12)
                + " is in the history of a good commit; were good and bad swapped?\n", status.out());
        }
    }

    /**
     * After the verdict, both bisections go on with the same oracle (bad: the culprit is in the commit's history), and
     * every commit they choose, the bad commit they show and the answer must be git's. Returns rca's answer to the
     * verdict.
     */
    private CliResult sameBisectionAsGit(String verdict, String commit, String culprit) {
        startBoth();
        CliResult marked = rca("bisect-helper", verdict, c.get(commit));
        assertEquals(0, marked.exitCode(), marked.toString());
        NativeGit.Result git = git("bisect", verdict, c.get(commit));
        assertEquals(0, git.exitCode(), git.toString());
        CliResult step = marked;
        List<String> tested = new ArrayList<>();
        while (true) {
            assertEquals("\"bad\":\"" + NativeGit.run(dir, "rev-parse", "refs/bisect/bad").trim() + "\"",
                rca("bisect-helper", "status", "--format=json").out().split(",")[0].substring(1));
            Matcher gitEnd = GIT_FIRST_BAD.matcher(git.out());
            if (gitEnd.find()) {
                Matcher rcaEnd = FIRST_BAD.matcher(step.out());
                assertTrue(rcaEnd.find(), step.out());
                assertEquals(gitEnd.group(1), rcaEnd.group(1));
                assertEquals(c.get(culprit), rcaEnd.group(1));
                break;
            }
            String next = nextOf(step);
            assertEquals(NativeGit.run(dir, "rev-parse", "BISECT_HEAD").trim(), next, String.join(" ", tested));
            tested.add(next);
            String says = git("merge-base", "--is-ancestor", c.get(culprit), next).exitCode() == 0 ? "bad" : "good";
            step = rca("bisect-helper", says);
            git = git("bisect", says, next);
            assertTrue(tested.size() < 10, String.join(" ", tested));
        }
        return marked;
    }

    private static String nextOf(CliResult step) {
        Matcher m = NEXT.matcher(step.out());
        assertTrue(m.find(), step.toString());
        return m.group(1);
    }
}
