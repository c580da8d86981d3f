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

    @Option(names = "-C", paramLabel = "<dir>",
        description = "Run as if rca was started in <dir> (like git -C); repeatable, each relative to the last.")
    void setDirectory(String directory) {
        root().changeDirectory(directory);
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
