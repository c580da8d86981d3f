package dev.rca.logs;

import dev.rca.RcaException;
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

    /** The text a match is replaced by. */
    public String replacement() {
        return "<" + name + ">";
    }
}
