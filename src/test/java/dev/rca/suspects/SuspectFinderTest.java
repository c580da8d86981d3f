package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuspectFinderTest {
    private static final String HELPER = """
        static int helper(struct request *request, unsigned int flags)
        {
        \tint budget = request->budget_in_bytes - request->header_overhead;
        \treturn budget;
        }
        """;

    private static final String CLAMPED = "int scale(int x)\n{\n\tx = clamp(x);\n\treturn x * 2;\n}\n";
    private static final String UNCLAMPED = CLAMPED.replace("\tx = clamp(x);\n", "");

    @TempDir
    Path tmp;

    /** Commits {@link #CLAMPED}, then removes the clamp with {@code message}; returns the removal. */
    private static RevCommit addThenDropTheClamp(TestRepo repo, String message) {
        repo.commit("scale: add").add("a.c", CLAMPED).create();
        return repo.commit(message).add("a.c", UNCLAMPED).create();
    }

    private static SuspectReport suspects(TestRepo repo, String rev, SuspectQuery query) {
        try (GitWorkspace ws = GitWorkspace.open(repo.directory()); SuspectFinder finder = new SuspectFinder(ws)) {
            return finder.find(rev, query, Progress.NONE);
        }
    }

    private static List<String> shas(SuspectReport report) {
        return report.suspects().stream().map(Suspect::sha).toList();
    }

    @Test
    void looksPastFormatOnlyCommits() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            repo.commit("add").add("a.c", "int f(int x)\n{\n\treturn x;\n}\n").create();
            RevCommit bug = repo.commit("bug").add("a.c", "int f(int x)\n{\n\treturn compute(x, 2) + 1;\n}\n").create();
            RevCommit format = repo.commit("reformat")
                .add("a.c", "int f(int x)\n{\n\treturn compute(x,\n\t\t       2) + 1;\n}\n").create();
            repo.commit("fix").add("a.c", "int f(int x)\n{\n\treturn compute(x, 2);\n}\n").create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(List.of(bug.name()), shas(report));
            assertTrue(report.suspects().get(0).reasons().contains("blame looked past whitespace- or format-only "
                + format.name().substring(0, 12)), report.toString());
        }
    }

    @Test
    void aFormatOnlyCommitIsLookedPastForTheLinesOfTheEnclosingFunctionToo() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            String check = "int check(int x)\n{\n\tint y = 0;\n\tif (x < 0) {\n\t\treport(\"value %d is not valid\\n\",\n"
                + "\t\t       x);\n\t\treturn -1;\n\t}\n\ty = x * 3;\n\treturn y;\n}\n";
            repo.commit("init").add("a.c", check).create();
            RevCommit bug = repo.commit("check: scale by four").add("a.c", check.replace("x * 3", "x * 4")).create();
            RevCommit format = repo.commit("mass convert with clang-format")
                .add("a.c", check.replace("x * 3", "x * 4").replace("\",\n\t\t       x);", "\", x);")).create();
            repo.commit("check: scale by three again").add("a.c", check.replace("\",\n\t\t       x);", "\", x);"))
                .create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            // the joined line is blamed past the format-only commit, at its parent, as far back as the changed
            // line's blame went: no suspect of its own, and the offender is the only blamed candidate
            assertEquals(List.of(bug.name()), shas(report), report.toString());
            assertTrue(report.suspects().get(0).reasons().contains("most recent of 1 blamed candidate"),
                report.toString());
            assertFalse(report.toString().contains(format.name().substring(0, 12)), report.toString());
        }
    }

    @Test
    void namesWhoWroteTheLinesABlamedCommitOnlyRewrapped() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            String g = "\nint g(int y)\n{\n\treturn y;\n}\n";
            String f = "int f(int x)\n{\n\tint k = scale(x)%s;\n\treturn %s;\n}\n";
            repo.commit("add").add("a.c", f.formatted("", "compute(k, 2)") + g).create();
            RevCommit bug = repo.commit("f: triple the scale, add one")
                .add("a.c", f.formatted(" * 3", "compute(k, 2) + 1") + g).create();
            // re-wraps one of f's lines and changes what g does: no format-only commit as a whole
            RevCommit rewrap = repo.commit("g: negate; wrap long lines")
                .add("a.c", f.formatted(" * 3", "compute(k,\n\t\t       2) + 1") + g.replace("y;", "-y;")).create();
            repo.commit("f: neither triple nor add one")
                .add("a.c", f.formatted("", "compute(k, 2)") + g.replace("y;", "-y;")).create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            assertEquals(List.of(bug.name(), rewrap.name()), shas(report), report.toString());
            assertEquals(List.of("only re-wrapped 2 of the deleted or modified lines it owns; blame at its parent names "
                + bug.name().substring(0, 12) + " for them"), rewrapReasons(report.suspects().get(1)), report.toString());
            assertEquals(List.of("wrote what " + rewrap.name().substring(0, 12) + " only re-wrapped in 2 of the deleted "
                + "or modified lines"), rewrapReasons(report.suspects().get(0)), report.toString());
        }
    }

    private static List<String> rewrapReasons(Suspect s) {
        return s.reasons().stream().filter(r -> r.contains("re-wrapped")).toList();
    }

    @Test
    void theWriterNamedIsTheOneWhoseLineHeldTheTokensPastAFormatOnlyCommitAndACommentLineIsNotBlamed() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            String g = "\nint g(int y)\n{\n\treturn y;\n}\n";
            String f = "int f(int x)\n{\n\tint k = compute(x,\n\t\t/* twice */\n\t\t%s);\n\treturn k;\n}\n";
            repo.commit("add").add("a.c", f.formatted("2").replace("\t\t/* twice */\n", "") + g).create();
            // a commit of its own wrote the comment: had the comment line been blamed, it would be a third writer
            repo.commit("comment").add("a.c", f.formatted("2") + g).create();
            RevCommit bug = repo.commit("f: add one").add("a.c", f.formatted("2 + 1") + g).create();
            // format-only as a whole (blame, ignoring whitespace within lines, does not see past a split line)
            RevCommit reformat = repo.commit("reformat").add("a.c", f.formatted("2 +\n\t\t1") + g).create();
            // joins the call's lines, its comment too, and changes g
            RevCommit rewrap = repo.commit("g: negate; join the call")
                .add("a.c", "int f(int x)\n{\n\tint k = compute(x, /* twice */ 2 + 1);\n\treturn k;\n}\n"
                    + g.replace("y;", "-y;")).create();
            repo.commit("f: do not add one")
                .add("a.c", "int f(int x)\n{\n\tint k = compute(x, /* twice */ 2);\n\treturn k;\n}\n"
                    + g.replace("y;", "-y;")).create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            Suspect first = report.suspects().get(0);
            assertEquals(rewrap.name(), first.sha(), report.toString());
            // the old code lines holding the fixed line's tokens: "int k = compute(x," (add) and "2 +", "1);" (the
            // reformat's, looked past to the bug); the comment between them is no code: two writers, the newer first
            assertEquals(List.of("only re-wrapped 1 of the deleted or modified lines it owns; blame at its parent names "
                + bug.name().substring(0, 12) + " (and 1 more) for it"), rewrapReasons(first), report.toString());
            assertTrue(report.suspects().stream().noneMatch(s -> s.sha().equals(reformat.name())), report.toString());
        }
    }

    @Test
    void aRenameIsNotLookedThrough() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            String g = "\nint g(int y)\n{\n\treturn y;\n}\n";
            repo.commit("add").add("a.c", "int f(int nd_opt)\n{\n\treturn nd_opt + 2;\n}\n" + g).create();
            RevCommit more = repo.commit("f: add more").add("a.c", "int f(int nd_opt)\n{\n\treturn nd_opt + 3;\n}\n" + g)
                .create();
            RevCommit rename = repo.commit("rename nd_opt to nd_lla_opt; negate g")
                .add("a.c", "int f(int nd_lla_opt)\n{\n\treturn nd_lla_opt + 3;\n}\n" + g.replace("y;", "-y;"))
                .create();
            repo.commit("f: add two again")
                .add("a.c", "int f(int nd_lla_opt)\n{\n\treturn nd_lla_opt + 2;\n}\n" + g.replace("y;", "-y;"))
                .create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            // no re-wrap; the token trace finds the writer of the 3 the fix removes, past the rename
            assertEquals(List.of(rename.name(), more.name()), shas(report), report.toString());
            assertEquals(List.of(), rewrapReasons(report.suspects().get(0)), report.toString());
        }
    }

    @Test
    void theWriterOfTheTokensAFixChangesIsFoundPastACommitThatChangedSomethingElseOnTheLine() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            String g = "\nint g(int y)\n{\n\treturn y;\n}\n";
            String del = "void del(struct e *entry, struct e *end)\n{\n\t%s\n}\n";
            repo.commit("add").add("a.c", del.formatted("noop();") + g).create();
            RevCommit bug = repo.commit("hash: delete by moving the entries down")
                .add("a.c", del.formatted("memmove(entry, entry + 1, (end - entry) * sizeof(struct e));") + g).create();
            RevCommit sized = repo.commit("hash: size entries by the pointer; negate g")
                .add("a.c", del.formatted("memmove(entry, entry + 1, (end - entry) * sizeof(*entry));")
                    + g.replace("y;", "-y;")).create();
            repo.commit("hash: do not move past the last entry")
                .add("a.c", del.formatted("memmove(entry, entry + 1, (end - entry - 1) * sizeof(*entry));")
                    + g.replace("y;", "-y;")).create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            // blame names the commit that last touched the line; the trace ranks the writer of what the fix changes first
            assertEquals(List.of(bug.name(), sized.name()), shas(report), report.toString());
            assertEquals(List.of("wrote the tokens the fix changes in 1 of the deleted or modified lines; "
                + sized.name().substring(0, 12) + " changed it later without bringing them"),
                tokenReasons(report.suspects().get(0)), report.toString());
            assertEquals(List.of("did not bring the tokens the fix changes in 1 of the deleted or modified lines it "
                + "changed; blame at its parent names " + bug.name().substring(0, 12) + " for it"),
                tokenReasons(report.suspects().get(1)), report.toString());
        }
    }

    @Test
    void aCommitThatChangedTheTokensAFixChangesKeepsItsBlame() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            String del = "void del(struct e *entry, struct e *end)\n{\n\t%s\n}\n";
            repo.commit("hash: delete by moving the entries down")
                .add("a.c", del.formatted("memmove(entry, entry + 1, (end - entry) * sizeof(struct e));")).create();
            RevCommit bug = repo.commit("hash: move from two entries on")
                .add("a.c", del.formatted("memmove(entry, entry + 2, (end - entry) * sizeof(struct e));")).create();
            repo.commit("hash: move from the next entry")
                .add("a.c", del.formatted("memmove(entry, entry + 1, (end - entry) * sizeof(struct e));")).create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            assertEquals(bug.name(), report.suspects().get(0).sha(), report.toString());
            assertTrue(report.suspects().stream().allMatch(s -> tokenReasons(s).isEmpty()), report.toString());
        }
    }

    /**
     * A line written correctly, a commit that changes its tokens (and, with {@code alsoNegate}, another function),
     * and a fix that puts the line back: the commit is the one to name, whatever tokens the line repeats elsewhere.
     */
    private static void assertTheCommitThatChangedTheTokensIsNamed(TestRepo repo, String original, String bug,
                                                                   boolean alsoNegate) {
        String g = "\nint g(int y)\n{\n\treturn y;\n}\n";
        String later = alsoNegate ? g.replace("y;", "-y;") : g;
        String del = "void del(struct e *entry, struct e *end, int n)\n{\n\tint i;\n\t%s\n}\n";
        repo.commit("hash: delete by moving the entries down").add("a.c", del.formatted(original) + g).create();
        RevCommit culprit = repo.commit("hash: change the move").add("a.c", del.formatted(bug) + later).create();
        repo.commit("hash: fix the move").add("a.c", del.formatted(original) + later).create();
        SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
        assertNull(report.abstention(), report.toString());
        assertEquals(culprit.name(), report.suspects().get(0).sha(), report.toString());
        assertEquals(List.of(), tokenReasons(report.suspects().get(0)), report.toString());
    }

    @Test
    void anOffByOneRevertNamesTheCommitThatMadeItThoughTheLineHoldsAnotherEqualsSign() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            assertTheCommitThatChangedTheTokensIsNamed(repo, "for (i = 0; i < n; i++) {}", "for (i = 0; i <= n; i++) {}",
                true);
        }
    }

    @Test
    void anOffByOneRevertAloneNamesTheCommitThatMadeIt() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            assertTheCommitThatChangedTheTokensIsNamed(repo, "for (i = 0; i < n; i++) {}", "for (i = 0; i <= n; i++) {}",
                false);
        }
    }

    @Test
    void aChangedDigitIsTracedByItsPlaceNotByAnotherOfTheSame() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            assertTheCommitThatChangedTheTokensIsNamed(repo, "memmove(entry, entry + 1, (end - entry) * 2);",
                "memmove(entry, entry + 2, (end - entry) * 2);", true);
        }
    }

    @Test
    void aFixThatPutsBackWhatACommitDroppedNamesThatCommit() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            assertTheCommitThatChangedTheTokensIsNamed(repo,
                "memmove(entry, entry + 1, (end - entry - 1) * sizeof(struct e));",
                "memmove(entry, entry + 1, (end - entry) * sizeof(struct e));", true);
        }
        try (TestRepo repo = TestRepo.init(tmp.resolve("r2")).tick(86_400)) {
            assertTheCommitThatChangedTheTokensIsNamed(repo, "if (entry <= end) {}", "if (entry < end) {}", true);
        }
    }

    private static List<String> tokenReasons(Suspect s) {
        return s.reasons().stream().filter(r -> r.contains("tokens the fix changes")).toList();
    }

    @Test
    void aHunkThatChangedTheLineKeepsItsBlameAlone() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            String g = "\nint g(int y)\n{\n\treturn y;\n}\n";
            repo.commit("add").add("a.c", "int f(int x)\n{\n\treturn compute(x, 2);\n}\n" + g).create();
            RevCommit bug = repo.commit("f: add one to the computed value; negate g")
                .add("a.c", "int f(int x)\n{\n\treturn compute(x,\n\t\t       2) + 1;\n}\n" + g.replace("y;", "-y;"))
                .create();
            repo.commit("f: do not add one to the computed value")
                .add("a.c", "int f(int x)\n{\n\treturn compute(x, 2);\n}\n" + g.replace("y;", "-y;")).create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            assertEquals(bug.name(), report.suspects().get(0).sha(), report.toString());
            assertTrue(report.suspects().stream().flatMap(s -> s.reasons().stream())
                .noneMatch(r -> r.contains("re-wrapped")), report.toString());
        }
    }

    @Test
    void linesLookPastMetaChangesEachOnItsOwnPath() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            String body = "int f(int x)\n{\n\tint a = %s;\n\tint b = %s;\n\treturn a + b;\n}\n";
            repo.commit("add").add("a.c", body.formatted("x", "x")).create();
            RevCommit first = repo.commit("f: scale a").add("a.c", body.formatted("scale(x, 1)", "x")).create();
            RevCommit second = repo.commit("f: shift b").add("a.c", body.formatted("scale(x, 1)", "shift(x, 1)"))
                .create();
            RevCommit both = repo.commit("f: wrap the calls")
                .add("a.c", body.formatted("scale(x,\n\t\t1)", "shift(x,\n\t\t1)")).create();
            RevCommit one = repo.commit("f: wrap the scaling again")
                .add("a.c", body.formatted("\n\t\tscale(x,\n\t\t1)", "shift(x,\n\t\t1)")).create();
            repo.commit("f: neither scale nor shift").add("a.c", body.formatted("x", "x")).create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            assertEquals(List.of(second.name(), first.name()), shas(report), report.toString());
            String past = "blame looked past whitespace- or format-only ";
            assertEquals(List.of(past + both.name().substring(0, 12)), report.suspects().get(0).reasons().stream()
                .filter(r -> r.startsWith("blame looked past")).toList(), report.toString());
            assertEquals(List.of(past + one.name().substring(0, 12), past + both.name().substring(0, 12)),
                report.suspects().get(1).reasons().stream().filter(r -> r.startsWith("blame looked past")).toList(),
                report.toString());
        }
    }

    @Test
    void followsCodeMovedToAnotherFile() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            repo.commit("add").add("a.c", "int main(void)\n{\n\treturn 0;\n}\n\n" + HELPER).create();
            RevCommit bug = repo.commit("helper: reserve room for the header overhead")
                .add("a.c", "int main(void)\n{\n\treturn 0;\n}\n\n"
                + HELPER.replace("header_overhead;", "header_overhead + 1;")).create();
            String moved = HELPER.replace("header_overhead;", "header_overhead + 1;");
            RevCommit move = repo.commit("split helpers out").add("a.c", "int main(void)\n{\n\treturn 0;\n}\n")
                .add("helpers.c", "#include \"helpers.h\"\n\n" + moved).create();
            repo.commit("helper: count the header overhead once").add("helpers.c", "#include \"helpers.h\"\n\n"
                + HELPER).create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(null, report.abstention(), report.toString());
            assertEquals(bug.name(), report.suspects().get(0).sha(), report.toString());
            assertTrue(report.suspects().get(0).reasons().contains("blame looked past code moved by "
                + move.name().substring(0, 12)), report.toString());
        }
    }

    @Test
    void followsRenamesAndMerges() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit base = repo.commit("add").add("old.c", "int f(void)\n{\n\treturn 1;\n}\n").create();
            RevCommit bug = repo.onBranch("topic").commit("limits: double the limit").parent(base)
                .add("old.c", "int f(void)\n{\n\treturn 2;\n}\n").create();
            repo.onBranch("main").commit("other").add("other.c", "int g;\n").create();
            repo.commit("merge topic").merge(bug).add("old.c", "int f(void)\n{\n\treturn 2;\n}\n").create();
            repo.commit("rename").rename("old.c", "new.c").create();
            repo.commit("limits: restore the single limit").add("new.c", "int f(void)\n{\n\treturn 1;\n}\n").create();
            assertEquals(List.of(bug.name()), shas(suspects(repo, "HEAD", SuspectQuery.defaults())));
        }
    }

    @Test
    void skipsCommentsAndBlankLines() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit bug = repo.commit("f: increment the result").add("a.py", "def f(x):\n    return x + 1\n")
                .create();
            RevCommit comment = repo.commit("comment").add("a.py", "def f(x):\n    # add one\n\n    return x + 1\n")
                .create();
            repo.commit("f: do not increment the result").add("a.py", "def f(x):\n    return x\n").create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            // the comment's commit is a candidate only as the file's newest change, owning no blamed line
            assertEquals(List.of(bug.name(), comment.name()), shas(report));
            assertEquals(0, report.suspects().get(1).blamedLines());
            // the changed line and, as context, the nearest code line above it; not the comment nor the blank
            assertEquals(2, report.blamedLines());
        }
    }

    @Test
    void theCommentsOfAScriptWithoutExtensionAreNotBlamed() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            String script = "#!/bin/sh\n# start the server on the given port\nport=8080\nexec server --port \"$port\"\n";
            repo.commit("init").add("run", script).create();
            RevCommit bug = repo.commit("run: use port 8081").add("run", script.replace("8080", "8081")).create();
            RevCommit comment = repo.commit("run: reword comment")
                .add("run", script.replace("8080", "8081").replace("the given port", "its port")).create();
            repo.commit("run: back to port 8080").add("run", script.replace("the given port", "port 8080")).create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            // as for run.sh: the comment's commit owns no blamed line
            assertEquals(List.of(bug.name(), comment.name()), shas(report), report.toString());
            assertEquals(0, report.suspects().get(1).blamedLines(), report.toString());
            // the changed line, port=8080, is an assignment: git's rule takes it for a function, it names none
            assertTrue(report.suspects().get(0).reasons().stream().noneMatch(r -> r.contains("same function")),
                report.toString());
        }
    }

    @Test
    void addOnlyFixBlamesTheSurroundings() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit author = repo.commit("f: double the value p points to").add("a.c",
                "int f(int *p)\n{\n\tint v = *p;\n\treturn v * 2;\n}\n").create();
            repo.commit("f: no value to double when p is null")
                .add("a.c", "int f(int *p)\n{\n\tif (!p)\n\t\treturn 0;\n\tint v = *p;\n"
                    + "\treturn v * 2;\n}\n").create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(List.of(author.name()), shas(report));
            assertTrue(report.suspects().get(0).reasons().contains("owns 2 lines next to the fix's hunks"),
                report.toString());
        }
    }

    @Test
    void candidatesAfterTheFirstSymptomAreExcluded() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(3600)) {
            repo.commit("add").add("a.c", "int start_value = 1;\n").create();
            RevCommit bug = repo.commit("counter: start at two").add("a.c", "int start_value = 2;\n").create();
            repo.commit("counter: start at one again").add("a.c", "int start_value = 1;\n").create();
            Instant beforeBug = Instant.ofEpochSecond(bug.getCommitTime() - 1);
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, true, beforeBug));
            assertTrue(report.abstained());
            assertEquals("every candidate was committed after the first symptom", report.abstention());
            Instant afterBug = Instant.ofEpochSecond(bug.getCommitTime() + 1);
            SuspectReport kept = suspects(repo, "HEAD", new SuspectQuery(5, true, afterBug));
            assertEquals(List.of(bug.name()), shas(kept));
            assertTrue(kept.suspects().get(0).reasons().contains("committed 0 minutes before the first symptom"),
                kept.toString());
        }
    }

    @Test
    void abbreviatedPointerIsResolved() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit base = repo.commit("add").add("a.c", "int x = 1;\n").create();
            repo.commit("bug").add("a.c", "int x = 2;\n").create();
            repo.commit("fix\n\nRegression since " + base.name().substring(0, 8) + "\n").add("a.c", "int x = 1;\n")
                .create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(base.name(), report.suspects().get(0).sha());
            assertEquals(new Pointer(Pointer.Kind.REGRESSION, base.name().substring(0, 8), base.name(), true, null),
                report.pointers().get(0));
        }
    }

    /** git's rule names the header above any line; a line after the function's closing brace is in none. */
    @Test
    void preprocessorLinesAfterAClosedFunctionAreNotInThatFunction() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            String head = "static inline int is_power_of_2(unsigned long v)\n{\n\treturn v && !(v & (v - 1));\n}\n\n";
            repo.commit("size: add").add("size.h", head + "#define CHECKED 0\n").create();
            RevCommit bug = repo.commit("size: check with the builtins")
                .add("size.h", head + "#if __has_builtin(__builtin_mul_overflow)\n#define CHECKED 1\n#endif\n")
                .create();
            repo.commit("size: fix the build where __has_builtin is unknown")
                .add("size.h", head + "#if defined(__has_builtin)\n#define CHECKED 1\n#endif\n").create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(bug.name(), report.suspects().get(0).sha(), report.toString());
            assertTrue(report.suspects().get(0).reasons().stream().noneMatch(r -> r.contains("the same function")),
                report.suspects().get(0).reasons().toString());
        }
    }

    @Test
    void contextAroundAModifiedLineReachesTheCommitThatWroteTheNeighbour() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            String loop = "int sum(int *values, int count)\n{\n\tint total = 0;\n"
                + "\tfor (int i = 0; i < count; i++)\n\t\ttotal += values[i];\n\treturn total;\n}\n";
            RevCommit author = repo.commit("sum: add").add("a.c", loop).create();
            RevCommit bug = repo.commit("sum: include the trailer in count")
                .add("a.c", loop.replace("\tint total = 0;\n", "\tint total = 0;\n\tcount = count + 1;\n")).create();
            repo.commit("sum: do not read past the values when counting the trailer")
                .add("a.c", loop.replace("\tint total = 0;\n", "\tint total = 0;\n\tcount = count + 1;\n")
                    .replace("i < count;", "i < count - 1;")).create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            // Blame alone names only the author of the loop; the context makes the offender a candidate, and
            // its words, identifiers and place as the file's newest change rank it first.
            assertEquals(List.of(bug.name(), author.name()), shas(report), report.toString());
            assertEquals(List.of("owns 9% of the blamed weight", "owns 1 line next to the fix's hunks",
                "touched the same function: int sum(int *values, int count)",
                "its added lines share identifiers with the fix: count",
                "it shares words with the fix's message: sum, trailer",
                "the newest commit to change the fix's files before it", "most recent of 2 blamed candidates",
                "1 file changed", "24 hours before the fix"), report.suspects().get(0).reasons());
            assertEquals(0.619, report.suspects().get(0).score());
        }
    }

    @Test
    void theNewestChangeToTheFileIsACandidateEvenWhenBlameNeverReachesIt() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            String clamped = "int scale(int x)\n{\n\tx = clamp(x);\n\treturn x * 2;\n}\n";
            RevCommit author = repo.commit("scale: add").add("a.c", clamped).create();
            repo.commit("docs: readme").add("README", "scale\n").create();
            // the offender only deletes a line: no line blame is asked about is its own
            RevCommit offender = repo.commit("scale: drop the clamp, callers clamp already")
                .add("a.c", clamped.replace("\tx = clamp(x);\n", "")).create();
            repo.commit("scale: clamp again").add("a.c", clamped).create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            // blame reaches only the author; the offender is a candidate as the file's newest change, ranked
            // below what blame found, since owning no blamed line is weak evidence on its own
            assertEquals(List.of(author.name(), offender.name()), shas(report), report.toString());
            Suspect second = report.suspects().get(1);
            assertEquals(0, second.blamedLines());
            assertEquals(List.of("owns none of the blamed lines", "it shares words with the fix's message: clamp, scale",
                "the newest commit to change the fix's files before it", "1 file changed", "24 hours before the fix"),
                second.reasons());
            assertTrue(report.suspects().get(0).reasons().contains("the 2nd newest commit to change the fix's files "
                + "before it"), report.toString());
        }
    }

    @Test
    void aCommitAnEarlierFixToTheFileNamesIsACandidateEvenWhenBlameNeverReachesIt() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            RevCommit offender = addThenDropTheClamp(repo, "scale: drop the clamp, callers clamp already");
            String tail = UNCLAMPED;
            for (int i = 0; i < RecentChanges.COUNT; i++) {
                tail += "int table_" + i + " = " + i + ";\n";
                String fixes = "\n\nFixes: " + offender.name().substring(0, 12)
                    + " (\"scale: drop the clamp, callers clamp already\")\n";
                repo.commit(i < 2 ? "scale: clamp in table reader " + i + fixes : "table: entry " + i)
                    .add("a.c", tail).create();
            }
            repo.commit("scale: clamp again").add("a.c", tail.replace("{\n", "{\n\tx = clamp(x);\n")
                .replace("return x * 2;", "return 2 * x;")).create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(10, false, null));
            // too old to be among the file's newest changes and owning no blamed line, it is found only because
            // two earlier fixes to the same file say it broke something
            Suspect found = report.suspects().stream().filter(x -> x.sha().equals(offender.name())).findFirst()
                .orElseThrow(() -> new AssertionError(report.toString()));
            assertEquals(0, found.blamedLines());
            assertTrue(found.reasons().contains("named by 'Fixes:' in 2 earlier fixes to the fix's files"),
                found.toString());
        }
    }

    @Test
    void earlierFixesAreReadInAnyLetterCaseAndEncoding() {
        // the walk reads a message only when its bytes hold "fixes:", in any letter case, in its encoding
        for (String encoding : List.of("UTF-8", "ISO-8859-1")) {
            try (TestRepo repo = TestRepo.init(tmp.resolve("e-" + encoding)).tick(86_400)) {
                RevCommit offender = addThenDropTheClamp(repo, "scale: drop the clamp, callers clamp already");
                String tail = UNCLAMPED;
                for (int i = 0; i < RecentChanges.COUNT; i++) {
                    tail += "int table_" + i + " = " + i + ";\n";
                    String fixes = "\n\n" + (i == 0 ? "FIXES: " : "fixes: ") + offender.name().substring(0, 12)
                        + " (\"scale: drop the clamp, callers clamp already\")\n";
                    repo.commit(i < 2 ? "scale: clamp in table reader caf\u00e9 " + i + fixes : "table: entry " + i)
                        .encoding(encoding).add("a.c", tail).create();
                }
                repo.commit("scale: clamp again").add("a.c", tail.replace("{\n", "{\n\tx = clamp(x);\n")
                    .replace("return x * 2;", "return 2 * x;")).create();
                SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(10, false, null));
                Suspect found = report.suspects().stream().filter(x -> x.sha().equals(offender.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(encoding + ": " + report));
                assertTrue(found.reasons().contains("named by 'Fixes:' in 2 earlier fixes to the fix's files"),
                    encoding + ": " + found);
            }
        }
    }

    @Test
    void withAFirstSymptomTheNewestChangesAreThoseBeforeIt() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            String clamped = CLAMPED;
            RevCommit offender = addThenDropTheClamp(repo, "scale: drop the clamp");
            RevCommit later = repo.commit("scale: name the factor").add("a.c", clamped.replace("\tx = clamp(x);\n", "")
                .replace("int scale", "static const int factor = 2;\nint scale")).create();
            repo.commit("scale: clamp again").add("a.c", clamped.replace("int scale",
                "static const int factor = 2;\nint scale")).create();
            Instant symptom = Instant.ofEpochSecond(later.getCommitTime() - 1);
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, true, symptom));
            assertFalse(shas(report).contains(later.name()), report.toString());
            Suspect found = report.suspects().stream().filter(x -> x.sha().equals(offender.name())).findFirst()
                .orElseThrow(() -> new AssertionError(report.toString()));
            assertTrue(found.reasons().contains("the newest commit to change the fix's files before the first symptom"),
                found.toString());
            // the process keeps the walk's answer per question: without the symptom the later change is back,
            // and the same question again answers as the first time
            SuspectReport unbounded = suspects(repo, "HEAD", new SuspectQuery(5, true, null));
            assertTrue(shas(unbounded).contains(later.name()), unbounded.toString());
            assertEquals(report, suspects(repo, "HEAD", new SuspectQuery(5, true, symptom)));
        }
    }

    @Test
    void aCandidateThatAlsoMovedASubmoduleIsRanked() throws Exception {
        // RCA-3: a submodule's commits are not in the repository; reading them as text ended the whole query
        String limited = "int one(void) { return 1; }\nint limit(int x) { return x > 10; }\n";
        try (TestRepo repo = TestRepo.init(tmp.resolve("sub")).tick(3600)) {
            // lib/sub sorts before src/a.c, so that the whitespace-only check meets the submodule first
            repo.commit("init").add("src/a.c", limited)
                .addSubmodule("lib/sub", ObjectId.fromString("1111111111111111111111111111111111111111")).create();
            RevCommit moved = repo.commit("tighten the limit, move the submodule")
                .add("src/a.c", limited.replace("x > 10", "x > 99"))
                .addSubmodule("lib/sub", ObjectId.fromString("2222222222222222222222222222222222222222")).create();
            repo.commit("fix the limit").add("src/a.c", limited).create();
            for (String when : List.of("before rca index", "after")) {
                SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
                assertEquals(moved.name(), report.suspects().get(0).sha(), when + ": " + report);
                assertEquals(0, dev.rca.testing.Cli.run(repo.directory(), "index").exitCode());
                ClassifiedCommits.SHARED.forget();
            }
        }
    }

    @Test
    void aCandidateWhoseFilesTheCloneLacksStopsTheRankingWithItsName() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            String clamped = "int scale(int x)\n{\n\tx = clamp(x);\n\treturn x * 2;\n}\n";
            repo.commit("scale: add").add("a.c", clamped).create();
            RevCommit recent = repo.commit("scale: drop the clamp").add("a.c", clamped.replace("\tx = clamp(x);\n", ""))
                .add("b.c", "int only_here = 1;\n").create();
            repo.commit("scale: clamp again").add("a.c", clamped).create();
            // a partial clone: the blob only the recent change wrote is gone; blame of a.c never needs it
            ObjectId lost = repo.repository().resolve("HEAD^:b.c");
            Path loose = repo.repository().getDirectory().toPath().resolve("objects")
                .resolve(lost.name().substring(0, 2)).resolve(lost.name().substring(2));
            Files.delete(loose);
            // a candidate read in part could rank where the whole would not: no answer, and what to fetch
            dev.rca.RcaException e = org.junit.jupiter.api.Assertions.assertThrows(dev.rca.RcaException.class,
                () -> suspects(repo, "HEAD", SuspectQuery.defaults()));
            assertEquals("cannot rank the fix's candidates: the repository lacks object " + lost.name().substring(0, 12)
                + " (a file changed by " + recent.name().substring(0, 12) + ")", e.getMessage());
        }
    }

    @Test
    void twoHalfOwnersOfTheChangedLinesMakeNoCredibleSuspect() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            repo.commit("budget: compute the limit from the quota")
                .add("a.c", "int limit = compute_budget(quota_bytes);\n").create();
            RevCommit newer = repo.commit("spare: bump to four").add("a.c", "int limit = compute_budget(quota_bytes);\n"
                + "int spare = 4;\n").create();
            repo.commit("budget: keep the limit within the quota")
                .add("a.c", "int limit = compute_budget(quota_bytes) + 1;\nint spare = 5;\n").create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            // Each owns one changed line; the older shares the fix's identifiers and words, the newer is the
            // newest change to the file. Neither is likely: the best scores just under the bar, shown cut, not
            // rounded up to it.
            assertEquals(List.of(), shas(report), report.toString());
            assertEquals("no credible suspect: the best candidate " + newer.name().substring(0, 12)
                + " scores 0.34, below 0.35", report.abstention());
        }
    }

    @Test
    void withoutTrailersTheMessageGivesNoWordsFromPointers() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(86_400)) {
            repo.commit("add").add("a.c", "int tokens_seen = 0;\n").create();
            RevCommit bug = repo.commit("parser: handle quoted tokens").add("a.c", "int tokens_seen = 1;\n").create();
            repo.commit("lexer: reset the state\n\nSince " + bug.name().substring(0, 12) + " (\"parser: handle\n"
                + "quoted tokens\") the state leaked.\n\nFixes: " + bug.name().substring(0, 12)
                + " (\"parser: handle quoted tokens\")\n").add("a.c", "int tokens_seen = 0;\n").create();
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, false, null));
            assertEquals(List.of(bug.name()), shas(report), report.toString());
            assertTrue(report.suspects().get(0).reasons().stream().noneMatch(r -> r.startsWith("it shares words")),
                report.toString());
        }
    }
}
