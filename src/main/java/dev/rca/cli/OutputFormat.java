package dev.rca.cli;

import dev.rca.RcaException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of {@code --format}; each command accepts the subset that fits what it lists. */
public enum OutputFormat {
    TABLE, SHA, JSON, ONELINE, CSV, MERMAID, DOT, DAGITTY;

    /** The name as typed on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format {@code typed} names (in any letter case), for a command that takes {@code offered}: one it does not
     * take is {@link #require}'s to refuse.
     *
     * @throws RcaException exit 2 naming {@code offered}, not every format of every command, when it names none
     */
    public static OutputFormat parse(String typed, OutputFormat... offered) {
        for (OutputFormat format : values()) {
            if (format.name().equalsIgnoreCase(typed)) {
                return format;
            }
        }
        throw RcaException.usage("--format=" + typed + " is no format; use one of " + labels(offered));
    }

    private static String labels(OutputFormat... formats) {
        return Arrays.stream(formats).map(OutputFormat::label).collect(Collectors.joining(", "));
    }

    /**
     * Returns {@code format} when it is one of {@code allowed}.
     *
     * @throws RcaException exit 2 naming the formats the command takes
     */
    public static OutputFormat require(OutputFormat format, OutputFormat... allowed) {
        for (OutputFormat candidate : allowed) {
            if (candidate == format) {
                return format;
            }
        }
        throw RcaException.usage("--format=" + format.label() + " is not available here; use one of "
            + labels(allowed));
    }
}
