package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceLinesTest {
    @Test
    void cLikeCommentsAndBlankLinesCarryNoCode() {
        String[] lines = {"int a; // note", "// only", "/* start", " * middle", " end */", "", "x = \"/* not\";",
            "y = 1; /* tail */", "/* a */ z = 2;"};
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, true, true, true},
            SourceLines.forPath("src/x.c").codeLines(lines));
    }

    @Test
    void hashAndDashCommentsByFileName() {
        assertArrayEquals(new boolean[] {false, true, false},
            SourceLines.forPath("Makefile").codeLines(new String[] {"# c", "all: x", "   "}));
        assertArrayEquals(new boolean[] {false, true},
            SourceLines.forPath("q.sql").codeLines(new String[] {"-- c", "select 1;"}));
        assertArrayEquals(new boolean[] {false, true},
            SourceLines.forPath("doc.md").codeLines(new String[] {"<!-- hidden -->", "text"}));
    }

    @Test
    void theCheapLookBeforeTheIndentedDefinitionRegexNeverRejectsALineItMatches() {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("def f(x):", "  async def g():",
            "\tclass A:", "    fn main() {", "func (s *S) Do() error {", "  function f() {", " sub x {", "proc p {} {",
            "    public static void main(String[] args) {", "  private int size(", "\toverride fun f(",
            "  virtual void f(", "  synchronized void f(", "  abstract int f(", "  final void f() {",
            "\u000b\fdef f", "\r\nclass X", "    return f(x);", "  x = def(1)", "", "   ", "  Def f():"));
        String alphabet = "adcfspovenulmrthixyz(){};: \t\r\n\u000b\f<>[],.?_";
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? "  " : "");
            for (String word : new String[] {"def", "class", "fn", "func", "function", "sub", "proc", "public",
                "private", "static", "final", "override", "virtual", "async", "synchronized", "abstract"}) {
                if (random.nextInt(12) == 0) {
                    line.append(word).append(random.nextBoolean() ? " " : "\t");
                }
            }
            for (int n = random.nextInt(12); n > 0; n--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        int matched = 0;
        for (String line : lines) {
            if (SourceLines.INDENTED_HEADER.matcher(line).matches()) {
                matched++;
                assertTrue(SourceLines.mayOpenIndentedDefinition(line), line);
            }
        }
        assertTrue(matched > 500, "matched " + matched);
    }

    @Test
    void functionStartFollowsGitsDefaultRule() {
        String[] lines = {"#include <x.h>", "static int f(int a,", "\t\t int b)", "{", "out:", "\treturn a;", "}"};
        SourceLines c = SourceLines.forPath("a.c");
        assertEquals(1, c.functionStart(lines, 5));
        assertEquals(7, c.functionEnd(lines, 1, 300));
        String[] py = {"class A:", "    def run(self):", "        return 1"};
        assertEquals(1, SourceLines.forPath("a.py").functionStart(py, 2));
    }

    @Test
    void pointersInMessages() {
        String msg = "subject\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n"
            + "A regression from abcdef12 and Regression in commit 1234567.\nFixes: FEDCBA987654 (\"x\")\n";
        assertEquals(List.of(new MessagePointers.Written(Pointer.Kind.FIXES, "fedcba987654"),
                new MessagePointers.Written(Pointer.Kind.REGRESSION, "abcdef12"),
                new MessagePointers.Written(Pointer.Kind.REGRESSION, "1234567"),
                new MessagePointers.Written(Pointer.Kind.REVERTS, "0123456789abcdef0123456789abcdef01234567")),
            MessagePointers.find(msg));
    }

    @Test
    void aMessageCitesFixesExactlyWhenFindListsAFixesPointer() {
        int citing = 0;
        for (String msg : List.of("", "subject", "Fixes: 1234567", "  fixes:\tcommit ABCDEF0123 (\"x\")",
            "body\nFixes: 123456", "body\nFixes: 1234567z", "Fixes: 12345678\nFixes: 12345678",
            "a\nThis reverts commit 1234567.\nFixes: 1234567", "regression from 1234567\n", "x Fixes: 1234567",
            "Fixes:1234567\r\n", "Fixes: ghijklm")) {
            boolean listed = MessagePointers.find(msg).stream().anyMatch(w -> w.kind() == Pointer.Kind.FIXES);
            citing += listed ? 1 : 0;
            assertEquals(listed, MessagePointers.citesFixes(msg), msg);
        }
        assertEquals(5, citing);
    }
}
