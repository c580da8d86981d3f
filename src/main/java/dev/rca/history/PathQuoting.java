package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Config;

/**
 * Paths as git prints them (its {@code quote_c_style}): in double quotes with C escapes ({@code \t}, {@code \"},
 * {@code \\}, other control characters as octal bytes) when a name holds a control character, a double quote or a
 * backslash; and, unless {@code core.quotePath} is false, when it holds a byte of 0x80 or more, each such byte of its
 * UTF-8 form then written as an octal escape ({@code "caf\303\251.c"}). JGit's {@code QuotedString.GIT_PATH} is no
 * twin: it also quotes {@code !}, {@code #}, brackets and more, which git leaves as they are.
 *
 * @param quotesNonAscii whether bytes of 0x80 or more are quoted ({@code core.quotePath}, true unless set false)
 */
public record PathQuoting(boolean quotesNonAscii) {
    private static final String KEY = "core.quotepath";

    /**
     * The quoting git uses in {@code workspace}: {@code core.quotePath} as JGit reads the configuration (the
     * repository's, the user's, the system's).
     *
     * @throws RcaException exit 3 when {@code core.quotePath} is no boolean, as git refuses it
     */
    public static PathQuoting of(GitWorkspace workspace) {
        Config config = workspace.repository().getConfig();
        try {
            return new PathQuoting(config.getBoolean("core", null, "quotePath", true));
        } catch (IllegalArgumentException notBoolean) {
            // git's booleans also take integers, any but 0 being true
            String value = config.getString("core", null, "quotePath");
            try {
                return new PathQuoting(Long.parseLong(value.trim()) != 0);
            } catch (NumberFormatException e) {
                throw RcaException.badInput("bad boolean config value '" + value + "' for '" + KEY + "'");
            }
        }
    }

    /** {@code path} as git prints it: as it is, or in double quotes with escapes. */
    public String quote(String path) {
        if (path.codePoints().noneMatch(this::escaped)) {
            return path;
        }
        StringBuilder quoted = new StringBuilder("\"");
        path.codePoints().forEach(c -> {
            switch (c) {
                case '\u0007' -> quoted.append("\\a");
                case '\b' -> quoted.append("\\b");
                case '\t' -> quoted.append("\\t");
                case '\n' -> quoted.append("\\n");
                case '\u000b' -> quoted.append("\\v");
                case '\f' -> quoted.append("\\f");
                case '\r' -> quoted.append("\\r");
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (escaped(c)) {
                        for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                            quoted.append(String.format("\\%03o", b & 0xff));
                        }
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    private boolean escaped(int c) {
        return c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c >= 0x80 && quotesNonAscii;
    }
}
