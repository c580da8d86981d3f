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
            edit.set(List.of("fix", "commits"), List.of("c3"));
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
              commits: [c3]
              review: PR 1
            action_items: none
            summary: "new: one line"
            # end
            """, Files.readString(path));
    }
}
