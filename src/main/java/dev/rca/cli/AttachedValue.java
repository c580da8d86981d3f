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
 * reads any option ({@code setup_revisions}): the option is refused, saying how to search for {@code --}. A short
 * option ({@code -S}, {@code -G}) takes, as in git, everything after its letter: {@code -S=x} looks for {@code =x}.
 */
final class AttachedValue implements IParameterPreprocessor {
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
        if (args.isEmpty()) {
            return false;
        }
        Object separator = info.get("separator");
        if (" ".equals(separator)) {
            if (args.peek().equals("--")) {
                String name = ((OptionSpec) option).longestName();
                String message = "option '" + name + "' needs a value: '--' ends the options, as in git";
                String attached = name + (name.startsWith("--") ? "=--" : "--");
                throw new ParameterException(command.commandLine(), message,
                    RcaException.usage(message).withHint("to search for '--', attach it: " + attached));
            }
            return false;
        }
        List<String> values = new ArrayList<>(option.getValue() == null ? List.of() : option.<List<String>>getValue());
        // git's short options take what follows the letter: -S=x looks for "=x"
        boolean shortOption = !((OptionSpec) option).longestName().startsWith("--");
        values.add(shortOption && "=".equals(separator) ? "=" + args.pop() : args.pop());
        option.setValue(values);
        return true;
    }
}
