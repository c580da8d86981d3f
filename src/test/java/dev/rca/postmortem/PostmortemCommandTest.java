package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.config.RcaConfig;
import dev.rca.git.GitWorkspace;
import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostmortemCommandTest {
    @TempDir
    Path tmp;

    private static final String MD = "docs/postmortems/PAY-142.md";
    private static final String ROOT_CAUSE = "    CartCache.evict() releases cart_lock before unlinkEntry() removes the "
        + "entry, so a\n    concurrent checkout waits on an entry that is never signalled.\n";

    @Test
    void completeLedgerRendersTheGoldenPostmortem() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(new CliResult(0, MD + "\n", ""), result);
        assertEquals(r.resource("golden/PAY-142.md"), r.read(MD));
    }

    @Test
    void graphEmbedsTheCausalGraphAndStillLintsClean() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--graph");
        assertEquals(new CliResult(0, MD + "\n", ""), result);
        String md = r.read(MD);
        String dag = Cli.run(tmp, "dag", "-t", "PAY-142").out();
        int howFound = md.indexOf("## How it was found");
        int fence = md.indexOf("```mermaid\n" + dag + "```\n");
        assertTrue(howFound > 0 && fence > howFound && fence < md.indexOf("## Why it slipped through"), md);
        assertEquals(new CliResult(0, "", ""), Cli.run(tmp, "lint", MD));
    }

    @Test
    void optionalSectionsWithoutLedgerContentAreLeftOut() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-200", "PAY-200.yaml");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-200");
        assertEquals(new CliResult(0, "docs/postmortems/PAY-200.md\n", ""), result);
        String md = r.read("docs/postmortems/PAY-200.md");
        assertEquals(r.resource("golden/PAY-200.md"), md);
        assertFalse(md.contains("## Symptom") || md.contains("## Why it produced") || md.contains("## Why it slipped"));
    }

    @Test
    void everyGoldenPostmortemLintsClean() {
        LedgerRepo r = new LedgerRepo(tmp);
        try (GitWorkspace workspace = GitWorkspace.open(tmp)) {
            PostmortemLinter linter = new PostmortemLinter(RcaConfig.defaults().lint(),
                new RepositoryShaResolver(workspace));
            for (String golden : List.of("golden/PAY-142.md", "golden/PAY-200.md")) {
                assertEquals(List.of(), linter.lint(golden, r.resource(golden)), golden);
            }
        }
        r.writeLedger("PAY-142", "PAY-142.yaml");
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        assertEquals(new CliResult(0, "", ""), Cli.run(tmp, "lint", MD));
    }

    @Test
    void nineHeadingsInOrderWithShasHypothesesCoverageAndActionItems() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        Cli.run(tmp, "postmortem");
        String md = r.read(MD);
        List<String> headings = md.lines().filter(l -> l.startsWith("#")).toList();
        List<String> expected = new java.util.ArrayList<>(List.of("# PAY-142: Checkout hangs after cache refactor"));
        for (PostmortemSection s : PostmortemSection.values()) {
            expected.add(s.heading());
        }
        assertEquals(expected, headings);
        assertTrue(md.contains("Offending commit: " + r.offending.name().substring(0, 12) + " Refactor cart cache"));
        assertTrue(md.contains("Fix commit: " + r.fix.name().substring(0, 12) + " Hold `cart_lock`"));
        assertTrue(md.contains("- H1, rejected because the thread dump shows no thread holding OrderLock (X1):"));
        assertTrue(md.contains("Not retested on the EU cluster."));
        assertTrue(md.contains("(owner: Payments team, tracking: PAY-143)"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"repro", "root cause", "fix", "validation"})
    void refusesWithoutEachInputAndNamesIt(String input) {
        LedgerRepo r = new LedgerRepo(tmp);
        String fix = r.fix.name();
        String why = switch (input) {
            case "repro" -> "repro.rate 2/20 fails in fewer than half the runs";
            case "root cause" -> "root_cause.text is empty";
            case "fix" -> "0badc0de00000000000000000000000000000000 does not resolve";
            default -> "validation.checks is empty";
        };
        UnaryOperator<String> drop = text -> switch (input) {
            case "repro" -> replace(text, "rate: \"20/20\"", "rate: \"2/20\"");
            case "root cause" -> replace(text, "  text: |\n    CartCache.evict() releases cart_lock before unlinkEntry()"
                + " removes the entry, so a\n    concurrent checkout waits on an entry that is never signalled.\n",
                "  text: \"\"\n");
            case "fix" -> replace(text, fix, "0badc0de00000000000000000000000000000000");
            default -> replace(text, "  checks:\n    - {what: \"CheckoutIT passes\", evidence: \"20/20 runs at the fix\"}\n",
                "");
        };
        r.writeLedger("PAY-142", "PAY-142.yaml", drop);
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(1, result.exitCode(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertEquals(1, lines.size(), result.out());
        assertTrue(lines.get(0).startsWith(input + ": ") && lines.get(0).contains(why), lines.get(0));
        assertEquals("rca: error: no post-mortem for PAY-142: missing " + input
            + " (of the four inputs: repro, root cause, fix, validation)", result.err().lines().findFirst().orElseThrow());
        assertFalse(Files.exists(tmp.resolve(MD)));
    }

    private static String replace(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    @Test
    void listsEveryMissingInput() {
        LedgerRepo r = new LedgerRepo(tmp);
        Path ledger = tmp.resolve("docs/postmortems/PAY-9.yaml");
        r.writeLedger("PAY-9", "PAY-142.yaml", t -> "rca: 1\nticket: PAY-9\ntitle: Half a ledger\nkind: bug\n"
            + "status: open\nrepro: {command: \"sh test.sh\", rate: \"1/3\"}\n");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-9");
        assertEquals(1, result.exitCode());
        assertEquals(List.of("repro", "root cause", "fix", "validation"),
            result.out().lines().map(l -> l.substring(0, l.indexOf(':'))).toList());
        assertTrue(result.err().startsWith("rca: error: no post-mortem for PAY-9: missing repro, root cause, fix, "
            + "validation"), result.err());
        assertTrue(Files.exists(ledger));
        assertFalse(Files.exists(tmp.resolve("docs/postmortems/PAY-9.md")));
    }

    @Test
    void ledgerWordsThatWouldNotLintCleanAreReportedAtTheirPlaceInTheLedger() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("why_symptom: CheckoutIT blocks",
            "why_symptom: CheckoutIT probably blocks").replace("owner: \"Payments team\", tracking", "tracking"));
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        // the four inputs are there: written, each finding a warning at its ledger place (DESIGN refuses only for those)
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(MD + "\n", result.out());
        List<String> lines = result.err().lines().toList();
        assertEquals(2, lines.size(), result.err());
        assertTrue(lines.get(0).startsWith("rca: warning: docs/postmortems/PAY-142.yaml:40:14 (why_symptom): hedging:"
            + " 'probably'"), lines.get(0));
        assertTrue(lines.get(1).startsWith("rca: warning: docs/postmortems/PAY-142.yaml:53:5 (action_items.0):"
            + " action-item-owner:"), lines.get(1));
        assertTrue(r.read(MD).contains("CheckoutIT probably blocks"), r.read(MD));
        // what it warned about is what rca lint finds in the document
        assertEquals(1, Cli.run(tmp, "lint", MD).exitCode());
    }

    @Test
    void aLedgerWordTheDocumentStatesTwiceIsOneProblem() {
        CliResult result = postmortemOfEdited(new LedgerRepo(tmp),
            t -> t.replace("    CartCache.evict() releases", "    CartCache.evict() probably releases"));
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: docs/postmortems/PAY-142.yaml:36:9 (root_cause.text):"
            + " hedging: 'probably' is hedging: state what is known, or leave it out\n"), result);
        assertTrue(Files.exists(tmp.resolve(MD)));
    }

    @Test
    void aRootCauseThatNamesNoCodeIsWarnedAboutThoughTheLedgerNamesTheOffendingCommit() {
        // the offending commit listed under root_cause.text says which change, not how it broke: the text alone counts
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: docs/postmortems/PAY-142.yaml:36:9 (root_cause.text):"
            + " vague-root-cause: '## Root cause' names no function, file, field or commit in its text (the offending"
            + " commit listed under it says which change, not how it broke): walk the mechanism with its code"
            + " identifiers (e.g. `CartCache.evict()`), not a summary of it\n"),
            postmortemOfEdited(new LedgerRepo(tmp), t -> t.replace(ROOT_CAUSE,
                "    A locking issue made checkout hang under some conditions, i.e. a race.\n")));
        assertTrue(Files.exists(tmp.resolve(MD)));
        // one identifier, SHA or code span is enough: the rest is for review to judge
        for (String named : List.of("The lock in evict() is released early.", "Commit {OFFENDING12} moved the unlock.",
            "The `lock` is released early.", "The timeout in config.yaml was 0.", "The Dockerfile pins an old JDK.")) {
            LedgerRepo r = new LedgerRepo(tmp.resolve("named-" + named.length()));
            CliResult result = postmortemOfEdited(r, t -> t.replace(ROOT_CAUSE,
                "    " + named.replace("{OFFENDING12}", r.offending.name().substring(0, 12)) + "\n"));
            assertEquals(new CliResult(0, MD + "\n", ""), result, named);
        }
    }

    @Test
    void aRootCauseSectionThatNamesNoCodeIsWarnedAboutAsRcaLintWouldReportIt() {
        // without offending commits the section is the text alone: rca lint's vague-root-cause, found in the ledger
        CliResult warned = postmortemOfEdited(new LedgerRepo(tmp), t -> t.replace(ROOT_CAUSE,
            "    A locking issue made checkout hang under some conditions, i.e. a race.\n")
            .replaceFirst("  offending: \\[\"[0-9a-f]+\"\\]", "  offending: []"));
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: docs/postmortems/PAY-142.yaml:36:9 (root_cause.text):"
            + " vague-root-cause: '## Root cause' names no function, file, field or commit: walk the mechanism with its"
            + " code identifiers (e.g. `CartCache.evict()`), not a summary of it\n"), warned);
        assertTrue(Files.exists(tmp.resolve(MD)));
        // turned off in .rca.yaml, as for rca lint: written, with the warning about root_cause.text
        LedgerRepo off = new LedgerRepo(tmp.resolve("off"));
        write(tmp.resolve("off/.rca.yaml"), "lint:\n  disable: [vague-root-cause]\n");
        CliResult written = postmortemOfEdited(off, t -> t.replace(ROOT_CAUSE,
            "    A locking issue made checkout hang under some conditions, i.e. a race.\n")
            .replaceFirst("  offending: \\[\"[0-9a-f]+\"\\]", "  offending: []"));
        assertEquals(0, written.exitCode(), written.toString());
        assertTrue(written.err().startsWith("rca: warning: root_cause.text names no function"), written.err());
        assertEquals(new CliResult(0, "", ""), Cli.run(tmp.resolve("off"), "lint", MD));
    }

    @Test
    void anIncidentIsWrittenWithAWarningThatIncidentOkSilences() throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("kind: bug", "kind: incident"));
        CliResult warned = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: PAY-142 is an incident: a customer-visible outage needs"
            + " its own incident report (timeline, blast radius, paging, communications); this post-mortem records the"
            + " bug fix only (--incident-ok silences this warning)\n"), warned);
        assertEquals(r.resource("golden/PAY-142.md"), r.read(MD));

        Files.delete(tmp.resolve(MD));
        assertEquals(new CliResult(0, MD + "\n", ""), Cli.run(tmp, "postmortem", "-t", "PAY-142", "--incident-ok"));
        assertEquals(r.resource("golden/PAY-142.md"), r.read(MD));
    }

    @Test
    void aLedgerWithoutATitleIsWrittenUnderTheTicketAlone() {
        LedgerRepo r = new LedgerRepo(tmp);
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: title: the ledger has no title, so the heading is"
            + " '# PAY-142' (needs title: one line naming the bug, e.g. 'Checkout hangs after cache refactor')\n"),
            postmortemOfEdited(r, t -> t.replace("title: Checkout hangs after cache refactor\n", "title:\n")));
        String golden = r.resource("golden/PAY-142.md");
        assertEquals(golden.replace("# PAY-142: Checkout hangs after cache refactor\n", "# PAY-142\n")
            .replace(", owned by Payments team: Checkout hangs after cache refactor.", ", owned by Payments team."),
            r.read(MD));
    }

    @Test
    void warnsAboutAOneLineFix() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("commits: [\"" + r.fix.name() + "\"]",
            "commits: [\"" + r.fixParent.name() + "\"]"));
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(0, result.exitCode());
        assertEquals("rca: warning: the fix changes a single line: a one-line fix may need no post-mortem (its commit"
            + " message or review can be the record)\n", result.err());
    }

    @Test
    void anOffendingCommitThatCheckRejectsIsPublishedWithAWarning() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("offending: [\"" + r.offending.name() + "\"]",
            "offending: [\"" + r.fix.name().substring(0, 10) + "\", \"0123456789ab\"]")
            .replace("commits: [\"" + r.fix.name() + "\"]", "commits: [\"" + r.fixParent.name() + "\"]"));
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(MD + "\n", result.out());
        assertTrue(result.err().startsWith("rca: warning: docs/postmortems/PAY-142.yaml:39:15: offending commit "
            + r.fix.name().substring(0, 10) + " is not an ancestor of fix commit " + r.fixParent.name() + " (rca check)\n"
            + "rca: warning: docs/postmortems/PAY-142.yaml:39:29: commit 0123456789ab does not resolve in the repository"
            + " (rca check)\n"), result.err());
        String status = Cli.run(tmp, "status", "-t", "PAY-142").out();
        assertTrue(status.contains("Next: correct the 2 commits the post-mortem would state wrongly: rca check -t "
            + "PAY-142\n"), status);
        // a SHA the repository does not hold is not stated: the document lists the one that resolves
        String md = r.read(MD);
        assertFalse(md.contains("0123456789ab"), md);
        assertTrue(md.contains("Offending commit: " + r.fix.name().substring(0, 12) + " "), md);
    }

    @Test
    void aReproThatRunsFilesTheNextPersonWillNotHaveIsWarnedAbout() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        Path outside = Files.createTempFile("repro", ".sh");
        try {
            Files.writeString(tmp.resolve("local.sh"), "exit 1\n");
            // what the repro writes, and a build's ignored output, are no files the next person lacks
            Files.writeString(tmp.resolve(".gitignore"), "/build/\n");
            Files.createDirectories(tmp.resolve("build"));
            Files.writeString(tmp.resolve("build/app"), "");
            r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("  command: \"sh test.sh\"\n",
                "  command: \"sh " + outside + " && sh ./local.sh && sh test.sh && /usr/bin/env true && ./build/app"
                    + " > " + outside + " 2>&1\"\n"));
            CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
            assertEquals(new CliResult(0, MD + "\n", "rca: warning: repro.command names " + outside + ", outside the "
                + "work tree: the next person has no such file; commit it, or write its steps into repro.command\n"
                + "rca: warning: repro.command names local.sh, which is not committed: commit it with the fix\n"),
                result);
        } finally {
            Files.delete(outside);
        }
    }

    private static final String OUTSIDE = " outside the work tree: the next person has no such file; commit it, or"
        + " write its steps into repro.command\n";
    private static final String NOWHERE = ", which is neither in the work tree nor committed: correct the name, or"
        + " commit the file with the fix\n";

    /** {@code rca postmortem} on the standard ledger with {@code command} (as written in YAML's double quotes). */
    private CliResult postmortemWithRepro(String command) {
        new LedgerRepo(tmp).writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("  command: \"sh test.sh\"\n",
            "  command: \"" + command + "\"\n"));
        return Cli.run(tmp, "postmortem", "-t", "PAY-142");
    }

    /**
     * The README's own example, a script in the investigator's home that is not there either, and a script named in
     * the work tree that is nowhere: worse than a file only the investigator has, so warned about too.
     */
    @Test
    void aReproNamingAFileThatExistsNowhereIsWarnedAbout() {
        CliResult result = postmortemWithRepro("sh /home/me/x.sh && sh ~/check.sh && sh scripts/missing.sh"
            + " && python3 -c 'import a.b' && sh test.sh && grep -q 'x/y' test.sh && /usr/local/bin/absent"
            + " && sh ./build/out.sh");
        assertEquals(new CliResult(0, MD + "\n", ""
            + "rca: warning: repro.command names /home/me/x.sh, outside the work tree: the next person has no such file,"
            + " and neither has this machine; commit it, or write its steps into repro.command\n"
            + "rca: warning: repro.command names ~/check.sh, outside the work tree: the next person has no such file;"
            + " commit it, or write its steps into repro.command\n"
            + "rca: warning: repro.command names scripts/missing.sh, which is neither in the work tree nor committed:"
            + " correct the name, or commit the file with the fix\n"
            + "rca: warning: repro.command names build/out.sh, which is neither in the work tree nor committed: correct"
            + " the name, or commit the file with the fix\n"), result);
    }

    /**
     * A repro that makes what it names (a scratch directory from a template, a file of the repository it builds) is no
     * repro naming a file that is nowhere: only what it runs must exist (RCA-11's own repro was warned about twice).
     */
    @Test
    void aReproNamingWhatItMakesIsNotWarnedAbout() {
        CliResult result = postmortemWithRepro("T=$(mktemp -d /tmp/repro.XXXXXX)\\nmkdir \\\"$T/src\\\""
            + " && echo 1 > \\\"$T/src/a.c\\\"\\ngit -C \\\"$T\\\" log -- src/a.c && sh test.sh\\nsh scripts/absent.sh");
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: repro.command names scripts/absent.sh, which is neither"
            + " in the work tree nor committed: correct the name, or commit the file with the fix\n"), result);
    }

    /**
     * A file in a home directory is warned about wherever the repro names it, and a script run through a wrapper
     * ({@code timeout}, {@code sudo}, {@code env -i}) is what the repro runs (reviewer-74: both went unwarned).
     */
    @Test
    void aReproNamingAHomeFileOrRunningAMissingScriptThroughAWrapperIsWarnedAbout() {
        CliResult result = postmortemWithRepro("sh test.sh ~/dump.bin && make -C ~/build repro"
            + " && timeout 60 ./gone.sh && sudo -E ./gone2.sh && env -i ./gone3.sh");
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: repro.command names ~/dump.bin," + OUTSIDE
            + "rca: warning: repro.command names ~/build," + OUTSIDE
            + "rca: warning: repro.command names gone.sh" + NOWHERE
            + "rca: warning: repro.command names gone2.sh" + NOWHERE
            + "rca: warning: repro.command names gone3.sh" + NOWHERE), result);
    }

    /**
     * Past a wrapper and its options the next word is what runs, not every word (an output file is made by the
     * repro), and a shell's {@code -c} line, an interpreter option's value and a {@code { …; }} group are read
     * through (reviewer-75).
     */
    @Test
    void aReproIsReadThroughWrappersShellLinesAndGroups() {
        CliResult result = postmortemWithRepro("timeout 60 python3 -W ignore tools/gen.py --out /tmp/result.json"
            + " && strace -f -o /tmp/trace/run.txt sh test.sh && bash -c './tools/gone.sh' && { ./gone2.sh; }"
            + " && poetry run python tools/gone3.py");
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: repro.command names tools/gen.py" + NOWHERE
            + "rca: warning: repro.command names tools/gone.sh" + NOWHERE
            + "rca: warning: repro.command names gone2.sh" + NOWHERE
            + "rca: warning: repro.command names tools/gone3.py" + NOWHERE), result);
    }

    /** The Summary's "reviewed in <review>" is fix.review's text: a bad SHA there is one problem, at fix.review. */
    @Test
    void aBadShaInTheReviewIsReportedOnceAtFixReview() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("review: \"PR #512\"",
            "review: \"PR #512, merged as 0badc0de1234\""));
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: docs/postmortems/PAY-142.yaml:43:11 (fix.review):"
            + " unknown-sha: 0badc0de1234 does not name a commit in this repository\n"), result);
    }

    @Test
    void aFixBackportedToABranchWithoutTheOffendingCommitIsPublished() {
        LedgerRepo r = new LedgerRepo(tmp);
        // the release branch forked before the offending commit, yet got the fix (a backport of a later refactor)
        String backport = NativeGit.run(tmp, "-c", "user.name=R", "-c", "user.email=r@example.com", "commit-tree", "-m",
            "backport fix", "-p", r.base.name(), r.fix.name() + "^{tree}").trim();
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("commits: [\"" + r.fix.name() + "\"]",
            "commits: [\"" + r.fix.name() + "\", \"" + backport + "\"]"));
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(new CliResult(0, "", ""), Cli.run(tmp, "check", "-t", "PAY-142"));
        // with a query result the repository no longer has, the document (which does not state it) is still written
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("commits: [\"" + r.offending.name() + "\", \"",
            "commits: [\"0123456789012345678901234567890123456789\", \""));
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        assertEquals(1, Cli.run(tmp, "check", "-t", "PAY-142").exitCode());
    }

    @Test
    void aReproOfSeveralLinesIsAScriptInHowItWasFound() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("  command: \"sh test.sh\"\n",
            "  command: |\n    set -e\n    sh test.sh\n"));
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        assertTrue(r.read(MD).contains("## How it was found\n\nRepro, failing in 20 of 20 runs:\n\n```sh\nset -e\n"
            + "sh test.sh\n```\n\nHypotheses ruled out:"), r.read(MD));
        assertEquals(new CliResult(0, "", ""), Cli.run(tmp, "lint", MD));
    }

    @Test
    void aRecordedLogDiffSaysWhereTheLogsDivergeAndShowsTheLines() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        write(tmp.resolve("good.log"), "2026-11-20 09:00:00,100 [main] INFO App - start\n"
            + "2026-11-20 09:00:00,200 [main] INFO CartCache - evict took 3 ms\n"
            + "2026-11-20 09:00:00,300 [main] INFO App - stop\n");
        // log text is shown as it was, never linted: 'might' is no hedging and 0badc0de1 no SHA in a log line
        write(tmp.resolve("bad.log"), "2026-11-22 09:00:00,100 [main] INFO App - start\n"
            + "2026-11-22 09:00:00,200 [main] WARN CartCache - evict might race with entry 0badc0de1\n"
            + "2026-11-22 09:00:00,250 [main] ERROR OrderLock - lock wait timed out\n"
            + "2026-11-22 09:00:00,300 [main] INFO App - stop\n");
        CliResult diff = Cli.run(tmp, "logs", "diff", "good.log", "bad.log", "-t", "PAY-142");
        assertEquals(1, diff.exitCode(), diff.toString());
        assertEquals("recorded as E3 in docs/postmortems/PAY-142.yaml\n", diff.err());
        String ledger = r.read("docs/postmortems/PAY-142.yaml");
        CliResult again = Cli.run(tmp, "logs", "diff", "good.log", "bad.log", "-t", "PAY-142");
        assertEquals(new CliResult(1, diff.out(), "rca: note: this comparison is already E3 in "
            + "docs/postmortems/PAY-142.yaml; nothing added\n"), again);
        assertEquals(ledger, r.read("docs/postmortems/PAY-142.yaml"));
        assertEquals(new CliResult(0, MD + "\n", ""), Cli.run(tmp, "postmortem", "-t", "PAY-142"));
        String md = r.read(MD);
        assertEquals(String.join("\n",
            "- E3 (log-diff): `rca logs diff good.log bad.log -t PAY-142` — first divergence at line 2 of the good log "
                + "and line 2 of the bad log; 1 line only in the good log, 2 only in the bad log:",
            "  ```diff",
            "  -2\t2026-11-20 09:00:00,200 [main] INFO CartCache - evict took 3 ms",
            "  +2\t2026-11-22 09:00:00,200 [main] WARN CartCache - evict might race with entry 0badc0de1",
            "  +3\t2026-11-22 09:00:00,250 [main] ERROR OrderLock - lock wait timed out",
            "  ```",
            "",
            "## Why it slipped through"), md.substring(md.indexOf("- E3"), md.indexOf("## Why it slipped through") + 25));
        assertEquals(new CliResult(0, "", ""), Cli.run(tmp, "lint", MD));
        // the same command with other findings (the log was rewritten) is another comparison
        write(tmp.resolve("bad2.log"), r.read("bad.log").replace("ERROR OrderLock", "ERROR OrderLocks"));
        assertEquals("recorded as E4 in docs/postmortems/PAY-142.yaml\n",
            Cli.run(tmp, "logs", "diff", "bad.log", "bad2.log", "-t", "PAY-142").err());
        write(tmp.resolve("bad2.log"), r.read("bad.log").replace("ERROR OrderLock", "ERROR OrderLock2"));
        assertEquals("recorded as E5 in docs/postmortems/PAY-142.yaml\n",
            Cli.run(tmp, "logs", "diff", "bad.log", "bad2.log", "-t", "PAY-142").err());
    }

    @Test
    void aLogDiffRunInASubdirectoryIsStatedAsItRunsFromTheTop() throws java.io.IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        Path logs = Files.createDirectories(tmp.resolve("ci/logs"));
        write(logs.resolve("good.log"), "start\nok\n");
        write(logs.resolve("bad.log"), "start\nfail\n");
        assertEquals(1, Cli.run(logs, "logs", "diff", "good.log", "bad.log", "-t", "PAY-142").exitCode());
        assertEquals(new CliResult(0, "../../" + MD + "\n", ""), Cli.run(logs, "postmortem", "-t", "PAY-142"));
        String md = r.read(MD);
        assertTrue(md.contains("- E3 (log-diff): `rca logs diff ci/logs/good.log ci/logs/bad.log -t PAY-142` — first"
            + " divergence at line 2 of the good log and line 2 of the bad log; 1 line only in the good log, 1 only in"
            + " the bad log:\n"), md);
    }

    @Test
    void aLogDiffWrittenByHandStatesNoComparisonAndANoteComesBeforeTheFindings() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        write(tmp.resolve("good.log"), "2026-11-20 09:00:00,100 [main] INFO App - start\n");
        // a character outside the BMP where the line is cut to 200: the cut moves before it, not into it
        String late = "2026-11-22 09:00:00,100 [main] WARN App - " + "x".repeat(153);
        write(tmp.resolve("bad.log"), late + "\uD83D\uDE00 start late\n");
        assertEquals(1, Cli.run(tmp, "logs", "diff", "good.log", "bad.log", "-t", "PAY-142").exitCode());
        String ledger = r.read("docs/postmortems/PAY-142.yaml");
        int e3 = ledger.indexOf("  - id: E3\n");
        String withNotes = ledger.substring(0, e3) + "  - {id: E4, kind: log-diff, note: compared the CI logs by eye}\n"
            + ledger.substring(e3).replaceFirst("    kind: log-diff\n", "    kind: log-diff\n    note: seen in CI\n");
        write(tmp.resolve("docs/postmortems/PAY-142.yaml"), withNotes);
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142").exitCode());
        String md = r.read(MD);
        assertTrue(md.contains("- E4 (log-diff) — compared the CI logs by eye\n"), md);
        assertTrue(md.contains("-t PAY-142` — seen in CI — first divergence at line 1 of the good log and line 1 of"
            + " the bad log; 1 line only in the good log, 1 only in the bad log:\n"), md);
        assertTrue(md.contains("\n  +1\t" + late + "…\n"), md);
    }

    @Test
    void aRejectionReasonLeftOnAConfirmedHypothesisIsNotPublished() {
        LedgerRepo r = new LedgerRepo(tmp);
        CliResult result = postmortemOfEdited(r, t -> t.replace("    status: confirmed\n",
            "    status: confirmed\n    because: the lock is taken twice\n"));
        assertEquals(new CliResult(0, MD + "\n", "rca: warning: H2 is confirmed but keeps the reason it was rejected "
            + "(because:); it is left out of the post-mortem: remove it from the ledger\n"), result);
        assertEquals(r.resource("golden/PAY-142.md"), r.read(MD));
    }

    @Test
    void commitContainsOnlyThePostmortemAndItsLedgerAndOtherStagedChangesStayStaged() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        NativeGit.run(tmp, "add", "docs/postmortems/PAY-142.yaml");
        NativeGit.run(tmp, "commit", "-q", "-m", "Start the PAY-142 ledger");
        write(tmp.resolve("README.md"), "staged change\n");
        write(tmp.resolve("notes.txt"), "new and staged\n");
        NativeGit.run(tmp, "add", "README.md", "notes.txt");
        write(tmp.resolve("README.md"), "unstaged on top\n");
        String head = NativeGit.run(tmp, "rev-parse", "HEAD").strip();

        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(0, result.exitCode(), result.toString());
        String sha = NativeGit.run(tmp, "rev-parse", "HEAD").strip();
        assertEquals(MD + "\ncommitted " + sha.substring(0, 12) + " Post-mortem for PAY-142: Checkout hangs after"
            + " cache refactor\n", result.out());
        assertEquals(head, NativeGit.run(tmp, "rev-parse", "HEAD^").strip());
        assertEquals(List.of("docs/postmortems/PAY-142.md", "docs/postmortems/PAY-142.yaml"),
            NativeGit.lines(tmp, "show", "--name-only", "--format=", "HEAD"));
        assertEquals("Post-mortem for PAY-142: Checkout hangs after cache refactor\n\nFix: "
            + r.fix.name().substring(0, 12) + " Hold cart_lock in CartCache.evict until unlinkEntry returns\n",
            NativeGit.run(tmp, "log", "-1", "--format=%B", "HEAD").strip() + "\n");
        assertEquals("Test User <test@example.com>", NativeGit.run(tmp, "log", "-1", "--format=%an <%ae>").strip());
        assertTrue(NativeGit.run(tmp, "show", "HEAD:docs/postmortems/PAY-142.yaml").contains("status: published\n"));
        assertEquals(r.resource("golden/PAY-142.md"), NativeGit.run(tmp, "show", "HEAD:" + MD));
        assertEquals(List.of("README.md", "notes.txt"), NativeGit.lines(tmp, "diff", "--cached", "--name-only"));
        assertEquals(List.of(" M README.md"), NativeGit.lines(tmp, "diff", "--name-status").stream()
            .map(l -> " M " + l.substring(2)).toList());
        assertEquals(List.of("MM README.md", "A  notes.txt"), NativeGit.lines(tmp, "status", "--porcelain"));
    }

    @Test
    void fromASubdirectoryThePrintedPathsLeadToTheFilesFromThere() throws IOException {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        Path sub = Files.createDirectories(tmp.resolve("src/sub"));
        assertEquals(new CliResult(0, "../../" + MD + "\n", ""), Cli.run(sub, "postmortem", "-t", "PAY-142"));
        assertEquals(new CliResult(0, "../../" + MD + "\n", ""), Cli.run(tmp, "-C", "src/sub", "postmortem", "-t",
            "PAY-142"));
        assertEquals(new CliResult(0, "../../docs/postmortems/PAY-143.yaml\n", ""), Cli.run(sub, "open", "PAY-143"));
        assertTrue(Files.exists(sub.resolve("../../docs/postmortems/PAY-143.yaml")));
        // at the top, as DESIGN prints it
        assertEquals(new CliResult(0, MD + "\n", ""), Cli.run(tmp, "postmortem", "-t", "PAY-142"));
    }

    @Test
    void committingAfterWarningsCommitsAsTheDesignSays() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("title: Checkout hangs after cache refactor\n", "")
            .replace("kind: bug", "kind: incident"));
        NativeGit.run(tmp, "add", "docs/postmortems/PAY-142.yaml");
        NativeGit.run(tmp, "commit", "-q", "-m", "Start the PAY-142 ledger");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        String sha = NativeGit.run(tmp, "rev-parse", "HEAD").strip();
        assertEquals(new CliResult(0, MD + "\ncommitted " + sha.substring(0, 12) + " Post-mortem for PAY-142\n",
            "rca: warning: title: the ledger has no title, so the heading is '# PAY-142' (needs title: one line naming"
            + " the bug, e.g. 'Checkout hangs after cache refactor')\nrca: warning: PAY-142 is an incident: a"
            + " customer-visible outage needs its own incident report (timeline, blast radius, paging,"
            + " communications); this post-mortem records the bug fix only (--incident-ok silences this warning)\n"),
            result);
        assertEquals(List.of("docs/postmortems/PAY-142.md", "docs/postmortems/PAY-142.yaml"),
            NativeGit.lines(tmp, "show", "--name-only", "--format=", "HEAD"));
        assertTrue(NativeGit.run(tmp, "show", "HEAD:" + MD).startsWith("# PAY-142\n"));
    }

    @Test
    void committingAgainWithNothingChangedSaysSo() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        assertEquals(0, Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit").exitCode());
        String head = NativeGit.run(tmp, "rev-parse", "HEAD");
        CliResult again = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(new CliResult(0, MD + "\nnothing to commit: HEAD already has " + MD
            + " and docs/postmortems/PAY-142.yaml as they are\n", ""), again);
        assertEquals(head, NativeGit.run(tmp, "rev-parse", "HEAD"));
        assertEquals(List.of(), NativeGit.lines(tmp, "status", "--porcelain"));
    }

    @Test
    void anIgnoredPostmortemIsNotCommittedHalfway() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        String ledger = r.read("docs/postmortems/PAY-142.yaml");
        write(tmp.resolve(".gitignore"), "*.md\n");
        String head = NativeGit.run(tmp, "rev-parse", "HEAD");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("rca: error: cannot commit docs/postmortems/PAY-142.md: git ignores it"),
            result.err());
        assertEquals(head, NativeGit.run(tmp, "rev-parse", "HEAD"));
        assertFalse(Files.exists(tmp.resolve(MD)));
        assertEquals(ledger, r.read("docs/postmortems/PAY-142.yaml"));
        assertEquals(List.of("?? .gitignore", "?? docs/"), NativeGit.lines(tmp, "status", "--porcelain"));
    }

    @Test
    void commitSigningIsRefusedWithAWayToCommitByHand() {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        String ledger = r.read("docs/postmortems/PAY-142.yaml");
        NativeGit.run(tmp, "config", "commit.gpgSign", "true");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(3, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("rca: error: cannot commit the post-mortem: commit.gpgSign is set and rca"
            + " cannot sign commits; nothing was written\nhint: run 'rca postmortem -t PAY-142', set 'status: "
            + "published' in docs/postmortems/PAY-142.yaml, then: git commit -S -m \"Post-mortem for PAY-142\" -- "
            + "docs/postmortems/PAY-142.md docs/postmortems/PAY-142.yaml"), result.err());
        assertFalse(Files.exists(tmp.resolve(MD)));
        assertEquals(ledger, r.read("docs/postmortems/PAY-142.yaml"));
    }

    @Test
    void aRefusingHookLeavesEverythingAsItWas() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        String ledger = r.read("docs/postmortems/PAY-142.yaml");
        hook("pre-commit", "#!/bin/sh\necho 'no post-mortems on Fridays' >&2\nexit 1\n");
        CliResult result = commitRefusedLeavingEverythingAsItWas(r);
        assertTrue(result.err().contains("no post-mortems on Fridays"), result.err());
        assertTrue(result.err().contains("rca: error: the pre-commit hook refused the commit (exit 1)"), result.err());
        assertEquals(ledger, r.read("docs/postmortems/PAY-142.yaml"));
        assertEquals(List.of("?? docs/"), NativeGit.lines(tmp, "status", "--porcelain"));
    }

    /** git adds nothing beyond a symbolic link; rca blamed .gitignore after writing the post-mortem. */
    @Test
    void aSymbolicLinkOnTheWayToTheLedgerStopsTheCommitBeforeAnythingIsWritten() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        Files.move(tmp.resolve("docs"), tmp.resolve("realdocs"));
        Files.createSymbolicLink(tmp.resolve("docs"), Path.of("realdocs"));
        CliResult result = commitRefusedLeavingEverythingAsItWas(r);
        assertEquals(new CliResult(3, "", "rca: error: cannot commit the post-mortem: docs is a symbolic link, and git"
            + " adds nothing beyond one; nothing was written\nhint: run 'rca postmortem -t PAY-142' and commit the two"
            + " files where the link leads, or make docs a directory\n"), result);
    }

    /** git aborts a commit whose message a prepare-commit-msg hook emptied; rca committed it. */
    @Test
    void aPrepareCommitMsgHookThatEmptiesTheMessageStopsTheCommitAsInGit() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        hook("prepare-commit-msg", "#!/bin/sh\n: > \"$1\"\n");
        CliResult result = commitRefusedLeavingEverythingAsItWas(r);
        assertTrue(result.err().startsWith("rca: error: the prepare-commit-msg hook left the commit message empty"),
            result.err());
    }

    /** A hand-filled ledger whose status: was never moved on keeps it when a hook refuses (it came back validated). */
    @Test
    void aRefusingHookLeavesAHandWrittenStatusAsItWas() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        Path file = tmp.resolve("docs/postmortems/PAY-142.yaml");
        write(file, r.read("docs/postmortems/PAY-142.yaml").replace("\nstatus: validated", "\nstatus: open"));
        hook("pre-commit", "#!/bin/sh\nexit 1\n");
        commitRefusedLeavingEverythingAsItWas(r);
    }

    /**
     * Runs {@code rca postmortem --commit} and asserts it was refused (exit 3) with nothing changed: {@code HEAD}, no
     * post-mortem, the ledger byte for byte as it was before the run.
     */
    private CliResult commitRefusedLeavingEverythingAsItWas(LedgerRepo r) {
        String ledger = r.read("docs/postmortems/PAY-142.yaml");
        String head = NativeGit.run(tmp, "rev-parse", "HEAD");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(3, result.exitCode(), result.toString());
        assertEquals(head, NativeGit.run(tmp, "rev-parse", "HEAD"));
        assertFalse(Files.exists(tmp.resolve(MD)));
        assertEquals(ledger, r.read("docs/postmortems/PAY-142.yaml"));
        return result;
    }

    @Test
    void theCommitIsMadeUnderTheLedgersLockSoNoOtherWriterSlipsBetweenRenderingAndCommitting() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        // a hook runs during the commit: it sees what another rca (rca symptom) would wait for
        hook("pre-commit", "#!/bin/sh\nif [ -e docs/postmortems/PAY-142.yaml.lock ]; then echo locked; else echo"
            + " unlocked; fi > .git/lock-seen\n");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("locked\n", Files.readString(tmp.resolve(".git/lock-seen")));
        assertFalse(Files.exists(tmp.resolve("docs/postmortems/PAY-142.yaml.lock")), "the lock is released");
        assertEquals(r.read("docs/postmortems/PAY-142.yaml"), NativeGit.run(tmp, "show", "HEAD:docs/postmortems/PAY-142.yaml"));
        assertEquals(r.read(MD), NativeGit.run(tmp, "show", "HEAD:" + MD));
        assertEquals(0, Cli.run(tmp, "symptom", "-t", "PAY-142", "after the commit").exitCode(),
            "a later writer takes the lock");
    }

    @Test
    void linksImagesAndEmphasisInACommitSubjectStayTextInThePostmortem() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        RevCommit evil = r.repo.commit("Fix cache ![](https://evil.example/t.png) see [the advisory](https://evil.example/x)"
            + " \\[again\\](https://evil.example/y) *urgent* in `Cart[0]`").add("README.md", "cart cache!\n").create();
        r.repo.checkout();
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace(r.fix.name(), evil.name()));
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142");
        assertEquals(0, result.exitCode(), result.toString());
        String markdown = r.read(MD);
        String line = evil.name().substring(0, 12) + " (Fix cache !\\[\\](https://evil.example/t.png) see \\[the"
            + " advisory\\](https://evil.example/x) \\\\\\[again\\\\\\](https://evil.example/y) \\*urgent\\* in `Cart[0]`)";
        assertTrue(markdown.contains(line), markdown);
        String html = HtmlRenderer.builder().build()
            .render(Parser.builder().build().parse(markdown));
        assertFalse(html.contains("<img") || html.contains("<a href") || html.contains("<em>urgent"), html);
        assertEquals(0, Cli.run(tmp, "lint", MD).exitCode());
    }

    @Test
    void thePrepareCommitMsgHookRunsAsGitCommitRunsIt() throws Exception {
        LedgerRepo r = new LedgerRepo(tmp);
        r.writeLedger("PAY-142", "PAY-142.yaml");
        hook("prepare-commit-msg", "#!/bin/sh\necho \"source: $2\" >&2\nprintf 'Reviewed-by: team\\n' >> \"$1\"\n");
        CliResult result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.err().contains("source: message\n"), result.err());
        assertTrue(NativeGit.run(tmp, "log", "-1", "--format=%B").endsWith("\nReviewed-by: team\n\n"),
            NativeGit.run(tmp, "log", "-1", "--format=%B"));

        hook("prepare-commit-msg", "#!/bin/sh\necho 'not today' >&2\nexit 3\n");
        r.writeLedger("PAY-142", "PAY-142.yaml", t -> t.replace("title: ", "title: Again, "));
        String head = NativeGit.run(tmp, "rev-parse", "HEAD");
        result = Cli.run(tmp, "postmortem", "-t", "PAY-142", "--commit");
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.err().contains("not today\nrca: error: the prepare-commit-msg hook refused the commit (exit 3)"),
            result.err());
        assertEquals(head, NativeGit.run(tmp, "rev-parse", "HEAD"));
    }

    /** {@code rca postmortem} of the PAY-142 ledger after {@code edit}. */
    private CliResult postmortemOfEdited(LedgerRepo r, UnaryOperator<String> edit) {
        r.writeLedger("PAY-142", "PAY-142.yaml", edit);
        return Cli.run(r.dir, "postmortem", "-t", "PAY-142");
    }

    /** Installs an executable {@code .git/hooks/<name>}. */
    private void hook(String name, String script) throws java.io.IOException {
        Path hook = Files.createDirectories(tmp.resolve(".git/hooks")).resolve(name);
        write(hook, script);
        assertTrue(hook.toFile().setExecutable(true));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
