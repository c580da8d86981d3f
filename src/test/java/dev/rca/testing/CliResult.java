package dev.rca.testing;

import java.util.Arrays;
import java.util.List;

/** What one in-process rca invocation produced. */
public record CliResult(int exitCode, String out, String err) {
    /** stdout split into lines, without the empty string after the last newline. */
    public List<String> outLines() {
        if (out.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(out.split("\n"));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
