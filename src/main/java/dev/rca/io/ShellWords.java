package dev.rca.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Words quoted for a POSIX shell, so that a command line rca prints or records means to a shell what rca ran. */
public final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,^~-]+");

    private ShellWords() {
    }

    /**
     * {@code word} as the shell reads back exactly that word: as it is when no character in it is special (and it
     * does not start with {@code ~}, which the shell expands), else in single quotes, a {@code '} in it written
     * {@code '\''}.
     */
    public static String quote(String word) {
        return SAFE.matcher(word).matches() && !word.startsWith("~") ? word : singleQuoted(word);
    }

    /**
     * {@code argv} as one command line that runs that program with those arguments; a first word the shell would
     * take for a variable assignment ({@code A=b}) is quoted too.
     */
    public static String line(List<String> argv) {
        List<String> words = new ArrayList<>();
        for (String arg : argv) {
            words.add(words.isEmpty() && arg.contains("=") ? singleQuoted(arg) : quote(arg));
        }
        return String.join(" ", words);
    }

    private static String singleQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
