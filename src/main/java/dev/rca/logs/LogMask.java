package dev.rca.logs;

import dev.rca.RcaException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An extra mask: every match of {@code pattern} is replaced by {@code <name>} before two logs are
 * compared, for noise the built-in masks do not know (a build number, a host name, a tenant).
 *
 * @param name    a short word naming what is masked
 * @param pattern the Java regular expression to mask
 */
public record LogMask(String name, Pattern pattern) {
    public LogMask {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("mask name must be a short word: " + name);
        }
        if (pattern == null) {
            throw new IllegalArgumentException("mask pattern must not be null");
        }
        if (pattern.matcher("").matches()) {
            throw new IllegalArgumentException("mask pattern matches the empty string: " + pattern);
        }
    }

    /**
     * A mask from a regular expression typed by a user.
     *
     * @throws RcaException exit 3 when {@code regex} is not a valid pattern or matches the empty string
     */
    public static LogMask of(String name, String regex) {
        try {
            return new LogMask(name, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw RcaException.badInput("invalid mask pattern '" + regex + "': " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw RcaException.badInput(e.getMessage());
        }
    }

    /**
     * A mask written as {@code <name>=<regex>} (the {@code --mask} option).
     *
     * @throws RcaException exit 2 without an {@code =} after a name; exit 3 as {@link #of} otherwise
     */
    public static LogMask parse(String nameAndRegex) {
        int eq = nameAndRegex.indexOf('=');
        if (eq <= 0) {
            throw RcaException.usage("--mask takes <name>=<regex>, not '" + nameAndRegex + "'");
        }
        return of(nameAndRegex.substring(0, eq), nameAndRegex.substring(eq + 1));
    }

    /** The masks of a repository's {@code .rca.yaml} ({@code logs.masks}), named {@code rca-yaml-1}, -2, … */
    public static List<LogMask> configured(List<String> regexes) {
        List<LogMask> masks = new ArrayList<>();
        for (int i = 0; i < regexes.size(); i++) {
            masks.add(of("rca-yaml-" + (i + 1), regexes.get(i)));
        }
        return masks;
    }

    /** The text a match is replaced by. */
    public String replacement() {
        return "<" + name + ">";
    }
}
