package dev.rca.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rca suspects} on a fix to a file with one line of 200,000 characters, on the launcher's 4 MiB stack: rca's
 * own patterns for imports and function headers ran over it by recursion once per repeated word, and overflowed
 * (exit 4, RCA-13's action item). The answer is the one for the same file with that line short.
 */
class LongSourceLineTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> files() {
        String words = "word ".repeat(40_000);
        return Stream.of(
            // walked over on the way up to the function of the fix: an indented line of words and a parenthesis
            Arguments.of("A.java", "class A {\n    int g() {\n        String s = \"\"\"\n            %s(x)\n"
                + "            \"\"\";\n        return %s;\n    }\n}\n", words),
            Arguments.of("A.java", "class A {\n    int g() {\n        String s = \"\"\"\n            %s(x)\n"
                + "            \"\"\";\n        return %s;\n    }\n}\n", "    " + "static ".repeat(30_000) + "f"),
            // every line of a fixed file is read for imports
            Arguments.of("A.java", "import %s;\nclass A {\n    int g() {\n        return %s;\n    }\n}\n",
                "a." + "b.".repeat(100_000) + "C"),
            Arguments.of("a.py", "import %s\n\ndef g():\n    return %s\n", "a" + ", b".repeat(70_000)));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("files")
    void suspectsAnswersAsForAShortLine(String file, String template, String longPart) {
        List<Object> answers = List.of(suspects(tmp.resolve("long"), file, template, longPart),
            suspects(tmp.resolve("short"), file, template, shortened(longPart)));
        List<Object> blamed = List.of(0, "", "<added>\n");
        assertEquals(List.of(blamed, blamed), answers);
    }

    private static String shortened(String longPart) {
        return longPart.substring(0, 40) + longPart.substring(longPart.length() - 20);
    }

    /** Exit code, stderr, and stdout with the commit of the first version in place of its SHA. */
    private static List<Object> suspects(Path dir, String file, String template, String line) {
        String added;
        String fix;
        try (TestRepo repo = TestRepo.init(dir)) {
            added = repo.commit("add g\n").add(file, String.format(template, line, "1")).create().name();
            fix = repo.commit("g returns 2\n").add(file, String.format(template, line, "2")).create().name();
        }
        CliResult r = Cli.runOnLauncherStack(dir, "suspects", "--format=sha", fix);
        return List.of(r.exitCode(), r.err(), r.out().replace(added, "<added>"));
    }
}
