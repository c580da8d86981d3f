package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermsTest {
    @Test
    void aLanguagesKeywordsAreNoIdentifiersOfItsFiles() {
        String line = "private static final Instant lastRepackTime = Instant.EPOCH; // import this";
        Set<String> java = new LinkedHashSet<>();
        Terms.identifiers(line, java, SourceLines.forPath("GC.java").keywords());
        assertEquals(List.of("instant", "lastrepacktime", "epoch"), List.copyOf(java));
        Set<String> c = new LinkedHashSet<>();
        Terms.identifiers(line, c, SourceLines.forPath("gc.c").keywords());
        assertEquals(List.of("private", "final", "instant", "lastrepacktime", "epoch", "import"), List.copyOf(c));
        Set<String> py = new LinkedHashSet<>();
        Terms.identifiers("def price(self, qty): return None if qty else True", py,
            SourceLines.forPath("p.py").keywords());
        assertEquals(List.of("price", "qty"), List.copyOf(py));
    }

    @Test
    void identifiersAreWhatTheRegexFindsInTheSameOrder() {
        // the scan by hand replaced a regex: runs led by digits (a number with its radix prefix or suffix: 0x1f2a,
        // 3qux, no identifier), short runs, non-ASCII letters
        String alphabet = "aZ_09x \t(){};.,-+*/\"'#éß\u00e9\u4e2d\u0130\u212aIntSIZE";
        java.util.Random random = new java.util.Random(5);
        java.util.regex.Pattern identifier = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]{2,}");
        List<String> lines = new java.util.ArrayList<>(List.of("", "ab", "abc", "9abc", "12ab", "0x1f2a", "a1_",
            "__", "___", "foo(bar_baz, 3qux)", "int x = sizeof(struct foo);", "ÉtéCafé9_x"));
        for (int i = 0; i < 3_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        for (String line : lines) {
            Set<String> expected = new LinkedHashSet<>();
            java.util.regex.Matcher m = identifier.matcher(line);
            while (m.find()) {
                String id = m.group().toLowerCase(java.util.Locale.ROOT);
                if (!Terms.COMMON.contains(id)) {
                    expected.add(id);
                }
            }
            Set<String> found = new LinkedHashSet<>();
            Terms.identifiers(line, found);
            assertEquals(List.copyOf(expected), List.copyOf(found), line);
            // and a candidate's message words: the same in the lower-cased text
            Set<String> words = new LinkedHashSet<>();
            java.util.regex.Matcher w = java.util.regex.Pattern.compile("(?<![a-z0-9_])[a-z_][a-z0-9_]{2,}")
                .matcher(line.toLowerCase(java.util.Locale.ROOT));
            while (w.find()) {
                if (!Terms.COMMON.contains(w.group())) {
                    words.add(w.group());
                }
            }
            assertEquals(List.copyOf(words), List.copyOf(Terms.messageWords(line.replace("\n", " "))), line);
        }
    }

    @Test
    void fixMessageLosesEverythingThatCouldNameTheOffender() {
        String message = """
            ip: fix the route_parse overflow in print_nexthop

            Commit 1a2b3c4d5e6f ("ip: add nexthop printing") made print_nexthop
            write past the buffer; also see 0123abc (route: cache lookups,
            2024-01-02) which moved it. The caller passes ("a quoted subject")
            too.

            Fixes: 1a2b3c4d5e6f ("ip: add nexthop printing")
            Signed-off-by: A U Thor <author@example.com>
            """;
        assertEquals("""
            ip: fix the route_parse overflow in print_nexthop

            too.
            """, Terms.strippedOfPointers(message));
        assertEquals(List.of("route_parse", "overflow", "print_nexthop", "too"),
            List.copyOf(Terms.fixMessageWords(message)));
    }

    @Test
    void aRevertLosesTheQuotedSubject() {
        assertEquals("Keep the mode\n\ntoo slow on large trees.\n",
            Terms.strippedOfPointers("Keep the mode Revert \"ip: cache the route table\"\n\ntoo slow on large trees.\n"));
        assertEquals(List.of(), List.copyOf(Terms.fixMessageWords("Revert \"ip: cache the route table\"")));
    }

    @Test
    void wordsThatLookLikeHexButHaveNoDigitStay() {
        assertEquals("a defaced cafebabe buffer\n", Terms.strippedOfPointers("a defaced cafebabe buffer"));
    }

    @Test
    void identifiersLeaveKeywordsAndShortNamesOut() {
        Set<String> ids = new LinkedHashSet<>();
        Terms.identifiers("\tif (ret < 0 && buf_len > MAX_LEN) return parse_opts(argc, argv);", ids);
        assertEquals(List.of("buf_len", "max_len", "parse_opts", "argc", "argv"), List.copyOf(ids));
        assertEquals(0.5, Terms.coverage(Set.of("a1x", "b2y"), Set.of("a1x", "zzz")));
        assertEquals(0.0, Terms.coverage(Set.of(), Set.of("a1x")));
    }
}
