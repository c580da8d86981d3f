package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CosmeticHunksTest {
    @Test
    void splittingOrJoiningLinesIsARewrap() {
        assertEquals(CosmeticHunks.Kind.REWRAP, CosmeticHunks.of(List.of("\tret = call(alpha, beta, gamma);"),
            List.of("\tret = call(alpha,", "\t\t   beta, gamma);")));
        assertEquals(CosmeticHunks.Kind.REWRAP, CosmeticHunks.of(List.of("if (x) {", "}"), List.of("if (x) { }")));
    }

    @Test
    void aConsistentRenameIsARename() {
        assertEquals(CosmeticHunks.Kind.RENAME, CosmeticHunks.of(List.of("n = nd_opt->len + nd_opt->type;"),
            List.of("n = nd_lla_opt->len + nd_lla_opt->type;")));
        // a rename that also re-wraps is still one
        assertEquals(CosmeticHunks.Kind.RENAME, CosmeticHunks.of(List.of("f(old_name, 1);"),
            List.of("f(new_name,", "  1);")));
    }

    @Test
    void changedCodeIsNotCosmetic() {
        // a number, an operator, a name mapped to two names, a token added, a name turned into a number
        assertNull(CosmeticHunks.of(List.of("x = y * 2;"), List.of("x = y * 3;")));
        assertNull(CosmeticHunks.of(List.of("x = y * 2;"), List.of("x = y + 2;")));
        assertNull(CosmeticHunks.of(List.of("a = a + b;"), List.of("c = d + b;")));
        assertNull(CosmeticHunks.of(List.of("f(a);"), List.of("f(a, b);")));
        assertNull(CosmeticHunks.of(List.of("f(a);"), List.of("f(0);")));
    }

    @Test
    void aHunkThatOnlyAddsOrOnlyDeletesOrChangesNothingIsNotCosmetic() {
        assertNull(CosmeticHunks.of(List.of(), List.of("x = 1;")));
        assertNull(CosmeticHunks.of(List.of("x = 1;"), List.of()));
        assertEquals(CosmeticHunks.Kind.REWRAP, CosmeticHunks.of(List.of("x = 1;"), List.of("x  =  1;")));
    }

    @Test
    void tokensAreIdentifiersNumbersAndSingleCharacters() {
        assertEquals(List.of("x1", "=", "0", "x10", "+", "_y", "-", ">", "z"), CosmeticHunks.tokens(List.of("x1 = 0x10+\t_y->z")));
    }
}
