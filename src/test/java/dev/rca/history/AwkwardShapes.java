package dev.rca.history;

import dev.rca.testing.NativeGit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A small history, written with {@code git fast-import}, of the tree shapes a reader of git's trees trips on: a
 * file that becomes a directory and back, a directory deleted whole, a symlink, a submodule, a mode change, a
 * binary file, the top directory replaced by a file, and a side branch merged into main. The same every time.
 */
final class AwkwardShapes {
    private AwkwardShapes() {
    }

    /** Creates the repository at {@code dir} (a work tree on branch main) and returns {@code dir}. */
    static Path create(Path dir) {
        StringBuilder s = new StringBuilder();
        String[][] commits = {
            {"M 100644 t/a.txt a\nb\nc\n", "M 100644 t/b.txt one\ntwo\n", "M 120000 t/link a.txt",
                "M 100644 t/x x1\nx2\n", "M 100644 other/o.txt o\n"},
            {"D t/x", "M 100644 t/x/inner.txt in\nside\nthree\n"},
            {"M 100644 t/a.txt a\nB\nc\nd\n", "M 160000 t/sub 1111111111111111111111111111111111111111"},
            {"M 100644 t/d/1 d one\n", "M 100644 t/d/2 d two\nmore\n", "M 100644 other/o.txt o2\n"},
            {"D t/x", "M 100644 t/x file again\n"},
            {"D t/d", "M 100755 t/a.txt a\nB\nc\nd\n"},
            {"M 160000 t/sub 2222222222222222222222222222222222222222", "M 120000 t/b.txt a.txt"},
            {"M 100644 t/d/1 d one\n", "M 100644 t/bin.dat \u0000\u0001\n"},
            {"D t", "M 100644 t new file\nat t\n"},
            {"D t", "M 100644 t/a.txt back\n"},
        };
        int mark = 0;
        for (String[] ops : commits) {
            mark++;
            commitHeader(s, "main", mark, mark == 1 ? 0 : mark - 1);
            for (String op : ops) {
                fileOp(s, op);
            }
        }
        // a side branch off commit 3, merged into main
        commitHeader(s, "side", 100, 3);
        fileOp(s, "M 100644 t/a.txt side\nedit\n");
        fileOp(s, "M 100644 t/x/inner.txt in\nside\n");
        commitHeader(s, "main", 101, mark);
        s.append("merge :100\n");
        fileOp(s, "M 100644 t/merged.txt m\n");
        commitHeader(s, "main", 102, 101);
        fileOp(s, "M 100644 t/a.txt after\nmerge\n");
        NativeGit.run(dir.getParent(), "init", "-q", "-b", "main", dir.toString());
        NativeGit.runWithInput(dir, s.toString().getBytes(StandardCharsets.UTF_8), "fast-import", "--quiet");
        return dir;
    }

    private static void commitHeader(StringBuilder s, String branch, int mark, int from) {
        s.append("commit refs/heads/").append(branch).append("\nmark :").append(mark).append('\n');
        s.append("author A").append(mark % 3).append(" <a").append(mark % 3).append("@example.com> ")
            .append(1_700_000_000L + mark * 3600L).append(" +0000\n");
        s.append("committer C <c@example.com> ").append(1_700_000_000L + mark * 3600L).append(" +0000\n");
        s.append("data 3\nc").append(mark % 10).append('\n');
        if (from > 0) {
            s.append("from :").append(from).append('\n');
        }
    }

    /** {@code M <mode> <path> <content, or a gitlink's id>}, or {@code D <path>}. */
    private static void fileOp(StringBuilder s, String op) {
        if (op.startsWith("D ")) {
            s.append(op).append('\n');
            return;
        }
        String[] f = op.split(" ", 4);
        if (f[1].equals("160000")) {
            s.append("M 160000 ").append(f[3]).append(' ').append(f[2]).append('\n');
            return;
        }
        s.append("M ").append(f[1]).append(" inline ").append(f[2]).append('\n');
        s.append("data ").append(f[3].getBytes(StandardCharsets.UTF_8).length).append('\n').append(f[3]).append('\n');
    }
}
