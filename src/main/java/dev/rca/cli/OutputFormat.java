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
            + Arrays.stream(allowed).map(OutputFormat::label).collect(Collectors.joining(", ")));
    }
}
