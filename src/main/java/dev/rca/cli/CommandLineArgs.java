package dev.rca.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What picocli does not say directly about a command's own arguments. */
final class CommandLineArgs {
    private CommandLineArgs() {
    }

    /** Where the command word is: the first argument that is neither an option nor {@code -C}'s directory; or -1. */
    static int commandIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-C")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * git's {@code -<n>} for {@code -n <n>} in {@code log} and {@code history} (picocli has no numeric options):
     * rewritten after the command's name and before {@code --}, unless it is the value of an option that takes
     * one (as {@code line} declares them: {@code --grep -1} searches for "-1"); everything else is left as it is.
     */
    static String[] withCountShorthand(CommandLine line, String[] args) {
        int command = commandIndex(args);
        if (command < 0 || !(args[command].equals("log") || args[command].equals("history"))) {
            return args;
        }
        CommandLine sub = line.getSubcommands().get(args[command]);
        Set<String> takesAValue = sub == null ? Set.of("-C") : optionsTakingAValue(sub.getCommandSpec());
        List<String> out = new ArrayList<>(List.of(args).subList(0, command + 1));
        boolean paths = false;
        for (int i = command + 1; i < args.length; i++) {
            paths |= args[i].equals("--");
            if (!paths && args[i].matches("-[0-9]+") && !takesAValue.contains(args[i - 1])) {
                out.add("-n");
                out.add(args[i].substring(1));
            } else {
                out.add(args[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    /**
     * The command line picocli parsed for {@code spec}'s command as it runs from the top of the work tree, for the
     * ledger: its name and arguments as typed, but without the global options ({@code -C <dir>},
     * {@code --stacktrace}, before or after the name; the ledger is that work tree's) and with its operands (the
     * positional parameters, in the order typed) replaced by {@code operands}, the same ones named from the top.
     */
    static List<String> fromTop(CommandSpec spec, List<String> operands) {
        List<String> out = new ArrayList<>(List.of(spec.name()));
        int operand = 0;
        for (Arg arg : walk(spec, spec.root().commandLine().getParseResult().expandedArgs())) {
            if (arg.operand()) {
                out.add(operands.get(operand++));
            } else {
                out.add(arg.text());
                if (arg.value() != null) {
                    out.add(arg.value());
                }
            }
        }
        if (operand != operands.size()) {
            throw new IllegalStateException("the command line has " + operand + " operands, not " + operands.size());
        }
        return out;
    }

    /**
     * The options of {@code typed} (a whole command line, as {@link Rca#typedArgs} keeps it) typed between the
     * {@code n}-th operand (0-based) of {@code spec}'s command and the next one, or its end: git's {@code -<n>} as
     * typed, each without its value; {@code --} and the global options ({@code -C}, {@code --stacktrace}) left out.
     */
    static List<String> optionsAfterOperand(CommandSpec spec, List<String> typed, int n) {
        List<String> options = new ArrayList<>();
        int operand = -1;
        for (Arg arg : walk(spec, typed)) {
            if (arg.operand()) {
                operand++;
            } else if (operand == n && !arg.text().equals("--")) {
                options.add(arg.text());
            }
        }
        return options;
    }

    /** One argument of a command line: an operand, or an option (or {@code --}) with its separate value, if any. */
    private record Arg(String text, String value, boolean operand) {
    }

    /**
     * The arguments of the command line {@code args} after the name of {@code spec}'s command, in order, without
     * the global options ({@code -C <dir>}, {@code --stacktrace}, before or after the name).
     */
    private static List<Arg> walk(CommandSpec spec, List<String> args) {
        Set<String> takesAValue = optionsTakingAValue(spec);
        Set<String> flags = new HashSet<>();
        spec.options().stream().filter(o -> o.arity().max() == 0).forEach(o -> flags.addAll(List.of(o.names())));
        List<Arg> out = new ArrayList<>();
        boolean onlyOperands = false;
        for (int i = commandIndex(args.toArray(String[]::new)) + 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyOperands || arg.equals("-") || !arg.startsWith("-")) {
                out.add(new Arg(arg, null, true));
            } else if (arg.equals("--")) {
                onlyOperands = true;
                out.add(new Arg(arg, null, false));
            } else if (arg.equals("-C")) {
                i++;
            } else if (!arg.startsWith("-C") && !arg.equals("--stacktrace")) {
                boolean valued = valueFollows(arg, takesAValue, flags) && i + 1 < args.size();
                out.add(new Arg(arg, valued ? args.get(++i) : null, false));
            }
        }
        return out;
    }

    /** The names of {@code spec}'s options that take a value, {@code -C} among them. */
    private static Set<String> optionsTakingAValue(CommandSpec spec) {
        Set<String> names = new HashSet<>(List.of("-C"));
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() > 0) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    /**
     * Whether the option {@code arg} names takes the next argument as its value: it is one that takes a value,
     * written without {@code =}, or a cluster of short flags ending in one ({@code -in 5}).
     */
    private static boolean valueFollows(String arg, Set<String> takesAValue, Set<String> flags) {
        if (takesAValue.contains(arg)) {
            return true;
        }
        if (arg.startsWith("--") || arg.contains("=")) {
            return false;
        }
        for (int j = 1; j < arg.length(); j++) {
            String option = "-" + arg.charAt(j);
            if (takesAValue.contains(option)) {
                return j == arg.length() - 1;
            }
            if (!flags.contains(option)) {
                return false;
            }
        }
        return false;
    }

    /**
     * How many of the command's positional parameters came after {@code --}: the last ones. Only the
     * arguments after the command's own name count.
     */
    static int afterDoubleDash(CommandSpec spec) {
        int at = doubleDashAt(spec);
        return at < 0 ? 0 : spec.commandLine().getParseResult().originalArgs().size() - at - 1;
    }

    /** Whether the command's own arguments hold {@code --}, paths or none after it. */
    static boolean hasDoubleDash(CommandSpec spec) {
        return doubleDashAt(spec) >= 0;
    }

    /** The arguments as typed after the command's own name (global options such as {@code -C} left out). */
    static List<String> ownArgs(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return args.subList(Math.max(args.indexOf(spec.name()) + 1, 0), args.size());
    }

    private static int doubleDashAt(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int commandAt = args.indexOf(spec.name());
        for (int i = Math.max(commandAt + 1, 0); i < args.size(); i++) {
            if (args.get(i).equals("--")) {
                return i;
            }
        }
        return -1;
    }
}
