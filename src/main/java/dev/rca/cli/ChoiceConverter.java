package dev.rca.cli;

import dev.rca.RcaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Converts an enum option's value ({@code --format}, {@code --kind}) as typed, in any case, to one of the values its
 * command takes: the option's completion candidates, which a command narrows to its own subset (picocli's are every
 * constant). A value it does not take is a usage error naming only those, in lower case as the user types them.
 */
final class ChoiceConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;
    private final String option;
    private final List<String> accepted;

    private ChoiceConverter(Class<E> type, String option, List<String> accepted) {
        this.type = type;
        this.option = option;
        this.accepted = accepted;
    }

    /** Registers, on {@code cl} and then on each of its subcommands, a converter for each of its enum options. */
    static void registerAll(CommandLine cl) {
        for (OptionSpec spec : cl.getCommandSpec().options()) {
            if (spec.type().isEnum()) {
                register(cl, spec.type().asSubclass(Enum.class), spec);
            }
        }
        // a subcommand's own options come after its parent's, which registering on the parent passed down
        cl.getSubcommands().values().forEach(ChoiceConverter::registerAll);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // the option's type is the enum it converts to
    private static void register(CommandLine cl, Class<? extends Enum> type, OptionSpec spec) {
        List<String> accepted = new ArrayList<>();
        for (String candidate : spec.completionCandidates()) {
            accepted.add(label(candidate));
        }
        cl.registerConverter((Class) type, new ChoiceConverter(type, spec.longestName(), List.copyOf(accepted)));
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                if (accepted.contains(label(constant.name()))) {
                    return constant;
                }
                throw unavailable(option, label(constant.name()), accepted);
            }
        }
        throw RcaException.usage("unknown " + option + " '" + value + "'; use one of " + String.join(", ", accepted));
    }

    /** The refusal of {@code option=<value>}, a value the option has but this command does not take. */
    static RcaException unavailable(String option, String value, List<String> accepted) {
        return RcaException.usage(option + "=" + value + " is not available here; use one of "
            + String.join(", ", accepted));
    }

    private static String label(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
