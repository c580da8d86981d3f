package dev.rca.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.testing.Cli;
import dev.rca.testing.CliResult;
import dev.rca.testing.NativeGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rca logs diff -U<n>} against {@code git diff --no-index -U<n>} on plain text that no mask touches: the same
 * hunks, with the same header ranges (git leaves out a count of 1, rca writes it) and the same lines.
 */
class LogDiffContextDifferentialTest {
    private static final Pattern GIT_HEADER = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    @TempDir
    Path tmp;

    @Test
    void hunksAndTheirRangesMatchGitDiff() throws IOException {
        Random random = new Random(51);
        int compared = 0;
        for (int round = 0; round < 40; round++) {
            List<String> good = new ArrayList<>();
            int size = random.nextInt(30);
            for (int i = 0; i < size; i++) {
                good.add("event " + word(i));
            }
            List<String> bad = edited(good, random, round);
            if (good.equals(bad)) {
                continue;
            }
            Files.write(tmp.resolve("good.log"), good);
            Files.write(tmp.resolve("bad.log"), bad);
            for (int context = 0; context <= 4; context++) {
                assertEquals(git(context), rca(context), "round " + round + ", -U" + context + "\ngood " + good
                    + "\nbad " + bad);
                compared++;
            }
        }
        assertEquals(200, compared, "rounds with a difference, times five contexts");
    }

    /**
     * {@code good} with a few lines deleted, replaced or inserted; every line stays unique, so git and rca cannot
     * align the logs in two ways.
     */
    private static List<String> edited(List<String> good, Random random, int round) {
        List<String> bad = new ArrayList<>();
        int fresh = 0;
        for (String line : good) {
            int dice = random.nextInt(10);
            if (dice == 0) {
                continue;
            }
            if (dice == 1) {
                bad.add("changed " + word(round * 100 + fresh++));
                continue;
            }
            if (dice == 2) {
                bad.add("inserted " + word(round * 100 + fresh++));
            }
            bad.add(line);
        }
        if (random.nextInt(3) == 0) {
            bad.add("appended " + word(round * 100 + fresh));
        }
        return bad;
    }

    /** A name of letters g to z only, so no mask takes it for a number, hex or id. */
    private static String word(int n) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append((char) ('g' + n % 20));
            n /= 20;
        } while (n > 0);
        return sb.toString();
    }

    private List<String> git(int context) {
        NativeGit.Result r = NativeGit.exec(tmp, null, "diff", "--no-index", "--no-color", "-U" + context,
            "good.log", "bad.log");
        assertEquals(1, r.exitCode(), r.err());
        List<String> lines = new ArrayList<>();
        boolean inHunks = false;
        for (String line : r.out().split("\n")) {
            Matcher m = GIT_HEADER.matcher(line);
            if (m.matches()) {
                inHunks = true;
                lines.add("@@ -" + m.group(1) + "," + (m.group(2) == null ? "1" : m.group(2)) + " +" + m.group(3)
                    + "," + (m.group(4) == null ? "1" : m.group(4)) + " @@");
            } else if (inHunks) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** rca's hunks with the line numbers taken off its lines, as git prints them. */
    private List<String> rca(int context) {
        CliResult r = Cli.run(tmp, "logs", "diff", "good.log", "bad.log", "-U", Integer.toString(context));
        assertEquals(1, r.exitCode(), r.toString());
        List<String> out = List.of(r.out().split("\n"));
        List<String> lines = new ArrayList<>();
        for (String line : out.subList(3, out.size() - 1)) {
            lines.add(line.startsWith("@@") ? line : line.charAt(0) + line.substring(line.indexOf('\t') + 1));
        }
        return lines;
    }
}
