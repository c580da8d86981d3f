package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds picocli's command line for {@link Rca}: settings shared by every command (case-insensitive enum values,
 * no abbreviated options, rca's error rendering, no colour), git's "the last one counts" for a repeated option of {@code log}
 * and {@code history}, and the help and version options each command inherits.
 */
final class CommandLineBuilder {
    private CommandLineBuilder() {
    }

    /** The command {@code args} run (after the global options), or null for none, a mistyped one or completion. */
    static Class<?> commandNamedIn(List<Class<?>> commands, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-C")) {
                i++;
            } else if (arg.equals("--stacktrace") || arg.startsWith("-C")) {
                continue;
            } else {
                for (Class<?> command : commands) {
                    Command annotation = command.getAnnotation(Command.class);
                    if (annotation.name().equals(arg) && !arg.equals("generate-completion")) {
                        return command;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** A command line around {@code rca} with {@code commands}, rca's error handling, and help on every command. */
    static CommandLine build(Rca rca, PrintWriter out, PrintWriter err, List<Class<?>> commands) {
        CommandLine cl = new CommandLine(rca);
        for (Class<?> command : commands) {
            cl.addSubcommand(command);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setAbbreviatedOptionsAllowed(false);
        // log and history take git log's options, where one given again replaces the earlier (-n 5 -n 10)
        for (String gitLog : List.of("log", "history")) {
            CommandLine sub = cl.getSubcommands().get(gitLog);
            if (sub != null) {
                sub.setOverwrittenOptionsAllowed(true);
            }
        }
        cl.setExitCodeExceptionMapper(e -> e instanceof RcaException r ? r.exitCode() : ExitCode.INTERNAL);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
            ErrorReporter.reportFailure(ex, rca.stacktrace(), commandLine.getErr()));
        cl.setParameterExceptionHandler(ErrorReporter::reportUsageError);
        giveEveryCommandHelpAndVersion(cl);
        ChoiceConverter.registerAll(cl);
        // rca writes no colour: picocli's own choice would follow whatever terminal started a daemon, not the caller
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return cl;
    }

    private static void giveEveryCommandHelpAndVersion(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec subSpec = sub.getCommandSpec();
            if (subSpec.optionsMap().get("--help") == null) {
                subSpec.mixinStandardHelpOptions(true);
            }
            subSpec.versionProvider(new VersionProvider());
            giveEveryCommandHelpAndVersion(sub);
        }
    }
}
