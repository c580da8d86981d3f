package dev.rca.daemon;

import dev.rca.git.CommandRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Has the client start a test command, with its own environment and standard input closed, as
 * {@link CommandRunner#run} starts it, and waits for its end. An {@link DaemonProtocol#EXECUTE} frame holds the
 * argument vector, the directory, the variables to remove and those to set ({@code NAME=value}), each list a count
 * and its strings, then the timeout in milliseconds as 64 bits (-1: none), then, for a client that said it reads one
 * ({@link DaemonProtocol#KEEPS_OUTPUT}), the file the client copies the test's output into: its tail is the result's output, as {@link CommandRunner#run} keeps it. The client answers with a {@link DaemonProtocol#RESULT}
 * frame: how it ended (0 exited, 1 timed out and killed with its descendants, 2 could not start), the exit code
 * (128 + the signal that killed it) or errno, and the system's message for that errno. A client that goes away
 * meanwhile (interrupted) ends the command: the verdicts so far are saved, and the next run resumes.
 */
public final class ClientStarter implements CommandRunner.Starter {
    private final DataInputStream in;
    private final FrameWriter frames;
    private final boolean keepsOutput;

    /**
     * Runs tests through the client whose request {@code in} reads and {@code frames} answers.
     *
     * @param keepsOutput whether the client said it copies a test's output into a file the frame names
     *     ({@link DaemonProtocol#KEEPS_OUTPUT}); without it the frame names none and the output is not kept
     */
    public ClientStarter(DataInputStream in, FrameWriter frames, boolean keepsOutput) {
        this.in = in;
        this.frames = frames;
        this.keepsOutput = keepsOutput;
    }

    @Override
    public CommandRunner.Result run(List<String> command, Path directory, Map<String, String> extraEnv,
                                    Duration timeout) {
        List<String> argv = CommandRunner.argv(command);
        long start = System.nanoTime();
        if (!keepsOutput) {
            return run(command, argv, directory, extraEnv, timeout, null, start);
        }
        Path output;
        try {
            output = Files.createTempFile("rca-test-output", ".log");
        } catch (IOException e) {
            throw CommandRunner.cannotRun(command, "cannot create a file for its output: " + e.getMessage(), e);
        }
        try {
            return run(command, argv, directory, extraEnv, timeout, output, start);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException leftInTmp) {
                // a temporary file the system cleans up
            }
        }
    }

    private CommandRunner.Result run(List<String> command, List<String> argv, Path directory,
                                     Map<String, String> extraEnv, Duration timeout, Path output, long start) {
        int how;
        int value;
        String message;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream frame = new DataOutputStream(bytes);
            DaemonProtocol.writeStrings(frame, argv);
            DaemonProtocol.writeString(frame, directory.toString());
            DaemonProtocol.writeStrings(frame, CommandRunner.HIDDEN_ENV);
            DaemonProtocol.writeStrings(frame,
                extraEnv.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            frame.writeLong(CommandRunner.timeoutMillis(timeout));
            if (output != null) {
                DaemonProtocol.writeString(frame, output.toString());
            }
            frames.frame(DaemonProtocol.EXECUTE, bytes.toByteArray(), 0, bytes.size());
            byte type = in.readByte();
            int length = in.readInt();
            if (type != DaemonProtocol.RESULT || length < 12 || length > DaemonProtocol.MAX_STRING) {
                throw new IOException("unexpected frame " + type + " from the client");
            }
            // parsed from exactly the frame's bytes, so a frame that lies about its length cannot put the
            // rest of the conversation out of step
            DataInputStream result = new DataInputStream(new ByteArrayInputStream(in.readNBytes(length)));
            how = result.readInt();
            value = result.readInt();
            message = DaemonProtocol.readString(result);
            if (result.available() != 0) {
                throw new IOException("a result frame with " + result.available() + " bytes to spare");
            }
        } catch (IOException clientWentAway) {
            throw new UncheckedIOException("the client went away while its test ran", clientWentAway);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String text = "";
        if (output != null) {
            try (InputStream kept = Files.newInputStream(output)) {
                text = CommandRunner.tail(kept);
            } catch (IOException unreadable) {
                // the output is for the user to read; the verdict does not depend on it
            }
        }
        return switch (how) {
            case 0 -> new CommandRunner.Result(value, false, text, elapsed);
            case 1 -> new CommandRunner.Result(-1, true, text, elapsed);
            // the words of the IOException ProcessBuilder.start throws, so that both paths say the same
            default -> throw CommandRunner.cannotRun(command, "Cannot run program \"" + argv.get(0)
                + "\" (in directory \"" + directory + "\"): error=" + value + ", " + message, null);
        };
    }
}
