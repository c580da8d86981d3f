package dev.rca.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What picocli does not say directly about a command's own arguments. */
final class CommandLineArgs {
    private CommandLineArgs() {
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
