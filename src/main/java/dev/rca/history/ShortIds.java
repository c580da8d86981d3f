package dev.rca.history;

import dev.rca.RcaException;
import dev.rca.git.GitConfigValue;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Abbreviated commit ids as git prints them: at least {@code core.abbrev} hex digits, more where that is ambiguous.
 * Unset or {@code auto}, that is git's estimate, {@code ceil((msb(n) + 1) / 2)} for a repository of about {@code n}
 * packed objects (never fewer than 7); {@code no} (or another false word, or nothing) is the whole id.
 */
final class ShortIds {
    private static final int MINIMUM = dev.rca.git.GitWorkspace.MINIMUM_ABBREV;
    private static final String KEY = "core.abbrev";

    private final ObjectReader reader;
    private final int minimum;

    /** @throws RcaException exit 3 for a {@code core.abbrev} git refuses */
    ShortIds(Repository repository, ObjectReader reader) {
        this.reader = reader;
        this.minimum = configuredLength(repository);
    }

    /** {@code core.abbrev} read as git's {@code git_default_core_config} reads it. */
    private static int configuredLength(Repository repository) {
        Config config = repository.getConfig();
        String value = GitConfigValue.of(config, "core", "abbrev");
        if (value == null || value.trim().equalsIgnoreCase("auto")) {
            return estimatedLength(repository);
        }
        if (List.of("", "false", "no", "off").contains(value.trim().toLowerCase(Locale.ROOT))) {
            return Constants.OBJECT_ID_STRING_LENGTH;
        }
        long length;
        try {
            length = config.getLong("core", null, "abbrev", 0);
        } catch (IllegalArgumentException notANumber) {
            throw RcaException.badInput("bad numeric config value '" + value + "' for '" + KEY + "'", notANumber);
        }
        if (length < MINIMUM || length > Constants.OBJECT_ID_STRING_LENGTH) {
            throw RcaException.badInput("abbrev length out of range: " + length + " (" + KEY + " takes " + MINIMUM
                + " to " + Constants.OBJECT_ID_STRING_LENGTH + ", auto or no)");
        }
        return (int) length;
    }

    private static int estimatedLength(Repository repository) {
        long count = 0;
        if (repository.getObjectDatabase() instanceof ObjectDirectory directory) {
            for (Pack pack : directory.getPacks()) {
                try {
                    count += pack.getIndex().getObjectCount();
                } catch (IOException e) {
                    // a pack whose index cannot be read does not count, as in git
                }
            }
        }
        if (count == 0) {
            return 7;
        }
        int bits = 64 - Long.numberOfLeadingZeros(count);
        return Math.max(7, (bits + 1) / 2);
    }

    String abbreviate(String sha) {
        try {
            return reader.abbreviate(ObjectId.fromString(sha), minimum).name();
        } catch (IOException e) {
            return sha.substring(0, minimum);
        }
    }
}
