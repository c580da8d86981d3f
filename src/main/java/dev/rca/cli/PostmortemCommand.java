package dev.rca.cli;

import dev.rca.ExitCode;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.graph.GraphFormat;
import dev.rca.graph.LedgerViews;
import dev.rca.ledger.LedgerFile;
import dev.rca.ledger.LedgerLocator;
import dev.rca.postmortem.MermaidSource;
import dev.rca.postmortem.PostmortemPublisher;
import dev.rca.postmortem.Postmortems;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rca postmortem [-t T] [--commit]}: writes docs/postmortems/T.md from the ledger, or says what is missing. */
@Command(name = "postmortem",
    description = {"Writes docs/postmortems/<TICKET>.md from the ledger and prints its path.",
        "Refuses (exit 1, nothing written) unless the ledger has the four inputs: a",
        "reliable repro, the root cause, the fix (commits that resolve) and its",
        "validation; each missing input is listed with what satisfies it. Anything",
        "else wrong in the ledger (no title, ledger words 'rca lint' would report,",
        "a commit stated wrongly, an incident) is a warning at its place in the",
        "ledger; the result passes 'rca lint' when no such warning is printed."},
    footer = {"%nExample:%n  rca postmortem -t PAY-142",
        "  rca postmortem -t PAY-142 --graph --commit"})
public final class PostmortemCommand extends RcaCommand {
    @Option(names = {"-t", "--ticket"}, paramLabel = "<T>",
        description = "The ledger (default: the only one not published).")
    String ticket;

    @Option(names = "--commit", description = "Commit the post-mortem and its ledger, and nothing else, marking the"
        + " ledger published; other staged changes stay staged. Uses the repository's identity and hooks. Commits"
        + " even after warnings: correct the ledger and rerun to commit the corrected post-mortem.")
    boolean commit;

    @Option(names = "--incident-ok", description = "Do not warn that a ledger of kind incident needs its own incident"
        + " report besides this bug-fix post-mortem.")
    boolean incidentOk;

    @Option(names = "--graph", description = "Embed the ledger's causal graph (Mermaid, as 'rca dag' draws it) at the"
        + " end of \"How it was found\"; GitHub renders it.")
    boolean graph;

    @Override
    protected int execute() {
        MermaidSource diagram = graph ? causalGraph() : null;
        // --commit renders, publishes and commits under the ledger's lock: the post-mortem it commits is the one
        // rendered from the ledger it commits, whatever another rca writes meanwhile
        try (GitWorkspace workspace = openWorkspace();
             LedgerFile.Held locked = commit ? LedgerLocator.of(workspace).resolve(ticket).hold() : null) {
            Postmortems.Prepared prepared = Postmortems.prepare(workspace, ticket, incidentOk, diagram);
            String t = prepared.ledger().ticket();
            if (!prepared.outcome().accepted()) {
                prepared.outcome().missing().forEach(out()::println);
                throw refusal(t, prepared.outcome().missing());
            }
            PostmortemPublisher publisher = prepared.publisher();
            if (commit) {
                publisher.checkCanCommit();
            }
            prepared.warnings().forEach(w -> err().println("rca: warning: " + w));
            String markdown = prepared.outcome().rendered().markdown();
            if (!commit) {
                publisher.write(markdown);
                out().println(shownPath(publisher.markdownPath()));
                return ExitCode.OK;
            }
            ByteArrayOutputStream hookOutput = new ByteArrayOutputStream();
            try (PrintStream hooks = new PrintStream(hookOutput, true, StandardCharsets.UTF_8)) {
                PostmortemPublisher.CommitInfoLine done =
                    publisher.writeAndCommit(markdown, prepared.ledger(), prepared.commits(), hooks);
                out().println(shownPath(publisher.markdownPath()));
                out().println(done == null ? "nothing to commit: HEAD already has " + publisher.markdownName() + " and "
                    + publisher.ledgerName() + " as they are" : "committed " + done.sha().substring(0, 12) + " "
                    + done.subject());
            } finally {
                err().print(hookOutput.toString(StandardCharsets.UTF_8));
            }
            return ExitCode.OK;
        }
    }

    /** The causal graph {@code --graph} embeds, as {@code rca dag} draws it. */
    static MermaidSource causalGraph() {
        return ledger -> GraphFormat.MERMAID.render(LedgerViews.causalGraph(ledger)).stripTrailing();
    }

    private static RcaException refusal(String ticket, List<String> missing) {
        List<String> names = missing.stream().map(m -> m.substring(0, m.indexOf(':'))).toList();
        return RcaException.negative("no post-mortem for " + ticket + ": missing " + String.join(", ", names)
            + " (of the four inputs: repro, root cause, fix, validation)")
            .withHint("each line above says what satisfies it; 'rca status -t " + ticket + "' shows the ledger");
    }
}
