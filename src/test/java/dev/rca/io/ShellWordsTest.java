package dev.rca.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Quoted words read back by a real POSIX shell as the words they were. */
class ShellWordsTest {
    private static final List<String> ODD = List.of("A=b", "plain-word_1.txt", "two words", "it's", "~/home", "a~b",
        "$HOME", "*", "", "back\\slash", "\"quoted\"", "new\nline", "semi;colon", "x=y");

    @Test
    void quotesOnlyWhatTheShellWouldChange() {
        assertEquals("'A=b' plain-word_1.txt 'two words' 'it'\\''s' '~/home' a~b '$HOME' '*' '' 'back\\slash'"
            + " '\"quoted\"' 'new\nline' 'semi;colon' x=y", ShellWords.line(ODD));
        assertEquals("A=b", ShellWords.quote("A=b"));
    }

    @Test
    void theShellReadsTheLineBackAsTheSameWords() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "for w in " + ShellWords.line(ODD).substring("'A=b' ".length())
            + "; do printf '%s\\0' \"$w\"; done").start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(String.join("\0", ODD.subList(1, ODD.size())) + "\0", out);
    }

    @Test
    void splitReadsWordsAsTheShellDoes() throws Exception {
        assertEquals(Optional.of(ODD), ShellWords.split(ShellWords.line(ODD)));
        // as written by hand: double quotes, backslashes, quotes inside a word, runs of blanks
        String line = "rca  logs\tdiff \"runs/good log\" run\\ s/bad.log --mask='pid=\"[0-9]+\"' \"a\\\"b\\$c\\x\" it\\'s"
            + " x\"\"y ''";
        Process p = new ProcessBuilder("sh", "-c", "for w in " + line + "; do printf '%s\\0' \"$w\"; done").start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        List<String> words = ShellWords.split(line).orElseThrow();
        assertEquals(out, String.join("\0", words) + "\0");
        assertEquals(List.of("rca", "logs", "diff", "runs/good log", "run s/bad.log", "--mask=pid=\"[0-9]+\"",
            "a\"b$c\\x", "it's", "xy", ""), words);
        for (String open : List.of("a 'b", "a \"b", "\"a\\\"")) {
            assertEquals(Optional.empty(), ShellWords.split(open), open);
        }
    }
}
