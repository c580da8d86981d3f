package dev.rca.cli;

import dev.rca.RcaException;
import dev.rca.git.CommandRunner;
import dev.rca.history.Pathspecs;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code rca} root command: global options, the list of commands, and how a command line is built. */
@Command(name = "rca",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Root-cause-analysis workbench for git repositories.",
    synopsisSubcommandLabel = "<command>",
    footer = {"", "Exit codes: 0 ok, 1 negative answer, 2 usage error, 3 bad input or state, 4 internal error.",
        "See 'rca <command> --help' for a command's options and an example."})
public final class Rca implements Runnable {
    /** Every command, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
        LogCommand.class,
        HistoryCommand.class,
        IndexCommand.class,
        OpenCommand.class,
        SymptomCommand.class,
        HypothesisCommand.class,
        RejectCommand.class,
        ConfirmCommand.class,
        ExperimentCommand.class,
        EvidenceCommand.class,
        StatusCommand.class,
        CheckCommand.class,
        BisectHelperCommand.class,
        SuspectsCommand.class,
        PostmortemCommand.class,
        LintCommand.class,
        VerifyCommand.class,
        LogsCommand.class,
        TimelineCommand.class,
        DagCommand.class,
        AutoComplete.GenerateCompletion.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globalOptions;

    private Path directory = Path.of("").toAbsolutePath();
    /**
     * The name of the directory rca was started in when the JVM cannot reach that directory by its name (its bytes
     * are not valid in the locale's encoding), else null: then only an absolute {@code -C} gives rca a directory.
     */
    private String unreachableStart;
    private Instant now = Instant.now();
    private ZoneId zone = ZoneId.systemDefault();
    private Clock clock = Clock.systemUTC();
    private boolean stacktrace;
    private boolean stdoutIsTerminal;
    private boolean stderrIsTerminal;
    private CommandRunner.Starter starter = CommandRunner::run;
    /** The command line as typed, before git's {@code -<n>} was rewritten for picocli. */
    private List<String> typedArgs = List.of();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw RcaException.usage("no command given");
    }

    void changeDirectory(String dir) {
        Path target;
        try {
            target = Path.of(dir);
        } catch (InvalidPathException notInTheLocale) {
            // under LC_ALL=C a non-ASCII name arrives as U+FFFD, which no file name can hold
            throw notValidInTheLocale("cannot change to '" + dir + "'");
        }
        directory = (target.isAbsolute() ? target : directory().resolve(target)).normalize();
        unreachableStart = null;
    }

    /**
     * Starts in the directory {@code name} names, as the JVM decoded it (the process's working directory, or a
     * daemon client's): a name with bytes not valid in the locale's encoding, decoded to U+FFFD, reaches no
     * directory, and {@link #directory} says so rather than "no such directory".
     */
    private void startIn(String name) {
        unreachableStart = name;
        try {
            Path path = Path.of(name).toAbsolutePath().normalize();
            directory = path;
            if (!Pathspecs.isUndecoded(name) || Files.isDirectory(path)) {
                unreachableStart = null;
            }
        } catch (InvalidPathException notInTheLocale) {
            directory = null;
        }
    }

    private static RcaException notValidInTheLocale(String what) {
        return RcaException.badInput(what + ": its name is not valid " + Pathspecs.nameEncoding())
            .withHint(Pathspecs.localeHint());
    }

    void setStacktrace(boolean value) {
        stacktrace = value;
    }

    boolean stacktrace() {
        return stacktrace;
    }

    /**
     * The directory rca acts in.
     *
     * @throws RcaException exit 3 when rca started in a directory it cannot reach by name, and no absolute
     *     {@code -C} named another
     */
    Path directory() {
        if (unreachableStart != null) {
            throw notValidInTheLocale("cannot run in '" + unreachableStart + "'");
        }
        return directory;
    }

    /** When this invocation started: relative dates ({@code 2.weeks.ago}) count from it. */
    Instant now() {
        return now;
    }

    /** The local time zone dates without one are read in (git's {@code TZ}). */
    ZoneId zone() {
        return zone;
    }

    /** What stamps the items this invocation records in a ledger ({@code at:}): the time they are written. */
    Clock clock() {
        return clock;
    }

    /**
     * Has this invocation start at {@code clock}'s instant in its time zone, so that relative dates
     * ({@code 2.weeks.ago}, {@code yesterday noon}) count from a fixed time, and have every item it records in a
     * ledger stamped with that time (for tests and embedding).
     */
    public Rca at(ZonedDateTime clock) {
        this.now = clock.toInstant();
        this.zone = clock.getZone();
        this.clock = Clock.fixed(now, zone);
        return this;
    }

    /**
     * Readies a kept command line's root for another invocation ({@link KeptCommandLines}): everything an
     * invocation sets that picocli does not reset before parsing (the setter options {@code -C} and
     * {@code --stacktrace}, and what the caller says about the terminal and test commands).
     */
    void startOver(String directory, boolean stdoutIsTerminal, boolean stderrIsTerminal,
                   CommandRunner.Starter starter) {
        startIn(directory);
        this.now = Instant.now();
        this.zone = ZoneId.systemDefault();
        this.clock = Clock.systemUTC();
        this.stacktrace = false;
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.stderrIsTerminal = stderrIsTerminal;
        this.starter = starter;
    }

    /** The command line of this invocation as typed: {@code -3} where picocli was given {@code -n 3}. */
    List<String> typedArgs() {
        return typedArgs;
    }

    boolean stdoutIsTerminal() {
        return stdoutIsTerminal;
    }

    boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    /** What runs a test command (bisect-helper run): in this process, or the daemon's client. */
    CommandRunner.Starter starter() {
        return starter;
    }

    /** Has {@code starter} run the test commands. */
    Rca runningCommandsWith(CommandRunner.Starter starter) {
        this.starter = starter;
        return this;
    }

    /** Starts rca in {@code directory}, as if the process had been started there (for tests and embedding). */
    public static Rca startingIn(Path directory) {
        Rca rca = new Rca();
        rca.directory = directory.toAbsolutePath().normalize();
        return rca;
    }

    /** A configured command line around {@code rca} with every command, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(Rca rca, PrintWriter out, PrintWriter err) {
        return CommandLineBuilder.build(rca, out, err, COMMANDS);
    }

    /**
     * A command line for running {@code args}: only the command they name is built, because building picocli's
     * model of every command costs more than a short command itself. Root help, completion and mistyped
     * commands get every command.
     */
    public static CommandLine commandLineFor(Rca rca, PrintWriter out, PrintWriter err, String... args) {
        Class<?> target = CommandLineBuilder.commandNamedIn(COMMANDS, args);
        return CommandLineBuilder.build(rca, out, err, target == null ? COMMANDS : List.of(target));
    }

    /** The process entry point. */
    public static void main(String[] args) {
        Rca rca = attachedTo(workingDirectoryName(), Terminal.isTerminal(1), Terminal.isTerminal(2));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
            new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        System.exit(run(rca, out, err, args));
    }

    /**
     * The name of the process's working directory. Where the JVM's own ({@code user.dir}) names no directory, the
     * name's bytes are not valid in the locale's encoding and it holds {@code ?} for them: the kernel's link, where
     * there is one (Linux), gives the name as a daemon's client sends it, decoded with U+FFFD for them.
     */
    private static String workingDirectoryName() {
        Path named = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(named)) {
            try {
                String linked = Files.readSymbolicLink(Path.of("/proc/self/cwd")).toString();
                if (Pathspecs.isUndecoded(linked)) {
                    return linked;
                }
            } catch (IOException | UnsupportedOperationException noLink) {
                // no /proc (macOS, say): the JVM's name is all there is, and such a directory reads as missing
            }
        }
        return named.toString();
    }

    /**
     * An rca started in the directory named {@code directory} (as the JVM decoded it), whose output goes to a
     * terminal or not, as the process (or the daemon's client) says.
     */
    static Rca attachedTo(String directory, boolean stdoutIsTerminal, boolean stderrIsTerminal) {
        Rca rca = new Rca();
        rca.startIn(directory);
        rca.stdoutIsTerminal = stdoutIsTerminal;
        rca.stderrIsTerminal = stderrIsTerminal;
        return rca;
    }

    /** Runs one command line to its exit code, flushing both writers; shared by {@link #main} and the daemon. */
    static int run(Rca rca, PrintWriter out, PrintWriter err, String[] args) {
        return run(commandLineFor(rca, out, err, args), out, err, args);
    }

    /**
     * Executes {@code args} on {@code line} as typed, git's {@code log -<n>} included; the exit code. A stack overflow
     * or an exhausted heap is exit 4 with one line on {@code line}'s error writer, here and not only in {@link #run},
     * so that the tests, which enter here, see what the launcher's user sees.
     */
    public static int execute(CommandLine line, String... args) {
        if (line.getCommand() instanceof Rca rca) {
            rca.typedArgs = List.of(args);
        }
        try {
            return line.execute(CommandLineArgs.withCountShorthand(line, args));
        } catch (OutOfMemoryError e) {
            line.getOut().flush();
            return ErrorReporter.reportOutOfMemory(line.getErr());
        } catch (StackOverflowError e) {
            // an Error passes picocli's handlers: without this the JVM printed the trace and exited 1 (RCA-13)
            line.getOut().flush();
            return ErrorReporter.reportStackOverflow(e, line.getCommand() instanceof Rca rca && rca.stacktrace(),
                line.getErr());
        }
    }

    /** Runs {@code args} on {@code line}, which writes to {@code out} and {@code err}; the exit code. */
    static int run(CommandLine line, PrintWriter out, PrintWriter err, String[] args) {
        int code = execute(line, args);
        out.flush();
        err.flush();
        return code;
    }
}
