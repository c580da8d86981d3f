package dev.rca.suspects;

import java.io.IOException;
import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesNodeProvider;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BaseRepositoryBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.LfsFactory;

/**
 * The repository as {@link Blamer}'s generators see it: the same one, but every reader they open of their own is
 * the blamer's. A generator opens one for each text it loads (JGit looks up the blob's attributes, reading the
 * commit's trees along the path): through the blamer's reader those share its open pack windows and the trees and
 * blobs it keeps, instead of each starting cold. (A rename search asks that reader for a new reader of its own,
 * as before.) Neither closes the other, and closing this one leaves the repository it stands for open.
 * <p>
 * The {@linkplain #attributeBlind attribute-blind} variant is for generators whose commit pool, tree walk and
 * reader the blamer has replaced: its readers are then asked only for that attribute lookup, whose answer JGit's
 * default {@link LfsFactory} ignores. They hand out {@link PathOnlyTrees} for every tree, which lead to the paths
 * the blamer {@linkplain #know knows}; every blob they are asked for (a known {@code .gitattributes}) is empty;
 * and no rules come from the repository's other attribute files. The lookup still finds the path, without
 * inflating the commit's trees out of the pack and parsing the root {@code .gitattributes} again for every text
 * loaded (over a quarter of a first suspects query on git's history).
 */
final class BlameRepository extends Repository {
    private final Repository repository;
    private final ObjectReader reader;
    /** Made once: the repository makes a new one, which reads its files again, for every tree walk. */
    private final AttributesNodeProvider attributes;
    /** The trees the readers hand out, or null when they read the repository's own. */
    private final PathOnlyTrees pathOnly;

    BlameRepository(Repository repository, ObjectReader reader) {
        this(repository, reader, null);
    }

    private BlameRepository(Repository repository, ObjectReader reader, PathOnlyTrees pathOnly) {
        super(builder(repository));
        this.repository = repository;
        this.reader = reader;
        this.pathOnly = pathOnly;
        this.attributes = pathOnly == null ? repository.createAttributesNodeProvider() : NO_ATTRIBUTES;
    }

    /**
     * The repository for generators that read commits, trees and texts with {@code reader} itself, never with a
     * reader of this repository's, and that load texts only at paths it {@linkplain #know knows}. Null when the
     * attributes JGit looks up might matter, because an LFS factory other than JGit's default is installed.
     */
    static BlameRepository attributeBlind(Repository repository, ObjectReader reader) {
        return LfsFactory.getInstance().getClass() == LfsFactory.class
            ? new BlameRepository(repository, reader, new PathOnlyTrees()) : null;
    }

    /**
     * Makes {@code path} one the attribute-blind variant's trees lead to: every path a generator starts at, and
     * every path a rename search compared (a file's older name comes from there).
     */
    void know(String path) {
        if (pathOnly != null) {
            pathOnly.add(path);
        }
    }

    private static final ObjectLoader NO_RULES = new ObjectLoader.SmallObject(Constants.OBJ_BLOB, new byte[0]);

    private static final AttributesNodeProvider NO_ATTRIBUTES = new AttributesNodeProvider() {
        @Override
        public AttributesNode getInfoAttributesNode() {
            return null;
        }

        @Override
        public AttributesNode getGlobalAttributesNode() {
            return null;
        }
    };

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
            public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
                if (pathOnly != null && typeHint == Constants.OBJ_TREE) {
                    return new ObjectLoader.SmallObject(Constants.OBJ_TREE, pathOnly.tree(objectId));
                }
                if (pathOnly != null && typeHint == Constants.OBJ_BLOB) {
                    // a known path named .gitattributes: its stand-in entry names no blob that exists
                    return NO_RULES;
                }
                return super.open(objectId, typeHint);
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
