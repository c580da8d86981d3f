package dev.rca.postmortem;

import static dev.rca.testing.PostmortemFixture.clean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rca.config.RcaConfig;
import dev.rca.postmortem.ShaResolver.Resolution;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostmortemLinterTest {
    static final String FIX = "9b2e4c7a1d3f5e6b8c0a2d4f6e8b0c2a4d6f8e0b";
    static final String OFFENDING = "4e1d7c3b";
    private static final Set<String> KNOWN = Set.of(FIX, OFFENDING);
    private static final ShaResolver FAKE_REPO = hex -> KNOWN.contains(hex) ? Resolution.COMMIT : Resolution.UNKNOWN;

    private static List<String> lint(String markdown) {
        return lint(RcaConfig.defaults().lint(), markdown);
    }

    private static List<String> lint(RcaConfig.Lint settings, String markdown) {
        return new PostmortemLinter(settings, FAKE_REPO).lint("pm.md", markdown).stream()
            .map(f -> f.line() + ":" + f.column() + ": " + f.rule().id()).toList();
    }

    private static String replaceLine(String text, int line, String replacement) {
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        lines.set(line - 1, replacement);
        return String.join("\n", lines);
    }

    @Test
    void cleanPostmortemHasNoFindings() {
        String text = clean(FIX, OFFENDING);
        assertEquals(List.of(), new PostmortemLinter(RcaConfig.defaults().lint(), FAKE_REPO).lint("pm.md", text));
    }

    @Test
    void sectionTitlesAreTheNineInOrder() {
        assertEquals(List.of("Summary", "Symptom", "Root cause", "Why it produced the symptom", "Fix",
            "How it was found", "Why it slipped through", "Validation", "Action items"),
            java.util.Arrays.stream(PostmortemSection.values()).map(PostmortemSection::title).toList());
        assertEquals(List.of(PostmortemSection.SUMMARY, PostmortemSection.ROOT_CAUSE, PostmortemSection.FIX,
            PostmortemSection.VALIDATION), java.util.Arrays.stream(PostmortemSection.values())
            .filter(PostmortemSection::mandatory).toList());
    }

    @Test
    void hedgingIsReportedWhereThePhraseStarts() {
        String text = replaceLine(clean(FIX, OFFENDING), 23, "Two threads probably each held one lock; we");
        text = replaceLine(text, 24, "believe `might` in code is fine.");
        List<LintFinding> findings = new PostmortemLinter(RcaConfig.defaults().lint(), FAKE_REPO).lint("pm.md", text);
        assertEquals(List.of(
            "pm.md:23:13: hedging: 'probably' is hedging: state what is known, or leave it out",
            "pm.md:23:42: hedging: 'we believe' is hedging: state what is known, or leave it out"),
            findings.stream().map(LintFinding::render).toList());
    }

    @Test
    void hedgingInsideCodeBlocksAndWordsIsIgnored() {
        String text = replaceLine(clean(FIX, OFFENDING), 13, "it might fail; probably a race; mightily");
        text = replaceLine(text, 23, "Mightily unlikelyhood seemsy: none of these are hedging words.");
        assertEquals(List.of(), lint(text));
    }

    @Test
    void blameIsReportedButOwningTheGapIsNot() {
        String text = replaceLine(clean(FIX, OFFENDING), 39, "Review should have caught it; it was Bob's fault,"
            + " a careless change. No good reason: we should have caught this.");
        assertEquals(List.of("39:8: blame", "39:38: blame", "39:53: blame"), lint(text));
    }

    @Test
    void unknownShaIsReportedInTextAndCodeSpans() {
        String text = replaceLine(clean(FIX, OFFENDING), 19, "takes them in the opposite order. Commit `abcdef1`"
            + " moved it, see 1234567 and deadbee5.");
        assertEquals(List.of("19:43: unknown-sha", "19:78: unknown-sha"), lint(text));
    }

    @Test
    void shaHeuristicSkipsNumbersWordsColoursUuidsAndPaths() {
        for (String notASha : List.of("20261120", "deadbeef", "#a1b2c3d4", "0x7fa3b2c1d", "550e8400-e29b-41d4",
            "v1.2-3-gabc1234", "objects/ab/cdef123456", "file.abc1234", "a1b2c3d.example.com", "1e10000",
            "ABCDEF12", "abc123", "a".repeat(41).replace('a', '1') + "b", "Order@1b6d3586", "`Order@1b6d3586`",
            "RSP: 0018:ffffc90000a3bd48")) {
            String text = replaceLine(clean(FIX, OFFENDING), 23, "Mention " + notASha + " here.");
            assertEquals(List.of(), lint(text), notASha);
        }
        String range = replaceLine(clean(FIX, OFFENDING), 23, "Range " + OFFENDING + "..abc1234 here.");
        assertEquals(List.of("23:17: unknown-sha"), lint(range));
        assertTrue(PostmortemLinter.looksLikeSha("4e1d7c3"));
        assertFalse(PostmortemLinter.looksLikeSha("1234567"));
    }

    @Test
    void missingMandatorySectionIsReportedWhereItBelongs() {
        String text = clean(FIX, OFFENDING).replace("## Validation\n", "## Validation-ish\n");
        // the renamed heading is unknown, and Validation is missing before Action items
        assertEquals(List.of("41:1: unknown-section", "49:1: missing-section"), lint(text));
        String noFix = clean(FIX, OFFENDING).replace("## Fix\n\n" + FIX + " releases `CartCache.lock` before the call"
            + " into `OrderLock`, so both paths take the locks in the\nsame order.\n\n", "");
        assertEquals(List.of("26:1: missing-section"), lint(noFix));
    }

    @Test
    void missingTrailingSectionIsReportedAtTheLastLine() {
        String text = clean(FIX, OFFENDING);
        text = text.substring(0, text.indexOf("## Validation")) + text.substring(text.indexOf("## Action items"));
        text = text.substring(0, text.indexOf("## Action items")).stripTrailing() + "\n";
        assertEquals(List.of("39:1: missing-section"), lint(text));
    }

    @Test
    void sectionOutOfOrderIsReportedOnce() {
        String text = clean(FIX, OFFENDING);
        String fix = text.substring(text.indexOf("## Fix"), text.indexOf("## How it was found"));
        text = text.replace(fix, "");
        text = text.replace("## Root cause", fix + "## Root cause");
        List<LintFinding> findings = new PostmortemLinter(RcaConfig.defaults().lint(), FAKE_REPO).lint("pm.md", text);
        assertEquals(List.of("pm.md:16:1: section-order: '## Fix' is out of order: it belongs before"
            + " '## How it was found'"), findings.stream().map(LintFinding::render).toList());
    }

    @Test
    void duplicateAndEmptySections() {
        String text = clean(FIX, OFFENDING).replace("## Why it slipped through\n",
            "## Symptom\n\n## Why it slipped through\n");
        assertEquals(List.of("37:1: section-order", "37:1: empty-section"), lint(text));
        String clean = clean(FIX, OFFENDING);
        String emptyFix = clean.substring(0, clean.indexOf("## Fix") + 7)
            + clean.substring(clean.indexOf("## How it was found") - 1);
        assertEquals(List.of("26:1: empty-section"), lint(emptyFix));
        String commentOnly = clean.replace("CI gap: no test ran two checkouts at once before `CheckoutIT.multiItemCart`"
            + " was added.", "<!-- TODO -->");
        assertEquals(List.of("37:1: empty-section"), lint(commentOnly));
    }

    @Test
    void titleMustBeTicketColonTitle() {
        assertEquals(List.of("1:1: title"), lint(replaceLine(clean(FIX, OFFENDING), 1, "# Checkout hangs")));
        assertEquals(List.of("1:1: title"), lint(replaceLine(clean(FIX, OFFENDING), 1, "Checkout hangs")));
    }

    @Test
    void aRootCauseThatNamesNoCodeIsReportedAtItsFirstBlock() {
        String vague = replaceLine(replaceLine(clean(FIX, OFFENDING), 19, "i.e. a race between two threads."), 18,
            "<!-- the mechanism -->\n\nA locking issue made checkout hang under load,");
        List<LintFinding> findings = new PostmortemLinter(RcaConfig.defaults().lint(), FAKE_REPO).lint("pm.md", vague);
        assertEquals(List.of("pm.md:20:1: vague-root-cause: '## Root cause' names no function, file, field or commit:"
            + " walk the mechanism with its code identifiers (e.g. `CartCache.evict()`), not a summary of it"),
            findings.stream().map(LintFinding::render).toList());
        // one identifier, file name, SHA, code span or code block is enough, as for rca postmortem's warning
        for (String named : List.of("The lock in evict() is released early.", "Commit " + OFFENDING + " moved the unlock.",
            "The `lock` is released early.", "The timeout in config.yaml was 0.", "The Dockerfile pins an old JDK.",
            "The write to f.txt replaced its content.",
            "The retry loop reads max_attempts=1.", "A race:\n\n```\nthread 1 holds the lock\n```")) {
            assertEquals(List.of(), lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19, ""), 18, named)), named);
        }
        // a vague sentence under a heading of its own in the section, or in a list, is still vague
        assertEquals(List.of("20:1: vague-root-cause"), lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19,
            "- a locking issue"), 18, "### Mechanism\n")));
        assertEquals(List.of(), lint(RcaConfig.parse("lint:\n  disable: [vague-root-cause]\n", "test").lint(), vague));
    }

    @Test
    void theOffendingCommitsListedUnderARootCauseDoNotMakeItsTextSpecific() {
        String vague = "A locking issue made checkout hang under load, i.e. a race between two threads.";
        String message = "pm.md:18:1: vague-root-cause: '## Root cause' names no function, file, field or commit in its"
            + " text (the offending commit listed under it says which change, not how it broke): walk the mechanism"
            + " with its code identifiers (e.g. `CartCache.evict()`), not a summary of it";
        // as rca postmortem lists root_cause.offending: one commit on a line, several in a list
        for (String listing : List.of("Offending commit: " + OFFENDING + " cache: evict under the order lock",
            "Offending commits:\n\n- " + OFFENDING + " cache: evict under the order lock\n- `" + FIX
                + "` cache: hold the lock")) {
            String text = replaceLine(replaceLine(clean(FIX, OFFENDING), 19, "\n" + listing), 18, vague);
            assertEquals(List.of(message), new PostmortemLinter(RcaConfig.defaults().lint(), FAKE_REPO)
                .lint("pm.md", text).stream().map(LintFinding::render).toList(), listing);
            // a sentence that cites the commit, a file or a function is specific, listing or not
            for (String named : List.of("Commit " + OFFENDING + " moved the unlock.", "The lock in evict() is"
                + " released early.", "The timeout in config.yaml was 0.")) {
                assertEquals(List.of(), lint(replaceLine(text, 18, named)), named);
            }
        }
        // a Root cause that is the listing alone says no more: reported at the listing
        assertEquals(List.of("18:1: vague-root-cause"), lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19, ""),
            18, "Offending commit: " + OFFENDING + " cache: evict under the order lock")));
        // a list under other text is text
        assertEquals(List.of(), lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19, "\n- `CartCache.evict()`"
            + " unlocks first"), 18, vague)));
    }

    @Test
    void whatAParagraphSaysAfterTheOffendingCommitItListsIsItsText() {
        String listed = "Offending commit: " + OFFENDING + " cache: evict under the order lock";
        String mechanism = "`CartCache.evict()` takes `CartCache.lock`, then `OrderLock.acquire()`.";
        String vague = "A locking issue made checkout hang under load.";
        // the mechanism in the listing's own paragraph, on its next line or after its sentence, is the Root cause
        for (String said : List.of(listed + "\n" + mechanism, listed + ". " + mechanism,
            listed + "\nThe lock in evict() is released early.")) {
            assertEquals(List.of(), lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19, ""), 18, said)), said);
        }
        // vague words after the listing stay vague: its commits (and a subject naming code) say which change, not how
        for (String said : List.of(listed + "\n" + vague, listed + ". " + vague,
            "Offending commit: " + OFFENDING + " cache: move `evict()` under the order lock\n" + vague,
            "Offending commits: " + OFFENDING + ", `" + FIX + "`; " + vague,
            "Offending commits: " + OFFENDING + " and " + FIX + "\n" + vague)) {
            assertEquals(List.of("18:1: vague-root-cause"),
                lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19, ""), 18, said)), said);
        }
        // so in an item of the list of offending commits
        String list = "Offending commits:\n\n- " + OFFENDING + " cache: evict under the order lock\n  ";
        assertEquals(List.of(), lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19, ""), 18, list + mechanism)));
        // reported where the vague words are: the list
        assertEquals(List.of("20:1: vague-root-cause"),
            lint(replaceLine(replaceLine(clean(FIX, OFFENDING), 19, ""), 18, list + vague)));
    }

    /**
     * A mechanism written on the line of a single offending commit, after its subject, is the Root cause's text: the
     * subject ends where its parentheses close (those it holds counted), or, bare, where the repository's subject for
     * the commit ends. Before, the whole line was read as the subject, and a concrete root cause was called vague.
     */
    @Test
    void aMechanismAfterTheOffendingCommitsSubjectOnItsLineIsTheText() {
        String concrete = ", which made `CartCache.evict()` take `OrderLock` while holding `CartCache.lock`.";
        String vague = ", which made checkout hang under load.";
        for (String subject : List.of("(cache: evict under the order lock)",
            "(fix(cache): move `evict()` under the order lock)")) {
            String listed = "Offending commit: " + OFFENDING + " " + subject;
            assertEquals(List.of(), lint(rootCauseOnly(listed + concrete)), listed + concrete);
            // the subject's own code says which change, not how it broke
            assertEquals(List.of("18:1: vague-root-cause"), lint(rootCauseOnly(listed + vague)), listed + vague);
        }
        String subject = "cache: evict under the order lock";
        ShaResolver knowsSubjects = new ShaResolver() {
            @Override
            public Resolution resolve(String hex) {
                return FAKE_REPO.resolve(hex);
            }

            @Override
            public String subject(String hex) {
                return hex.equals(OFFENDING) ? subject : null;
            }
        };
        for (String written : List.of(subject, "(" + subject + ")")) {
            String listed = "Offending commit: " + OFFENDING + " " + written;
            assertEquals(List.of(), lint(knowsSubjects, rootCauseOnly(listed + concrete)), listed + concrete);
            assertEquals(List.of("18:1: vague-root-cause"), lint(knowsSubjects, rootCauseOnly(listed + vague)),
                listed + vague);
        }
    }

    /** The clean post-mortem with {@code rootCause} for its Root cause's text. */
    private static String rootCauseOnly(String rootCause) {
        return replaceLine(replaceLine(clean(FIX, OFFENDING), 19, ""), 18, rootCause);
    }

    private static List<String> lint(ShaResolver shas, String markdown) {
        return new PostmortemLinter(RcaConfig.defaults().lint(), shas).lint("pm.md", markdown).stream()
            .map(f -> f.line() + ":" + f.column() + ": " + f.rule().id()).toList();
    }

    @Test
    void validationMustStateCoverage() {
        String text = replaceLine(clean(FIX, OFFENDING), 47, "The fix works.");
        assertEquals(List.of("41:1: validation-coverage"), lint(text));
        String none = replaceLine(clean(FIX, OFFENDING), 47, "Not covered: none.");
        assertEquals(List.of(), lint(none));
    }

    @Test
    void actionItemsNeedOwnerAndTracking() {
        String text = clean(FIX, OFFENDING).stripTrailing()
            + "\n- Audit other caches for the same order (tracking: PAY-150)\n- Tell the team (owner: Dana)\n"
            + "- Something vague\n";
        List<LintFinding> findings = new PostmortemLinter(RcaConfig.defaults().lint(), FAKE_REPO).lint("pm.md", text);
        assertEquals(List.of(
            "pm.md:53:1: action-item-owner: action item has no owner; add e.g. '(owner: Payments team, tracking: PAY-143)'",
            "pm.md:54:1: action-item-owner: action item has no tracking reference; add e.g. '(owner: Payments team,"
                + " tracking: PAY-143)'",
            "pm.md:55:1: action-item-owner: action item has neither an owner nor a tracking reference; add e.g."
                + " '(owner: Payments team, tracking: PAY-143)'"),
            findings.stream().map(LintFinding::render).toList());
    }

    @Test
    void actionItemsNoneAndTables() {
        String text = clean(FIX, OFFENDING);
        String head = text.substring(0, text.indexOf("## Action items"));
        assertEquals(List.of(), lint(head + "## Action items\n\nNone — the fix is sufficient.\n"));
        assertEquals(List.of("54:1: action-item-owner"), lint(head
            + "## Action items\n\n| what | owner | tracking |\n|---|---|---|\n| test | Dana | PAY-9 |\n| docs | | PAY-10 |\n"));
        assertEquals(List.of("49:1: action-item-owner"), lint(head + "## Action items\n\nWe will see.\n"));
    }

    @Test
    void configDisablesRulesAndAddsWords() {
        String text = replaceLine(clean(FIX, OFFENDING), 23, "Plausibly two threads probably deadlocked; sloppy.");
        assertEquals(List.of("23:23: hedging"), lint(text));
        RcaConfig.Lint settings = new RcaConfig.Lint(Set.of(LintRule.HEDGING), List.of("plausibly"),
            List.of("sloppy"), List.of());
        assertEquals(List.of("23:44: blame"), lint(settings, text));
        RcaConfig.Lint words = new RcaConfig.Lint(Set.of(), List.of("plausibly"), List.of(), List.of());
        assertEquals(List.of("23:1: hedging", "23:23: hedging"), lint(words, text));
    }

    @Test
    void combinedFaultsGiveOneFindingEach() {
        String text = """
            # PAY-7: Orders lost on retry

            ## Summary

            Orders were lost when the payment call was retried. We believe the retry path dropped them.

            ## Fix

            Commit 0badc0de1 makes `RetryPolicy.apply()` keep the order id.

            ## Root cause

            `RetryPolicy.apply()` built a new request and lost `orderId`; it might also drop the amount.

            ## Action items

            - Add a retry test to `PaymentIT`
            """;
        // a commit of another repository the configuration names is let through, at any shared length
        RcaConfig.Lint foreign = new RcaConfig.Lint(Set.of(), List.of(), List.of(), List.of(), List.of("0badc0de1ff"));
        assertTrue(new PostmortemLinter(foreign, FAKE_REPO).lint("pm.md", text).stream()
            .noneMatch(f -> f.rule() == LintRule.UNKNOWN_SHA));
        List<LintFinding> findings = new PostmortemLinter(RcaConfig.defaults().lint(), FAKE_REPO).lint("pm.md", text);
        assertEquals(List.of(
            "pm.md:5:53: hedging: 'We believe' is hedging: state what is known, or leave it out",
            "pm.md:9:8: unknown-sha: 0badc0de1 does not name a commit in this repository",
            "pm.md:11:1: section-order: '## Root cause' is out of order: it belongs before '## Fix'",
            "pm.md:13:66: hedging: 'might' is hedging: state what is known, or leave it out",
            "pm.md:15:1: missing-section: missing mandatory section '## Validation' (it belongs before"
                + " '## Action items')",
            "pm.md:17:1: action-item-owner: action item has neither an owner nor a tracking reference; add e.g."
                + " '(owner: Payments team, tracking: PAY-143)'"),
            findings.stream().map(LintFinding::render).toList());
    }

    @Test
    void withoutRepositoryShasAreNotChecked() {
        String text = replaceLine(clean(FIX, OFFENDING), 23, "See abcdef1.");
        PostmortemLinter linter = new PostmortemLinter(RcaConfig.defaults().lint(), null);
        assertFalse(linter.checksShas());
        assertEquals(List.of(), linter.lint("pm.md", text));
    }

    @Test
    void tableCellsAndTabIndentedItemsArePositionedExactly() {
        String text = clean(FIX, OFFENDING).replace("| `CheckoutIT` passes | 20/20 runs at " + FIX + " |",
            "| `CheckoutIT` passes | 20/20 runs at abc1234, it seems |");
        assertEquals(List.of("45:39: unknown-sha", "45:51: hedging"), lint(text));
        String tabbed = replaceLine(clean(FIX, OFFENDING), 35, "-\tA thread dump probably showed it.");
        assertEquals(List.of("35:17: hedging"), lint(tabbed));
    }

    @Test
    void moreHedgesAndBlameByNameOrRoleAreReported() {
        for (String hedge : List.of("Maybe the lock leaked.", "It could be that the lock leaked.",
            "It is possible that the lock leaked.", "It looks like the lock leaked.", "Hopefully it holds now.",
            "In all likelihood the lock leaked.", "We are not certain the lock leaked.", "Reportedly the lock leaked.",
            "Arguably the lock leaked.")) {
            assertEquals(List.of("39:1: hedging"), lint(replaceLine(clean(FIX, OFFENDING), 39, hedge)).stream()
                .map(f -> f.replaceFirst(":\\d+:", ":1:")).toList(), hedge);
        }
        for (String blame : List.of("The reviewer missed the overflow.",
            "The author of the patch did not think about values above 255.", "He overlooked the second path.")) {
            assertEquals(List.of("39:1: blame"), lint(replaceLine(clean(FIX, OFFENDING), 39, blame)), blame);
        }
        // names cannot be told from things: "Checkout broke", "Kafka broke" are gaps to describe, not people
        for (String fine : List.of("The test missed the overflow: it used one thread.", "Refactoring broke the order.",
            "The release broke the cache.", "Commit order was not tested.", "The race could be hit twice per run.",
            "Checkout broke for 12% of users.", "Kafka broke the consumer group.", "Something broke twice.",
            "The migration forgot to copy the index.", "The retries piled up and they broke the limiter.")) {
            assertEquals(List.of(), lint(replaceLine(clean(FIX, OFFENDING), 39, fine)), fine);
        }
    }

    @Test
    void quotedMessagesAreSomeoneElsesWords() {
        String text = replaceLine(clean(FIX, OFFENDING), 39, "e2fsck printed \"Either the superblock or the partition"
            + " table is likely to be corrupt!\" and \u201cmaybe\u201d; that probably misled us.");
        assertEquals(List.of("39:106: hedging"), lint(text));
        // an inch mark opens no quotation
        assertEquals(List.of("39:31: hedging"), lint(replaceLine(clean(FIX, OFFENDING), 39,
            "The 3.5\" drive failed, and it probably failed before.")));
    }

    @Test
    void coverageMeansWhatWasLeftOutAndPlaceholdersOwnNothing() {
        for (String vague : List.of("The fix works. None of the earlier runs failed.", "Code coverage went up.",
            "The test covered the crash.")) {
            assertEquals(List.of("41:1: validation-coverage"), lint(replaceLine(clean(FIX, OFFENDING), 47, vague)),
                vague);
        }
        for (String stated : List.of("Not covered: the EU cluster.", "Coverage: nothing was left out.",
            "Multi-node runs were left out.", "The regression test covers only the Linux path.")) {
            assertEquals(List.of(), lint(replaceLine(clean(FIX, OFFENDING), 47, stated)), stated);
        }
        String text = clean(FIX, OFFENDING).stripTrailing() + "\n- Add a test (owner: TBD, tracking: TBD)\n"
            + "- Audit (owner: Dana, tracking: TODO)\n- Alert (owner: TBD, tracking: PAY-143)\n- Page (TBD, PAY-144)\n"
            + "\n| Item | Owner | Tracking |\n|---|---|---|\n| Alert | TBD | PAY-9 |\n";
        assertEquals(List.of("53:1: action-item-owner", "54:1: action-item-owner", "55:1: action-item-owner",
            "56:1: action-item-owner", "60:1: action-item-owner"), lint(text));
    }

    @Test
    void technicalWordsAreNotBlameOrHedging() {
        String text = replaceLine(clean(FIX, OFFENDING), 39, "The kernel's fault handler uses lazy loading;"
            + " it was nobody's fault. We ran git blame on the May release.");
        assertEquals(List.of(), lint(text));
    }

    @Test
    void ownerAndTrackingInTheShortForms() {
        String text = clean(FIX, OFFENDING).stripTrailing() + "\n- CI matrix entry (Alex — JIRA-12346)\n"
            + "- Audit fast-paths (@dana, https://tracker.example/ISSUE/9)\n- Runbook (owned by SRE; #77)\n"
            + "- Related audit. (Filed as JIRA-12347.)\n";
        assertEquals(List.of("56:1: action-item-owner"), lint(text));
    }

    @Test
    void blockQuotesAreCheckedForShasOnly() {
        String text = clean(FIX, OFFENDING).replace("## Root cause\n", "> The customer wrote: it seems to hang"
            + " since abcdef1, probably.\n\n## Root cause\n");
        assertEquals(List.of("16:46: unknown-sha"), lint(text));
    }

    @Test
    void headingsMatchLoosely() {
        String text = clean(FIX, OFFENDING).replace("## Root cause\n", "## Root  Cause:\n");
        assertEquals(List.of(), lint(text));
    }
}
