package dev.rca.suspects;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which lines of a source file carry code: blank lines and comment-only lines don't, so they are never
 * blamed. Knows the comment syntax of the common languages by file name, and where functions start. In Java and
 * its kin, Python and Go it also knows the lines that cannot have introduced a bug though they are not comments
 * (imports, test-disabling annotations, docstrings); C and every other language are read by comments alone.
 */
final class SourceLines {
    /** Comment syntaxes; the {@code --} languages with block comments each have their own. */
    private enum Syntax { C_LIKE, HASH, DASH_DASH, SQL, LUA, HASKELL, SEMICOLON, PERCENT, MARKUP, NONE }

    /**
     * An indented Java or C# method or constructor header without modifiers: {@code int size(}, {@code <T> T get(},
     * {@code List<String> names() {}, {@code Pack(int n) {}; not a statement ({@code return f(}, {@code if (},
     * {@code x = f(}, {@code new F(}, a call {@code f(x);}).
     * The words before the name are one character class, not a repeated group: java.util.regex recurses once per
     * repetition of a group, and an indented line of 10,000 words (prose in a text block) overflowed the stack
     * (RCA-13). It is the same language: {@code (?:[\w<>\[\],.?]+(?:<[\w<>\[\],.? ]*>)?\s+)+} matched every run
     * of those characters and blanks that starts with one of the characters and ends with a blank.
     */
    static final Pattern JAVA_MEMBER_HEADER = Pattern.compile(
        "\\s+(?!(?:return|throw|new|else|if|for|while|switch|catch|case|assert|yield|do|try|synchronized|await)\\b)"
            + "[\\w<>\\[\\],.?][\\w<>\\[\\],.?\\s]*\\s\\w+\\s*\\([^;=]*"
            + "|\\s+[A-Z]\\w*\\s*\\([^;=]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{\\s*");

    /** The languages read beyond their comments, by file extension. */
    private enum Language { JAVA_LIKE, PYTHON, GO, OTHER }

    private static final Set<String> JAVA_LIKE = Set.of("java", "kt", "kts", "scala", "groovy", "cs");
    private static final Set<String> PYTHON = Set.of("py", "pyi");
    /**
     * {@code import a.b.C;}, {@code import static …}, Kotlin's {@code import a.B as C}, Scala's {@code import a.{B, C}},
     * {@code package a.b;}, and C#'s {@code using A.B;}, {@code using static …}, {@code using X = A.B;} (not
     * {@code using var x = …;}, which is code). The dotted name is possessive: java.util.regex recurses once per
     * repetition of a group unless nothing can be given back, and nothing after the name starts with a name's character.
     */
    static final Pattern JAVA_IMPORT = Pattern.compile(
        "(?:import|package)\\s+(?:static\\s+)?[\\w`]+(?:\\.[\\w`*]+)*+(?:\\.\\{[^{}]*\\}|\\s+as\\s+\\w+)?\\s*;?"
            + "|(?:global\\s+)?using\\s+(?:static\\s+)?(?:\\w+\\s*=\\s*)?[\\w.]+(?:<[\\w.<>, ]*>)?\\s*;");
    /** JUnit's {@code @Ignore} and {@code @Disabled}, with or without a reason or package. */
    private static final Pattern DISABLING_ANNOTATION = Pattern.compile(
        "@(?:org\\.junit\\.(?:jupiter\\.api\\.)?)?(?:Ignore|Disabled)(?:\\s*\\(.*\\))?");
    /**
     * {@code import a.b as c, d} and {@code from a import b}, whose parenthesised list may go on for lines. The list is
     * possessive, so not matched by recursion once per name (RCA-13): what may follow it starts with no comma.
     */
    static final Pattern PYTHON_IMPORT = Pattern.compile(
        "(?:import\\s+[\\w.]+(?:\\s+as\\s+\\w+)?(?:\\s*,\\s*[\\w.]+(?:\\s+as\\s+\\w+)?)*+|from\\s+[\\w.]+\\s+import\\b.*)"
            + "\\s*(?:#.*)?");
    /** {@code @unittest.skip…}, {@code @pytest.mark.skip…} and {@code @pytest.mark.xfail…}. */
    private static final Pattern PYTHON_SKIP = Pattern.compile(
        "@(?:unittest\\.skip|pytest\\.mark\\.skip|pytest\\.mark\\.xfail)\\w*(?:\\s*\\(.*)?\\s*(?:#.*)?");
    private static final Pattern PYTHON_DEFINITION = Pattern.compile("(?:async\\s+)?(?:def|class)\\s.*");
    /** A string opening with three quotes, maybe prefixed ({@code r"""}). */
    private static final Pattern TRIPLE_QUOTED = Pattern.compile("[rRuUbBfF]{0,2}(\"\"\"|''')");
    /** {@code import "fmt"}, {@code import f "fmt"}. */
    private static final Pattern GO_IMPORT = Pattern.compile("import\\s+(?:[\\w.]+\\s+)?\"[^\"]*\"\\s*(?://.*)?");
    /** The {@code import (} that opens a block of imports. */
    private static final Pattern GO_IMPORT_BLOCK = Pattern.compile("import\\s*\\(\\s*(?://.*)?");

    private static final Set<String> C_LIKE = Set.of("c", "h", "cc", "cpp", "cxx", "c++", "hh", "hpp", "hxx",
        "inl", "ipp", "java", "js", "mjs", "cjs", "jsx", "ts", "tsx", "go", "rs", "swift", "kt", "kts", "scala",
        "cs", "m", "mm", "php", "dart", "groovy", "gradle", "proto", "css", "scss", "less", "y", "l", "bpf",
        "zig", "v", "sv", "d", "json5", "jsonc");
    private static final Set<String> HASH = Set.of("py", "pyx", "pxd", "pyi", "sh", "bash", "zsh", "ksh", "rb",
        "pl", "pm", "t", "yaml", "yml", "toml", "cmake", "mk", "mak", "make", "conf", "cfg", "ini", "r", "tcl",
        "awk", "nix", "ps1", "coffee", "ex", "exs", "jl", "service", "spec", "am", "ac", "m4", "bzl",
        "properties", "gitignore", "dockerignore", "nim", "cr", "raku", "sed");
    private static final Set<String> DASH_DASH = Set.of("sql", "lua", "hs", "lhs", "elm", "ada", "adb", "ads",
        "vhd", "vhdl");
    private static final Set<String> SEMICOLON = Set.of("lisp", "el", "clj", "cljs", "scm", "rkt", "asm", "s",
        "ini");
    private static final Set<String> PERCENT = Set.of("tex", "sty", "cls", "erl", "hrl", "mat");
    private static final Set<String> MARKUP = Set.of("xml", "html", "htm", "xhtml", "svg", "xsl", "xslt", "vue",
        "md", "markdown");
    private static final Set<String> HASH_NAMES = Set.of("Makefile", "makefile", "GNUmakefile", "Dockerfile",
        "CMakeLists.txt", "Kconfig", "Rakefile", "Gemfile", "Jenkinsfile", "Vagrantfile", "configure.ac",
        "meson.build", "BUILD", "WORKSPACE");

    /** What a {@code #!} line may run, by program name without its version, and the extension of its language. */
    private static final Map<String, String> INTERPRETERS = Map.ofEntries(
        Map.entry("sh", "sh"), Map.entry("bash", "sh"), Map.entry("zsh", "sh"), Map.entry("ksh", "sh"),
        Map.entry("mksh", "sh"), Map.entry("dash", "sh"), Map.entry("ash", "sh"), Map.entry("python", "py"),
        Map.entry("pypy", "py"), Map.entry("perl", "pl"), Map.entry("ruby", "rb"), Map.entry("awk", "awk"),
        Map.entry("gawk", "awk"), Map.entry("mawk", "awk"), Map.entry("nawk", "awk"), Map.entry("tclsh", "tcl"),
        Map.entry("wish", "tcl"), Map.entry("lua", "lua"), Map.entry("make", "mk"), Map.entry("gmake", "mk"),
        Map.entry("Rscript", "r"), Map.entry("sed", "sed"), Map.entry("node", "js"), Map.entry("nodejs", "js"),
        Map.entry("php", "php"));

    private static final String MODIFIER =
        "(?:public|private|protected|static|final|override|virtual|async|synchronized|abstract)";

    /**
     * A definition by keyword, or modifiers, a type and a name and a parameter list. The modifiers are possessive,
     * which java.util.regex matches without recursing once per modifier (a line of 10,000 overflowed the stack,
     * RCA-13); the type may still start with the last modifier's trailing blanks or with the last modifier itself,
     * as the greedy {@code (?:modifier\s+)+} gave them back: the lookbehinds take those cases before the {@code (}.
     */
    static final Pattern INDENTED_HEADER = Pattern.compile(
        "^\\s*(?:(?:async\\s+)?def|class|fn|func|function|sub|proc)\\b.*|"
            + "^\\s+(?:" + MODIFIER + "\\s+)++(?:[\\w<>\\[\\],.? ]+|(?<=\\s ))\\([^;]*$|"
            + "^\\s+" + MODIFIER + "\\s+(?:" + MODIFIER + "\\s+)++(?<= )\\([^;]*$");

    private final Syntax syntax;
    private final Language language;

    private SourceLines(Syntax syntax, Language language) {
        this.syntax = syntax;
        this.language = language;
    }

    /** The rules for {@code path}, chosen by its name: no comments known for a name rca does not recognise. */
    static SourceLines forPath(String path) {
        SourceLines byName = byName(path.substring(path.lastIndexOf('/') + 1));
        return byName != null ? byName : new SourceLines(Syntax.NONE, Language.OTHER);
    }

    /**
     * The rules for the file {@code path} whose text is {@code lines}: by its name, or for a name that says nothing
     * (a script without an extension: {@code run}, {@code configure}) by the interpreter its {@code #!} line names.
     */
    static SourceLines forFile(String path, String[] lines) {
        SourceLines byName = byName(path.substring(path.lastIndexOf('/') + 1));
        if (byName != null) {
            return byName;
        }
        String ext = lines.length == 0 ? null : interpreterExtension(lines[0]);
        SourceLines byInterpreter = ext == null ? null : byExtension(ext);
        return byInterpreter != null ? byInterpreter : new SourceLines(Syntax.NONE, Language.OTHER);
    }

    /**
     * The rules a file name says, or null when it says none. A template ({@code config.h.in}, {@code Makefile.in})
     * is read as the file it becomes; one whose name says nothing more ({@code libfoo.pc.in}) by {@code #}.
     */
    private static SourceLines byName(String name) {
        if (HASH_NAMES.contains(name)) {
            return new SourceLines(Syntax.HASH, Language.OTHER);
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (ext.equals("in")) {
            SourceLines template = byName(name.substring(0, dot));
            return template != null ? template : new SourceLines(Syntax.HASH, Language.OTHER);
        }
        return byExtension(ext);
    }

    /**
     * The extension of the language a {@code #!} line runs: {@code #!/bin/sh}, {@code #!/usr/bin/python3 -u},
     * {@code #!/usr/bin/env -S perl -w}; null for no {@code #!} line or an interpreter rca does not know.
     */
    static String interpreterExtension(String firstLine) {
        if (!firstLine.startsWith("#!")) {
            return null;
        }
        String[] words = firstLine.substring(2).strip().split("\\s+");
        int i = 0;
        if (words[0].endsWith("/env") || words[0].equals("env")) {
            // env's options (-S, -i, -u NAME) and VAR=value settings come before the program
            i++;
            while (i < words.length && (words[i].startsWith("-") || words[i].contains("="))) {
                i += words[i].equals("-u") || words[i].equals("--unset") ? 2 : 1;
            }
        }
        if (i >= words.length) {
            return null;
        }
        String program = words[i].substring(words[i].lastIndexOf('/') + 1);
        // python3.11, perl5.36, pypy3: the version is no part of the language
        String name = program.replaceFirst("[\\d.]+$", "");
        return INTERPRETERS.get(name);
    }

    /** The rules for files named {@code *.ext}, or null for an extension rca does not know. */
    private static SourceLines byExtension(String ext) {
        Syntax s;
        if (C_LIKE.contains(ext)) {
            s = Syntax.C_LIKE;
        } else if (HASH.contains(ext)) {
            s = Syntax.HASH;
        } else if (DASH_DASH.contains(ext)) {
            s = switch (ext) {
                case "sql" -> Syntax.SQL;
                case "lua" -> Syntax.LUA;
                case "hs", "lhs", "elm" -> Syntax.HASKELL;
                default -> Syntax.DASH_DASH;
            };
        } else if (SEMICOLON.contains(ext)) {
            s = Syntax.SEMICOLON;
        } else if (PERCENT.contains(ext)) {
            s = Syntax.PERCENT;
        } else if (MARKUP.contains(ext)) {
            s = Syntax.MARKUP;
        } else {
            return null;
        }
        Language language = JAVA_LIKE.contains(ext) ? Language.JAVA_LIKE : PYTHON.contains(ext) ? Language.PYTHON
            : ext.equals("go") ? Language.GO : Language.OTHER;
        return new SourceLines(s, language);
    }

    /**
     * Whether the file's language is read beyond its comments ({@link #codeLines} leaves out imports and the
     * like): then identifiers are taken from its code lines only, its keywords left out ({@link #keywords}).
     */
    boolean readsBeyondComments() {
        return language != Language.OTHER;
    }

    /** The keywords of the file's language to leave out of its identifiers, beyond {@link Terms#COMMON}. */
    Set<String> keywords() {
        return switch (language) {
            case JAVA_LIKE -> Terms.JAVA_KEYWORDS;
            case PYTHON -> Terms.PYTHON_KEYWORDS;
            case GO -> Terms.GO_KEYWORDS;
            case OTHER -> Set.of();
        };
    }

    /**
     * For each line, whether it carries code (is neither blank nor only a comment). Block comments are
     * tracked across lines; string literals are skipped so a "/*" inside quotes opens nothing.
     */
    boolean[] codeLines(String[] lines) {
        return codeLines(lines, false);
    }

    /**
     * {@link #codeLines(String[])}, with imports counted as code when {@code importsAreCode}: a fix that changes
     * nothing but an import is a fix of that import.
     */
    boolean[] codeLines(String[] lines, boolean importsAreCode) {
        boolean[] code = new boolean[lines.length];
        boolean inBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            switch (syntax) {
                case C_LIKE -> {
                    BlockScan scan = scanBlockComments(line, inBlock, "//", "/*", "*/");
                    inBlock = scan.inBlock;
                    code[i] = scan.hasCode;
                }
                case MARKUP -> {
                    BlockScan scan = scanBlockComments(line, inBlock, null, "<!--", "-->");
                    inBlock = scan.inBlock;
                    code[i] = scan.hasCode;
                }
                case HASH -> code[i] = hasCodeBefore(line, "#");
                case DASH_DASH -> code[i] = hasCodeBefore(line, "--");
                case SQL, LUA, HASKELL -> {
                    if (!inBlock && isPragma(line.stripLeading())) {
                        code[i] = true;
                        continue;
                    }
                    BlockScan scan = switch (syntax) {
                        case SQL -> scanBlockComments(line, inBlock, "--", "/*", "*/");
                        case LUA -> scanBlockComments(line, inBlock, "--", "--[[", "]]");
                        default -> scanBlockComments(line, inBlock, "--", "{-", "-}");
                    };
                    inBlock = scan.inBlock;
                    code[i] = scan.hasCode;
                }
                case SEMICOLON -> code[i] = hasCodeBefore(line, ";");
                case PERCENT -> code[i] = hasCodeBefore(line, "%");
                default -> code[i] = !line.isBlank();
            }
        }
        switch (language) {
            case JAVA_LIKE -> {
                for (int i = 0; i < lines.length; i++) {
                    String t = lines[i].strip();
                    code[i] &= (importsAreCode || !JAVA_IMPORT.matcher(t).matches())
                        && !DISABLING_ANNOTATION.matcher(t).matches();
                }
            }
            case PYTHON -> leaveOutPythonImportsAndDocstrings(lines, code, importsAreCode);
            case GO -> {
                if (!importsAreCode) {
                    leaveOutGoImports(lines, code);
                }
            }
            case OTHER -> {
                // read by comments alone
            }
        }
        // the interpreter line is code in every language, whatever its comment marker says
        if (lines.length > 0 && lines[0].startsWith("#!")) {
            code[0] = true;
        }
        return code;
    }

    /**
     * A line that opens with what looks like a block comment but is read by the compiler: Haskell's and Elm's
     * pragmas ({@code {-# INLINE f #-}}), MySQL's executable comments and optimizer hints ({@code /*! ... *}{@code /},
     * {@code /*+ ... *}{@code /}).
     */
    private boolean isPragma(String line) {
        return switch (syntax) {
            case HASKELL -> line.startsWith("{-#");
            case SQL -> line.startsWith("/*!") || line.startsWith("/*+");
            default -> false;
        };
    }

    /**
     * Python's imports (with a parenthesised or backslash-continued list), test-skipping decorators, and
     * docstrings: a triple-quoted string that is the first statement of the module, a class or a function.
     */
    private static void leaveOutPythonImportsAndDocstrings(String[] lines, boolean[] code, boolean importsAreCode) {
        boolean docstringNext = true;
        boolean inHeader = false;
        int headerDepth = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!code[i]) {
                continue;
            }
            String t = lines[i].strip();
            boolean skip = PYTHON_SKIP.matcher(t).matches();
            if (skip || PYTHON_IMPORT.matcher(t).matches()) {
                boolean leftOut = skip || !importsAreCode;
                boolean open = t.contains("(") && !t.contains(")");
                boolean continued = t.endsWith("\\");
                code[i] &= !leftOut;
                while ((open || continued) && i + 1 < lines.length) {
                    i++;
                    String next = lines[i].strip();
                    open = open && !next.contains(")");
                    continued = next.endsWith("\\");
                    code[i] &= !leftOut;
                }
                docstringNext = false;
                continue;
            }
            Matcher quoted = TRIPLE_QUOTED.matcher(t);
            if (docstringNext && quoted.lookingAt()) {
                String quote = quoted.group(1);
                int end = i;
                if (t.indexOf(quote, quoted.end()) < 0) {
                    end++;
                    while (end < lines.length - 1 && !lines[end].contains(quote)) {
                        end++;
                    }
                }
                java.util.Arrays.fill(code, i, Math.min(end, lines.length - 1) + 1, false);
                i = end;
                docstringNext = false;
                continue;
            }
            docstringNext = false;
            if (!inHeader && PYTHON_DEFINITION.matcher(t).matches()) {
                inHeader = true;
                headerDepth = 0;
            }
            if (inHeader) {
                headerDepth += depthChange(t);
                if (headerDepth <= 0) {
                    inHeader = false;
                    // a one-line definition ("def f(): return 1") has its body already: no docstring follows
                    docstringNext = withoutComment(t).endsWith(":");
                }
            }
        }
    }

    /** Opening minus closing brackets of a line. */
    private static int depthChange(String t) {
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth;
    }

    /** The line without a trailing {@code #} comment, when no quote follows the {@code #}. */
    private static String withoutComment(String t) {
        int hash = t.lastIndexOf('#');
        return hash < 0 || t.indexOf('"', hash) >= 0 || t.indexOf('\'', hash) >= 0 ? t : t.substring(0, hash).strip();
    }

    /** Go's {@code import "x"} lines and {@code import ( … )} blocks. */
    private static void leaveOutGoImports(String[] lines, boolean[] code) {
        boolean inBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (inBlock) {
                inBlock = !t.startsWith(")");
                code[i] = false;
            } else if (GO_IMPORT_BLOCK.matcher(t).matches()) {
                inBlock = true;
                code[i] = false;
            } else if (GO_IMPORT.matcher(t).matches()) {
                code[i] = false;
            }
        }
    }

    private static boolean hasCodeBefore(String line, String marker) {
        String t = line.strip();
        return !t.isEmpty() && !t.startsWith(marker);
    }

    private record BlockScan(boolean hasCode, boolean inBlock) {
    }

    private static BlockScan scanBlockComments(String line, boolean inBlock, String lineMarker, String open,
                                               String close) {
        boolean hasCode = false;
        int i = 0;
        int n = line.length();
        char quote = 0;
        while (i < n) {
            if (inBlock) {
                int end = line.indexOf(close, i);
                if (end < 0) {
                    return new BlockScan(hasCode, true);
                }
                inBlock = false;
                i = end + close.length();
                continue;
            }
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                i++;
                continue;
            }
            // before the line comment: Lua's block comment opens with one ("--[["); the first character is compared
            // first, since this runs for every character of every line of both sides of each file a fix changes
            if (c == open.charAt(0) && line.startsWith(open, i)) {
                inBlock = true;
                i += open.length();
                continue;
            }
            if (lineMarker != null && c == lineMarker.charAt(0) && line.startsWith(lineMarker, i)) {
                break;
            }
            if (!Character.isWhitespace(c)) {
                hasCode = true;
                if (lineMarker != null && (c == '"' || c == '\'')) {
                    quote = c;
                }
            }
            i++;
        }
        return new BlockScan(hasCode, inBlock);
    }

    /**
     * The enclosing functions of {@code lines}' lines, each stretch between two function headers read once.
     * Uses git's default rule (a top-level line starting with a letter, '_' or '$'), plus indented definitions
     * for languages that nest them.
     */
    FunctionStarts functionStarts(String[] lines) {
        return new FunctionStarts(lines);
    }

    /**
     * The enclosing function of every line of one text, remembered: a fix's changed lines each ask for their
     * function, and when none encloses them (a file of declarations) each ask used to read up to the top of the
     * file again.
     */
    final class FunctionStarts {
        private static final int UNKNOWN = -2;
        private final String[] lines;
        private final int[] starts;
        private final Map<Integer, Integer> ends = new HashMap<>();

        private FunctionStarts(String[] lines) {
            this.lines = lines;
            this.starts = new int[lines.length];
            java.util.Arrays.fill(starts, UNKNOWN);
        }

        /**
         * Whether the header line {@code line} names a function: a top-level assignment ({@link #isAssignment}),
         * which git's rule takes for a header, does not, except in Haskell and Elm, where {@code main = do} is the
         * definition of {@code main}.
         */
        boolean namesAFunction(String line) {
            return syntax == Syntax.HASKELL || !isAssignment(line);
        }

        /**
         * The index of the line that opens the function enclosing line {@code at} (0-based), or -1. In Java and its
         * kin a field, an initialiser or a nested type sits between methods: a line is only in the method above it
         * while that method's body (by its braces) is open.
         */
        int of(int at) {
            int start = nearestHeader(at);
            return start >= 0 && language == Language.JAVA_LIKE && !inBody(lines, start, Math.min(at, lines.length - 1))
                ? -1 : start;
        }

        /**
         * Whether line {@code at} lies before the end of the function whose header is line {@code start} (its
         * closing brace at the margin, or the next header): git's rule gives the header above a line outside any
         * function too, such as a C preprocessor line after a closed body.
         */
        boolean withinFunction(int start, int at) {
            return at < ends.computeIfAbsent(start, s -> functionEnd(lines, s, lines.length));
        }

        private int nearestHeader(int at) {
            int from = Math.min(at, lines.length - 1);
            int start = -1;
            int i = from;
            for (; i >= 0; i--) {
                if (starts[i] != UNKNOWN) {
                    start = starts[i];
                    break;
                }
                if (opensFunction(lines[i])) {
                    start = i;
                    break;
                }
            }
            // every line read on the way shares the answer: no header lies between it and the start
            for (int j = Math.max(i, 0); j <= from; j++) {
                starts[j] = start;
            }
            return start;
        }
    }

    private boolean opensFunction(String l) {
        if (l.isEmpty()) {
            return false;
        }
        if (isTopLevelHeader(l) && !isLabel(l)) {
            return true;
        }
        boolean indented = l.startsWith(" ") || l.startsWith("\t");
        if ((syntax != Syntax.C_LIKE || indented) && mayOpenIndentedDefinition(l)
            && INDENTED_HEADER.matcher(l).matches()) {
            return true;
        }
        // a method with no modifier keyword (package-private in Java): a type, a name and a parameter list
        return language == Language.JAVA_LIKE && indented && l.indexOf('(') > 0 && JAVA_MEMBER_HEADER.matcher(l).matches();
    }

    /**
     * Whether line {@code at} is within the method whose header is line {@code start}: on the header's lines (a
     * parameter list going on, a brace on the next line), or while the body its first brace opens is not closed.
     * Braces in comments, strings and character literals do not count.
     */
    private static boolean inBody(String[] lines, int start, int at) {
        int braces = 0;
        int parens = 0;
        boolean opened = false;
        boolean inComment = false;
        for (int k = start; k < at; k++) {
            String l = lines[k];
            char quote = 0;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (inComment) {
                    if (c == '*' && i + 1 < l.length() && l.charAt(i + 1) == '/') {
                        inComment = false;
                        i++;
                    }
                } else if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '/' && i + 1 < l.length() && l.charAt(i + 1) == '/') {
                    break;
                } else if (c == '/' && i + 1 < l.length() && l.charAt(i + 1) == '*') {
                    inComment = true;
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '(') {
                    parens++;
                } else if (c == ')') {
                    parens--;
                } else if (c == '{') {
                    braces++;
                    opened = true;
                } else if (c == '}') {
                    braces--;
                }
            }
            if (opened && braces <= 0) {
                return false;
            }
        }
        String t = lines[at].strip();
        return opened || at == start || parens > 0 || t.startsWith("{") || t.startsWith("throws ");
    }

    /**
     * git's default "funcname", {@code ^[A-Za-z_$][^;]*$}: a line starting with a letter, '_' or '$' at column 0,
     * with no ';'. Read by hand, since the regex on every line above a hunk was most of finding its function.
     */
    static boolean isTopLevelHeader(String l) {
        if (l.isEmpty()) {
            return false;
        }
        char c = l.charAt(0);
        return (isAsciiLetter(c) || c == '_' || c == '$') && l.indexOf(';') < 0;
    }

    /**
     * A top-level assignment: {@code port=8080}, {@code CFLAGS := -O2}, {@code TIMEOUT = 30}, {@code $x = 1},
     * {@code module.exports = {}; not a comparison ({@code a == b}) nor a declaration ({@code static int t[] = {}),
     * nor a function given a name that way ({@code M.parse = function(s)}, {@code exports.run = async (argv) => {}).
     */
    private static final Pattern ASSIGNMENT = Pattern.compile(
        "[A-Za-z_$][\\w.$]*(?:\\[[^\\]]*\\])?\\s*[-+*/%:?!|&^.]?=(?!=)"
            + "(?!\\s*(?:async\\b\\s*)?(?:function\\b|\\([^)]*\\)\\s*=>|[A-Za-z_$][\\w$]*\\s*=>)).*");

    /** Whether {@code line} assigns a value at top level ({@link #ASSIGNMENT}). */
    static boolean isAssignment(String line) {
        return ASSIGNMENT.matcher(line).matches();
    }

    /** A goto label, {@code ^[A-Za-z_][A-Za-z0-9_]*:\s*$}, which git's rule would take for a header. */
    static boolean isLabel(String l) {
        if (l.isEmpty() || !(isAsciiLetter(l.charAt(0)) || l.charAt(0) == '_')) {
            return false;
        }
        int i = 1;
        while (i < l.length() && (isAsciiLetter(l.charAt(i)) || l.charAt(i) == '_'
            || l.charAt(i) >= '0' && l.charAt(i) <= '9')) {
            i++;
        }
        if (i == l.length() || l.charAt(i) != ':') {
            return false;
        }
        for (i++; i < l.length(); i++) {
            if (!ChangeClassifier.isWhitespace(l.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /**
     * False for a line {@link #INDENTED_HEADER} cannot match: its first character past regex {@code \s} must begin
     * one of the keywords it looks for. The regex on every line above a hunk was most of finding its function.
     */
    static boolean mayOpenIndentedDefinition(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!ChangeClassifier.isWhitespace(c)) {
                return "adcfspov".indexOf(c) >= 0;
            }
        }
        return false;
    }

    /**
     * The index one past the last line of the function opened at {@code start}: the first later line
     * that closes a top-level block or opens the next function, capped at {@code maxLines}.
     */
    int functionEnd(String[] lines, int start, int maxLines) {
        int limit = Math.min(lines.length, start + maxLines);
        for (int i = start + 1; i < limit; i++) {
            String l = lines[i];
            if (l.startsWith("}")) {
                return i + 1;
            }
            if (syntax != Syntax.C_LIKE && isTopLevelHeader(l) && !isLabel(l)) {
                return i;
            }
        }
        return limit;
    }
}
