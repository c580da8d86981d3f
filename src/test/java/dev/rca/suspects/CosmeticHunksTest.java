package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CosmeticHunksTest {
    /** The kind of a hunk in a file that holds nothing but the hunk itself. */
    private static CosmeticHunks.Kind kind(List<String> before, List<String> after) {
        return CosmeticHunks.of(before, after, () -> CosmeticHunks.identifiers(before),
            () -> CosmeticHunks.identifiers(after));
    }

    @Test
    void splittingOrJoiningLinesIsARewrap() {
        assertEquals(CosmeticHunks.Kind.REWRAP, kind(List.of("\tret = call(alpha, beta, gamma);"),
            List.of("\tret = call(alpha,", "\t\t   beta, gamma);")));
        assertEquals(CosmeticHunks.Kind.REWRAP, kind(List.of("if (x) {", "}"), List.of("if (x) { }")));
        assertEquals(CosmeticHunks.Kind.REWRAP, kind(List.of("x = 1;"), List.of("x  =  1;")));
    }

    @Test
    void whitespaceInsideAQuotedLiteralIsNoWhitespaceToIgnore() {
        assertNull(kind(List.of("printf(\"a  b\");"), List.of("printf(\"a b\");")));
        assertEquals(CosmeticHunks.Kind.REWRAP, kind(List.of("printf(\"a  b\", x);"),
            List.of("printf(\"a  b\",", "       x);")));
    }

    @Test
    void aConsistentRenameToANewNameIsARename() {
        assertEquals(CosmeticHunks.Kind.RENAME, kind(List.of("n = nd_opt->len + nd_opt->type;"),
            List.of("n = nd_lla_opt->len + nd_lla_opt->type;")));
        // a rename that also re-wraps is still one
        assertEquals(CosmeticHunks.Kind.RENAME, kind(List.of("f(old_name, 1);"), List.of("f(new_name,", "  1);")));
    }

    @Test
    void swappingOneExistingNameForAnotherIsNoRename() {
        // max was in the file already, or min stays in it: a different call, not a new name for the same thing
        assertNull(CosmeticHunks.of(List.of("x = min(a, b);"), List.of("x = max(a, b);"),
            () -> Set.of("x", "min", "max", "a", "b"), () -> Set.of("x", "max", "a", "b")));
        assertNull(CosmeticHunks.of(List.of("x = min(a, b);"), List.of("x = max(a, b);"),
            () -> Set.of("x", "min", "a", "b"), () -> Set.of("x", "min", "max", "a", "b")));
        // two names becoming one, and one name becoming two
        assertNull(kind(List.of("a = b + c;"), List.of("a = d + d;")));
        assertNull(kind(List.of("a = b + b;"), List.of("a = c + d;")));
    }

    @Test
    void changedCodeIsNotCosmetic() {
        // a number, an operator, a token added, a name turned into a number, a quoted path
        assertNull(kind(List.of("x = y * 2;"), List.of("x = y * 3;")));
        assertNull(kind(List.of("x = y * 2;"), List.of("x = y + 2;")));
        assertNull(kind(List.of("f(a);"), List.of("f(a, b);")));
        assertNull(kind(List.of("f(a);"), List.of("f(0);")));
        assertNull(kind(List.of("\t\"crypto/rand\""), List.of("\t\"math/rand\"")));
    }

    @Test
    void aHunkThatOnlyAddsOrOnlyDeletesIsNotCosmetic() {
        assertNull(kind(List.of(), List.of("x = 1;")));
        assertNull(kind(List.of("x = 1;"), List.of()));
    }

    @Test
    void tokensAreIdentifiersNumbersQuotedLiteralsAndSingleCharacters() {
        assertEquals(List.of("x1", "=", "0", "x10", "+", "_y", "-", ">", "z"),
            CosmeticHunks.tokens(List.of("x1 = 0x10+\t_y->z")));
        assertEquals(List.of("s", "=", "\"a \\\" b\"", ";", "c", "=", "'\\''", ";", "\"open"),
            CosmeticHunks.tokens(List.of("s = \"a \\\" b\"; c = '\\'';", "\"open")));
    }
}
