package dev.rca.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Takes a pattern attached with {@code =} as typed: {@code --grep=--} searches for {@code --}, as in git, where picocli
 * would read the {@code --} as the end of the options and refuse the option for want of a value. A value given as the
 * next argument is left to picocli, which still refuses a lone {@code --} there (git takes it as the pattern).
 */
final class AttachedValue implements IParameterPreprocessor {
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
        if (!"=".equals(info.get("separator")) || args.isEmpty()) {
            return false;
        }
        List<String> values = new ArrayList<>(option.getValue() == null ? List.of() : option.<List<String>>getValue());
        values.add(args.pop());
        option.setValue(values);
        return true;
    }
}
