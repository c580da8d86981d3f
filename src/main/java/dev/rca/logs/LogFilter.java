package dev.rca.logs;

import dev.rca.DeepRecursion;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which entries of a log to keep: by level (compared case-insensitively, and by meaning across formats, so
 * {@code warn} keeps {@code WARN}, Python's {@code WARNING} and Serilog's {@code WRN}), and by regular
 * expressions found anywhere in the thread, the source or the message. A null or empty criterion keeps
 * everything; an entry without the field never matches a criterion on it.
 *
 * @param levels  the levels to keep, or empty for all
 * @param thread  a pattern the thread must contain, or null
 * @param source  a pattern the source must contain, or null
 * @param message a pattern the message must contain, or null
 */
public record LogFilter(Set<String> levels, Pattern thread, Pattern source, Pattern message) implements Predicate<LogEntry> {
    /** Keeps every entry. */
    public static final LogFilter ALL = new LogFilter(Set.of(), null, null, null);

    /**
     * The names formats give one level: log4j and logback, Python {@code logging}, syslog severities,
     * java.util.logging (as SLF4J's bridge maps it), Serilog's short forms, .NET's long ones, PostgreSQL's.
     */
    private static final Map<String, String> SAME_LEVEL = sameLevel(
        List.of("TRACE", "VERBOSE", "VRB", "FINEST"),
        List.of("DEBUG", "DBG", "FINE", "FINER", "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5"),
        List.of("INFO", "INF", "INFORMATION", "LOG"),
        List.of("WARN", "WARNING", "WRN"),
        List.of("ERROR", "ERR", "SEVERE"),
        List.of("FATAL", "CRITICAL", "CRIT", "FTL", "PANIC", "ALERT", "EMERG", "EMERGENCY"));

    public LogFilter {
        levels = levels == null ? Set.of()
            : levels.stream().map(l -> l.strip()).filter(l -> !l.isEmpty()).map(LogFilter::canonicalLevel)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean test(LogEntry entry) {
        return (levels.isEmpty() || entry.level() != null && levels.contains(canonicalLevel(entry.level())))
            && finds(thread, entry.thread()) && finds(source, entry.source()) && finds(message, entry.message());
    }

    private static String canonicalLevel(String level) {
        String upper = level.toUpperCase(Locale.ROOT);
        return SAME_LEVEL.getOrDefault(upper, upper);
    }

    @SafeVarargs
    private static Map<String, String> sameLevel(List<String>... groups) {
        Map<String, String> canonical = new HashMap<>();
        for (List<String> group : groups) {
            group.forEach(name -> canonical.put(name, group.get(0)));
        }
        return Map.copyOf(canonical);
    }

    private static boolean finds(Pattern pattern, String value) {
        return pattern == null || value != null && DeepRecursion.call(() -> pattern.matcher(value).find(),
            () -> DeepRecursion.patternTooDeep(pattern.pattern(), value.length()));
    }
}
