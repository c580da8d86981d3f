package dev.rca.postmortem;

import dev.rca.RcaException;
import dev.rca.bisect.ActiveBisection;
import dev.rca.bisect.Bisection;
import dev.rca.bisect.BoundName;
import dev.rca.bisect.CandidateWalk;
import dev.rca.bisect.YamlBisectStore;
import dev.rca.config.RcaConfig;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.BisectRecord;
import dev.rca.ledger.GitCommitLookup;
import dev.rca.ledger.Ledger;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerLocator;
import dev.rca.ledger.PostmortemInputs;
import dev.rca.ledger.PostmortemPreview;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** The entry point of {@code rca postmortem}: finds the ledger, assesses it and renders it, writing nothing. */
public final class Postmortems {
    private Postmortems() {
    }

    /**
     * A ledger prepared for publishing.
     *
     * @param ledger    the ledger as read
     * @param publisher writes (and commits) the post-mortem next to it
     * @param outcome   the draft, or why it is refused
     * @param warnings  lines for stderr: ignored {@code .rca.yaml} keys, then the draft's findings and warnings
     */
    public record Prepared(Ledger ledger, PostmortemPublisher publisher, GitCommitLookup commits,
                           PostmortemDraft.Outcome outcome, List<String> warnings) {
        public Prepared {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Prepares the post-mortem of {@code ticket} (or, when {@code null}, of the only unpublished ledger).
     *
     * @param graph the causal graph to embed, or {@code null}
     * @throws dev.rca.RcaException exit 2 or 3 for a missing, ambiguous or malformed ledger or configuration
     */
    public static Prepared prepare(GitWorkspace workspace, String ticket, boolean incidentConfirmed, MermaidSource graph) {
        return prepare(workspace, LedgerLocator.of(workspace).resolve(ticket), incidentConfirmed, graph);
    }

    /**
     * What {@code rca postmortem --incident-ok} would make of {@code file}'s ledger, worked out when first asked:
     * the post-mortem it would write is compared with the one beside the ledger both without and with
     * {@code graph}, since either may have been published.
     */
    public static PostmortemPreview preview(GitWorkspace workspace, LedgerFile file, MermaidSource graph) {
        return new PostmortemPreview() {
            private Prepared plain;

            @Override
            public List<String> findings() {
                return prepared().outcome().findings();
            }

            @Override
            public List<String> warnings() {
                return prepared().warnings();
            }

            @Override
            public boolean current() {
                return holdsDraft(prepared()) || holdsDraft(prepare(workspace, file, true, graph));
            }

            private Prepared prepared() {
                if (plain == null) {
                    plain = prepare(workspace, file, true, null);
                }
                return plain;
            }
        };
    }

    private static boolean holdsDraft(Prepared prepared) {
        return prepared.outcome().accepted() && prepared.publisher().holds(prepared.outcome().rendered().markdown());
    }

    private static Prepared prepare(GitWorkspace workspace, LedgerFile file, boolean incidentConfirmed,
                                    MermaidSource graph) {
        Ledger ledger = file.read();
        RcaConfig config = RcaConfig.load(workspace.workTree());
        GitCommitLookup commits = new GitCommitLookup(workspace);
        PostmortemPublisher publisher = new PostmortemPublisher(workspace, file);
        PostmortemLinter linter = new PostmortemLinter(config.lint(), new RepositoryShaResolver(workspace));
        int changed = -1;
        if (PostmortemInputs.complete(PostmortemInputs.assess(ledger, commits))) {
            changed = FixSize.changedLines(workspace,
                ledger.fix().commits().stream().map(c -> commits.require(c).sha()).toList());
        }
        boolean bisecting = ActiveBisection.isIn(workspace, ledger.ticket());
        PostmortemRenderer renderer = new PostmortemRenderer(commits, new RecordedBisection() {
            @Override
            public int candidates(BisectRecord bisect) {
                return Postmortems.candidates(workspace, commits, bisect);
            }

            @Override
            public Optional<Bisection.Status> replayed(BisectRecord bisect) {
                return Bisection.replay(workspace, bisect);
            }

            @Override
            public boolean inProgress(BisectRecord bisect) {
                return bisecting;
            }

            @Override
            public boolean nameLasts(String name) {
                return BoundName.lasts(workspace, name);
            }
        });
        PostmortemDraft.Outcome outcome = new PostmortemDraft(graph == null ? renderer : renderer.withGraph(graph),
            commits, linter)
            .prepare(ledger, publisher.ledgerName(), publisher.markdownName(), incidentConfirmed, changed);
        List<String> warnings = new ArrayList<>(config.warnings());
        warnings.addAll(outcome.findings());
        warnings.addAll(outcome.warnings());
        if (outcome.accepted() && !workspace.isBare()) {
            warnings.addAll(ReproFiles.warnings(ledger.repro().command(), workspace.workTree(),
                path -> isCommitted(workspace, path)));
        }
        return new Prepared(ledger, publisher, commits, outcome, warnings);
    }

    /** Whether {@code path} is in the index, or ignored (a build's output, which the repro makes itself). */
    private static boolean isCommitted(GitWorkspace workspace, String path) {
        Repository repository = workspace.repository();
        try (TreeWalk walk = new TreeWalk(repository)) {
            if (repository.readDirCache().findEntry(path) >= 0) {
                return true;
            }
            walk.addTree(new FileTreeIterator(repository));
            walk.setFilter(PathFilter.create(path));
            // an ignored directory ignores what is in it: look at each directory on the way down
            while (walk.next()) {
                if (walk.getTree(0, WorkingTreeIterator.class).isEntryIgnored()) {
                    return true;
                }
                if (walk.isSubtree()) {
                    walk.enterSubtree();
                }
            }
            return false;
        } catch (IOException e) {
            // an index rca cannot read is no evidence of a missing file: no warning rather than a false one
            return true;
        }
    }

    /** The candidates of a recorded bisection, counted as git counts them; -1 when its commits do not resolve. */
    private static int candidates(GitWorkspace workspace, GitCommitLookup commits, BisectRecord bisect) {
        if (bisect.bad() == null || bisect.good().isEmpty()) {
            return -1;
        }
        try {
            List<String> good = bisect.good().stream().map(g -> commits.require(g).sha()).toList();
            return CandidateWalk.walk(workspace, commits.require(bisect.bad()).sha(), good, bisect.paths(),
                YamlBisectStore.isTrue(bisect.extra().get("first_parent"))).candidateCount();
        } catch (RcaException unresolved) {
            return -1;
        }
    }
}
