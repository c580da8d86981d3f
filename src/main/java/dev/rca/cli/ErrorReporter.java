package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Renders a failed command on stderr and picks its exit code: an {@link RcaException} as its one line (and hint),
 * a usage error with a suggestion, anything else as an internal error whose trace only {@code --stacktrace} shows.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    /** A command threw {@code ex}; {@code stacktrace} is the {@code --stacktrace} flag. */
    static int reportFailure(Exception ex, boolean stacktrace, PrintWriter err) {
        if (ex instanceof RcaException r) {
            err.println(r.render());
            if (stacktrace) {
                r.printStackTrace(err);
            }
            err.flush();
            return r.exitCode();
        }
        err.println("rca: error: internal error: " + ex);
        if (stacktrace) {
            ex.printStackTrace(err);
        } else {
            err.println("hint: this is a bug in rca; rerun with --stacktrace and report the trace");
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    /** picocli could not parse the command line (signature of {@code IParameterExceptionHandler}). */
    static int reportUsageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        if (ex.getCause() instanceof RcaException refused) {
            // an option's setter refused its value (-C): picocli wraps that as "Could not invoke …"
            err.println(refused.render());
            err.flush();
            return refused.exitCode();
        }
        err.println("rca: error: " + ex.getMessage());
        List<String> suggestions = ex instanceof UnmatchedArgumentException u ? suggestions(u, cl) : List.of();
        if (!suggestions.isEmpty()) {
            err.println("hint: did you mean " + String.join(" or ", suggestions.stream().limit(3)
                .map(s -> "'" + s + "'").toList()) + "?");
        } else {
            err.println("hint: see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * What a mistyped word may have meant: the command a word of the trade names (picocli's nearest spelling of
     * "graph" is "generate-completion"), else picocli's nearest spellings, without the shell-completion command
     * unless the word is about completion.
     */
    private static List<String> suggestions(UnmatchedArgumentException u, CommandLine cl) {
        List<String> unmatched = u.getUnmatched();
        String word = unmatched.isEmpty() ? "" : unmatched.get(0);
        if (cl.getParent() == null && COMMAND_WORDS.containsKey(word)) {
            return List.of(COMMAND_WORDS.get(word));
        }
        return u.getSuggestions().stream()
            .filter(s -> !s.equals("generate-completion") || word.contains("compl"))
            .toList();
    }

    /** Words an engineer reaches for, and the rca command that does it. */
    private static final Map<String, String> COMMAND_WORDS = Map.of(
        "graph", "dag",
        "causal", "dag",
        "bisect", "bisect-helper",
        "blame", "suspects",
        "szz", "suspects",
        "grep", "log",
        "ledger", "status",
        "report", "postmortem",
        "validate", "verify");

    /** A recursion rca did not guard ran past its stack: a bug, told as any other internal error is. */
    static int reportStackOverflow(StackOverflowError e, boolean stacktrace, PrintWriter err) {
        err.println("rca: error: internal error: the stack overflowed");
        if (stacktrace) {
            e.printStackTrace(err);
        } else {
            err.println("hint: this is a bug in rca; rerun with --stacktrace and report the trace;"
                + " RCA_JAVA_OPTS=-Xss64m may get past it");
        }
        err.flush();
        return ExitCode.INTERNAL;
    }

    /** The heap ran out; the only thing the user can do about it is give rca more. */
    static int reportOutOfMemory(PrintWriter err) {
        err.println("rca: error: out of memory; raise the heap with RCA_JAVA_OPTS=-Xmx<size>");
        err.flush();
        return ExitCode.INTERNAL;
    }
}
