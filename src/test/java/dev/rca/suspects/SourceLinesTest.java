package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void javaImportsPackagesAndDisabledTestMarksCarryNoCode() {
        String[] lines = {"package org.x;", "import static org.junit.Assert.assertEquals;", "import org.junit.*;",
            "import a.B as C", "import scala.collection.{Map => M}", "using System.Text;", "using X = A.B;",
            "using var stream = Open();", "\t@Ignore(\"pending fix\")", "  @Disabled", "@org.junit.Ignore",
            "@Test", "\tint size(int x) {", "\timportant = 1;", "package object p {"};
        assertArrayEquals(new boolean[] {false, false, false, false, false, false, false, true, false, false, false,
            true, true, true, true}, SourceLines.forPath("T.java").codeLines(lines));
        // C is read by its comments alone, as the evaluation fitted it
        boolean[] all = new boolean[lines.length];
        java.util.Arrays.fill(all, true);
        assertArrayEquals(all, SourceLines.forPath("t.c").codeLines(lines));
        assertArrayEquals(all, SourceLines.forPath("t.h").codeLines(lines));
    }

    @Test
    void pythonImportsSkipMarksAndDocstringsCarryNoCode() {
        String[] lines = {"#!/usr/bin/env python", "\"\"\"Prices.", "", "Module docs.", "\"\"\"", "import os, sys as s",
            "from a.b import (", "    c,", "    d)", "from x import y \\", "    , z", "BULK = 10", "",
            "@pytest.mark.skip(reason=\"later\")", "def discount(qty,", "             rate):  # the rate",
            "    '''One line.'''", "    # bulk customers", "    if qty >= BULK:", "        return \"\"\"x\"\"\"",
            "class A:", "    r\"\"\"Doc of A", "    ends here\"\"\"", "    def f(self): return 1",
            "    \"\"\"not a docstring: after a statement\"\"\"", "@unittest.skipIf(True, \"x\")",
            "async def g():", "    x = 1"};
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false, false, false,
            true, false, false, true, true, false, false, true, true, true, false, false, true, true, false, true,
            true}, SourceLines.forPath("price.py").codeLines(lines));
    }

    @Test
    void goImportsCarryNoCode() {
        String[] lines = {"package main", "import \"fmt\"", "import (", "\tos \"os\"", "\t\"strings\" // why", ")",
            "func main() {", "\tfmt.Println(os.Args)", "}"};
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, true, true, true},
            SourceLines.forPath("main.go").codeLines(lines));
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
    void aScriptWithoutExtensionIsReadByTheInterpreterItsShebangNames() {
        for (String shebang : List.of("#!/bin/sh", "#!/bin/bash -e", "#! /usr/bin/env python3", "#!/bin/dash",
            "#!/usr/bin/env -S perl -w", "#!/usr/local/bin/ruby2.7", "#!/usr/bin/env -u LANG FOO=1 zsh",
            "#!/usr/bin/make -f", "#!/usr/bin/ksh93")) {
            // the #! line itself is code: which interpreter runs the script is part of what it does
            String[] lines = {shebang, "# why", "x=1", ""};
            assertArrayEquals(new boolean[] {true, false, true, false},
                SourceLines.forFile("bin/run", lines).codeLines(lines), shebang);
        }
        // a Python script is read as Python: its imports are no code
        String[] python = {"#!/usr/bin/python3.11", "import os", "x = os.sep"};
        assertArrayEquals(new boolean[] {true, false, true}, SourceLines.forFile("tool", python).codeLines(python));
        // so it is in a file whose name says its language
        String[] sh = {"#!/bin/bash", "# why"};
        assertArrayEquals(new boolean[] {true, false}, SourceLines.forPath("run.sh").codeLines(sh));
        assertTrue(SourceLines.forFile("tool", python).readsBeyondComments());
        // no #! line, or one rca does not know: every line that is not blank, as before
        String[] plain = {"# a", "b"};
        assertArrayEquals(new boolean[] {true, true}, SourceLines.forFile("run", plain).codeLines(plain));
        String[] unknown = {"#!/usr/bin/frobnicate", "# a"};
        assertArrayEquals(new boolean[] {true, true}, SourceLines.forFile("run", unknown).codeLines(unknown));
        String[] envAlone = {"#!/usr/bin/env", "# a"};
        assertArrayEquals(new boolean[] {true, true}, SourceLines.forFile("run", envAlone).codeLines(envAlone));
        // a name that says its language comes first
        String[] c = {"#!/bin/sh", "# not a comment in C"};
        assertArrayEquals(new boolean[] {true, true}, SourceLines.forFile("a.c", c).codeLines(c));
    }

    @Test
    void blockCommentsOfTheDashDashLanguages() {
        String[] sql = {"/* totals", " per day */", "select 1; -- one", "select '/* no', 2; /* tail */", "-- only",
            "/*!40101 SET NAMES utf8 */;", "  /*+ INDEX(t i) */"};
        assertArrayEquals(new boolean[] {false, false, true, true, false, true, true},
            SourceLines.forPath("q.sql").codeLines(sql));
        String[] lua = {"--[[ the", "  table ]]", "local t = {}", "-- t[1]", "x = a[b[1]] --[[ note ]]"};
        assertArrayEquals(new boolean[] {false, false, true, false, true}, SourceLines.forPath("t.lua").codeLines(lua));
        // a pragma is read by the compiler: code
        String[] haskell = {"{- Module", "   docs -}", "main = print 1 -- one", "{-# LANGUAGE GADTs #-}", "-- only",
            "{-# NOINLINE f #-}"};
        assertArrayEquals(new boolean[] {false, false, true, true, false, true},
            SourceLines.forPath("Main.hs").codeLines(haskell));
        // Ada has no block comment: a line starting "{-" is code there
        assertArrayEquals(new boolean[] {true, false},
            SourceLines.forPath("p.adb").codeLines(new String[] {"{- x", "-- y"}));
    }

    @Test
    void aTopLevelAssignmentIsNoFunction() {
        for (String line : List.of("port=8080", "CFLAGS := -O2", "CFLAGS += -g", "TIMEOUT = 30", "$x = 1",
            "module.exports = {", "table[2] = 3", "X ?= y")) {
            assertTrue(SourceLines.isAssignment(line), line);
        }
        for (String line : List.of("int parse(int x)", "static int table[] = {", "all: x", "def f(x):", "a == b",
            "start() {", "M.parse = function(s)", "Foo.prototype.bar = function () {", "exports.run = (argv) => {",
            "handler = async (req) => {", "f = x => x + 1")) {
            assertFalse(SourceLines.isAssignment(line), line);
        }
        // in Haskell and Elm a definition without arguments looks like one, and names a function all the same
        assertTrue(SourceLines.forPath("Main.hs").functionStarts(new String[0]).namesAFunction("main = do"));
        assertFalse(SourceLines.forPath("run.sh").functionStarts(new String[0]).namesAFunction("port=8080"));
    }

    @Test
    void aTemplateIsReadAsTheFileItBecomes() {
        String[] header = {"/* limits */", "#define MAX_CONN 8", "#undef HAVE_X"};
        assertArrayEquals(new boolean[] {false, true, true}, SourceLines.forPath("config.h.in").codeLines(header));
        String[] make = {"# c", "all: x"};
        assertArrayEquals(new boolean[] {false, true}, SourceLines.forPath("Makefile.in").codeLines(make));
        assertArrayEquals(new boolean[] {false, true}, SourceLines.forPath("run.sh.in").codeLines(make));
        // a template whose name says no more is read by '#', as before
        String[] pc = {"# c", "prefix=@prefix@"};
        assertArrayEquals(new boolean[] {false, true}, SourceLines.forPath("libfoo.pc.in").codeLines(pc));
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
    void theHandReadHeaderAndLabelRulesAnswerAsGitsRegexesDo() {
        java.util.regex.Pattern header = java.util.regex.Pattern.compile("^[A-Za-z_$][^;]*$");
        java.util.regex.Pattern label = java.util.regex.Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*:\\s*$");
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("", "out:", "out: ", "out:\t\r\n",
            "_x9:", "9x:", "a:b", "$x:", "int f(void)", "int f(void);", "static int", "\tint f()", "ab\u00e9:",
            "x:\u00a0", "$", "_", "a", ";", "a;", "a\n;", "f(\n", "é()"));
        String alphabet = "aZ_$09:; \t\r\n\u000b\f(){}\u00e9\u00a0";
        java.util.Random random = new java.util.Random(21);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        int headers = 0;
        int labels = 0;
        for (String line : lines) {
            boolean isHeader = header.matcher(line).matches();
            boolean isLabel = label.matcher(line).matches();
            assertEquals(isHeader, SourceLines.isTopLevelHeader(line), line);
            assertEquals(isLabel, SourceLines.isLabel(line), line);
            headers += isHeader ? 1 : 0;
            labels += isLabel ? 1 : 0;
        }
        assertTrue(headers > 1000 && labels > 50, headers + " headers, " + labels + " labels");
    }

    @Test
    void rememberedFunctionStartsAnswerAsAFreshLookDoesInAnyOrder() {
        String[] lines = {"#include <x.h>", "int n;", "", "static int f(int a,", "\t\t int b)", "{", "out:",
            "\treturn a;", "}", "", "\tx = 1;", "void g(void)", "{", "  return;", "}"};
        SourceLines c = SourceLines.forPath("a.c");
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 50; round++) {
            SourceLines.FunctionStarts remembered = c.functionStarts(lines);
            for (int ask = 0; ask < 20; ask++) {
                int at = random.nextInt(lines.length + 2) - 1;
                assertEquals(c.functionStarts(lines).of(at), remembered.of(at), "line " + at);
            }
        }
        assertEquals(-1, c.functionStarts(lines).of(2));
        assertEquals(3, c.functionStarts(lines).of(7));
        assertEquals(3, c.functionStarts(lines).of(10));
        assertEquals(11, c.functionStarts(lines).of(20));
        assertEquals(-1, c.functionStarts(lines).of(-1));
    }

    @Test
    void aJavaLineIsInAMethodOnlyWhileItsBodyIsOpen() {
        String[] lines = {"class GC {", "\tpublic static void setExecutor(ExecutorService e) {", "\t\tif (e != null) {",
            "\t\t\tString s = \"}\"; // }", "\t\t}", "\t}", "", "\t/** When it ran last. */",
            "\tprivate Instant lastRepackTime;", "", "\tint size(int x,", "\t\t\tint y)", "\t{", "\t\treturn x;",
            "\t}", "\t<T> T get() {", "\t\treturn null;", "\t}", "\tGC(int n) {", "\t}", "\tstatic {",
            "\t\tfoo(1);", "\t}"};
        SourceLines.FunctionStarts java = SourceLines.forPath("GC.java").functionStarts(lines);
        int[] expected = {0, 1, 1, 1, 1, 1, -1, -1, -1, -1, 10, 10, 10, 10, 10, 15, 15, 15, 18, 18, -1, -1, -1};
        for (int i = 0; i < lines.length; i++) {
            assertEquals(expected[i], java.of(i), lines[i]);
        }
        // C keeps git's rule: the nearest header above, whatever the braces say
        SourceLines.FunctionStarts c = SourceLines.forPath("gc.c").functionStarts(lines);
        assertEquals(1, c.of(8));
        assertEquals(1, c.of(13));
    }

    @Test
    void functionStartFollowsGitsDefaultRule() {
        String[] lines = {"#include <x.h>", "static int f(int a,", "\t\t int b)", "{", "out:", "\treturn a;", "}"};
        SourceLines c = SourceLines.forPath("a.c");
        assertEquals(1, c.functionStarts(lines).of(5));
        assertEquals(7, c.functionEnd(lines, 1, 300));
        String[] py = {"class A:", "    def run(self):", "        return 1"};
        assertEquals(1, SourceLines.forPath("a.py").functionStarts(py).of(2));
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

    /**
     * The patterns rewritten so as not to recurse once per repeated word (RCA-13's action item) match what they
     * matched before, on real lines and on random ones over their alphabets: the old ones are written out here.
     */
    @Test
    void theNonRecursingPatternsMatchWhatTheRecursingOnesMatched() {
        String keywords = "(?!(?:return|throw|new|else|if|for|while|switch|catch|case|assert|yield|do|try|synchronized"
            + "|await)\\b)";
        String modifier = "(?:public|private|protected|static|final|override|virtual|async|synchronized|abstract)";
        assertSameMatches(SourceLines.JAVA_MEMBER_HEADER, "\\s+" + keywords
                + "(?:[\\w<>\\[\\],.?]+(?:<[\\w<>\\[\\],.? ]*>)?\\s+)+\\w+\\s*\\([^;=]*"
                + "|\\s+[A-Z]\\w*\\s*\\([^;=]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{\\s*",
            List.of("    int size() {", "\t<T> T get(Class<T> c) {", "  Map<String, List<Integer>> index(", "    Pack(int n) {",
                "    return f(x);", "    x = f(y);", "    new F(1);", "  f(x);", "    void run() throws IOException {",
                "  static int  f (", "  int\tf(", "  a b c(d;", "    String[] names() {", "  if (x) {", "  int f ="),
            "  ", List.of(" ", " ", "\t", "a", "B", "int", "new", "<", ">", "(", ")", ";", "=", ",", ".", "?", "[", "]",
                "{", "throws", "_"));
        assertSameMatches(SourceLines.INDENTED_HEADER,
            "^\\s*(?:(?:async\\s+)?def|class|fn|func|function|sub|proc)\\b.*|"
                + "^\\s+(?:" + modifier + "\\s+)+[\\w<>\\[\\],.? ]+\\([^;]*$",
            List.of("    public static void main(String[] args) {", "  private final int size(", "  public static (",
                "  public  (", "  public (", "  public\t(", "  public static\t(", "  static\tint f(", "\tasync def f():",
                "  public int x;", "  public static int f(int a);", "  synchronized void f() {"),
            " ", List.of(" ", " ", " ", "\t", "public", "static", "async", "def", "f", "x", "(", ")", ";", "<", ">", ".",
                "\n", "1"));
        assertSameMatches(SourceLines.JAVA_IMPORT,
            "(?:import|package)\\s+(?:static\\s+)?[\\w`]+(?:\\.[\\w`*]+)*(?:\\.\\{[^{}]*\\}|\\s+as\\s+\\w+)?\\s*;?"
                + "|(?:global\\s+)?using\\s+(?:static\\s+)?(?:\\w+\\s*=\\s*)?[\\w.]+(?:<[\\w.<>, ]*>)?\\s*;",
            List.of("import static org.junit.Assert.assertEquals;", "import org.junit.*;", "import a.B as C",
                "import scala.collection.{Map => M}", "package org.x;", "using X = A.B;", "using var s = Open();",
                "import a.b.;", "import `a`.b", "import a..b;"),
            "import ", List.of("import ", "import", " ", "\t", "a", "b", ".", "`", "*", "{", "}", ";", "as", "static ", ",",
                "_"));
        assertSameMatches(SourceLines.PYTHON_IMPORT,
            "(?:import\\s+[\\w.]+(?:\\s+as\\s+\\w+)?(?:\\s*,\\s*[\\w.]+(?:\\s+as\\s+\\w+)?)*|from\\s+[\\w.]+\\s+import\\b.*)"
                + "\\s*(?:#.*)?",
            List.of("import os, sys", "import numpy as np, pandas as pd  # data", "from a import (b,", "import a,",
                "import a as", "import a, b as c, d.e"),
            "import ", List.of("import ", " ", "\t", "a", "b", ".", ",", "as", "#", "x", "_", "1"));
    }

    /** {@code now} matches each line, and 200,000 random ones, exactly when {@code old} does. */
    private static void assertSameMatches(java.util.regex.Pattern now, String old, List<String> lines, String prefix,
                                          List<String> alphabet) {
        java.util.regex.Pattern was = java.util.regex.Pattern.compile(old);
        java.util.Random random = new java.util.Random(34);
        List<String> all = new java.util.ArrayList<>(lines);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? prefix : "");
            for (int n = random.nextInt(13); n > 0; n--) {
                line.append(alphabet.get(random.nextInt(alphabet.size())));
            }
            all.add(line.toString());
        }
        int matched = 0;
        for (String line : all) {
            boolean expected = was.matcher(line).matches();
            assertEquals(expected, now.matcher(line).matches(), line);
            matched += expected ? 1 : 0;
        }
        assertTrue(matched > 100, "matched " + matched);
    }
}
