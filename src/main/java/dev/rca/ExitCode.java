package dev.rca;

/** Process exit codes shared by every rca command (see DESIGN.md). */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A negative answer: lint findings, a refused post-mortem, a failed verify, no culprit. */
    public static final int NEGATIVE = 1;
    /** The command line itself was wrong. */
    public static final int USAGE = 2;
    /** Bad input or state: not a repository, unknown revision, malformed ledger, bad ticket id. */
    public static final int BAD_INPUT = 3;
    /** A bug in rca. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }
}
