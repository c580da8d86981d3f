package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedgerProseTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "CartCache.evict() releases the lock.|`CartCache.evict()` releases the lock.",
        "(see evict(key), then unlinkEntry())|(see `evict(key)`, then `unlinkEntry()`)",
        "cart_lock and MAX_RETRIES and __init__|`cart_lock` and `MAX_RETRIES` and `__init__`",
        "relay.config.parse_line keeps retry.max_attempts, so max_attempts=1.|"
            + "`relay.config.parse_line` keeps `retry.max_attempts`, so `max_attempts=1`.",
        "upstream.internal and relay.main stay prose, as does a=b|upstream.internal and relay.main stay prose, as does a=b",
        "scratchBuf is null, toString() and numStreams|`scratchBuf` is null, `toString()` and `numStreams`",
        "macOS, iPhone, kHz, 1/2.5 and TCP/IP stay prose|macOS, iPhone, kHz, 1/2.5 and TCP/IP stay prose",
        "edit src/main/Foo.java and tada/prim.h::syncWaitPeer|edit `src/main/Foo.java` and `tada/prim.h::syncWaitPeer`",
        "handle->shared->deviceStream|`handle->shared->deviceStream`",
        "a List<String> of ids|a `List<String>` of ids",
        "NPE in GC.prune(Set<ObjectId>) when|NPE in `GC.prune(Set<ObjectId>)` when",
        "run with --runs=5|run with `--runs=5`",
        "already `CartCache.evict()` here|already `CartCache.evict()` here",
        "GitHub, JavaScript, e.g. PAY-143, v1.2.3, 20/20 runs, item(s)|GitHub, JavaScript, e.g. PAY-143, v1.2.3, 20/20 runs, item(s)",
        "see https://example.com/a_b/c.html and [the PR](https://x.org/p_q)|see https://example.com/a_b/c.html and [the PR](https://x.org/p_q)",
        "mail a_b@example.com. End.|mail a_b@example.com. End.",
        "Fixed in a1b2c3d4e5f6.|Fixed in a1b2c3d4e5f6.",
        "# of retries exceeded|\\# of retries exceeded",
        "1. first|1\\. first",
        "- dash|\\- dash",
        "Checkout <em>hangs</em> <!-- hidden --> see <https://x.org/a>|Checkout \\<em>hangs\\</em> \\<!-- hidden --> see <https://x.org/a>"})
    void inlineKeepsProseAndPutsIdentifiersInCodeSpans(String ledger, String markdown) {
        assertEquals(markdown, LedgerProse.inline(ledger));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "First line\\n# not a heading\\nsecond|First line\\n\\# not a heading\\nsecond",
        "A paragraph\\n===\\nnext|A paragraph\\n\\===\\nnext",
        "A paragraph\\n---|A paragraph\\n\\---",
        "Keep\\n\\n- a list with cart_lock\\n- and more|Keep\\n\\n- a list with `cart_lock`\\n- and more",
        "```\\nraw cart_lock\\n# no escape in code\\n```|```\\nraw cart_lock\\n# no escape in code\\n```",
        "```\\nunclosed fence|```\\nunclosed fence\\n```"})
    void blockKeepsStructureButNeverAddsHeadings(String ledger, String markdown) {
        assertEquals(markdown.replace("\\n", "\n"), LedgerProse.block(ledger.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "mvn -q test|`mvn -q test`",
        "echo `date`|`` echo `date` ``",
        "`x`|`` `x` ``"})
    void codeSpansUseALongerFence(String text, String span) {
        assertEquals(span, LedgerProse.codeSpan(text));
    }

    /**
     * The identifier pattern, rewritten so that no repeated group recurses once per repetition and no word takes
     * minutes (RCA-13's action item), takes the words it took before: the old one is written out here.
     */
    @Test
    void theNonRecursingIdentifierPatternTakesTheWordsTheOldOneTook() {
        Pattern old = Pattern.compile(String.join("|",
            "[A-Za-z_$][\\w$]*(?:(?:\\.|::|->|#)[A-Za-z_$][\\w$]*)*\\([\\w$.,?<>\\[\\]]*\\)",
            "(?:\\.{0,2}/)?(?:[\\w.-]+/)+[\\w.-]*\\.[A-Za-z][A-Za-z0-9]{0,9}(?:::[\\w$]+)?",
            "[\\w$./]+(?:::|->)[\\w$]+(?:(?:::|->|\\.)[\\w$]+)*",
            "[A-Z][a-z0-9][\\w$]*(?:\\.[a-z_$][\\w$]*)+",
            "(?:[A-Za-z_$][\\w$]*\\.)*_*[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)+_*(?:\\.[A-Za-z_$][\\w$]*)*(?:=[\\w.-]+)?",
            "__[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*__",
            "[a-z][a-z0-9]+[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*",
            "[A-Z][\\w$]*<[\\w$.,?<>\\[\\]]+>",
            "--[a-z][\\w-]*(?:=[^\\s`]+)?"));
        List<String> words = List.of("CartCache.evict()", "evict(key)", "a::b()", "obj->run()",
            "GC.prune(Set<ObjectId>)", "src/main/Foo.java", "../a/b.c", "tada/prim.h::syncWaitPeer", "ns::name",
            "a->b->c", "Foo.java", "Class.member.field", "cart_lock", "MAX_RETRIES", "__init__", "relay.config.parse_line",
            "retry.max_attempts", "max_attempts=1", "a_b.c", "a.b_c.d=x.y", "_a_", "a__b", "x.__y", "scratchBuf", "macOS",
            "iPhone", "kHz", "numStreams", "aB1", "abC", "List<String>", "Map<K,V>", "--runs=5", "--no-verify",
            "1/2.5", "TCP/IP", "upstream.internal", "a=b", "a.b$c_d", "a_$b", "$a_b");
        String[] alphabet = {"a", "b", "A", "Z", "_", "__", "$", "1", ".", "..", "/", ":", "::", "->", "-", "#", "(",
            ")", "<", ">", "=", ",", "?", "[", "]", "x_y", "e"};
        assertSameAnswers(texts(words, 300_000, alphabet, new String[] {"a", "b", "/", ".", "-", "::", "c1"},
            new String[] {"A", "a", "b", ".", "_", "$", "1"}, new String[] {"_", "a", "1", "__", "."},
            new String[] {"a", "b", "A", "1", "-", "B"}, new String[] {"a", "b", "_", ".", "=", "A", "$", "-"}),
            w -> old.matcher(w).matches(), w -> LedgerProse.IDENTIFIER.matcher(w).matches());
    }

    /** The markup pattern, no longer tried from within a run of backslashes, escapes what it escaped before. */
    @Test
    void markupIsEscapedAsBefore() {
        Pattern old = Pattern.compile("(\\\\*)([\\[\\]*_~])");
        for (String t : texts(List.of(), 100_000, new String[] {"\\", "\\", "[", "]", "*", "_", "~", "a", " "})) {
            assertEquals(old.matcher(t).replaceAll("$1$1\\\\$2"), LedgerProse.MARKUP.matcher(t).replaceAll("$1$1\\\\$2"),
                t);
        }
    }

    /** The file-name pattern, trying one start per run of word characters and dashes, finds one where it did before. */
    @Test
    void aFileNameIsFoundWhereItWasBefore() {
        Pattern old = Pattern.compile("\\b[A-Za-z_][\\w-]*\\.[A-Za-z][A-Za-z0-9]{1,5}\\b"
            + "|\\b(?:Dockerfile|Makefile|Jenkinsfile|Containerfile)\\b");
        List<String> real = List.of("see config.yaml", "e.g. and i.e.", "the Dockerfile", "1-a.txt",
            "-a.txt", "\u00e9a.txt", "a-b.c", "cache.go:12", "v1.2.3", "f.txt.", "x/y.md", "a.b-c");
        assertSameAnswers(texts(real, 200_000, new String[] {"a", "b", "-", "1", "_", ".", "txt", "x", " ", "\u00e9", "/",
            "Makefile", "e.g", "A"}), t -> old.matcher(t).find(), t -> LedgerProse.FILE_NAME.matcher(t).find());
    }

    /** The code spans, found by a scan of the backtick runs, are the ones the pattern found one after another. */
    @Test
    void codeSpansAreFoundWhereThePatternFoundThem() {
        Pattern old = Pattern.compile("(`+)(?s:.*?)(?<!`)\\1(?!`)");
        List<String> real = List.of("a `b` c", "``a`b``", "`` ` ``", "``a`", "`a``b`", "```", "x `a\nb` y");
        int spans = 0;
        for (String t : texts(real, 300_000, new String[] {"`", "`", "``", "a", " ", "\n"})) {
            List<String> expected = new ArrayList<>();
            Matcher m = old.matcher(t);
            while (m.find()) {
                expected.add(m.start() + "-" + m.end());
            }
            assertEquals(expected, LedgerProse.codeSpans(t).stream().map(s -> s[0] + "-" + s[1]).toList(), t);
            spans += expected.size();
        }
        assertTrue(spans > 100_000, "too few spans: " + spans);
    }

    /** Runs of backticks of growing length, 180,000 characters that hold no code span: read once. */
    @Test
    void backtickRunsOfGrowingLengthAreReadOnce() {
        StringBuilder text = new StringBuilder();
        for (int length = 1; length <= 600; length++) {
            text.append("`".repeat(length)).append(" a ");
        }
        String line = text.toString().strip();
        assertEquals(List.of(), LedgerProse.codeSpans(line));
        assertEquals(line, LedgerProse.codeIdentifiers(line));
        assertEquals("`x` " + line, LedgerProse.codeIdentifiers("`x` " + line));
    }

    /** The scan for HTML's starts escapes the {@code <} the pattern escaped, autolinks left alone. */
    @Test
    void htmlStartsAreEscapedAsBefore() {
        Pattern old = Pattern.compile("(?<!\\\\)<(?=[A-Za-z/!?])(?![A-Za-z][A-Za-z0-9+.-]*:[^\\s>]*>)");
        List<String> real = List.of("<https://x.org/a>", "<details>", "a <!-- b -->", "\\<b>", "<a:b c>", "<mailto:a@b>");
        int changed = 0;
        for (String t : texts(real, 300_000, new String[] {"<", "<", "a", "Z", "1", ":", ">", " ", "\t", "\u000b",
            "\\", "/", "!", "?", "+", ".", "-", "\u00e9"})) {
            String expected = old.matcher(t).replaceAll("\\\\<");
            assertEquals(expected, LedgerProse.withoutHtml(t), t);
            changed += expected.equals(t) ? 0 : 1;
        }
        assertTrue(changed > 20_000, "too few texts changed: " + changed);
    }

    /** {@code <a:<a:<a:…} of 150,000 characters, no blank nor {@code >} ending an autolink in it: read once. */
    @Test
    void aLongRunOfSchemesWithoutAnEndIsReadOnce() {
        String text = "<a:".repeat(50_000);
        assertEquals("\\<a:".repeat(50_000), LedgerProse.withoutHtml(text));
        assertEquals("<a:".repeat(50_000) + ">", LedgerProse.withoutHtml(text + ">"));
        assertEquals("\\<a:".repeat(50_000) + " >", LedgerProse.withoutHtml(text + " >"));
    }

    /** {@code real}, then {@code count} texts of up to 11 parts from each of {@code alphabets} in turn. */
    private static List<String> texts(List<String> real, int count, String[]... alphabets) {
        List<String> texts = new ArrayList<>(real);
        Random random = new Random(34);
        for (int i = 0; i < count; i++) {
            String[] parts = alphabets[i % alphabets.length];
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** {@code now} answers as {@code old} for each text, and {@code old} says yes to one text in 50 at least. */
    private static void assertSameAnswers(List<String> texts, Predicate<String> old, Predicate<String> now) {
        int yes = 0;
        for (String text : texts) {
            boolean expected = old.test(text);
            assertEquals(expected, now.test(text), text);
            yes += expected ? 1 : 0;
        }
        assertTrue(yes > texts.size() / 50, yes + " of " + texts.size());
    }
}
