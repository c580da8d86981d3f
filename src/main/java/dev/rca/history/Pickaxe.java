package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Config;

/**
 * git's pickaxe for {@code rca log}: which commits' diffs to keep, by what they did to a string or a pattern.
 *
 * @param kind how {@code pattern} is looked for
 * @param pattern the string of {@code -S}, or the regular expression of {@code -S --pickaxe-regex} and {@code -G}
 *     (Java's syntax, as {@code --grep}'s); never empty
 * @param ignoreCase case is ignored ({@code -i}, which git applies to the pickaxe as well as to {@code --grep})
 * @param text {@code -G} reads binary files as text too ({@code -a}, {@code --text}); without it, it leaves them out
 */
public record Pickaxe(Kind kind, String pattern, boolean ignoreCase, boolean text) {

    /** How the pickaxe looks at a changed file. */
    public enum Kind {
        /** {@code -S}: the number of occurrences of the string differs between the file's two sides. */
        COUNT,
        /** {@code -S --pickaxe-regex}: the number of matches of the pattern differs. */
        COUNT_REGEX,
        /** {@code -G}: an added or removed line of the file's diff matches the pattern. */
        LINES
    }

    public Pickaxe {
        if (kind == null || pattern == null) {
            throw new IllegalArgumentException("a pickaxe needs a kind and a pattern");
        }
        if (pattern.isEmpty()) {
            // git 2.39 aborts on it (BUG: should have needle under -G or -S)
            throw RcaException.usage((kind == Kind.LINES ? "-G" : "-S") + " needs a non-empty "
                + (kind == Kind.COUNT ? "string" : "pattern"));
        }
        if (kind != Kind.COUNT) {
            MessageFilter.linePattern(pattern, ignoreCase, kind == Kind.LINES ? "-G" : "-S",
                kind == Kind.LINES ? null : "without --pickaxe-regex, -S looks for the string as it is");
        }
    }

    /**
     * The pickaxe of {@code git log}'s options, null when neither {@code -S} nor {@code -G} is given
     * ({@code --pickaxe-regex} alone does nothing, as in git).
     *
     * @throws RcaException a usage error for both {@code -S} and {@code -G}, or {@code -G} with
     *     {@code --pickaxe-regex}, which git refuses too
     */
    public static Pickaxe of(String string, String regex, boolean pickaxeRegex, boolean ignoreCase, boolean text) {
        if (string != null && regex != null) {
            throw RcaException.usage("options '-G' and '-S' cannot be used together");
        }
        if (regex != null && pickaxeRegex) {
            throw RcaException.usage("options '-G' and '--pickaxe-regex' cannot be used together")
                .withHint("-G takes a regular expression itself; --pickaxe-regex is for -S");
        }
        if (string != null) {
            return new Pickaxe(pickaxeRegex ? Kind.COUNT_REGEX : Kind.COUNT, string, ignoreCase, text);
        }
        return regex == null ? null : new Pickaxe(Kind.LINES, regex, ignoreCase, text);
    }

    /**
     * What to tell the user about the repository's configuration before a pickaxe query: each diff driver with a
     * {@code textconv} command, which {@code git log} runs and searches the output of, where rca searches the stored
     * bytes.
     */
    public static List<String> notes(GitWorkspace workspace) {
        Config config = workspace.repository().getConfig();
        List<String> notes = new ArrayList<>();
        for (String driver : new TreeSet<>(config.getSubsections("diff"))) {
            if (config.getString("diff", driver, "textconv") != null) {
                notes.add("diff." + driver + ".textconv is not run: -S and -G search the files as stored, where git"
                    + " log searches the converted text");
            }
        }
        return notes;
    }
}
