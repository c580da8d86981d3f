package dev.rca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@link Rca#execute}, where the tests and the class preloader enter, ends a command that overflowed the stack or the
 * heap as {@link Rca#run} (the launcher's and the daemon's path) does: exit 4 and one line with a hint, nothing thrown.
 * It let the error escape, so a test of a deep recursion saw a StackOverflowError where a user saw exit 4.
 */
class InternalErrorExitTest {
    @Command(name = "deep")
    static final class Throwing implements Callable<Integer> {
        private final Error error;

        Throwing(Error error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error;
        }
    }

    private static String[] execute(Error error) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new Throwing(error));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = Rca.execute(line);
        line.getOut().flush();
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aStackOverflowIsExitFourWithAHint() {
        String[] r = execute(new StackOverflowError());
        assertEquals(Integer.toString(ExitCode.INTERNAL), r[0]);
        assertEquals("", r[1]);
        assertEquals("rca: error: internal error: the stack overflowed\n"
            + "hint: this is a bug in rca; rerun with --stacktrace and report the trace; RCA_JAVA_OPTS=-Xss64m may get"
            + " past it\n", r[2]);
    }

    @Test
    void anExhaustedHeapIsExitFourWithAHint() {
        String[] r = execute(new OutOfMemoryError());
        assertEquals(Integer.toString(ExitCode.INTERNAL), r[0]);
        assertEquals("rca: error: out of memory; raise the heap with RCA_JAVA_OPTS=-Xmx<size>\n", r[2]);
    }
}
