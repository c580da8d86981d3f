package dev.rca.cli;

import dev.rca.git.GitWorkspace;
import dev.rca.io.ShellWords;
import dev.rca.ledger.Ledgers;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * A log comparison as {@code rca logs diff -t} records it. Each log is named from the top of the work tree (absolute
 * when outside it), in the item and in its command, which is written as it runs there (masks and
 * {@code --ignore-moves} kept; {@code -C}, {@code -U}, {@code --format} left out): the ledger and the post-mortem are
 * read from anywhere but the directory rca ran in.
 */
final class RecordedLogComparison {
    private final Path good;
    private final Path bad;
    private final List<String> masks;
    private final boolean ignoreMoves;
    private final String goodName;
    private final String badName;
    private final String command;

    RecordedLogComparison(GitWorkspace workspace, Path good, Path bad, List<String> masks, boolean ignoreMoves,
                          String ticket) {
        this.good = good.toAbsolutePath().normalize();
        this.bad = bad.toAbsolutePath().normalize();
        this.masks = List.copyOf(masks);
        this.ignoreMoves = ignoreMoves;
        this.goodName = workspace.nameFromTop(good);
        this.badName = workspace.nameFromTop(bad);
        List<String> words = new ArrayList<>(List.of("logs", "diff", goodName, badName));
        masks.forEach(mask -> words.add("--mask=" + mask));
        if (ignoreMoves) {
            words.add("--ignore-moves");
        }
        words.addAll(List.of("-t", ticket));
        this.command = Ledgers.commandLine("rca", words.toArray(String[]::new));
    }

    String goodName() {
        return goodName;
    }

    String badName() {
        return badName;
    }

    /** The command line that runs this comparison again from the top of the work tree. */
    String command() {
        return command;
    }

    /**
     * Whether {@code recorded}, the command of a comparison recorded before rca named logs from the top of the work
     * tree, is this comparison: the same masks and {@code --ignore-moves}, and logs named as typed in the directory
     * rca ran in, which the ledger did not keep, so that some one directory must lead from the two names to these
     * two logs.
     */
    boolean isEarlierFormOf(String recorded) {
        List<String> words = ShellWords.split(recorded).orElse(List.of());
        if (words.isEmpty() || !words.get(0).equals("rca")) {
            return false;
        }
        String[] args = words.subList(1, words.size()).toArray(String[]::new);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        try {
            ParseResult parsed = Rca.commandLineFor(Rca.startingIn(Path.of("")), nowhere, nowhere, args)
                .parseArgs(args);
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            return parsed.commandSpec().userObject() instanceof LogsDiffCommand earlier
                && earlier.masks.equals(masks) && earlier.ignoreMoves == ignoreMoves
                && namedFromOneDirectory(earlier.good, earlier.bad);
        } catch (CommandLine.PicocliException | InvalidPathException notThisCommand) {
            return false;
        }
    }

    private boolean namedFromOneDirectory(String typedGood, String typedBad) {
        Reach fromGood = Reach.of(good, typedGood);
        Reach fromBad = Reach.of(bad, typedBad);
        if (fromGood == null || fromBad == null) {
            return false;
        }
        if (fromGood.anywhere() || fromBad.anywhere()) {
            return true;
        }
        Reach deeper = fromGood.up() >= fromBad.up() ? fromGood : fromBad;
        Reach shallower = deeper == fromGood ? fromBad : fromGood;
        Path ancestor = shallower.top();
        for (int i = deeper.up() - shallower.up(); i > 0 && ancestor != null; i--) {
            ancestor = ancestor.getParent();
        }
        return deeper.top().equals(ancestor);
    }

    /**
     * The directories from which a typed name leads to a file: those {@code up} levels below {@code top} (for
     * {@code ../../x/y.log}, two levels below the directory above {@code x}); every directory for an absolute name.
     */
    private record Reach(Path top, int up) {
        boolean anywhere() {
            return top == null;
        }

        /** Where {@code typed} must have been typed to name {@code file}, or null when nowhere. */
        static Reach of(Path file, String typed) {
            Path name = Path.of(typed).normalize();
            if (name.isAbsolute()) {
                return name.equals(file) ? new Reach(null, 0) : null;
            }
            int up = 0;
            while (up < name.getNameCount() && name.getName(up).toString().equals("..")) {
                up++;
            }
            if (up == name.getNameCount() || !file.endsWith(name.subpath(up, name.getNameCount()))) {
                return null;
            }
            Path top = file;
            for (int i = up; i < name.getNameCount(); i++) {
                top = top.getParent();
            }
            return new Reach(top, up);
        }
    }
}
