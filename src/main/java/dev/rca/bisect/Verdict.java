package dev.rca.bisect;

import dev.rca.RcaException;
import java.util.Locale;

/** What a test said about a commit. */
public enum Verdict {
    GOOD, BAD, SKIP;

    /** The word used on the command line and in the state file. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code good}, {@code bad} or {@code skip}. @throws RcaException exit 3 otherwise */
    public static Verdict parse(String text) {
        for (Verdict v : values()) {
            if (v.label().equals(text)) {
                return v;
            }
        }
        throw RcaException.badInput("unknown verdict '" + text + "' (expected good, bad or skip)");
    }

    /**
     * git bisect run's reading of an exit code: 0 good, 125 skip, 1–127 bad; anything else is null
     * (the run aborts).
     */
    public static Verdict ofExitCode(int code) {
        if (code == 0) {
            return GOOD;
        }
        if (code == 125) {
            return SKIP;
        }
        if (code >= 1 && code <= 127) {
            return BAD;
        }
        return null;
    }
}
