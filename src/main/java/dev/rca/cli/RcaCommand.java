package dev.rca.cli;

import dev.rca.Interruption;
import dev.rca.Progress;
import dev.rca.RcaException;
import dev.rca.git.GitWorkspace;
import dev.rca.ledger.Ledgers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every rca command: the global options, the writers picocli hands out, and access to the
 * repository. Subclasses parse their own options, call the core and render the result.
 */
public abstract class RcaCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected GlobalOptions globalOptions;

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /** Runs the command and returns its exit code. */
    protected abstract int execute() throws Exception;

    /** stdout, as picocli hands it out (tests capture it). */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** stderr, as picocli hands it out (tests capture it). */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The root command, holding the invocation-wide settings. */
    protected Rca root() {
        return (Rca) spec.root().userObject();
    }

    /** The directory rca acts in: the working directory after every {@code -C}. */
    protected Path directory() {
        return root().directory();
    }

    /**
     * {@code file} named relative to the directory rca acts in, as git names paths, so that the name works from a
     * subdirectory too ({@code docs/postmortems/PAY-142.md} at the top, {@code ../docs/postmortems/PAY-142.md} one
     * level down); the absolute path when no relative one leads there.
     */
    protected String shownPath(Path file) {
        try {
            Path here = directory().toRealPath();
            Path real = file.toRealPath();
            return real.getRoot().equals(here.getRoot()) ? here.relativize(real).toString() : real.toString();
        } catch (java.io.IOException e) {
            return file.toString();
        }
    }

    /** What stamps the items this command records in a ledger: the system's clock, or a test's fixed one. */
    protected Clock clock() {
        return root().clock();
    }

    /** Opens the repository around {@link #directory()}; the caller closes it. */
    protected GitWorkspace openWorkspace() {
        return GitWorkspace.open(directory());
    }

    /**
     * Opens the repository for a command that walks history; in a shallow clone it first says on stderr where
     * the history is cut, so a missing commit is not mistaken for an answer, and where git would read commits
     * through replace refs, that rca does not.
     */
    protected GitWorkspace openHistoryWorkspace() {
        GitWorkspace workspace = openWorkspace();
        try {
            for (String note : new String[] {workspace.scratchNote(), workspace.shallowNote(), workspace.replaceNote()}) {
                if (note != null) {
                    err().println("rca: note: " + note);
                }
            }
            err().flush();
            return workspace;
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    /**
     * The command line as the user typed it, shell-quoted ({@code rca log --grep='a b'}), as it runs from the top
     * of the work tree, for recording a query in the ledger so that a reader can run it again: without {@code -C}
     * and {@code --stacktrace}, and with the operands (revisions, paths) replaced by {@code operands}, which name
     * from the top what the typed ones name from the directory rca ran in.
     */
    protected String invocationFromTop(List<String> operands) {
        return Ledgers.commandLine("rca", CommandLineArgs.fromTop(spec, operands).toArray(String[]::new));
    }

    /**
     * Notes for stderr, {@code rca: note: <line>}, each said once however often it comes (a bisect run writes
     * its ledger at every step); for {@link dev.rca.ledger.LedgerFile#withNotes}.
     */
    protected Consumer<String> notes() {
        Set<String> said = new HashSet<>();
        return note -> {
            if (said.add(note)) {
                err().println("rca: note: " + note);
                err().flush();
            }
        };
    }

    /**
     * Progress on stderr when stderr is a terminal, else nothing. Long work reports to it as it goes, so it is also
     * where a command the daemon runs for a client that has gone (^C) stops: an answer nobody reads would otherwise
     * keep the daemon's cores busy, and its next client waiting, for as long as the walk takes.
     */
    protected Progress progress() {
        Progress shown = root().stderrIsTerminal() ? new TerminalProgress(err()) : Progress.NONE;
        return new Progress() {
            @Override
            public void update(String task, long done, long total) {
                if (Interruption.requested()) {
                    throw RcaException.badInput("interrupted: the command was given up while " + task);
                }
                shown.update(task, done, total);
            }

            @Override
            public void finish() {
                shown.finish();
            }
        };
    }

    /** True when stdout is a terminal (for column truncation). */
    protected boolean stdoutIsTerminal() {
        return root().stdoutIsTerminal();
    }
}
