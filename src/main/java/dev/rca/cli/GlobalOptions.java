package dev.rca.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every rca command accepts, before or after the command name ({@code rca -C dir log}
 * and {@code rca log -C dir} mean the same). Values are kept on the root {@link Rca} object so that
 * they are set once for the whole invocation.
 */
public final class GlobalOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /** The {@code -C} directories seen so far at this command's level: picocli hands over all of them each time. */
    private int directoriesApplied;

    @Option(names = "-C", paramLabel = "<dir>",
        description = "Run as if rca was started in <dir> (like git -C); repeatable, each relative to the last.")
    void setDirectories(java.util.List<String> directories) {
        for (int i = directoriesApplied; i < directories.size(); i++) {
            root().changeDirectory(directories.get(i));
        }
        directoriesApplied = directories.size();
    }

    @Option(names = "--stacktrace", description = "Print the stack trace of an error, for bug reports.")
    void setStacktrace(boolean stacktrace) {
        root().setStacktrace(stacktrace);
    }

    private Rca root() {
        Object root = mixee.root().userObject();
        if (root instanceof Rca rca) {
            return rca;
        }
        throw new IllegalStateException("rca command used outside the rca root command");
    }
}
