package dev.rca.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
