package dev.rca.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes commits in {@code git fast-import} format. Marks are handed out in order, so a generator
 * can refer to earlier commits as parents without knowing their SHAs.
 */
public final class FastImportWriter {
    /** A key in a change map that renames: its value is {@code "<from>\0<to>"}. */
    public static final String RENAME = "\0rename";
    /** A key in a change map that deletes: its value is the path. */
    public static final String DELETE = "\0delete";

    private final OutputStream out;
    private int mark;

    public FastImportWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes one commit on {@code ref} and returns its mark. Its tree is the first parent's tree plus
     * {@code changes} (path to new content, or the {@link #RENAME}/{@link #DELETE} keys): fast-import
     * does not merge trees, so a merge must list what its other parents brought in.
     */
    public int commit(String ref, int parentMark, List<Integer> mergeMarks, String ident, long epochSeconds,
                      String message, Map<String, String> changes) throws IOException {
        mark++;
        StringBuilder sb = new StringBuilder();
        sb.append("commit ").append(ref).append('\n');
        sb.append("mark :").append(mark).append('\n');
        sb.append("author ").append(ident).append(' ').append(epochSeconds).append(" +0000\n");
        sb.append("committer ").append(ident).append(' ').append(epochSeconds).append(" +0000\n");
        appendData(sb, message.endsWith("\n") ? message : message + "\n");
        if (parentMark > 0) {
            sb.append("from :").append(parentMark).append('\n');
        }
        for (int merge : mergeMarks) {
            sb.append("merge :").append(merge).append('\n');
        }
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (change.getKey().startsWith(RENAME)) {
                String[] fromTo = change.getValue().split("\0");
                sb.append("R \"").append(fromTo[0]).append("\" \"").append(fromTo[1]).append("\"\n");
            } else if (change.getKey().startsWith(DELETE)) {
                sb.append("D \"").append(change.getValue()).append("\"\n");
            } else {
                String mode = change.getKey().endsWith(".sh") || change.getKey().startsWith("bin/") ? "100755" : "100644";
                sb.append("M ").append(mode).append(" inline \"").append(change.getKey()).append("\"\n");
                appendData(sb, change.getValue());
            }
        }
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        return mark;
    }

    /** Points a lightweight tag at the commit with {@code commitMark}. */
    public void tag(String name, int commitMark) throws IOException {
        out.write(("reset refs/tags/" + name + "\nfrom :" + commitMark + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes {@code ref}, e.g. a topic branch once it is merged. */
    public void deleteRef(String ref) throws IOException {
        out.write(("reset " + ref + "\nfrom 0000000000000000000000000000000000000000\n\n")
            .getBytes(StandardCharsets.UTF_8));
    }

    private static void appendData(StringBuilder sb, String text) {
        sb.append("data ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n').append(text).append('\n');
    }
}
