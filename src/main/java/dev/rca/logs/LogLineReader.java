package dev.rca.logs;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a log one physical line at a time with bounded memory, whatever the input: a line longer
 * than {@code maxLineBytes} is cut there (the rest is skipped and counted, so a 300 MB file without a
 * newline still streams), bytes that are not UTF-8 become U+FFFD, terminal sequences (colours, erase-line) are
 * removed and other control characters become U+FFFD so nothing a log holds can drive the terminal; a
 * byte-order mark at the start is dropped.
 * Gzip-compressed input is recognised by its magic number and decompressed on the fly.
 */
public final class LogLineReader implements Closeable {
    /** The default cut for one line: enough for any real message, small enough for any heap. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    private long droppedBytes;
    private long lineNumber;
    private long nextOffset;
    private long offset;
    private boolean eof;

    /** Reads {@code in} (closing it on {@link #close()}), cutting lines at {@code maxLineBytes}. */
    public LogLineReader(InputStream in, int maxLineBytes) throws IOException {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes too small: " + maxLineBytes);
        }
        this.in = decompressed(new BufferedInputStream(in, 1 << 16));
        this.maxLineBytes = maxLineBytes;
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the input
     */
    public boolean next() throws IOException {
        lineLength = 0;
        droppedBytes = 0;
        offset = nextOffset;
        boolean any = false;
        while (true) {
            if (bufferPos == bufferEnd) {
                if (eof || !fill()) {
                    eof = true;
                    if (any) {
                        lineNumber++;
                    }
                    return any;
                }
            }
            any = true;
            int start = bufferPos;
            int newline = -1;
            for (int i = start; i < bufferEnd; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? bufferEnd : newline;
            keep(start, end - start);
            bufferPos = newline < 0 ? bufferEnd : newline + 1;
            nextOffset += bufferPos - start;
            if (newline >= 0) {
                lineNumber++;
                return true;
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }

    private void keep(int start, int length) {
        int room = maxLineBytes - lineLength;
        int kept = Math.min(room, length);
        if (kept > 0) {
            if (lineLength + kept > line.length) {
                line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + kept)));
            }
            System.arraycopy(buffer, start, line, lineLength, kept);
            lineLength += kept;
        }
        droppedBytes += length - kept;
    }

    /** The 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The byte offset of the current line in the (decompressed) input. */
    public long offset() {
        return offset;
    }

    /** Bytes of the current line past the cut, not included in {@link #text()}. */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** The current line, without its line terminator, cleaned for display (see the class comment). */
    public String text() {
        int length = lineLength;
        if (droppedBytes == 0 && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = lineNumber == 1 && length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb
            && (line[2] & 0xff) == 0xbf ? 3 : 0;
        return clean(new String(line, start, length - start, StandardCharsets.UTF_8), true);
    }

    /** The current line as {@link #text()}, with a marker saying how much was cut. */
    public String displayText() {
        String text = text();
        return droppedBytes == 0 ? text : text + " … [" + droppedBytes + " more bytes]";
    }

    /**
     * {@code text} made safe to show on a terminal or to write into a document, line by line: its line breaks stay
     * (a stack trace, a symptom of several lines), terminal colour sequences go and other control characters become
     * U+FFFD, as {@code rca logs table} shows a log's lines. Text that comes from a file another person can edit (a
     * decoded JSON message, a ledger) passes through here before it is shown, so it cannot move the cursor, retitle
     * the window or clear the screen.
     */
    public static String cleanLines(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = clean(lines[i]);
        }
        return String.join("\n", lines);
    }

    /**
     * One line of text another person wrote (a commit's subject or author, a path from a tree) made safe to show on a
     * terminal, as {@link #cleanLines} cleans each line: colour sequences go, and every other control character, a
     * line break, a NUL and a bidirectional override or isolate (which reorders what the reader sees, "Trojan
     * source") included, becomes U+FFFD. The escape character of any other sequence becomes U+FFFD and the rest of
     * the sequence stays as text: dropped, {@code a<ESC>[2Kb.txt} would read as another, plausible name,
     * {@code ab.txt}. Text with none of them is returned as it is.
     */
    public static String clean(String s) {
        return clean(s, false);
    }

    /**
     * A line of a log (one a container runtime wrapped and JSON decoded, say) cleaned as {@link #text()} cleans the
     * lines it reads: as {@link #clean}, but every escape sequence goes, since a log's progress output erases and
     * moves along its line ({@code ESC[2K}, {@code ESC[1G}), which says nothing there and would clutter every line.
     */
    static String cleanLogLine(String s) {
        return clean(s, true);
    }

    private static String clean(String s, boolean dropAnySequence) {
        StringBuilder sb = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int end = c == 0x1b ? escapeEnd(s, i) : i;
            if (c == 0x1b && (dropAnySequence || isColour(s, i, end))) {
                sb = copyUpTo(sb, s, i);
                i = end - 1;
            } else if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0) || isBidiControl(c)) {
                sb = copyUpTo(sb, s, i);
                sb.append('\uFFFD');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** U+202A to U+202E (embeddings and overrides) and U+2066 to U+2069 (isolates); not the marks U+200E/U+200F. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static StringBuilder copyUpTo(StringBuilder sb, String s, int i) {
        return sb != null ? sb : new StringBuilder(s.length()).append(s, 0, i);
    }

    /** Whether the escape sequence from {@code start} to {@code end} is a complete colour one (CSI … m, SGR). */
    private static boolean isColour(String s, int start, int end) {
        return end - start >= 3 && s.charAt(start + 1) == '[' && s.charAt(end - 1) == 'm';
    }

    /** The end of an ANSI escape sequence starting at {@code i} (CSI sequences such as colours). */
    private static int escapeEnd(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '[') {
            j++;
            while (j < s.length() && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x3f) {
                j++;
            }
            return j < s.length() ? j + 1 : j;
        }
        return Math.min(s.length(), j + 1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
