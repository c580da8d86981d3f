package dev.rca.history;

import java.io.IOException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Abbreviated commit ids as git prints them by default: at least {@code ceil((msb(n) + 1) / 2)} hex digits
 * for a repository of about {@code n} packed objects (never fewer than 7), more where that is ambiguous.
 */
final class ShortIds {
    private final ObjectReader reader;
    private final int minimum;

    ShortIds(Repository repository, ObjectReader reader) {
        this.reader = reader;
        this.minimum = defaultLength(repository);
    }

    private static int defaultLength(Repository repository) {
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
