package dev.rca.suspects;

import java.io.IOException;
import org.eclipse.jgit.attributes.AttributesNodeProvider;
import org.eclipse.jgit.lib.BaseRepositoryBuilder;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * The repository as {@link Blamer}'s generators see it: the same one, but every reader they open of their own is
 * the blamer's. A generator opens one for each text it loads (JGit looks up the blob's attributes, reading the
 * commit's trees along the path): through the blamer's reader those share its open pack windows and the trees and
 * blobs it keeps, instead of each starting cold. (A rename search asks that reader for a new reader of its own,
 * as before.) Neither closes the other, and closing this one leaves the repository it stands for open.
 */
final class BlameRepository extends Repository {
    private final Repository repository;
    private final ObjectReader reader;
    /** Made once: the repository makes a new one, which reads its files again, for every tree walk. */
    private final AttributesNodeProvider attributes;

    BlameRepository(Repository repository, ObjectReader reader) {
        super(builder(repository));
        this.repository = repository;
        this.reader = reader;
        this.attributes = repository.createAttributesNodeProvider();
    }

    private static BaseRepositoryBuilder<?, ?> builder(Repository repository) {
        BaseRepositoryBuilder<?, ?> b = new BaseRepositoryBuilder<>().setGitDir(repository.getDirectory())
            .setGitCommonDir(repository.getCommonDirectory()).setFS(repository.getFS());
        return repository.isBare() ? b.setBare()
            : b.setWorkTree(repository.getWorkTree()).setIndexFile(repository.getIndexFile());
    }

    @Override
    public ObjectReader newObjectReader() {
        return new ObjectReader.Filter() {
            @Override
            protected ObjectReader delegate() {
                return reader;
            }

            @Override
            public void close() {
                // the blamer's reader, closed by the blamer
            }
        };
    }

    @Override
    protected void doClose() {
        // the object and ref databases are the user's repository's, which its pool closes
    }

    @Override
    public void create(boolean bare) throws IOException {
        throw new IOException("the repository exists");
    }

    @Override
    public String getIdentifier() {
        return repository.getIdentifier();
    }

    @Override
    public ObjectDatabase getObjectDatabase() {
        return repository.getObjectDatabase();
    }

    @Override
    public RefDatabase getRefDatabase() {
        return repository.getRefDatabase();
    }

    @Override
    public StoredConfig getConfig() {
        return repository.getConfig();
    }

    @Override
    public AttributesNodeProvider createAttributesNodeProvider() {
        return attributes;
    }

    @Override
    public void scanForRepoChanges() throws IOException {
        repository.scanForRepoChanges();
    }

    @Override
    public void notifyIndexChanged(boolean internal) {
        repository.notifyIndexChanged(internal);
    }
}
