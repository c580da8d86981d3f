package dev.rca.history;

/** Receives the commits of a walk as they are found, newest first in git's order. */
@FunctionalInterface
public interface CommitSink {
    /**
     * Takes one commit.
     *
     * @return false to stop the walk (for example when stdout was closed)
     */
    boolean accept(LoggedCommit commit);
}
