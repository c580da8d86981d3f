package dev.rca.postmortem;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem {@code rca lint} found.
 *
 * @param file    the file as the user named it
 * @param line    1-based line
 * @param column  1-based column (in characters)
 * @param rule    the rule that found it
 * @param message one line saying what is wrong and what to do
 */
public record LintFinding(String file, int line, int column, LintRule rule, String message) {
    /** By file, line and column; a stable sort keeps findings at one position in the order they were found. */
    public static final Comparator<LintFinding> BY_POSITION = Comparator.comparing(LintFinding::file)
        .thenComparingInt(LintFinding::line).thenComparingInt(LintFinding::column);

    public LintFinding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
        }
        if (message.contains("\n")) {
            throw new IllegalArgumentException("a finding is one line: " + message);
        }
    }

    /** {@code <file>:<line>:<col>: <rule>: <message>}. */
    public String render() {
        return file + ":" + line + ":" + column + ": " + rule.id() + ": " + message;
    }
}
