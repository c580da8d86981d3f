package dev.rca.cli;

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
        Set<String> takesAValue = new HashSet<>(List.of("-C"));
        CommandLine sub = line.getSubcommands().get(args[command]);
        if (sub != null) {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (option.arity().max() > 0) {
                    takesAValue.addAll(List.of(option.names()));
                }
            }
        }
        List<String> out = new java.util.ArrayList<>(List.of(args).subList(0, command + 1));
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
     * How many of the command's positional parameters came after {@code --}: the last ones. Only the
     * arguments after the command's own name count.
     */
    static int afterDoubleDash(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        String name = spec.name();
        int commandAt = args.indexOf(name);
        for (int i = Math.max(commandAt + 1, 0); i < args.size(); i++) {
            if (args.get(i).equals("--")) {
                return args.size() - i - 1;
            }
        }
        return 0;
    }
}
