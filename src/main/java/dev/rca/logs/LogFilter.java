package dev.rca.logs;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which entries of a log to keep: by level (compared case-insensitively, so {@code warn} keeps
 * {@code WARN} and {@code warn}), and by regular expressions found anywhere in the thread, the source or
 * the message. A null or empty criterion keeps everything; an entry without the field never matches a
 * criterion on it.
 *
 * @param levels  the levels to keep, or empty for all
 * @param thread  a pattern the thread must contain, or null
 * @param source  a pattern the source must contain, or null
 * @param message a pattern the message must contain, or null
 */
public record LogFilter(Set<String> levels, Pattern thread, Pattern source, Pattern message) implements Predicate<LogEntry> {
    /** Keeps every entry. */
    public static final LogFilter ALL = new LogFilter(Set.of(), null, null, null);

    public LogFilter {
        levels = levels == null ? Set.of()
            : levels.stream().map(l -> l.strip().toUpperCase(Locale.ROOT)).filter(l -> !l.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean test(LogEntry entry) {
        return (levels.isEmpty() || entry.level() != null && levels.contains(entry.level().toUpperCase(Locale.ROOT)))
            && finds(thread, entry.thread()) && finds(source, entry.source()) && finds(message, entry.message());
    }

    private static boolean finds(Pattern pattern, String value) {
        return pattern == null || value != null && pattern.matcher(value).find();
    }
}
