package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.ExitCode;
import dev.rca.git.GitWorkspace;
import dev.rca.suspects.SuspectFinder;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import dev.rca.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuspectsCommandTest {
    private static final String ORIGINAL = """
        int parse(int x)
        {
        \tint y = x * 2;
        \t/* scale it */
        \treturn y;
        }

        int other(int z)
        {
        \treturn z + 1;
        }
        """;
    private static final String BUGGY = ORIGINAL.replace("x * 2;", "x * 2 + 1;");

    @TempDir
    Path tmp;

    private TestRepo repo;
    private RevCommit base;
    private RevCommit bug;

    @BeforeEach
    void history() {
        repo = TestRepo.init(tmp.resolve("r")).tick(86_400);
        base = repo.commit("net: add parser").add("net.c", ORIGINAL).create();
        bug = repo.commit("net: offset the result").by("Bob Bug", "bob@example.com").add("net.c", BUGGY).create();
        repo.commit("docs: readme").add("README", "hello\n").create();
    }

    /** Why the planted bug is suspected when the fix reverts it. */
    private static final String BUG_REASONS = "owns 1 deleted or modified line (100% of the blamed weight); touched "
        + "the same function: int parse(int x); it shares words with the fix's message: net, offset; the newest commit "
        + "to change the fix's files before it; most recent of 1 blamed candidate; 1 file changed; 2 days before the fix";
    private static final String HEADER = "RANK  SCORE  COMMIT        DATE        SUBJECT\n";

    /** One suspect of the table: its row, then its reasons. */
    private static String row(int rank, String score, RevCommit c, String date, String subject, String reasons) {
        return rank + "     " + score + "  " + c.name().substring(0, 12) + "  " + date + "  " + subject + "\n      "
            + reasons + "\n";
    }

    /** Asserts that {@code rca suspects HEAD} in {@code repository} prints the table of {@code rows}. */
    private static void assertTableAtHead(TestRepo repository, String rows) {
        CliResult r = Cli.run(repository.directory(), "suspects", "HEAD");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(HEADER + rows, r.out());
    }

    private RevCommit fix(String message) {
        return repo.commit(message).add("net.c", ORIGINAL).create();
    }

    /**
     * A repository of three commits on main written by git fast-import: a base, "bug" (adds " + 1") and "fix"
     * (removes it), the bug's and the fix's identity lines given (the committer's without its zone, +0000).
     */
    private Path bugAndFix(String name, String bugIdentity, String fixIdentity) {
        Path dir = tmp.resolve(name);
        TestRepo.init(dir).close();
        String stream = "commit refs/heads/main\nmark :1\ncommitter A <a@example.com> 1577836800 +0000\ndata 4\nbase"
            + "\nM 100644 inline a.c\ndata 24\nint f(int x) {\nreturn x;\n\ncommit refs/heads/main\nmark :2\n"
            + bugIdentity + " +0000\ndata 3\nbug\nfrom :1\nM 100644 inline a.c\ndata 28\n"
            + "int f(int x) {\nreturn x + 1;\n\ncommit refs/heads/main\nmark :3\n"
            + fixIdentity + " +0000\ndata 3\nfix\nfrom :2\nM 100644 inline a.c\ndata 24\nint f(int x) {\nreturn x;\n\n";
        NativeGit.runWithInput(dir, stream.getBytes(java.nio.charset.StandardCharsets.UTF_8), "fast-import", "--quiet");
        return dir;
    }

    @Test
    void theDateShownIsTheAuthorDateAsInLog() {
        // authored late on 5 January in Tokyo, committed (rebased) a year later: the table shows what git log shows
        Path dir = bugAndFix("dates", "author B <b@example.com> 1578236400 +0900\ncommitter A <a@example.com> 1609459200",
            "committer A <a@example.com> 1609545600");
        String bugSha = NativeGit.run(dir, "rev-parse", "main~1").trim();
        String authorDay = NativeGit.run(dir, "log", "-1", "--format=%ad", "--date=short", bugSha).trim();
        assertEquals("2020-01-06", authorDay, "Tokyo's date, a day after UTC's and a year before the commit date");
        CliResult r = Cli.run(dir, "suspects", "main", "--top=1");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().lines().toList().get(1).startsWith("1     ") && r.out().contains(bugSha.substring(0, 12)
            + "  " + authorDay + "  bug\n"), r.out());
        assertTrue(Cli.run(dir, "log", "-1", bugSha).out().contains("  " + authorDay + "  "));
        // and so does the reason's span: from 2020-01-05T15:00Z to the fix's 2021-01-02, not from the commit date
        assertTrue(r.out().endsWith("; 362 days before the fix\n"), r.out());
        assertTrue(Cli.run(dir, "suspects", "main", "--format=json").out().contains("\"date\":\"2020-01-05T15:00:00Z\""));
    }

    @Test
    void aCandidateAuthoredAfterARebasedFixSaysSo() {
        // the fix was written on 20 February, before the bug of 1 March, and rebased onto it on 5 March
        Path dir = bugAndFix("rebased", "committer B <b@example.com> 1583020800",
            "author C <c@example.com> 1582156800 +0000\ncommitter A <a@example.com> 1583366400");
        CliResult r = Cli.run(dir, "suspects", "main", "--top=1");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().endsWith("; authored 10 days after the fix (which was rebased or cherry-picked onto it)\n"),
            r.out());
    }

    @Test
    void aSuspectThatOnlyRewrappedTheLinesNamesWhoWroteThem() {
        // "calc: add one" wrote the stray offset; a later commit re-wrapped that line while changing other code, so
        // blame stops there; its reasons name the commit before it
        TestRepo calc = TestRepo.init(tmp.resolve("calc")).tick(86_400);
        String other = "\nint other(int z)\n{\n\treturn z + 1;\n}\n";
        calc.commit("calc: add").add("calc.c", "int calc(int x)\n{\n\treturn scale(x, 2);\n}\n" + other).create();
        RevCommit offset = calc.commit("calc: add one").add("calc.c", "int calc(int x)\n{\n\treturn scale(x, 2) + 1;\n}\n"
            + other).create();
        RevCommit wrap = calc.commit("calc: cap other(); wrap long lines").add("calc.c",
            "int calc(int x)\n{\n\treturn scale(x,\n\t\t     2) + 1;\n}\n" + other.replace("z + 1", "z + 2")).create();
        calc.commit("calc: do not add one").add("calc.c", "int calc(int x)\n{\n\treturn scale(x, 2);\n}\n"
            + other.replace("z + 1", "z + 2")).create();
        assertTableAtHead(calc, row(1, "0.777", wrap, "2026-01-04", "calc: cap other(); wrap long lines",
            "owns 2 deleted or modified lines (100% of the blamed weight); touched the same function: int calc(int x); "
            + "its added lines share identifiers with the fix: scale; it shares words with the fix's message: calc; the newest commit to change the fix's files before it; most "
            + "recent of 1 blamed candidate; 1 file changed; 24 hours before the fix; only re-wrapped 2 of the deleted or "
            + "modified lines it owns; blame at its parent names " + offset.name().substring(0, 12) + " for them")
            + row(2, "0.409", offset, "2026-01-03", "calc: add one", "owns none of the blamed lines; its added lines "
            + "share identifiers with the fix: scale; it shares words with the fix's message: calc; the 2nd newest "
            + "commit to change the fix's files before it; 1 file changed; 2 days before the fix; wrote what "
            + wrap.name().substring(0, 12) + " only re-wrapped in 2 of the deleted or modified lines"));
    }

    @Test
    void plantedBugIsTheOnlySuspect() {
        RevCommit fix = fix("net: drop the stray offset");
        CliResult r = Cli.run(repo.directory(), "suspects", fix.name(), "--format=sha");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(bug.name() + "\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void withATicketAPointerAfterTheFirstSymptomIsNotTrustedAndAnUnreadableSymptomTimeIsSaid() throws Exception {
        String written = bug.name().substring(0, 12);
        RevCommit fix = fix("net: drop the stray offset\n\nFixes: " + written + " (\"net: offset the result\")\n");
        repo.checkout();
        Path dir = repo.directory();
        assertEquals(0, Cli.run(dir, "open", "NET-9", "--title=Parser off by one").exitCode());
        assertEquals(0, Cli.run(dir, "symptom", "parse(2) returns 5", "--at=2026-01-02T00:00:00Z").exitCode());
        CliResult early = Cli.run(dir, "suspects", fix.name(), "-t", "NET-9", "--format=json");
        assertEquals(ExitCode.NEGATIVE, early.exitCode(), early.toString());
        assertEquals("", early.out());
        String late = "committed " + java.time.Instant.ofEpochSecond(bug.getCommitTime())
            + ", after the first symptom (2026-01-02T00:00:00Z)";
        assertEquals("rca: warning: not trusted: 'Fixes: " + written + "': " + late + "\n"
            + "rca: no suspect: every candidate was committed after the first symptom\n", early.err());
        // the ledger and the trailer disagree; without the ledger the trailer is trusted
        CliResult json = Cli.run(dir, "suspects", fix.name(), "--format=json");
        assertTrue(json.out().contains("\"trusted\":true,\"note\":null"), json.toString());

        Path ledger = dir.resolve("docs/postmortems/NET-9.yaml");
        Files.writeString(ledger, Files.readString(ledger).replace("2026-01-02T00:00:00Z", "soon"));
        CliResult soon = Cli.run(dir, "suspects", fix.name(), "-t", "NET-9", "--format=sha");
        assertEquals(ExitCode.OK, soon.exitCode(), soon.toString());
        assertEquals(bug.name() + "\n", soon.out());
        assertEquals("rca: warning: symptom S1 is at 'soon', which is not a time rca can read: it is not taken for the"
            + " first symptom\nrecorded as E1 in docs/postmortems/NET-9.yaml\n", soon.err());
    }

    @Test
    void withATicketTheRankingIsRecordedAndNothingAfterTheFirstSymptomIsSuspected() throws Exception {
        RevCommit fix = fix("net: drop the stray offset");
        repo.checkout();
        Path dir = repo.directory();
        assertEquals(0, Cli.run(dir, "open", "NET-9", "--title=Parser off by one").exitCode());
        // the symptom was seen a day before the buggy commit: it cannot be the cause
        assertEquals(0, Cli.run(dir, "symptom", "parse(2) returns 5", "--at=2026-01-02T00:00:00Z").exitCode());
        CliResult early = Cli.run(dir, "suspects", fix.name(), "-t", "NET-9");
        assertEquals(ExitCode.NEGATIVE, early.exitCode(), early.toString());
        assertEquals("", early.out());

        Path ledger = dir.resolve("docs/postmortems/NET-9.yaml");
        Files.writeString(ledger, Files.readString(ledger).replace("2026-01-02T00:00:00Z", "2026-01-05T00:00:00Z"));
        // from a subdirectory, through -C: the command is recorded as it runs from the top, and when
        Files.createDirectories(dir.resolve("src"));
        CliResult r = Cli.runAt(ZonedDateTime.parse("2026-11-20T09:40:00.5+01:00"), dir, "-C", "src", "suspects",
            fix.name(), "-t", "NET-9", "--format=sha");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(bug.name() + "\n", r.out());
        assertEquals("recorded as E1 in docs/postmortems/NET-9.yaml\n", r.err());
        String text = Files.readString(ledger);
        assertTrue(text.contains("""
              - id: E1
                kind: suspects
                command: rca suspects %s -t NET-9 --format=sha
                at: "2026-11-20T08:40:00Z"
                fix: %s
                commits: [%s]
                note: "ranked %s first, score 0.736"
                suspects:
                  - commit: %s
                    score: 0.736
            """.formatted(fix.name(), fix.name(), bug.name(), bug.name().substring(0, 12), bug.name())), text);
        assertEquals(0, Cli.run(dir, "check").exitCode());
    }

    @Test
    void tableGivesScoreAndReasons() {
        fix("net: drop the stray offset");
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(HEADER + row(1, "0.736", bug, "2026-01-03", "net: offset the result", BUG_REASONS), r.out());
    }

    @Test
    void jsonListsSuspectsAndPointers() {
        fix("net: drop the stray offset\n\nFixes: 0123456789ab (\"nothing\")\n");
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD", "--format=json");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("{\"fix\":\"" + repo.tip("main").name() + "\",\"subject\":\"net: drop the "
            + "stray offset\",\"blamed_lines\":1,\"suspects\":[{\"sha\":\"" + bug.name() + "\""), r.out());
        assertTrue(r.out().endsWith(",\"pointers\":[{\"kind\":\"Fixes:\",\"written\":\"0123456789ab\",\"sha\":null,"
            + "\"trusted\":false,\"note\":\"unknown commit\"}],\"notes\":[],\"warnings\":[]}\n"), r.out());
        assertEquals("rca: warning: not trusted: 'Fixes: 0123456789ab': unknown commit\n", r.err());
    }

    @Test
    void aPointerToATreeOrABlobSaysWhatItNames() {
        String tree = bug.getTree().name().substring(0, 12);
        String blob = NativeGit.run(repo.directory(), "rev-parse", bug.name() + ":net.c").trim().substring(0, 12);
        fix("net: drop the stray offset\n\nFixes: " + tree + " (\"a tree\")\nFixes: " + blob + " (\"a blob\")\n");
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(bug.name() + "\n", r.out());
        assertEquals("rca: warning: not trusted: 'Fixes: " + tree + "': names a tree, not a commit\n"
            + "rca: warning: not trusted: 'Fixes: " + blob + "': names a blob, not a commit\n", r.err());
    }

    @Test
    void fixesTrailerIsStrongEvidenceUnlessTurnedOff() {
        fix("net: drop the stray offset\n\nFixes: " + base.name().substring(0, 12) + " (\"net: add parser\")\n");
        CliResult with = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha");
        assertEquals(ExitCode.OK, with.exitCode(), with.toString());
        assertEquals(base.name() + "\n" + bug.name() + "\n", with.out());
        CliResult without = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha", "--no-trailers");
        assertEquals(bug.name() + "\n", without.out());
    }

    @Test
    void proseNamingTheCulpritIsAPointerEvenWrappedAcrossALine() {
        String sha = base.name().substring(0, 12);
        fix("net: drop the stray offset\n\nThe parser has been off since 20190101; the offset is a regression introduced\n"
            + "by " + sha + " and was caused by a typo.\n");
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(HEADER + row(1, "0.900", base, "2026-01-02", "net: add parser",
            "named by 'Introduced by' in the fix's message; owns none of the blamed lines")
            + row(2, "0.368", bug, "2026-01-03", "net: offset the result", BUG_REASONS), r.out());
        assertEquals("", r.err());
        CliResult json = Cli.run(repo.directory(), "suspects", "HEAD", "--format=json");
        assertTrue(json.out().endsWith(",\"pointers\":[{\"kind\":\"Introduced by\",\"written\":\"" + sha
            + "\",\"sha\":\"" + base.name() + "\",\"trusted\":true,\"note\":null}],\"notes\":[],\"warnings\":[]}\n"), json.out());
        CliResult without = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha", "--no-trailers");
        assertEquals(bug.name() + "\n", without.out());
    }

    @Test
    void everyProsePhraseIsReadAndDigitsAloneAreNoCommit() {
        String sha = base.name().substring(0, 9);
        for (String message : new String[] {"introduced in " + sha, "Broken by commit " + sha,
            "it broke in\n" + sha, "Caused by " + sha, "regression\nsince " + sha}) {
            fix("net: drop the stray offset\n\nThis was " + message + ".\n");
            CliResult r = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha", "--top=1");
            assertEquals(base.name() + "\n", r.out(), message);
            repo.commit("net: bring the offset back").add("net.c", BUGGY).create();
        }
        for (String message : new String[] {"introduced in 20190101", "broken by defaced data",
            "introduced\n\nin " + sha}) {
            fix("net: drop the stray offset\n\nThis was " + message + ".\n");
            CliResult r = Cli.run(repo.directory(), "suspects", "HEAD", "--format=json");
            assertTrue(r.out().endsWith(",\"pointers\":[],\"notes\":[],\"warnings\":[]}\n"), message + ": " + r.out());
            repo.commit("net: bring the offset back").add("net.c", BUGGY).create();
        }
    }

    /** A clone of the test repository cut {@code depth} commits below its tip. */
    private Path shallowClone(int depth) {
        Path dir = tmp.resolve("shallow");
        NativeGit.run(tmp, "clone", "-q", "--depth=" + depth, "file://" + repo.directory().toAbsolutePath(),
            dir.toString());
        return dir;
    }

    @Test
    void inAShallowCloneLinesBlamedOnTheCutAreNobodysAndAPointerPastItIsSaidToBeThere() {
        RevCommit docs = repo.tip("main");
        String cut = docs.name().substring(0, 12);
        fix("net: drop the stray offset\n\nFixes: " + bug.name().substring(0, 12) + "\n");
        Path dir = shallowClone(2);
        CliResult r = Cli.run(dir, "suspects", "HEAD");
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: note: this is a shallow clone: history is cut at " + cut + "; older commits are not seen "
            + "(git fetch --unshallow gets them)\n"
            + "rca: warning: not trusted: 'Fixes: " + bug.name().substring(0, 12) + "': not in this shallow clone "
            + "(history is cut at " + cut + ")\n"
            + "rca: no suspect: every blamed line reaches the shallow clone's cut at " + cut + ", whose parents are "
            + "missing: blame cannot tell whether it wrote the lines or an older commit did; fetch more with "
            + "'git fetch --deepen=<n>' or 'git fetch --unshallow'\n", r.err());
        CliResult full = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha", "--no-trailers");
        assertEquals(bug.name() + "\n", full.out());
    }

    @Test
    void inAShallowCloneTheLinesPastTheCutAreLeftOutWithANote() {
        RevCommit docs = repo.tip("main");
        RevCommit other = repo.commit("net: other adds two").by("Olga Other", "olga@example.com")
            .add("net.c", BUGGY.replace("z + 1", "z + 2")).create();
        fix("net: drop the stray offset");
        CliResult r = Cli.run(shallowClone(3), "suspects", "HEAD");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(HEADER + row(1, "0.792", other, "2026-01-05", "net: other adds two", "owns 1 deleted or modified "
            + "line (100% of the blamed weight); touched the same function: int other(int z); it shares words with the "
            + "fix's message: net; the newest commit to change the fix's files before it; most recent of 1 blamed "
            + "candidate; 1 file changed; 24 hours before the fix"), r.out());
        assertEquals("rca: note: this is a shallow clone: history is cut at " + docs.name().substring(0, 12)
            + "; older commits are not seen (git fetch --unshallow gets them)\n"
            + "rca: note: 8 blamed lines reach the shallow clone's cut at " + docs.name().substring(0, 12)
            + " and are not counted: blame cannot tell whether that commit or an older one wrote them; fetch more with "
            + "'git fetch --deepen=<n>' or 'git fetch --unshallow'\n", r.err());
    }

    /**
     * Two files whose moving line "hash: size entries by the pointer" changed without writing what the fix changes:
     * each file's offender wrote it (the token trace's finding). Returns the repository and its commits, oldest
     * first.
     */
    private List<RevCommit> twoTracedFiles(TestRepo traced) {
        String put = "\nint put_flag(int y)\n{\n\treturn y;\n}\n";
        String del = "void %s(struct slot *entry, struct slot *end)\n{\n\t%s\n}\n";
        String moved = "memmove(entry, entry + 1, (end - entry) * sizeof(struct slot));";
        String sized = "memmove(entry, entry + 1, (end - entry) * sizeof(*entry));";
        String fixed = "memmove(entry, entry + 1, (end - entry - 1) * sizeof(*entry));";
        return List.of(
            traced.commit("hash: add").add("a.c", del.formatted("del_slot", "noop();") + put)
                .add("b.c", del.formatted("drop_slot", "noop();") + put).create(),
            traced.commit("hash: delete by moving the slots down").add("a.c", del.formatted("del_slot", moved) + put)
                .create(),
            traced.commit("hash: drop by moving the slots down").add("b.c", del.formatted("drop_slot", moved) + put)
                .create(),
            traced.commit("hash: size entries by the pointer; negate put_flag")
                .add("a.c", del.formatted("del_slot", sized) + put.replace("y;", "-y;"))
                .add("b.c", del.formatted("drop_slot", sized) + put.replace("y;", "-y;")).create(),
            traced.commit("hash: do not move past the last slot")
                .add("a.c", del.formatted("del_slot", fixed) + put.replace("y;", "-y;"))
                .add("b.c", del.formatted("drop_slot", fixed) + put.replace("y;", "-y;")).create());
    }

    private static final String LACKING_HINT = "hint: in a partial clone git fetches missing objects for its own"
        + " commands only: 'git show <fix>' and 'git blame <fix>^ -- <file>' for each of the fix's files fetch what rca"
        + " needs (and 'git show <sha>' for a candidate named), or clone without --filter; elsewhere 'git fsck' says"
        + " what the object store lost\n";

    @Test
    void aRepositoryLackingABlobTheRankingNeedsGivesNoAnswerNamingIt() throws Exception {
        // Before: the token trace's one missing blob dropped the evidence of both files, silently. The lacking
        // repository is asked first: the process keeps what it classified, and the complete one has the same ids.
        TestRepo lacking = TestRepo.init(tmp.resolve("lacking")).tick(86_400);
        List<RevCommit> c = twoTracedFiles(lacking);
        // b.c as first added: only tracing b.c's line past "drop by moving" needs it
        org.eclipse.jgit.lib.ObjectId lost = lacking.repository().resolve(c.get(0).name() + ":b.c");
        Files.delete(lacking.repository().getDirectory().toPath().resolve("objects")
            .resolve(lost.name().substring(0, 2)).resolve(lost.name().substring(2)));
        CliResult r = Cli.run(lacking.directory(), "suspects", "HEAD", "--no-trailers");
        // Read in part, the ranking put the newest commit first at 0.740 and the second one (2nd below) third,
        // behind a commit whose added lines were in the lost blob: no answer rather than that one.
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: cannot rank the fix's candidates: the "
            + "repository lacks object " + lost.name().substring(0, 12) + " (b.c blamed from "
            + c.get(2).name().substring(0, 12) + ")\n" + LACKING_HINT), r);
        String sized = "hash: size entries by the pointer; negate put_flag";
        String owns = "owns 2 deleted or modified lines (100% of the blamed weight); touched the same function: void "
            + "del_slot(struct slot *entry, struct slot *end) (and 1 more); its added lines share identifiers with the "
            + "fix: end, entry, memmove; it shares words with the fix's message: hash; the newest commit to change the "
            + "fix's files before it; most recent of 1 blamed candidate; 2 files changed; 24 hours before the fix; ";
        // a commit that wrote one file's moving line
        String mover = "owns none of the blamed lines; its added lines share identifiers with the fix: end, entry, "
            + "memmove; it shares words with the fix's message: hash, slot; the %s newest commit to change the fix's "
            + "files before it; 1 file changed; %d days before the fix; ";
        String wrote = "wrote the tokens the fix changes in 1 of the deleted or modified lines; "
            + c.get(3).name().substring(0, 12) + " changed it later without bringing them";
        TestRepo complete = TestRepo.init(tmp.resolve("complete")).tick(86_400);
        twoTracedFiles(complete);
        CliResult full = Cli.run(complete.directory(), "suspects", "HEAD", "--no-trailers");
        assertEquals(ExitCode.OK, full.exitCode(), full.toString());
        assertEquals(HEADER + row(1, "0.560", c.get(3), "2026-01-05", sized, owns + "did not bring the tokens the fix "
            + "changes in 2 of the deleted or modified lines it changed; blame at its parent names "
            + c.get(1).name().substring(0, 12) + " (and 1 more) for them")
            + row(2, "0.555", c.get(2), "2026-01-04", "hash: drop by moving the slots down", mover.formatted("2nd", 2)
            + wrote)
            + row(3, "0.512", c.get(1), "2026-01-03", "hash: delete by moving the slots down", mover.formatted("3rd", 3)
            + wrote), full.out());
        assertEquals("", full.err());
    }

    /**
     * cap.c raised to nine by "cap: raise", then fixed (with a {@code Fixes:} trailer naming it when {@code trailer}
     * is "Fixes"), in a repository that lacks cap.c's first version: blame needs it to tell which commit wrote each
     * line of the second.
     */
    private TestRepo capRaisedThenFixed(String trailer) throws Exception {
        TestRepo lacking = TestRepo.init(tmp.resolve("lacking" + trailer)).tick(86_400);
        lacking.commit("cap: add").add("cap.c", "int cap(int v)\n{\n\treturn v > 7 ? 7 : v;\n}\n").create();
        RevCommit bugged = lacking.commit("cap: raise").add("cap.c", "int cap(int v)\n{\n\treturn v > 9 ? 7 : v;\n}\n")
            .create();
        lacking.commit("cap: cap at nine" + (trailer.isEmpty() ? ""
                : "\n\n" + trailer + ": " + bugged.name().substring(0, 12) + " (\"cap: raise\")"))
            .add("cap.c", "int cap(int v)\n{\n\treturn v > 9 ? 9 : v;\n}\n").create();
        org.eclipse.jgit.lib.ObjectId lost = lacking.repository().resolve("HEAD~2:cap.c");
        Files.delete(lacking.repository().getDirectory().toPath().resolve("objects")
            .resolve(lost.name().substring(0, 2)).resolve(lost.name().substring(2)));
        return lacking;
    }

    @Test
    void whenBlameCanAttributeNoLineForWantOfAnObjectTheCommandFailsNamingIt() throws Exception {
        TestRepo lacking = capRaisedThenFixed("");
        RevCommit bugged = lacking.repository().parseCommit(lacking.repository().resolve("HEAD~1"));
        org.eclipse.jgit.lib.ObjectId lost = lacking.repository().resolve("HEAD~2:cap.c");
        CliResult r = Cli.run(lacking.directory(), "suspects", "HEAD");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: error: blame could attribute none of the fix's lines: the repository lacks object "
            + lost.name().substring(0, 12) + " (cap.c blamed from " + bugged.name().substring(0, 12) + ")\n"
            + LACKING_HINT, r.err());
    }

    @Test
    void anExplicitPointerStillAnswersWhereTheRankingLacksAnObjectAndTheJsonSaysWhatWasMissing() throws Exception {
        TestRepo lacking = capRaisedThenFixed("Fixes");
        RevCommit bugged = lacking.repository().parseCommit(lacking.repository().resolve("HEAD~1"));
        org.eclipse.jgit.lib.ObjectId lost = lacking.repository().resolve("HEAD~2:cap.c");
        String warning = "the repository lacks object " + lost.name().substring(0, 12) + " (cap.c blamed from "
            + bugged.name().substring(0, 12) + "): what needs it is left out of the answer (a partial clone? git "
            + "fetches missing objects for its own commands only)";
        CliResult sha = Cli.run(lacking.directory(), "suspects", "HEAD", "--format=sha");
        assertEquals(new CliResult(ExitCode.OK, bugged.name() + "\n", "rca: warning: " + warning + "\n"), sha);
        CliResult json = Cli.run(lacking.directory(), "suspects", "HEAD", "--format=json");
        assertEquals(ExitCode.OK, json.exitCode(), json.toString());
        assertTrue(json.out().endsWith(",\"warnings\":[\"" + warning + "\"]}\n"), json.out());
        assertEquals(ExitCode.BAD_INPUT, Cli.run(lacking.directory(), "suspects", "HEAD", "--no-trailers").exitCode());
    }

    /**
     * With {@code -t}, an answer given from the fix's message alone for want of objects is recorded as such: the
     * item's note says so and what was missing (so rca timeline and the post-mortem show it), and {@code warnings}
     * lists what stderr said, as the JSON output does. Before, the ledger kept the ranking as if it were whole.
     */
    @Test
    void theEvidenceOfAnAnswerThatLackedObjectsSaysSo() throws Exception {
        TestRepo lacking = capRaisedThenFixed("Fixes");
        Path dir = lacking.directory();
        RevCommit bugged = lacking.repository().parseCommit(lacking.repository().resolve("HEAD~1"));
        org.eclipse.jgit.lib.ObjectId lost = lacking.repository().resolve("HEAD~2:cap.c");
        String warning = "the repository lacks object " + lost.name().substring(0, 12) + " (cap.c blamed from "
            + bugged.name().substring(0, 12) + "): what needs it is left out of the answer (a partial clone? git "
            + "fetches missing objects for its own commands only)";
        assertEquals(0, Cli.run(dir, "open", "CAP-1", "--title=cap() lets ten through").exitCode());
        CliResult r = Cli.runAt(ZonedDateTime.parse("2026-11-20T09:40:00Z"), dir, "suspects", "HEAD", "-t", "CAP-1",
            "--format=sha");
        assertEquals(new CliResult(ExitCode.OK, bugged.name() + "\n", "recorded as E1 in docs/postmortems/CAP-1.yaml\n"
            + "rca: warning: " + warning + "\n"), r);
        String text = Files.readString(dir.resolve("docs/postmortems/CAP-1.yaml"));
        String note = "ranked " + bugged.name().substring(0, 12) + " first, score 0.900, from the fix's message alone: "
            + warning;
        assertTrue(text.contains("""
                commits: [%s]
                note: "%s"
                warnings:
                  - "%s"
                suspects:
            """.formatted(bugged.name(), note, warning)), text);
        assertEquals(0, Cli.run(dir, "check").exitCode());
        CliResult timeline = Cli.run(dir, "timeline", "-t", "CAP-1");
        assertTrue(timeline.out().contains("E1: " + note), timeline.toString());
    }

    @Test
    void aPartialCloneSaysWhatItLacksAndAnswersOnceGitFetchedIt() {
        fix("net: drop the stray offset");
        org.eclipse.jgit.lib.StoredConfig config = repo.repository().getConfig();
        config.setBoolean("uploadpack", null, "allowFilter", true);
        try {
            config.save();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path dir = tmp.resolve("partial");
        NativeGit.run(tmp, "clone", "-q", "--filter=blob:none", "file://" + repo.directory().toAbsolutePath(),
            dir.toString());
        CliResult r = Cli.run(dir, "suspects", "HEAD");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("", r.out());
        // the fix's parent's net.c: what the fix is diffed against
        String parentsFile = NativeGit.run(repo.directory(), "rev-parse", "HEAD^:net.c").substring(0, 12);
        assertEquals("rca: error: cannot read the fix's history: the repository lacks object " + parentsFile + "\n"
            + LACKING_HINT, r.err());
        NativeGit.run(dir, "show", "HEAD");
        NativeGit.run(dir, "blame", "HEAD^", "--", "net.c");
        CliResult fetched = Cli.run(dir, "suspects", "HEAD");
        assertEquals(ExitCode.OK, fetched.exitCode(), fetched.toString());
        assertEquals(Cli.run(repo.directory(), "suspects", "HEAD").out(), fetched.out());
        assertEquals("", fetched.err());
    }

    @Test
    void aJavaFixThatUnignoresItsTestBlamesTheCodeNotTheTestsImportOrAnnotation() {
        TestRepo java = TestRepo.init(tmp.resolve("java")).tick(86_400);
        String pack = "package org.x;\n\nclass Pack {\n\tstatic int open(int n) {\n\t\treturn n;\n\t}\n}\n";
        java.commit("Pack: add open").add("src/org/x/Pack.java", pack).create();
        RevCommit wrap = java.commit("Pack: wrap the size").by("Wanda Wrap", "wanda@example.com")
            .add("src/org/x/Pack.java", pack.replace("return n;", "return n + 1;")).create();
        String test = "package org.x;\n\nimport org.junit.Ignore;\nimport org.junit.Test;\n\nclass PackTest {\n"
            + "\t@Ignore(\"pending fix\")\n\t@Test\n\tpublic void opens() {\n\t\tassertEquals(2, Pack.open(2));\n\t}\n}\n";
        RevCommit testing = java.commit("Pack: test open").by("Tess Test", "tess@example.com")
            .add("tst/org/x/PackTest.java", test).create();
        java.commit("Pack: open returns its argument").add("src/org/x/Pack.java", pack)
            .add("tst/org/x/PackTest.java", test.replace("import org.junit.Ignore;\n", "")
                .replace("\t@Ignore(\"pending fix\")\n", "")).create();
        assertTableAtHead(java, row(1, "0.529", wrap, "2026-01-03", "Pack: wrap the size", "owns 1 deleted or modified "
            + "line (100% of the blamed weight); touched the same function: static int open(int n) {; it shares words "
            + "with the fix's message: pack; the 2nd newest commit to change the fix's files before it; most recent of "
            + "1 blamed candidate; 1 file changed; 2 days before the fix")
            + row(2, "0.045", testing, "2026-01-04", "Pack: test open", "owns none of the blamed lines; it shares "
            + "words with the fix's message: open, pack; the newest commit to change the fix's files before it; 1 file "
            + "changed; 24 hours before the fix"));
    }

    @Test
    void aFixThatChangesNothingButAnImportBlamesTheImport() {
        String go = "package main\n\nimport (\n\t\"crypto/rand\"\n\t\"fmt\"\n)\n\nfunc main() {\n\tfmt.Println(rand.Reader)\n}\n";
        assertTheChangeUndoneIsTheFirstSuspect("main.go", go, go.replace("crypto/rand", "math/rand"));
        String py = "from decimal import Decimal as Number\n\n\ndef total(xs):\n    return sum(Number(x) for x in xs)\n";
        assertTheChangeUndoneIsTheFirstSuspect("total.py", py,
            py.replace("from decimal import Decimal as Number", "Number = float"));
    }

    /** In a history that adds {@code path}, changes it to {@code changed}, then restores it: the change is first. */
    private void assertTheChangeUndoneIsTheFirstSuspect(String path, String original, String changed) {
        TestRepo repository = TestRepo.init(tmp.resolve(path)).tick(86_400);
        repository.commit("add " + path).add(path, original).create();
        RevCommit change = repository.commit("change " + path).by("Cy Change", "cy@example.com").add(path, changed)
            .create();
        repository.commit("undo the change to " + path).add(path, original).create();
        CliResult r = Cli.run(repository.directory(), "suspects", "HEAD", "--format=sha");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(change.name(), r.out().lines().findFirst().orElseThrow());
    }

    @Test
    void aPythonDocstringIsDocumentationAndCommentsGiveNoIdentifiers() {
        String price = "\"\"\"Prices.\"\"\"\nimport math\n\nBULK = 10\n\n\ndef discount(qty):\n"
            + "    \"\"\"Return the discount rate.\n\n    qty: the number of items\n    \"\"\"\n"
            + "    # bulk customers get 5%\n    if qty >= BULK:\n        return 0.05\n    return 0.0\n";
        TestRepo py = TestRepo.init(tmp.resolve("py")).tick(86_400);
        py.commit("price: add discount").add("price.py", price).create();
        RevCommit tidy = py.commit("price: tidy comparison").by("Carl Cmp", "carl@example.com")
            .add("price.py", price.replace("qty >= BULK", "qty > BULK")).create();
        RevCommit docs = py.commit("price: docs").by("Dora Docs", "dora@example.com")
            .add("price.py", price.replace("qty >= BULK", "qty > BULK").replace("the number of items", "how many items")
                .replace("bulk customers", "customers buying many items")).create();
        py.commit("price: apply bulk discount at exactly ten").add("price.py", price.replace("import math\n", "")
            .replace("the number of items", "number of items in the cart")
            .replace("bulk customers", "customers buying ten items or more")).create();
        // The fix puts back the '=' tidy removed: the token trace sees that tidy changed what the fix changes
        assertTableAtHead(py, row(1, "0.921", tidy, "2026-01-03", "price: tidy comparison", "owns 1 deleted or "
            + "modified line (100% of the blamed weight); touched the same function: def discount(qty):; its added lines "
            + "share identifiers with the fix: bulk, qty; it shares words with the fix's message: bulk, price; the 2nd "
            + "newest commit to change the fix's files before it; most recent of 1 blamed candidate; 1 file changed; "
            + "2 days before the fix")
            + row(2, "0.050", docs, "2026-01-04", "price: docs", "owns none of the blamed lines; its added lines share "
            + "identifiers with the fix: qty; it shares words with the fix's message: price; the newest commit to "
            + "change the fix's files before it; 1 file changed; 24 hours before the fix"));
    }

    @Test
    void aVeryLongSharedIdentifierIsShortenedInTheReasons() {
        String word = "a".repeat(9_000);
        RevCommit add = repo.commit("late: add").add("late.txt", "head\ntail\n").create();
        RevCommit late = repo.commit("late: change").by("Lee Late", "lee@example.com")
            .add("late.txt", word + " head\nTAIL\n").create();
        repo.commit("late: fix").add("late.txt", word + " HEAD\ntail\n").create();
        assertTableAtHead(repo, row(1, "0.777", late, "2026-01-06", "late: change", "owns 2 deleted or modified lines "
            + "(100% of the blamed weight); touched the same function: " + "a".repeat(57) + "... (and 1 more); its added "
            + "lines share identifiers with the fix: " + "a".repeat(57) + "..., head, tail; it shares words with the "
            + "fix's message: late; "
            + "the newest commit to change the fix's files before it; most recent of 1 blamed candidate; 1 file "
            + "changed; 24 hours before the fix; did not bring the tokens the fix changes in 1 of the deleted or "
            + "modified lines it changed; blame at its parent names " + add.name().substring(0, 12) + " for it")
            + row(2, "0.298", add, "2026-01-05", "late: add", "owns none of the blamed lines; its added lines share "
            + "identifiers with the fix: head, tail; it shares words with the fix's message: late; the 2nd newest "
            + "commit to change the fix's files before it; 1 file changed; 2 days before the fix; wrote the tokens the "
            + "fix changes in 1 of the deleted or modified lines; " + late.name().substring(0, 12) + " changed it "
            + "later without bringing them"));
    }

    @Test
    void revertPointsAtTheRevertedCommit() {
        fix("Revert \"net: offset the result\"\n\nThis reverts commit " + bug.name() + ".\n");
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD", "--format=json", "--top=1");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"pointer\":\"This reverts commit\""), r.out());
        assertTrue(r.out().contains("\"score\":0.94,"), r.out());
    }

    @Test
    void aMergeGivenAsTheFixIsRankedWithANote() {
        RevCommit main = repo.tip("main");
        RevCommit fixOnBranch = repo.onBranch("topic").commit("net: drop the stray offset").parent(main)
            .add("net.c", ORIGINAL).create();
        RevCommit other = repo.onBranch("main").commit("docs: more").parent(main).add("NEWS", "news\n").create();
        RevCommit merge = repo.commit("Merge branch 'topic'").parent(other).merge(fixOnBranch)
            .add("net.c", ORIGINAL).create();
        String sha = merge.name().substring(0, 12);
        CliResult r = Cli.run(repo.directory(), "suspects", merge.name(), "--format=sha");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(bug.name() + "\n", r.out());
        assertEquals("rca: note: " + sha + " is a merge: it is compared with its first parent, so every commit it "
            + "brings in counts as the fix; name the fix commit itself for a sharper answer (git log --oneline " + sha
            + "^1.." + sha + ")\n", r.err());
        assertTrue(Cli.run(repo.directory(), "suspects", merge.name(), "--format=json").out()
            .endsWith(",\"notes\":[\"" + sha + " is a merge: it is compared with its first parent, so every commit "
                + "it brings in counts as the fix; name the fix commit itself for a sharper answer (git log --oneline "
                + sha + "^1.." + sha + ")\"],\"warnings\":[]}\n"));
        CliResult onItsOwn = Cli.run(repo.directory(), "suspects", fixOnBranch.name(), "--format=sha");
        assertEquals(bug.name() + "\n", onItsOwn.out());
        assertEquals("", onItsOwn.err());
    }

    @Test
    void rootCommitAbstains() {
        CliResult r = Cli.run(repo.directory(), "suspects", base.name());
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: no suspect: the fix is a root commit: it has no parent to blame\n", r.err());
    }

    @Test
    void codeInsertedBelowAChangedCommentBlamesItsNeighbours() {
        // the comment's surroundings (weak context) and the insertion's neighbours (blamed for their own sake) are
        // the same two lines: the comment, met first, hid them, and rca said the fix changed only comments
        TestRepo r = TestRepo.init(tmp.resolve("comment")).tick(86_400);
        String body = "int f(int x)\n{\n\tint y = x;\n\t/* scale it */\n\t/* by nothing */\n\treturn y;\n}\n";
        r.commit("f: add").add("f.c", body).create();
        RevCommit scaled = r.commit("f: scale").by("Sam Scale", "sam@example.com")
            .add("f.c", body.replace("int y = x;", "int y = x * 2;").replace("return y;", "return y - 1;")).create();
        r.commit("f: keep one").add("f.c", body.replace("int y = x;", "int y = x * 2;")
            .replace("scale it", "keep it").replace("return y;", "y += 1;\n\treturn y - 1;")).create();
        CliResult c = Cli.run(r.directory(), "suspects", "HEAD", "--format=sha");
        assertEquals(ExitCode.OK, c.exitCode(), c.toString());
        assertEquals(scaled.name() + "\n", c.out());
    }

    @Test
    void fixAddingOnlyNewFilesAbstains() {
        repo.commit("net: add test").add("test.c", "int main(void) { return 0; }\n").create();
        assertAbstainsAtHead("rca: no suspect: the fix deletes or changes no code line of an existing file: it only "
            + "adds files\n");
    }

    @Test
    void aFixWithNothingToBlameSaysWhatItDoesInstead() {
        String only = "rca: no suspect: the fix deletes or changes no code line of an existing file: it only ";
        repo.commit("table: add").add("table.bin", new byte[] {1, 0, 2}).create();
        repo.commit("table: change a byte").add("table.bin", new byte[] {1, 0, 3}).create();
        assertAbstainsAtHead(only + "changes binary files, which blame cannot read\n");
        repo.commit("net: move to src").rename("net.c", "src/net.c").create();
        assertAbstainsAtHead(only + "renames files\n");
        repo.commit("lib: add").addSubmodule("lib", base).create();
        assertAbstainsAtHead(only + "adds a submodule\n");
        repo.commit("lib: bump").addSubmodule("lib", bug).create();
        assertAbstainsAtHead(only + "moves a submodule to another commit (its own history holds the change)\n");
        String licence = "/*\n * Licence.\n *\n * Long text.\n */\n";
        repo.commit("limits: add the header").add("limits.h", licence).create();
        repo.commit("limits: define the limit").add("limits.h", licence + "\n#define LIMIT 4\n").create();
        assertAbstainsAtHead(only + "adds code with no code line within 8 lines of it\n");
        repo.commit("limits: no blank line").add("limits.h", licence + "#define LIMIT 4\n")
            .add("test.c", "int main(void) { return 0; }\n").create();
        assertAbstainsAtHead(only + "changes whitespace and blank lines and adds files\n");
        repo.commit("notes: add").add("notes.h", licence).create();
        repo.commit("notes: say more").add("notes.h", licence + "\n\n\n/* More. */\n").create();
        assertAbstainsAtHead(only + "adds comments or other lines that are no code, with no code line within 8 lines"
            + " of them\n");
        // JGit's blame reads no symbolic link, where git blame reads its target's name
        repo.commit("link: add").addSymlink("link", "a.c").create();
        repo.commit("link: to b").addSymlink("link", "b.c").create();
        repo.commit("link: back to a").addSymlink("link", "a.c").create();
        assertAbstainsAtHead(only + "changes symbolic links, which rca does not blame\n");
    }

    @Test
    void aFileWhoseNameIsNotUtf8IsSaidToBeUnreadableByBlame() {
        // caf\351.c, a Latin-1 name: git blame reads it, rca (JGit) looks the file up by its name's UTF-8 bytes
        Path dir = tmp.resolve("latin1");
        TestRepo.init(dir).close();
        String latin1 = "\"caf\\351.c\"";
        String f = "int f(int x) {\n\tint y = x + %d;\n\treturn y;\n}\n";
        String g = "int g(int x) {\n\treturn x%s;\n}\n";
        List<List<String>> commits = List.of(List.of(latin1, f.formatted(1), "b.c", g.formatted("")),
            List.of(latin1, f.formatted(2)), List.of(latin1, f.formatted(1)), List.of("b.c", g.formatted(" + 5")),
            List.of(latin1, f.formatted(3), "b.c", g.formatted("")));
        StringBuilder stream = new StringBuilder();
        for (int i = 1; i <= commits.size(); i++) {
            stream.append("commit refs/heads/main\nmark :").append(i).append("\ncommitter A <a@example.com> ")
                .append(1577836800 + i * 86400).append(" +0000\ndata 2\nc").append(i).append('\n')
                .append(i == 1 ? "" : "from :" + (i - 1) + "\n");
            List<String> files = commits.get(i - 1);
            for (int k = 0; k < files.size(); k += 2) {
                stream.append("M 100644 inline ").append(files.get(k)).append("\ndata ")
                    .append(files.get(k + 1).length()).append('\n').append(files.get(k + 1)).append('\n');
            }
        }
        NativeGit.runWithInput(dir, stream.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "fast-import",
            "--quiet");
        // git finds the file by its raw bytes, which a glob matches
        assertEquals("b.c\n" + latin1 + "\n", NativeGit.run(dir, "ls-tree", "--name-only", "main"));
        assertEquals(NativeGit.run(dir, "rev-parse", "main~3"),
            NativeGit.run(dir, "log", "-1", "--format=%H", "main~3", "--", "caf?.c"));
        String fixOfF = NativeGit.run(dir, "rev-parse", "--short=12", "main~2").trim();
        String because = "blame cannot read the fix's file 'caf\u00e9.c': its name is not UTF-8, and rca looks files up"
            + " by their UTF-8 name ('git blame -w %s^ -- <path>' reads it)";
        CliResult r = Cli.run(dir, "suspects", "main~2");
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: no suspect: " + because.formatted(fixOfF) + "\n", r.err());
        // beside a file blame reads: an answer, and a note for the file it could not
        CliResult both = Cli.run(dir, "suspects", "main", "--format=sha", "--top=1");
        assertEquals(ExitCode.OK, both.exitCode(), both.toString());
        assertEquals(NativeGit.run(dir, "rev-parse", "main~1"), both.out());
        assertEquals("rca: note: " + because.formatted(NativeGit.run(dir, "rev-parse", "--short=12", "main").trim())
            + "\n", both.err());
    }

    @Test
    void aFixOfCommentsOrWhitespaceAloneBlamesThoseLines() {
        // with no code to blame, the comment's writer (blame looks past the rename) and the spacing's are evidence
        repo.commit("net: move to src").rename("net.c", "src/net.c").create();
        repo.commit("net: reword").add("src/net.c", BUGGY.replace("scale it", "double it")).create();
        CliResult comment = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha", "--top=1");
        assertEquals(ExitCode.OK, comment.exitCode(), comment.toString());
        assertEquals(base.name() + "\n", comment.out());
        assertEquals("rca: note: the fix changes no code line: the comment, documentation and whitespace lines it"
            + " changes were blamed instead\n", comment.err());
        RevCommit spaced = repo.commit("net: say it").by("Sid Space", "sid@example.com")
            .add("msg.c", "const char *m =\n\t\"x  y\";\n").create();
        repo.commit("net: one space").add("msg.c", "const char *m =\n\t\"x y\";\n").create();
        CliResult space = Cli.run(repo.directory(), "suspects", "HEAD", "--format=sha", "--top=1");
        assertEquals(ExitCode.OK, space.exitCode(), space.toString());
        assertEquals(spaced.name() + "\n", space.out());
        // R-SZZ as published skips them
        try (GitWorkspace ws = GitWorkspace.open(repo.directory()); SuspectFinder finder = new SuspectFinder(ws)) {
            assertEquals(List.of(), finder.rszz("HEAD"));
        }
    }

    private void assertAbstainsAtHead(String err) {
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD");
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals(err, r.err());
    }

    @Test
    void unknownRevisionIsBadInput() {
        CliResult r = Cli.run(repo.directory(), "suspects", "nosuchrev");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: error: unknown revision 'nosuchrev'\n", r.err());
    }

    @Test
    void aRangeIsAUsageErrorThatNamesItsEnd() {
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD~1..HEAD");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: error: suspects takes one fix commit, not a range: 'HEAD~1..HEAD'\n"
            + "hint: name the commit that fixed the bug, e.g. rca suspects HEAD\n", r.err());
        assertEquals(ExitCode.USAGE, Cli.run(repo.directory(), "suspects", "^HEAD~1").exitCode());
        CliResult parents = Cli.run(repo.directory(), "suspects", "HEAD~1^!");
        assertEquals(ExitCode.USAGE, parents.exitCode(), parents.toString());
        assertTrue(parents.err().endsWith("\nhint: name the commit that fixed the bug, e.g. rca suspects HEAD~1\n"),
            parents.err());
    }

    /** Two dots in a message search are the pattern's, as git's handle_dotdot falls back to the whole operand. */
    @Test
    void aMessageSearchWithTwoDotsIsOneCommit() {
        RevCommit fix = repo.commit("net: restore the result").add("net.c", ORIGINAL).create();
        CliResult r = Cli.run(repo.directory(), "suspects", ":/restore..he", "--format=sha");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(Cli.run(repo.directory(), "suspects", fix.name(), "--format=sha").toString(), r.toString());
        assertEquals(fix.name() + "\n", NativeGit.run(repo.directory(), "rev-parse", ":/restore..he"));
        // a search no message answers: an unknown revision, as in git, not a range whose hint names its right side
        assertEquals(new CliResult(ExitCode.BAD_INPUT, "", "rca: error: unknown revision ':/nomatch..he'\n"),
            Cli.run(repo.directory(), "suspects", ":/nomatch..he"));
    }

    @Test
    void badTopAndFormatAreUsageErrors() {
        assertEquals(ExitCode.USAGE, Cli.run(repo.directory(), "suspects", "HEAD", "--top=0").exitCode());
        CliResult r = Cli.run(repo.directory(), "suspects", "HEAD", "--format=dot");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("rca: error: --format=dot is not available here; use one of table, sha, json\n", r.err());
        // a value that is no format at all: the formats this command takes, not every command's
        CliResult bogus = Cli.run(repo.directory(), "suspects", "HEAD", "--format=bogus");
        assertEquals(ExitCode.USAGE, bogus.exitCode(), bogus.toString());
        assertEquals("", bogus.out());
        assertEquals("rca: error: unknown --format 'bogus'; use one of table, sha, json\n", bogus.err());
        // in any letter case, as before (HEAD only adds a file: no suspect)
        assertEquals(ExitCode.NEGATIVE, Cli.run(repo.directory(), "suspects", "HEAD", "--format=SHA").exitCode());
    }

    @Test
    void helpHasAnExample() {
        CliResult r = Cli.run(repo.directory(), "suspects", "--help");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Example:\n  rca suspects HEAD --top=3\n"), r.out());
    }
}
