package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.Progress;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

    @TempDir
    Path tmp;

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
    void followsCodeMovedToAnotherFile() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            repo.commit("add").add("a.c", "int main(void)\n{\n\treturn 0;\n}\n\n" + HELPER).create();
            RevCommit bug = repo.commit("bug").add("a.c", "int main(void)\n{\n\treturn 0;\n}\n\n"
                + HELPER.replace("header_overhead;", "header_overhead + 1;")).create();
            String moved = HELPER.replace("header_overhead;", "header_overhead + 1;");
            RevCommit move = repo.commit("split helpers out").add("a.c", "int main(void)\n{\n\treturn 0;\n}\n")
                .add("helpers.c", "#include \"helpers.h\"\n\n" + moved).create();
            repo.commit("fix").add("helpers.c", "#include \"helpers.h\"\n\n" + HELPER).create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(bug.name(), report.suspects().get(0).sha(), report.toString());
            assertTrue(report.suspects().get(0).reasons().contains("blame looked past code moved by "
                + move.name().substring(0, 12)), report.toString());
        }
    }

    @Test
    void followsRenamesAndMerges() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit base = repo.commit("add").add("old.c", "int f(void)\n{\n\treturn 1;\n}\n").create();
            RevCommit bug = repo.onBranch("topic").commit("bug").parent(base)
                .add("old.c", "int f(void)\n{\n\treturn 2;\n}\n").create();
            repo.onBranch("main").commit("other").add("other.c", "int g;\n").create();
            repo.commit("merge topic").merge(bug).add("old.c", "int f(void)\n{\n\treturn 2;\n}\n").create();
            repo.commit("rename").rename("old.c", "new.c").create();
            repo.commit("fix").add("new.c", "int f(void)\n{\n\treturn 1;\n}\n").create();
            assertEquals(List.of(bug.name()), shas(suspects(repo, "HEAD", SuspectQuery.defaults())));
        }
    }

    @Test
    void skipsCommentsAndBlankLines() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit bug = repo.commit("bug").add("a.py", "def f(x):\n    return x + 1\n").create();
            repo.commit("comment").add("a.py", "def f(x):\n    # add one\n\n    return x + 1\n").create();
            repo.commit("fix").add("a.py", "def f(x):\n    return x\n").create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(List.of(bug.name()), shas(report));
            assertEquals(1, report.blamedLines());
        }
    }

    @Test
    void addOnlyFixBlamesTheSurroundings() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
            RevCommit author = repo.commit("add").add("a.c",
                "int f(int *p)\n{\n\tint v = *p;\n\treturn v * 2;\n}\n").create();
            repo.commit("fix").add("a.c", "int f(int *p)\n{\n\tif (!p)\n\t\treturn 0;\n\tint v = *p;\n"
                + "\treturn v * 2;\n}\n").create();
            SuspectReport report = suspects(repo, "HEAD", SuspectQuery.defaults());
            assertEquals(List.of(author.name()), shas(report));
            assertTrue(report.suspects().get(0).reasons().contains("owns 2 lines next to an insertion"),
                report.toString());
        }
    }

    @Test
    void candidatesAfterTheFirstSymptomAreExcluded() {
        try (TestRepo repo = TestRepo.init(tmp.resolve("r")).tick(3600)) {
            repo.commit("add").add("a.c", "int x = 1;\n").create();
            RevCommit bug = repo.commit("bug").add("a.c", "int x = 2;\n").create();
            repo.commit("fix").add("a.c", "int x = 1;\n").create();
            Instant beforeBug = Instant.ofEpochSecond(bug.getCommitTime() - 1);
            SuspectReport report = suspects(repo, "HEAD", new SuspectQuery(5, true, beforeBug));
            assertTrue(report.abstained());
            assertEquals("every candidate was committed after the first symptom", report.abstention());
            Instant afterBug = Instant.ofEpochSecond(bug.getCommitTime() + 1);
            SuspectReport kept = suspects(repo, "HEAD", new SuspectQuery(5, true, afterBug));
            assertEquals(List.of(bug.name()), shas(kept));
            assertTrue(kept.suspects().get(0).reasons().contains("0 minutes before the first symptom"),
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
}
