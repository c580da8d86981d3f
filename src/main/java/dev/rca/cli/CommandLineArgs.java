package dev.rca.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What picocli does not say directly about a command's own arguments. */
final class CommandLineArgs {
    private CommandLineArgs() {
    }

    /**
     * git's {@code -<n>} for {@code -n <n>} in {@code log} (picocli has no numeric options): rewritten after the
     * command's name and before {@code --}; everything else is left as it is.
     */
    static String[] withCountShorthand(String[] args) {
        int command = -1;
        for (int i = 0; i < args.length && command < 0; i++) {
            if (args[i].equals("-C")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                command = i;
            }
        }
        if (command < 0 || !args[command].equals("log")) {
            return args;
        }
        List<String> out = new java.util.ArrayList<>(List.of(args).subList(0, command + 1));
        boolean paths = false;
        for (int i = command + 1; i < args.length; i++) {
            paths |= args[i].equals("--");
            if (!paths && args[i].matches("-[0-9]+")) {
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
