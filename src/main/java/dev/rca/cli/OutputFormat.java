package dev.rca.cli;

import dev.rca.RcaException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** The values of {@code --format}; each command accepts the subset that fits what it lists. */
public enum OutputFormat {
    TABLE, SHA, JSON, ONELINE, CSV, MERMAID, DOT, DAGITTY;

    /** The name as typed on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns {@code format} when it is one of {@code allowed}, for a command whose formats depend on its other
     * options (a command's {@code --format} refuses what it never takes as it is parsed: see {@link Formats}).
     *
     * @throws RcaException exit 2 naming the formats the command takes
     */
    public static OutputFormat require(OutputFormat format, OutputFormat... allowed) {
        for (OutputFormat candidate : allowed) {
            if (candidate == format) {
                return format;
            }
        }
        throw ChoiceConverter.unavailable("--format", format.label(),
            Arrays.stream(allowed).map(OutputFormat::label).toList());
    }

    /**
     * The formats one command's {@code --format} takes, as its {@code completionCandidates}: completion offers
     * them, and any other is refused with them ({@link ChoiceConverter}).
     */
    abstract static class Formats implements Iterable<String> {
        private final List<String> labels;

        Formats(OutputFormat... formats) {
            labels = Arrays.stream(formats).map(OutputFormat::label).toList();
        }

        @Override
        public Iterator<String> iterator() {
            return labels.iterator();
        }
    }

    /** {@code table} or {@code json}. */
    static final class TableOrJson extends Formats {
        TableOrJson() {
            super(TABLE, JSON);
        }
    }

    /** {@code table}, {@code sha} or {@code json}: {@code suspects}, {@code bisect-helper log}. */
    static final class TableShaOrJson extends Formats {
        TableShaOrJson() {
            super(TABLE, SHA, JSON);
        }
    }

    /** The formats of a list of commits ({@code log}, {@code history}). */
    static final class Commits extends Formats {
        Commits() {
            super(TABLE, SHA, JSON, ONELINE);
        }
    }

    /** {@code bisect-helper range}'s formats. */
    static final class Candidates extends Formats {
        Candidates() {
            super(TABLE, ONELINE, SHA, JSON);
        }
    }

    /** {@code logs table}'s formats. */
    static final class Rows extends Formats {
        Rows() {
            super(TABLE, CSV, JSON);
        }
    }

    /** {@code dag}'s formats. */
    static final class Graphs extends Formats {
        Graphs() {
            super(MERMAID, DOT, DAGITTY);
        }
    }
}
