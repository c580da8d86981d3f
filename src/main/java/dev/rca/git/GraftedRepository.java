package dev.rca.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.FileSnapshot;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BitmapIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A repository whose object readers give grafted commits ({@link Grafts}) the parents git gives them, so that every
 * walk rca runs (RevWalk, blame, the bisection's) follows the history {@code git log} shows. Without a graft file
 * its readers are the object database's own. The file is looked at again for every reader, so a daemon that keeps
 * the repository open sees grafts added, edited or removed since.
 *
 * <p>Under grafts the readers offer no commit-graph and no bitmaps: both record the parents the objects name, and
 * git does not read them in a grafted repository either.
 */
final class GraftedRepository extends FileRepository {
    private record Read(Path file, FileSnapshot snapshot, Grafts grafts) {
    }

    private volatile Read read;

    private GraftedRepository(FileRepositoryBuilder builder) throws IOException {
        super(builder);
    }

    /** The repository {@code builder} describes, as {@link FileRepositoryBuilder#build()} opens it. */
    static GraftedRepository open(FileRepositoryBuilder builder) throws IOException {
        GraftedRepository repository = new GraftedRepository(builder.setup());
        if (builder.isMustExist() && !repository.getObjectDatabase().exists()) {
            repository.close();
            throw new RepositoryNotFoundException(builder.getGitDir());
        }
        return repository;
    }

    @Override
    public ObjectReader newObjectReader() {
        ObjectReader reader = super.newObjectReader();
        Grafts grafts = grafts();
        return grafts.isEmpty() ? reader : new Reader(reader, grafts);
    }

    /** The grafts as the file now holds them, read again only when it changed. */
    private Grafts grafts() {
        Path file = Grafts.file(this);
        if (!Files.exists(file)) {
            return Grafts.NONE;
        }
        Read last = read;
        if (last != null && last.file.equals(file) && !last.snapshot.isModified(file.toFile())) {
            return last.grafts;
        }
        FileSnapshot snapshot = FileSnapshot.save(file.toFile());
        Grafts grafts = Grafts.read(file);
        read = new Read(file, snapshot, grafts);
        return grafts;
    }

    /**
     * Reads through the object database's reader, with the parent lines of grafted commits rewritten. Not an
     * {@link ObjectReader.Filter}: that hands the asynchronous opens straight to the delegate, past the rewriting.
     */
    private static final class Reader extends ObjectReader {
        private final ObjectReader delegate;
        private final Grafts grafts;

        Reader(ObjectReader delegate, Grafts grafts) {
            this.delegate = delegate;
            this.grafts = grafts;
            setStreamFileThreshold(delegate.getStreamFileThreshold());
        }

        @Override
        public ObjectReader newReader() {
            return new Reader(delegate.newReader(), grafts);
        }

        @Override
        public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
            return delegate.resolve(id);
        }

        @Override
        public boolean has(AnyObjectId objectId, int typeHint) throws IOException {
            return delegate.has(objectId, typeHint);
        }

        @Override
        public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
            ObjectLoader loader = delegate.open(objectId, typeHint);
            if (!grafts.grafts(objectId) || loader.getType() != Constants.OBJ_COMMIT) {
                return loader;
            }
            return new ObjectLoader.SmallObject(Constants.OBJ_COMMIT,
                grafts.rewrite(objectId, loader.getCachedBytes()));
        }

        @Override
        public long getObjectSize(AnyObjectId objectId, int typeHint) throws IOException {
            return grafts.grafts(objectId) ? open(objectId, typeHint).getSize()
                : delegate.getObjectSize(objectId, typeHint);
        }

        @Override
        public Set<ObjectId> getShallowCommits() throws IOException {
            return delegate.getShallowCommits();
        }

        @Override
        public void setAvoidUnreachableObjects(boolean avoid) {
            delegate.setAvoidUnreachableObjects(avoid);
        }

        @Override
        public BitmapIndex getBitmapIndex() {
            return null;
        }

        @Override
        public Optional<CommitGraph> getCommitGraph() {
            return Optional.empty();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
