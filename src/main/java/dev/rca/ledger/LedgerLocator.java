package dev.rca.ledger;

import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds ledgers in {@code <work tree>/docs/postmortems/} and applies the {@code -t} rule: a named ticket is
 * validated before any path is built from it; without one, the only ledger that is not {@code published} is
 * used, and anything else is a usage error listing the ledgers.
 */
public final class LedgerLocator {
    /** Where ledgers live, relative to the top of the work tree. */
    public static final String DIRECTORY = "docs/postmortems";

    private final Path directory;
    private final CommitLookup commits;

    private LedgerLocator(Path directory, CommitLookup commits) {
        this.directory = directory;
        this.commits = commits;
    }

    /**
     * The ledgers of {@code workspace}'s work tree.
     *
     * @throws RcaException exit 3 in a bare repository
     */
    public static LedgerLocator of(GitWorkspace workspace) {
        if (workspace.isBare()) {
            throw RcaException.badInput("ledgers live in docs/postmortems/ of a work tree, and "
                + workspace.gitDir() + " is a bare repository")
                .withHint("run rca in a clone with a work tree");
        }
        return new LedgerLocator(inWorkTree(workspace.workTree()).directory, new GitCommitLookup(workspace));
    }

    /**
     * The ledgers under {@code workTree}.
     *
     * @throws RcaException exit 3 when {@code docs} or {@code docs/postmortems} is a symbolic link that leads out of
     *     the work tree (a cloned repository can ship one): rca would write ledgers and post-mortems there
     */
    public static LedgerLocator inWorkTree(Path workTree) {
        Path top = workTree.toAbsolutePath().normalize();
        Path directory = top.resolve(DIRECTORY);
        refuseLinkOutside(top, directory);
        return new LedgerLocator(directory, null);
    }

    private static void refuseLinkOutside(Path top, Path directory) {
        for (Path link : List.of(top.resolve("docs"), directory)) {
            if (!Files.isSymbolicLink(link)) {
                continue;
            }
            String target;
            try {
                Path real = link.toRealPath();
                if (real.startsWith(top.toRealPath())) {
                    continue;
                }
                target = real.toString();
            } catch (IOException dangling) {
                target = "nothing (" + readLink(link) + ")";
            }
            throw RcaException.badInput(top.relativize(link).toString().replace(java.io.File.separatorChar, '/')
                + " is a symbolic link to " + target + ", outside the work tree; rca writes ledgers and post-mortems"
                + " only inside it, and git adds nothing beyond a symbolic link");
        }
    }

    private static String readLink(Path link) {
        try {
            return link.getParent().resolve(Files.readSymbolicLink(link)).normalize().toString();
        } catch (java.io.IOException e) {
            return "an unreadable target";
        }
    }

    /** {@code <work tree>/docs/postmortems}. */
    public Path directory() {
        return directory;
    }

    /** The ledger file for {@code ticket}, existing or not. */
    public LedgerFile file(TicketId ticket) {
        LedgerFile file = new LedgerFile(directory.resolve(ticket.ledgerFileName()), ticket,
            DIRECTORY + "/" + ticket.ledgerFileName());
        // the ledgers of a repository's work tree: their writes advance the status the contents establish
        return commits == null ? file : file.withCommits(commits);
    }

    /** The ledger for a ticket given on the command line (validated; exit 3 when malformed). */
    public LedgerFile file(String ticket) {
        return file(new TicketId(ticket));
    }

    /** Every {@code <TICKET>.yaml} with a well-formed ticket name, in name order. */
    public List<LedgerFile> ledgers() {
        List<LedgerFile> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.yaml")) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                String ticket = name.substring(0, name.length() - ".yaml".length());
                if (TicketId.isValid(ticket) && Files.isRegularFile(p)) {
                    files.add(file(new TicketId(ticket)));
                }
            }
        } catch (IOException e) {
            throw RcaException.badInput("cannot list " + directory + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(f -> f.ticket().value()));
        return files;
    }

    /**
     * The ledger a command acts on: {@code ticket} when given (it must exist), else the only one not published.
     *
     * @throws RcaException exit 3 for a bad or unknown ticket; exit 2 when no ticket is given and there is not
     *     exactly one unpublished ledger
     */
    public LedgerFile resolve(String ticket) {
        if (ticket != null) {
            LedgerFile file = file(ticket);
            file.refuseNonFile();
            if (!file.exists()) {
                throw RcaException.badInput("no ledger for " + ticket + " (" + file.displayName() + " does not exist)")
                    .withHint(hintListing("start one with 'rca open " + ticket + "'"));
            }
            return file;
        }
        List<LedgerFile> all = ledgers();
        List<LedgerFile> unpublished = all.stream().filter(f -> !isPublished(f)).toList();
        if (unpublished.size() == 1) {
            return unpublished.get(0);
        }
        if (all.isEmpty()) {
            throw RcaException.usage("no ledger in " + DIRECTORY + "/").withHint("start one with 'rca open <TICKET>'");
        }
        if (unpublished.isEmpty()) {
            throw RcaException.usage("every ledger in " + DIRECTORY + "/ is published (" + listing(all)
                + "); name one with -t <TICKET>");
        }
        throw RcaException.usage("several ledgers are open (" + listing(unpublished) + "); name one with -t <TICKET>");
    }

    private String hintListing(String fallback) {
        List<LedgerFile> all = ledgers();
        return all.isEmpty() ? fallback : "ledgers here: " + listing(all) + "; or " + fallback;
    }

    private static String listing(List<LedgerFile> files) {
        return String.join(", ", files.stream().map(f -> f.ticket().value()).toList());
    }

    /** A ledger that cannot be read counts as unpublished, so that its problem is reported when it is used. */
    private static boolean isPublished(LedgerFile file) {
        try {
            return file.read().status() == LedgerStatus.PUBLISHED;
        } catch (RcaException e) {
            return false;
        }
    }
}
