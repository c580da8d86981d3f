package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CosmeticHunksTest {
    @Test
    void splittingLinesInsideParenthesesIsARewrapAndEachNewLineKnowsItsOldLines() {
        int[][] held = CosmeticHunks.rewrap(List.of("\tret = call(alpha, beta, gamma);"),
            List.of("\tret = call(alpha,", "\t\t   beta, gamma);"));
        assertArrayEquals(new int[][] {{0}, {0}}, held);
        // joining three lines into two: the second new line holds tokens of the old second and third
        held = CosmeticHunks.rewrap(List.of("f(a,", "  b,", "  c);"), List.of("f(a,", "  b, c);"));
        assertArrayEquals(new int[][] {{0}, {1, 2}}, held);
    }

    @Test
    void whitespaceInsideAQuotedLiteralIsNoWhitespaceToIgnore() {
        assertNull(CosmeticHunks.rewrap(List.of("printf(\"a  b\",", "  x);"), List.of("printf(\"a b\", x);")));
        assertArrayEquals(new int[][] {{0}, {0}}, CosmeticHunks.rewrap(List.of("printf(\"a  b\", x);"),
            List.of("printf(\"a  b\",", "       x);")));
    }

    @Test
    void aLineBreakThatMayEndSomethingIsNoWhitespace() {
        // a statement joined into a line comment, a directive joined with code, return joined with its value,
        // a backslash continuation, and a brace moved outside parentheses
        assertNull(CosmeticHunks.rewrap(List.of("r = x; // keep", "r = clamp(r);"), List.of("r = x; // keep r = clamp(r);")));
        assertNull(CosmeticHunks.rewrap(List.of("x = 1 # one", "y = 2"), List.of("x = 1 # one y = 2")));
        assertNull(CosmeticHunks.rewrap(List.of("#define N 4", "int a[N];"), List.of("#define N 4 int a[N];")));
        assertNull(CosmeticHunks.rewrap(List.of("return", "x;"), List.of("return x;")));
        assertNull(CosmeticHunks.rewrap(List.of("if (x) {", "}"), List.of("if (x) { }")));
        assertNull(CosmeticHunks.rewrap(List.of("f(a, // a", "  b);"), List.of("f(a, // a b);")));
    }

    @Test
    void changedCodeIsNotARewrap() {
        // a number (hex, exponent, suffix), an operator, a token added or dropped, a renamed or swapped name
        assertNull(CosmeticHunks.rewrap(List.of("mask = f(0x10,", "  y);"), List.of("mask = f(0x20, y);")));
        assertNull(CosmeticHunks.rewrap(List.of("d = f(1e3,", "  y);"), List.of("d = f(1e6, y);")));
        assertNull(CosmeticHunks.rewrap(List.of("n = f(1UL,", "  s);"), List.of("n = f(1U, s);")));
        assertNull(CosmeticHunks.rewrap(List.of("x = f(y *", "  2);"), List.of("x = f(y + 2);")));
        assertNull(CosmeticHunks.rewrap(List.of("f(a,", "  b);"), List.of("f(a, b); g();")));
        assertNull(CosmeticHunks.rewrap(List.of("f(a, b); g();"), List.of("f(a,", "  b);")));
        assertNull(CosmeticHunks.rewrap(List.of("p = kmalloc(n,", "  GFP_KERNEL);"), List.of("p = kzalloc(n, GFP_KERNEL);")));
        assertNull(CosmeticHunks.rewrap(List.of("n = nd_opt->len;"), List.of("n = nd_lla_opt->len;")));
    }

    @Test
    void aHunkThatOnlyAddsOrOnlyDeletesIsNotARewrap() {
        assertNull(CosmeticHunks.rewrap(List.of(), List.of("x = 1;")));
        assertNull(CosmeticHunks.rewrap(List.of("x = 1;"), List.of()));
    }

    @Test
    void tokensAreIdentifiersNumbersQuotedLiteralsAndSingleCharacters() {
        assertEquals(List.of("x1", "=", "0x10", "+", "1.5f", "+", "_y", "-", ">", "z"),
            CosmeticHunks.tokens("x1 = 0x10+1.5f+\t_y->z"));
        assertEquals(List.of("s", "=", "\"a \\\" b\"", ";", "c", "=", "'\\''", ";", "\"open"),
            CosmeticHunks.tokens("s = \"a \\\" b\"; c = '\\''; \"open"));
    }
}
