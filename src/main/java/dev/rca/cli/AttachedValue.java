package dev.rca.cli;

import dev.rca.RcaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Takes a pattern attached with {@code =} as typed: {@code --grep=--} searches for {@code --}, as in git, where picocli
 * would read the {@code --} as the end of the options and refuse the option for want of a value. Given as the next
 * argument, a lone {@code --} ends the options, as in git, whose {@code log} finds the first {@code --} before it
 * reads any option ({@code setup_revisions}): the option is refused, saying how to search for {@code --}.
 */
final class AttachedValue implements IParameterPreprocessor {
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
        if (args.isEmpty()) {
            return false;
        }
        if (!"=".equals(info.get("separator"))) {
            if (args.peek().equals("--")) {
                String name = ((OptionSpec) option).longestName();
                String message = "option '" + name + "' needs a value: '--' ends the options, as in git";
                throw new ParameterException(command.commandLine(), message,
                    RcaException.usage(message).withHint("to search for '--', attach it: " + name + "=--"));
            }
            return false;
        }
        List<String> values = new ArrayList<>(option.getValue() == null ? List.of() : option.<List<String>>getValue());
        values.add(args.pop());
        option.setValue(values);
        return true;
    }
}
