package dev.rca;

import java.util.Objects;

/**
 * The one exception type for errors the user can act on. It is rendered as a single line,
 * {@code rca: error: <message> [at <file>:<line>:<col>]}, optionally followed by a {@code hint:} line,
 * and the process exits with {@link #exitCode()}.
 */
public final class RcaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String location;
    private final String hint;

    private RcaException(int exitCode, String message, String location, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        if (exitCode < ExitCode.NEGATIVE || exitCode > ExitCode.INTERNAL) {
            throw new IllegalArgumentException("exit code out of range: " + exitCode);
        }
        this.exitCode = exitCode;
        this.location = location;
        this.hint = hint;
    }

    /** A usage error (exit 2): the command line is wrong. */
    public static RcaException usage(String message) {
        return new RcaException(ExitCode.USAGE, message, null, null, null);
    }

    /** Bad input or state (exit 3): a repository, revision, ledger or id that cannot be used. */
    public static RcaException badInput(String message) {
        return new RcaException(ExitCode.BAD_INPUT, message, null, null, null);
    }

    /** Bad input or state (exit 3) caused by a lower-level failure, kept for {@code --stacktrace}. */
    public static RcaException badInput(String message, Throwable cause) {
        return new RcaException(ExitCode.BAD_INPUT, message, null, null, cause);
    }

    /** A negative answer that is reported as an error line (exit 1), e.g. a refused post-mortem. */
    public static RcaException negative(String message) {
        return new RcaException(ExitCode.NEGATIVE, message, null, null, null);
    }

    /** The same error, located at {@code file:line:col} (1-based line and column). */
    public RcaException at(String file, int line, int column) {
        return new RcaException(exitCode, getMessage(), file + ":" + line + ":" + column, hint, getCause());
    }

    /** The same error, located in a file without a known position. */
    public RcaException at(String file) {
        return new RcaException(exitCode, getMessage(), file, hint, getCause());
    }

    /** The same error with a hint line telling the user how to get past it. */
    public RcaException withHint(String newHint) {
        return new RcaException(exitCode, getMessage(), location, newHint, getCause());
    }

    /** The same error with a lower-level cause kept for {@code --stacktrace}. */
    public RcaException causedBy(Throwable cause) {
        return new RcaException(exitCode, getMessage(), location, hint, cause);
    }

    /** The process exit code: one of {@link ExitCode#NEGATIVE}, {@link ExitCode#USAGE}, {@link ExitCode#BAD_INPUT}. */
    public int exitCode() {
        return exitCode;
    }

    /** {@code file:line:col}, or {@code null}. */
    public String location() {
        return location;
    }

    /** A hint line, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** The error as the user sees it: one line, plus a hint line when there is one. */
    public String render() {
        StringBuilder sb = new StringBuilder("rca: error: ").append(getMessage());
        if (location != null) {
            sb.append(" at ").append(location);
        }
        if (hint != null) {
            sb.append(System.lineSeparator()).append("hint: ").append(hint);
        }
        return sb.toString();
    }
}
