package dev.rca.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

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

    /** Options of log and history whose value is the next argument, which may itself be "-1". */
    private static final java.util.Set<String> TAKES_A_VALUE = java.util.Set.of("-n", "--max-count", "--grep",
        "--author", "--committer", "--since", "--after", "--until", "--before", "--format", "-t", "--ticket", "-C");

    /**
     * git's {@code -<n>} for {@code -n <n>} in {@code log} and {@code history} (picocli has no numeric options):
     * rewritten after the command's name and before {@code --}, unless it is an option's value; everything else is
     * left as it is.
     */
    static String[] withCountShorthand(String[] args) {
        int command = commandIndex(args);
        if (command < 0 || !(args[command].equals("log") || args[command].equals("history"))) {
            return args;
        }
        List<String> out = new java.util.ArrayList<>(List.of(args).subList(0, command + 1));
        boolean paths = false;
        for (int i = command + 1; i < args.length; i++) {
            paths |= args[i].equals("--");
            if (!paths && args[i].matches("-[0-9]+") && !TAKES_A_VALUE.contains(args[i - 1])) {
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
