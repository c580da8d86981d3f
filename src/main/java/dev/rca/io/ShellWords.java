package dev.rca.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /**
     * The words a POSIX shell reads in {@code line}, the reverse of {@link #line}: split at blanks, with single
     * quotes, double quotes and backslashes as the shell takes them (no expansion: {@code $x} stays as written).
     *
     * @return the words, or empty when a quote is left open
     */
    public static Optional<List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
                    // inside double quotes a backslash escapes only what is special there
                    if (line.charAt(i) == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    word.append(line.charAt(i));
                }
                if (i == line.length()) {
                    return Optional.empty();
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }

    private static String singleQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
