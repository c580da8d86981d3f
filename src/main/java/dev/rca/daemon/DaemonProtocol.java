package dev.rca.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The wire format between {@code rca-client} and the daemon (big-endian). A request is {@link #MAGIC}, a flags
 * word, the working directory, the argument count and the arguments, each string a 32-bit length and its bytes:
 * UTF-8, but the directory and the arguments as the caller had them ({@link #readArgument}). The daemon answers
 * with frames (see {@link FrameWriter}): standard output and error as they are written, {@link #EXECUTE} frames for
 * a client that runs tests, and finally the exit code.
 */
public final class DaemonProtocol {
    /** "RCA1", the first word of every request. */
    public static final int MAGIC = ('R' << 24) | ('C' << 16) | ('A' << 8) | '1';
    /** Request flag: the client's standard output is a terminal. */
    public static final int STDOUT_IS_TERMINAL = 1;
    /** Request flag: the client's standard error is a terminal. */
    public static final int STDERR_IS_TERMINAL = 2;
    /** Request flag: stop the daemon. */
    public static final int STOP = 4;
    /** Request flag: the client runs test commands when sent {@link #EXECUTE} frames, answering each with a {@link #RESULT}. */
    public static final int RUNS_TESTS = 8;
    /**
     * Request flag: the client reads an {@link #EXECUTE} frame's optional last string, the file to copy the test's
     * output into. A client without it (an older rca-client the launcher could not rebuild) is sent none.
     */
    public static final int KEEPS_OUTPUT = 16;
    /** Frame type: bytes for the client's standard output. */
    public static final byte OUT = 1;
    /** Frame type: bytes for the client's standard error. */
    public static final byte ERR = 2;
    /** Frame type: the command's exit code, 32 bits; the last frame. */
    public static final byte EXIT = 3;
    /** Frame type: a test for the client to run (see {@link ClientStarter}). */
    public static final byte EXECUTE = 4;
    /** Frame type, from the client: how the test it ran ended. */
    public static final byte RESULT = 5;
    /** The longest string a request or a result may hold. */
    public static final int MAX_STRING = 1 << 20;
    private static final Charset COMMAND_LINE = commandLineEncoding();

    private DaemonProtocol() {
    }

    /** One string: a 32-bit length, then that many UTF-8 bytes. */
    public static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /**
     * One string of the caller's command line (its working directory, an argument), sent as the bytes it had, and
     * decoded as a JVM decodes its own command line: in the platform's file-name encoding, which the locale sets
     * ({@code sun.jnu.encoding}), a byte invalid there as U+FFFD. The daemon runs under its callers' locale, so a
     * command it answers sees the arguments a JVM of its own would (under {@code LC_ALL=C}, no non-ASCII letter).
     */
    public static String readArgument(DataInputStream in) throws IOException {
        return new String(readBytes(in), COMMAND_LINE);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("request string of " + length + " bytes");
        }
        return in.readNBytes(length);
    }

    private static Charset commandLineEncoding() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** One string as {@link #readString} reads it. */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** A list of strings: its count, then each string. */
    public static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }
}
