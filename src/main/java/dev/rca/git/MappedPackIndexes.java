package dev.rca.git;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.internal.util.Optionally;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Gives JGit's packs memory-mapped indexes ({@link MappedPackIndex}) before JGit reads them into the heap: JGit
 * reads a pack's index whole on the first lookup, 28 bytes per object, so that a history of a million commits
 * (10 million objects) does not fit a 256 MB heap before a single commit is parsed. Everything else (windows,
 * delta bases, inflation) stays JGit's.
 *
 * <p>JGit offers no way to supply a pack's index, so this sets the field its {@code Pack} keeps the loaded index
 * in, as that class would itself (under the pack's lock, with the pack's checksum taken from the index). Should a
 * JGit release rename those fields, {@link #available()} turns false and JGit reads indexes as before; a test
 * asserts that it is true for the JGit rca is built with.
 */
public final class MappedPackIndexes {
    /** Set this system property to {@code heap} to leave every pack index to JGit's own reader. */
    static final String PROPERTY = "rca.packindex";

    private static final Field LOADED;
    private static final Field CHECKSUM;
    private static final Field SNAPSHOT;
    private static final Method SET_SNAPSHOT_CHECKSUM;

    static {
        Field loaded = null;
        Field checksum = null;
        Field snapshot = null;
        Method setSnapshotChecksum = null;
        try {
            loaded = Pack.class.getDeclaredField("loadedIdx");
            checksum = Pack.class.getDeclaredField("packChecksum");
            snapshot = Pack.class.getDeclaredField("fileSnapshot");
            setSnapshotChecksum = snapshot.getType().getDeclaredMethod("setChecksum",
                org.eclipse.jgit.lib.AnyObjectId.class);
            if (loaded.getType() != Optionally.class || checksum.getType() != byte[].class) {
                throw new NoSuchFieldException("JGit's Pack changed");
            }
            loaded.setAccessible(true);
            checksum.setAccessible(true);
            snapshot.setAccessible(true);
            setSnapshotChecksum.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            loaded = null;
        }
        LOADED = loaded;
        CHECKSUM = checksum;
        SNAPSHOT = snapshot;
        SET_SNAPSHOT_CHECKSUM = setSnapshotChecksum;
    }

    private MappedPackIndexes() {
    }

    /** Whether this JGit's packs can be given mapped indexes. */
    public static boolean available() {
        return LOADED != null;
    }

    /**
     * Maps the index of every pack of {@code repository} whose index JGit has not read yet; cheap when they all
     * have one. Packs that appear later are mapped by the next call (rca calls this whenever a command opens a
     * repository). Does nothing for object databases other than JGit's file one, with {@code -Drca.packindex=heap},
     * or when {@link #available()} is false; an index this cannot map is left to JGit, which reports what is wrong
     * with it.
     *
     * @return how many indexes this call mapped
     */
    public static int install(Repository repository) {
        if (!available() || "heap".equals(System.getProperty(PROPERTY))
            || !(repository.getObjectDatabase() instanceof ObjectDirectory objects)) {
            return 0;
        }
        int mapped = 0;
        try {
            for (Pack pack : objects.getPacks()) {
                try {
                    if (install(pack)) {
                        mapped++;
                    }
                } catch (IOException | ReflectiveOperationException | RuntimeException unmappable) {
                    // JGit reads this index itself, and reports whatever is wrong with it
                }
            }
        } catch (RuntimeException unlisted) {
            // a pack directory JGit cannot list: its own reads report it
        }
        return mapped;
    }

    @SuppressWarnings("unchecked")
    private static boolean install(Pack pack) throws IOException, ReflectiveOperationException {
        // the lock Pack itself takes to load its index
        synchronized (pack) {
            Optional<PackIndex> loaded = ((Optionally<PackIndex>) LOADED.get(pack)).getOptional();
            if (loaded.isPresent()) {
                return false;
            }
            MappedPackIndex index = MappedPackIndex.open(pack.getPackFile().create(PackExt.INDEX).toPath());
            if (index == null) {
                return false;
            }
            byte[] expected = (byte[]) CHECKSUM.get(pack);
            byte[] checksum = index.getChecksum();
            if (expected == null) {
                CHECKSUM.set(pack, checksum);
                SET_SNAPSHOT_CHECKSUM.invoke(SNAPSHOT.get(pack), ObjectId.fromRaw(checksum));
            } else if (!Arrays.equals(expected, checksum)) {
                return false;
            }
            LOADED.set(pack, new Optionally.Hard<PackIndex>(index));
            return true;
        }
    }
}
