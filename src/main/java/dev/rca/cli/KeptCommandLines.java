package dev.rca.cli;

import dev.rca.git.CommandRunner;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import picocli.CommandLine;

/**
 * Command lines a long-lived rca (the daemon) keeps between invocations, one or two per command: building
 * picocli's model of a command (reflection over its annotations, its help mixin, its interpolated texts) took
 * most of the CPU of a short daemon query, and kept the JIT compiling picocli's model builder long after the
 * daemon had warmed up. An invocation takes a kept line (or builds one), runs, and hands it back; two at once
 * (a query beside the daemon's warm-up) each get their own.
 *
 * <p>A kept line answers as a fresh one would: picocli puts every annotated option and parameter field back to
 * its initial value before it parses, and the root's own state (the setter options {@code -C} and
 * {@code --stacktrace}, the terminal, the starter of test commands, the invocation's start time) is set anew by
 * {@link Rca#startOver}. What else a line holds on to after a run (picocli's last parse result, a command's
 * last option values) changes no answer; {@code KeptCommandLinesTest} runs mixed invocations both ways and
 * compares every byte.
 */
final class KeptCommandLines {
    /** Lines kept per command: the daemon runs one command at a time, and its warm-up a second one. */
    private static final int KEEP_PER_COMMAND = 2;
    private static final PrintWriter NOWHERE = new PrintWriter(Writer.nullWriter());

    private final Map<Class<?>, Deque<CommandLine>> kept = new ConcurrentHashMap<>();

    /**
     * Runs {@code args} as {@link Rca#run} runs them for an rca started in the directory named {@code directory} (as
     * the JVM decoded it, {@link Rca#attachedTo}), on a kept line
     * when {@code args} name a command (help, completion and mistyped commands get a fresh one, as in
     * {@link Rca#commandLineFor}).
     */
    int run(String directory, boolean stdoutIsTerminal, boolean stderrIsTerminal, CommandRunner.Starter starter,
            PrintWriter out, PrintWriter err, String[] args) {
        Class<?> command = CommandLineBuilder.commandNamedIn(Rca.COMMANDS, args);
        if (command == null) {
            Rca rca = Rca.attachedTo(directory, stdoutIsTerminal, stderrIsTerminal).runningCommandsWith(starter);
            return Rca.run(rca, out, err, args);
        }
        Deque<CommandLine> idle = kept.computeIfAbsent(command, c -> new ConcurrentLinkedDeque<>());
        CommandLine line = idle.pollFirst();
        if (line == null) {
            line = CommandLineBuilder.build(new Rca(), NOWHERE, NOWHERE, List.of(command));
        }
        ((Rca) line.getCommand()).startOver(directory, stdoutIsTerminal, stderrIsTerminal, starter);
        line.setOut(out);
        line.setErr(err);
        int code = Rca.run(line, out, err, args);
        // what reaches the client's socket (its writers, a client-run test starter) is let go with it
        line.setOut(NOWHERE);
        line.setErr(NOWHERE);
        ((Rca) line.getCommand()).runningCommandsWith(CommandRunner::run);
        if (idle.size() < KEEP_PER_COMMAND) {
            idle.offerFirst(line);
        }
        return code;
    }
}
