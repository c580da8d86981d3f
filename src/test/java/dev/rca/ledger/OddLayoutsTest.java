package dev.rca.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-written layouts a person might produce; each edit must splice in place and keep everything else. */
class OddLayoutsTest {
    @TempDir
    Path dir;

    static List<Arguments> layouts() {
        return List.of(
            Arguments.of("block scalar keeping its trailing breaks", """
                rca: 1
                ticket: T-1
                hypotheses:
                  - id: H1
                    text: |+
                      kept

                  - id: H2
                    text: b
                """, """
                rca: 1
                ticket: T-1
                hypotheses:
                  - id: H1
                    text: |+
                      kept

                    status: rejected
                    because: "no: really"
                  - id: H2
                    text: b
                  - id: H3
                    text: new
                """),
            Arguments.of("indentless sequence", """
                rca: 1
                ticket: T-1
                hypotheses:
                - id: H1
                  text: a   # first
                - id: H2
                  text: b
                # after
                """, """
                rca: 1
                ticket: T-1
                hypotheses:
                - id: H1
                  text: a   # first
                  status: rejected
                  because: "no: really"
                - id: H2
                  text: b
                - id: H3
                  text: new
                # after
                """),
            Arguments.of("flow items, no final newline", """
                rca: 1
                ticket: T-1
                hypotheses: [{id: H1, text: a}, {id: H2, text: b}]  # flow""", """
                rca: 1
                ticket: T-1
                hypotheses: [{id: H1, text: a, status: rejected, because: "no: really"}, {id: H2, text: b}, {id: H3, text: new}]  # flow"""),
            Arguments.of("four-space indent, block scalar last, document markers", """
                ---
                rca: 1
                ticket: T-1
                hypotheses:
                    -   id: H1
                        text: |
                            multi
                            line

                    # between
                    -   id: H2
                        text: >-
                            folded
                            text
                ...
                """, """
                ---
                rca: 1
                ticket: T-1
                hypotheses:
                    -   id: H1
                        text: |
                            multi
                            line
                        status: rejected
                        because: "no: really"

                    # between
                    -   id: H2
                        text: >-
                            folded
                            text
                    - id: H3
                      text: new
                ...
                """),
            Arguments.of("multi-line flow mapping with a status to replace", """
                rca: 1
                ticket: T-1
                hypotheses:
                  - {id: H1,
                     text: a,
                     status: open}
                """, """
                rca: 1
                ticket: T-1
                hypotheses:
                  - {id: H1,
                     text: a,
                     status: rejected, because: "no: really"}
                  - id: H2
                    text: new
                """),
            Arguments.of("quoted keys and a null status", """
                "rca": 1
                'ticket': T-1
                "hypotheses":
                  - "id": H1
                    "text": a
                    "status": ~      # unknown yet
                """, """
                "rca": 1
                'ticket': T-1
                "hypotheses":
                  - "id": H1
                    "text": a
                    "status": rejected # unknown yet
                    because: "no: really"
                  - id: H2
                    text: new
                """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void editsSpliceInPlace(String name, String before, String after) throws Exception {
        Path path = dir.resolve("T-1.yaml");
        Files.writeString(path, before);
        LedgerFile file = new LedgerFile(path, new TicketId("T-1"), "T-1.yaml");
        file.update(edit -> {
            edit.setItemField("H1", "status", "rejected");
            edit.setItemField("H1", "because", "no: really");
            return null;
        });
        file.update(edit -> edit.addItem(ItemKind.HYPOTHESIS, Map.of("text", "new")));
        assertEquals(after, Files.readString(path));
    }

    @org.junit.jupiter.api.Test
    void replacingWholeValuesKeepsTheCommentsAroundThem() throws Exception {
        Path path = dir.resolve("T-1.yaml");
        Files.writeString(path, """
            rca: 1
            ticket: T-1
            bisect:   # state kept by rca
              # the good side
              good: [a]
              bad: b
            # between
            fix:
              commits:
                - c1   # first try
                - c2
              review: PR 1
            action_items:
              - {what: x}
            summary: |
              old
            # end
            """);
        LedgerFile file = new LedgerFile(path, new TicketId("T-1"), "T-1.yaml");
        file.update(edit -> {
            edit.set(List.of("bisect", "good"), List.of("g1", "g2"));
            edit.set(List.of("fix", "commits"), List.of("c1", "c2", "c3"));
            edit.set(List.of("action_items"), "none");
            edit.set(List.of("summary"), "new: one line");
            edit.set(List.of("bisect", "steps"), List.of(LedgerFileTest.ordered("commit", "s1", "verdict", "bad")));
            return null;
        });
        assertEquals("""
            rca: 1
            ticket: T-1
            bisect:   # state kept by rca
              # the good side
              good: [g1, g2]
              bad: b
              steps:
                - commit: s1
                  verdict: bad
            # between
            fix:
              commits:
                - c1   # first try
                - c2
                - c3
              review: PR 1
            action_items: none
            summary: "new: one line"
            # end
            """, Files.readString(path));
    }

    /**
     * A comment under a key's last item belongs to that key's block: a key inserted after the block goes below it
     * (bisect: used to land between the evidence and the comment about it). A comment at the key's own column stays
     * above the key that follows, as the heading of what comes next.
     */
    @org.junit.jupiter.api.Test
    void aKeyInsertedAfterABlockGoesBelowTheCommentsIndentedUnderIt() throws Exception {
        assertEdited("""
            evidence:
              - id: E1
                kind: commit
                # E1 is where we noticed it
                commit: abc
              # more evidence to come: the CI logs
                # (Dana has them)
            # what broke
            root_cause:
              text: x
            """, edit -> edit.setTopLevel("bisect", Map.of("bad", "b")), """
            evidence:
              - id: E1
                kind: commit
                # E1 is where we noticed it
                commit: abc
              # more evidence to come: the CI logs
                # (Dana has them)
            bisect:
              bad: b
            # what broke
            root_cause:
              text: x
            """);
        assertEdited("evidence:\r\n  - id: E1\r\n  # later\r\n\r\nroot_cause: {text: x}\r\n",
            edit -> edit.setTopLevel("bisect", Map.of("bad", "b")),
            "evidence:\r\n  - id: E1\r\n  # later\r\nbisect:\r\n  bad: b\r\n\r\nroot_cause: {text: x}\r\n");
    }

    static List<Arguments> removals() {
        return List.of(
            Arguments.of("block, a comment after the value", """
                hypotheses:
                  - id: H1
                    because: no   # from the thread dump
                    text: a
                """, """
                hypotheses:
                  - id: H1
                    # from the thread dump
                    text: a
                """),
            Arguments.of("block, last line without a line break", """
                hypotheses:
                  - id: H1
                    text: a
                    because: no""", """
                hypotheses:
                  - id: H1
                    text: a"""),
            Arguments.of("block, first key of the item", """
                hypotheses:
                  - because: "no: really"
                    id: H1
                    text: a
                """, """
                hypotheses:
                  - id: H1
                    text: a
                """),
            Arguments.of("block, folded over lines, CRLF", ""
                + "hypotheses:\r\n  - id: H1\r\n    because: >-\r\n      long\r\n      reason\r\n    text: a\r\n",
                "hypotheses:\r\n  - id: H1\r\n    text: a\r\n"),
            Arguments.of("flow, in the middle", """
                hypotheses: [{id: H1, because: "no: really", text: a}]  # flow
                """, """
                hypotheses: [{id: H1, text: a}]  # flow
                """),
            Arguments.of("flow, first", """
                hypotheses:
                  - {because: no, id: H1, text: a}
                """, """
                hypotheses:
                  - {id: H1, text: a}
                """),
            Arguments.of("flow over lines", """
                hypotheses:
                  - {id: H1,
                     text: a,
                     because: no}   # end
                """, """
                hypotheses:
                  - {id: H1,
                     text: a}   # end
                """),
            Arguments.of("block scalar whose header carries a comment", """
                hypotheses:
                  - id: H1
                    because: |   # from the dump
                      the thread dump
                      shows nothing
                    text: a
                """, """
                hypotheses:
                  - id: H1
                    # from the dump
                    text: a
                """),
            Arguments.of("block scalar keeping its breaks, header comment, last", """
                hypotheses:
                  - id: H1
                    text: a
                    because: |+ # kept

                """, """
                hypotheses:
                  - id: H1
                    text: a
                    # kept
                """),
            Arguments.of("nothing to remove", """
                hypotheses:
                  - id: H1      # kept as it is
                    text: a
                """, """
                hypotheses:
                  - id: H1      # kept as it is
                    text: a
                """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    void removingAFieldKeepsEverythingElse(String name, String before, String after) throws Exception {
        assertEdited(before, edit -> edit.removeItemField("H1", "because"), after);
    }

    /** Asserts that {@code edit} turns a ledger of {@code before} into one of {@code after}. */
    private void assertEdited(String before, java.util.function.Consumer<LedgerEdit> edit, String after)
        throws Exception {
        Path path = dir.resolve("T-1.yaml");
        Files.writeString(path, "rca: 1\nticket: T-1\n" + before);
        LedgerFile file = new LedgerFile(path, new TicketId("T-1"), "T-1.yaml");
        file.update(ledger -> {
            edit.accept(ledger);
            return null;
        });
        assertEquals("rca: 1\nticket: T-1\n" + after, Files.readString(path));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "hypotheses: [{id: H1, # why\n  because: no, text: a}]\n",
        "hypotheses:\n  - because: no  # why\n    id: H1\n    text: a\n",
        "hypotheses:\n  - id: H1\n    because:   # why\n      no\n    text: a\n",
        "hypotheses:\n  - because: | # why\n      no\n    id: H1\n    text: a\n"})
    void aRemovalThatWouldTakeACommentWithItIsRefused(String before) throws Exception {
        assertRefused(before, edit -> edit.removeItemField("H1", "because"), "cannot edit T-1.yaml without changing "
            + "what is written in it; nothing was written", "make this change by hand, or report the ledger layout as "
            + "an rca bug");
    }

    /** Asserts that {@code edit} on a ledger of {@code before} is refused with {@code error} and {@code hint}. */
    private void assertRefused(String before, java.util.function.Consumer<LedgerEdit> edit, String error, String hint)
        throws Exception {
        Path path = dir.resolve("T-1.yaml");
        Files.writeString(path, "rca: 1\nticket: T-1\n" + before);
        LedgerFile file = new LedgerFile(path, new TicketId("T-1"), "T-1.yaml");
        dev.rca.RcaException e = org.junit.jupiter.api.Assertions.assertThrows(dev.rca.RcaException.class,
            () -> file.update(ledger -> {
                edit.accept(ledger);
                return null;
            }));
        assertEquals("rca: error: " + error + System.lineSeparator() + "hint: " + hint, e.render());
        assertEquals("rca: 1\nticket: T-1\n" + before, Files.readString(path));
    }

    static List<Arguments> growingCollections() {
        return List.of(
            Arguments.of("block list, comment beside an item and on a line of its own", """
                hypotheses:
                  - id: H1
                    text: a
                    evidence:
                      - E1   # the bisect Dana ran at 09:14
                      # E7 withdrawn: wrong host
                """, List.of("hypotheses", 0, "evidence"), List.of("E1", "E2"), """
                hypotheses:
                  - id: H1
                    text: a
                    evidence:
                      - E1   # the bisect Dana ran at 09:14
                      - E2
                      # E7 withdrawn: wrong host
                """),
            Arguments.of("flow list over lines with comments", """
                hypotheses:
                  - id: H1
                    text: a
                    evidence: [E1,   # Dana's bisect, 09:14
                    ]   # keep
                """, List.of("hypotheses", 0, "evidence"), List.of("E1", "E2"), """
                hypotheses:
                  - id: H1
                    text: a
                    evidence: [E1, E2,   # Dana's bisect, 09:14
                    ]   # keep
                """),
            Arguments.of("mapping, only the changed keys", """
                validation:
                  verify:
                    command: sh test.sh
                    # by hand on the CI box too
                    runs: 1
                    passed: true   # checked by hand on the CI box too
                """, List.of("validation", "verify"), LedgerFileTest.ordered("command", "sh test.sh", "runs", 3,
                    "passed", false), """
                validation:
                  verify:
                    command: sh test.sh
                    # by hand on the CI box too
                    runs: 3
                    passed: false  # checked by hand on the CI box too
                """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("growingCollections")
    void aCollectionGivenMoreIsEditedInPlaceAndKeepsItsComments(String name, String before, List<Object> path,
                                                                 Object value, String after) throws Exception {
        assertEdited(before, edit -> edit.set(path, value), after);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "fix:\n  commits:\n    - c1   # first try\n    - c2\n",
        "fix:\n  commits:\n    - c1\n    # c0 was wrong\n    - c2\n",
        "fix:\n  commits: [c1,  # first try\n    c2]\n",
        "fix:\n  commits:\n    - c1\n    - |  # why\n      c2\n"})
    void replacingACollectionThatHoldsACommentIsRefused(String before) throws Exception {
        assertRefused(before, edit -> edit.set(List.of("fix", "commits"), List.of("c3")), "cannot replace fix.commits "
            + "in T-1.yaml without dropping a comment written inside it; nothing was written", "make this change by "
            + "hand, or move the comment out of fix.commits");
    }
}
