package dev.rca.postmortem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words behind the tone rules of {@code rca lint}: hedging, blame, and the phrases that count as a
 * statement of validation coverage. Built-in entries may be regular expressions; words added in
 * {@code .rca.yaml} are literal phrases (any run of blanks between their words matches any other).
 */
final class ToneVocabulary {
    /** Hedging: claims a post-mortem states or leaves out. Whole words, any case. */
    static final List<String> HEDGING = List.of(
        "we believe", "i believe", "we think", "i think", "we suspect", "i suspect", "we assume", "we guess",
        "i guess", "it is believed", "believed to", "appears to", "appear to", "appeared to", "it appears",
        "apparently", "may have", "may be", "might", "might have", "seems", "seem to", "seemed", "seemingly",
        "probably", "probable", "possibly", "perhaps", "presumably", "supposedly", "likely",
        "most likely", "not sure", "unclear whether", "maybe", "it could be that", "it is possible that",
        "it['’]s possible that", "it looks like", "it looked like", "hopefully", "in all likelihood", "not certain",
        "reportedly", "arguably");

    /**
     * Blame: words that point at a person instead of a gap. "We should have caught this" stays allowed:
     * owning a gap as a team is the honest answer the method asks for when there is no better one.
     */
    static final List<String> BLAME = List.of(
        "(?<!\\bwe\\s)should(?:\\s+have|['’]ve)\\s+(?:caught|noticed|spotted|seen|known|tested|checked|reviewed|found)",
        "(?!nobody|no-one|noone)[\\p{L}\\p{N}_]+['’]s\\s+fault(?!\\s+(?:handlers?|injection|tolerance|paths?|domains?|codes?))",
        "(?:his|her|their|your|my)\\s+fault",
        "careless", "carelessly", "carelessness", "negligent", "negligence", "incompetent", "incompetence",
        "dropped\\s+the\\s+ball", "human\\s+error", "to\\s+blame",
        // a person, by role or pronoun, as the subject of a lapse: "the reviewer missed the overflow". Names are not
        // told apart from things ("Checkout broke for 12% of users"), so they are left to .rca.yaml's blame_words
        "(?:he|she|the\\s+(?:author|reviewer|developer|engineer|committer|maintainer|submitter)"
            + "(?:\\s+of\\s+(?:[\\p{L}\\p{N}_.`-]+\\s+){0,2}[\\p{L}\\p{N}_.`-]+)?)\\s+(?:forgot|missed|neglected"
            + "|overlooked|broke|did\\s+not\\s+(?:think|check|test|consider|notice)"
            + "|didn['’]t\\s+(?:think|check|test|consider|notice))");

    /** Statements about what validation did and did not cover. */
    static final List<String> COVERAGE = List.of(
        // what was left out, not that something was covered: "the test covered the crash" says nothing of limits
        "uncovered", "coverage\\s*:", "coverage\\s+(?:gaps?|limits?|(?:is|was)\\s+limited)", "left\\s+out",
        "none(?!\\s+of)", "nothing else", "no other", "limited to", "untested",
        "not\\s+(?:re-?)?(?:tested|run|validated|verified|checked|exercised|reproduced|covered)",
        "not\\s+retested", "only\\s+(?:validated|tested|verified|checked|ran|run|reproduced|exercised|on)",
        "(?:validated|tested|verified|checked|reproduced|covers|covered|tests|checks)\\s+only",
        "(?:all|every)\\s+(?:[\\p{L}\\p{N}_-]+\\s+){0,3}(?:configurations?|platforms?|workloads?|targets?|variants?|"
            + "environments?|tested|validated|verified)");

    private ToneVocabulary() {
    }

    /**
     * One pattern matching any built-in entry or any added phrase as whole words, case-insensitively;
     * longer entries are tried first so "might have" wins over "might".
     */
    static Pattern compile(List<String> builtIn, List<String> added) {
        List<String> alternatives = new ArrayList<>(builtIn);
        for (String phrase : added) {
            alternatives.add(literalPhrase(phrase));
        }
        alternatives.sort(Comparator.comparingInt(String::length).reversed());
        String body = alternatives.stream().map(a -> "(?:" + a + ")").collect(Collectors.joining("|"));
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + body + ")(?![\\p{L}\\p{N}_])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String literalPhrase(String phrase) {
        List<String> words = new ArrayList<>();
        for (String word : phrase.strip().split("\\s+")) {
            words.add(Pattern.quote(word).replace("'", "\\E['’]\\Q"));
        }
        return String.join("\\s+", words);
    }
}
