package dev.rca.git;

import dev.rca.Interruption;
import dev.rca.logs.LogLineReader;
import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.errors.FilterFailedException;
import org.eclipse.jgit.dircache.DirCacheCheckout.CheckoutMetadata;

/**
 * A file's checkout through its external smudge filter ({@code filter.<driver>.smudge}), which JGit runs as a child
 * of this JVM: its failure is told in one line, as git tells it, not as JGit's exception, and fails the checkout only
 * when the filter is {@code filter.<driver>.required}: else, as in git, it is a warning and the file is written
 * unfiltered (a missing git-lfs leaves the pointer files, which a test may not need); and in the daemon, a filter
 * still running when the client that asked for the command goes away (^C) is killed with its descendants, as the
 * terminal's ^C kills git's. JGit waits for the filter however the thread is interrupted, so a hanging one would
 * otherwise hold the command, and go on writing the checkout, long after its client was gone.
 */
final class SmudgeFilter {
    /** Writes one file's content through {@code metadata}'s filters. */
    @FunctionalInterface
    interface Content {
        void write(CheckoutMetadata metadata) throws IOException;
    }

    private SmudgeFilter() {
    }

    /**
     * Runs {@code content} for {@code path}, whose checkout runs {@code metadata}'s smudge filter, if any; when that
     * fails and is not {@code required}, tells {@code warned} why and runs {@code content} again without the filter.
     */
    static void write(String path, CheckoutMetadata metadata, boolean required, Content content,
                      Consumer<String> warned) throws IOException {
        String command = metadata == null ? null : metadata.smudgeFilterCommand;
        if (command == null) {
            content.write(metadata);
            return;
        }
        Thread watch = Interruption.watched() ? watch(Interruption.asked()) : null;
        try {
            content.write(metadata);
        } catch (IOException e) {
            if (!(e.getCause() instanceof FilterFailedException failed)) {
                throw e;
            }
            if (required || Interruption.requested()) {
                throw new IOException(failure(path, failed), e);
            }
            warned.accept(failure(path, failed) + "; written unfiltered, as git does when the filter is not required");
            content.write(new CheckoutMetadata(metadata.eolStreamType, null));
        } finally {
            if (watch != null) {
                watch.interrupt();
            }
        }
    }

    /**
     * git's "fatal: val: smudge filter up failed", naming the command and its exit code, and the last line it wrote
     * to stderr (cleaned for a terminal: the filter is the repository's, not rca's).
     */
    static String failure(String path, FilterFailedException failed) {
        String error = failed.getError() == null ? "" : failed.getError().strip();
        String last = error.isEmpty() ? "" : error.substring(error.lastIndexOf('\n') + 1).strip();
        String how = failed.getReturnCode() != 0 ? "exit " + failed.getReturnCode()
            : failed.getCause() != null ? String.valueOf(failed.getCause().getMessage()) : "no exit code";
        return path + ": smudge filter '" + failed.getFilterCommand() + "' failed (" + how + ")"
            + (last.isEmpty() ? "" : ": " + LogLineReader.clean(last));
    }

    /**
     * Kills every child this JVM started after now, with its descendants, once {@code gone} says the command's
     * client left; ends when interrupted. In the daemon, a command runs alone, so those children are its filter's.
     */
    private static Thread watch(BooleanSupplier gone) {
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        Thread watch = new Thread(() -> {
            try {
                while (!gone.getAsBoolean()) {
                    Thread.sleep(50);
                }
                ProcessHandle.current().children().filter(p -> !before.contains(p.pid()))
                    .forEach(CommandRunner::killTree);
            } catch (InterruptedException done) {
                // the filter ended first
            }
        }, "rca-smudge-filter-watch");
        watch.setDaemon(true);
        watch.start();
        return watch;
    }
}
