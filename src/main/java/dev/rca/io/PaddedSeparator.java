package dev.rca.io;

import java.util.regex.Pattern;

/**
 * A separator together with the blanks on either side of it ({@code \s*,\s*}), for splitting or joining text a person
 * wrote, as a pattern that finds the same matches in linear time. Written plainly, java.util.regex tries a match at
 * every blank of a long run that no separator follows and reads the rest of the run again from each (100,000 blanks
 * took over 15 s). Here a match starts after a blank only where the previous match ended ({@code \G}): anywhere else
 * the run's first blank would have started the same match earlier, and a match ends past every blank after it.
 */
public final class PaddedSeparator {
    private PaddedSeparator() {
    }

    /** {@code \s*(?:separator)\s*}, matching as that does; {@code separator} must match no blank-free empty text. */
    public static Pattern of(String separator) {
        return Pattern.compile("(?:(?<!\\s)|\\G)\\s*(?:" + separator + ")\\s*");
    }
}
