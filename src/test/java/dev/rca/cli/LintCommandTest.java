package dev.rca.cli;

import static dev.rca.testing.PostmortemFixture.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.ExitCode;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    @TempDir
    Path tmp;

    private TestRepo repo;
    private RevCommit offending;
    private RevCommit fix;

    @BeforeEach
    void createRepository() {
        repo = TestRepo.init(tmp.resolve("repo"));
        offending = repo.commit("move eviction inside the order lock").add("CartCache.java", "class CartCache {}\n")
            .create();
        fix = repo.commit("release the cache lock before OrderLock").add("CartCache.java", "class CartCache { }\n")
            .create();
    }

    private Path write(String relative, String text) throws IOException {
        Path file = repo.directory().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void realShasPassAndMadeUpOnesAreFlagged() throws IOException {
        write("docs/postmortems/PAY-142.md", clean(fix.name(), offending.abbreviate(8).name()));
        CliResult ok = Cli.run(repo.directory(), "lint", "docs/postmortems/PAY-142.md");
        assertEquals(ExitCode.OK, ok.exitCode(), ok.toString());
        assertEquals("", ok.out());
        assertEquals("", ok.err());

        write("docs/postmortems/PAY-142.md", clean(fix.name(), "4e1d7c3b"));
        CliResult bad = Cli.run(repo.directory().resolve("docs"), "lint", "postmortems/PAY-142.md");
        assertEquals(ExitCode.NEGATIVE, bad.exitCode(), bad.toString());
        assertEquals("postmortems/PAY-142.md:5:86: unknown-sha: 4e1d7c3b does not name a commit in this repository\n"
            + "postmortems/PAY-142.md:19:43: unknown-sha: 4e1d7c3b does not name a commit in this repository\n",
            bad.out());
        assertEquals("", bad.err());
    }

    /**
     * A mechanism written after the offending commit's subject on its line is the Root cause's text: rca reads where
     * the subject ends from the repository (this commit's subject is "move eviction inside the order lock").
     */
    @Test
    void theRepositorysSubjectEndsWhereTheMechanismOnItsLineBegins() throws IOException {
        String listed = "Offending commit: " + offending.abbreviate(12).name() + " move eviction inside the order lock";
        String text = clean(fix.name(), offending.abbreviate(8).name()).replace("`CartCache.evict()` takes"
            + " `CartCache.lock` and then calls `OrderLock.acquire()`; `OrderService.submit()`\ntakes them in the opposite"
            + " order. Commit `" + offending.abbreviate(8).name() + "` moved the eviction call inside the order lock.",
            "%s");
        write("pm.md", text.formatted(listed + ", which made `CartCache.evict()` call `OrderLock.acquire()` while"
            + " holding `CartCache.lock`."));
        assertEquals(new CliResult(ExitCode.OK, "", ""), Cli.run(repo.directory(), "lint", "pm.md"));
        write("pm.md", text.formatted(listed + ", which made checkout hang under load."));
        assertEquals(new CliResult(ExitCode.NEGATIVE, "pm.md:18:1: vague-root-cause: '## Root cause' names no function,"
            + " file, field or commit in its text (the offending commit listed under it says which change, not how it"
            + " broke): walk the mechanism with its code identifiers (e.g. `CartCache.evict()`), not a summary of it\n",
            ""), Cli.run(repo.directory(), "lint", "pm.md"));
    }

    @Test
    void aLedgerIsNoPostmortemToLint() throws IOException {
        write("docs/postmortems/PAY-142.md", clean(fix.name(), offending.abbreviate(8).name()));
        write("docs/postmortems/PAY-142.yaml", "# a ledger\nrca: 1\nticket: PAY-142\n");
        assertEquals(new CliResult(ExitCode.USAGE, "", "rca: error: 'docs/postmortems/PAY-142.yaml' is a ledger, not a"
            + " post-mortem\nhint: check it with 'rca check -t PAY-142'; lint the post-mortem written from it"
            + " (docs/postmortems/PAY-142.md)\n"),
            Cli.run(repo.directory(), "lint", "docs/postmortems/PAY-142.md", "docs/postmortems/PAY-142.yaml"));
    }

    @Test
    void treeShaIsNotACommit() throws IOException {
        String tree = fix.getTree().name();
        write("pm.md", clean(fix.name(), tree));
        CliResult r = Cli.run(repo.directory(), "lint", "pm.md");
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        assertEquals("pm.md:5:86: unknown-sha: " + tree + " names an object that is not a commit\n"
            + "pm.md:19:43: unknown-sha: " + tree + " names an object that is not a commit\n", r.out());
    }

    @Test
    void configDisablesRulesAndAddsWords() throws IOException {
        String text = clean(fix.name(), offending.name()).replace("hit its 30 s timeout.",
            "feasibly hit its 30 s timeout, probably twice.");
        write("pm.md", text);
        CliResult before = Cli.run(repo.directory(), "lint", "pm.md");
        assertEquals("pm.md:24:32: hedging: 'probably' is hedging: state what is known, or leave it out\n",
            before.out());

        write(".rca.yaml", "lint:\n  hedging_words: [feasibly]\n");
        CliResult added = Cli.run(repo.directory(), "lint", "pm.md");
        assertEquals("pm.md:24:1: hedging: 'feasibly' is hedging: state what is known, or leave it out\n"
            + "pm.md:24:32: hedging: 'probably' is hedging: state what is known, or leave it out\n", added.out());

        write(".rca.yaml", "lint:\n  disable: [hedging]\n  hedging_words: [feasibly]\n");
        CliResult off = Cli.run(repo.directory(), "lint", "pm.md");
        assertEquals(ExitCode.OK, off.exitCode(), off.toString());
        assertEquals("", off.out());
    }

    @Test
    void anUnknownKeyIsWarnedAboutUnderTheFileNameWhereverRcaRuns() throws IOException {
        write("docs/pm.md", clean(fix.name(), offending.name()));
        write(".rca.yaml", "lint:\n  disable: [unknown-section]\n  colour: red\nfoo: 1\n");
        assertEquals(new CliResult(ExitCode.OK, "", "rca: warning: .rca.yaml:3:3: unknown key 'lint.colour' ignored\n"
            + "rca: warning: .rca.yaml:4:1: unknown key 'foo' ignored\n"),
            Cli.run(repo.directory().resolve("docs"), "lint", "pm.md"));
    }

    @Test
    void malformedConfigIsExit3WithPosition() throws IOException {
        write("pm.md", clean(fix.name(), offending.name()));
        Path config = write(".rca.yaml", "lint:\n  disable: [hedgin]\n");
        CliResult r = Cli.run(repo.directory(), "lint", "pm.md");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: error: .rca.yaml: lint.disable: unknown rule 'hedgin' at " + config + ":2:13\n"
            + "hint: rules are: title, missing-section, section-order, unknown-section, empty-section, hedging, blame,"
            + " unknown-sha, vague-root-cause, validation-coverage, action-item-owner\n", r.err());
    }

    @Test
    void missingFileIsExit3AndNothingIsPrinted() throws IOException {
        write("pm.md", "# X-1: t\n");
        CliResult r = Cli.run(repo.directory(), "lint", "pm.md", "nope.md");
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("rca: error: cannot lint 'nope.md': no such file\n", r.err());
    }

    @Test
    void fileOutsideRepositoryUsesTheRepositoryDashCNames() throws IOException {
        Path outside = tmp.resolve("outside/pm.md");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, clean(fix.name(), "4e1d7c3b"));
        CliResult viaC = Cli.run(tmp, "-C", "repo", "lint", outside.toString());
        assertEquals(ExitCode.NEGATIVE, viaC.exitCode(), viaC.toString());
        assertEquals(outside + ":5:86: unknown-sha: 4e1d7c3b does not name a commit in this repository\n"
            + outside + ":19:43: unknown-sha: 4e1d7c3b does not name a commit in this repository\n", viaC.out());

        CliResult nowhere = Cli.run(tmp, "lint", "outside/pm.md");
        assertEquals(ExitCode.OK, nowhere.exitCode(), nowhere.toString());
        assertEquals("", nowhere.out());
        assertEquals("rca: warning: outside/pm.md: not inside a git repository; SHAs in it are not checked\n",
            nowhere.err());
    }

    @Test
    void jsonFormatAndSortingAcrossFiles() throws IOException {
        write("b.md", "# B-1: t\n\n## Summary\n\nIt seems fine.\n");
        write("a.md", "# A-1: t\n\n## Summary\n\nDone.\n\n## Root cause\n\n`X.y()` returns early.\n\n## Fix\n\nY.\n\n## Validation\n\n"
            + "All configurations covered.\n");
        CliResult r = Cli.run(repo.directory(), "lint", "--format=json", "b.md", "a.md");
        assertEquals(ExitCode.NEGATIVE, r.exitCode(), r.toString());
        String missing = "{\"file\":\"b.md\",\"line\":5,\"column\":1,\"rule\":\"missing-section\",\"message\":"
            + "\"missing mandatory section '## %s' (it belongs at the end)\"}";
        assertEquals("[" + missing.formatted("Root cause") + "," + missing.formatted("Fix") + ","
            + missing.formatted("Validation") + ",{\"file\":\"b.md\",\"line\":5,\"column\":4,\"rule\":\"hedging\","
            + "\"message\":\"'seems' is hedging: state what is known, or leave it out\"}]\n", r.out());
    }

    @Test
    void helpHasAnExample() {
        CliResult r = Cli.run(tmp, "lint", "--help");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(true, r.out().contains("Example:\n  rca lint docs/postmortems/PAY-142.md"), r.out());
    }
}
