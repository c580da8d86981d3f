package dev.rca.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rca.git.CommandRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The execute frame a client is sent is the one it can read: an older client is named no output file. */
class ClientStarterTest {
    /** The frames a starter sends for one test, with the client's answer "exited 1" already waiting. */
    private static byte[] executeFrameSentTo(boolean keepsOutput) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        DataOutputStream result = new DataOutputStream(answer);
        result.writeByte(DaemonProtocol.RESULT);
        result.writeInt(12);
        result.writeInt(0);
        result.writeInt(1);
        result.writeInt(0);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ClientStarter starter = new ClientStarter(new DataInputStream(new ByteArrayInputStream(answer.toByteArray())),
            new FrameWriter(sent), keepsOutput);
        CommandRunner.Result r = starter.run(List.of("true"), Path.of("/"), Map.of(), Duration.ofSeconds(5));
        assertEquals(1, r.exitCode());
        return sent.toByteArray();
    }

    private static int payloadLength(byte[] frame) {
        return ((frame[1] & 0xff) << 24) | ((frame[2] & 0xff) << 16) | ((frame[3] & 0xff) << 8) | (frame[4] & 0xff);
    }

    @Test
    void aClientThatKeepsNoOutputIsNamedNoFile() throws IOException {
        byte[] old = executeFrameSentTo(false);
        byte[] current = executeFrameSentTo(true);
        assertEquals(DaemonProtocol.EXECUTE, old[0]);
        assertEquals(old.length, 5 + payloadLength(old), "one frame");
        // the same frame but for the output file's name, a 32-bit length and its bytes, at the end
        int named = payloadLength(current) - payloadLength(old);
        assertEquals(Arrays.toString(Arrays.copyOfRange(old, 5, old.length)),
            Arrays.toString(Arrays.copyOfRange(current, 5, current.length - named)));
        assertEquals(named - 4, ((current[current.length - named] & 0xff) << 24
            | (current[current.length - named + 1] & 0xff) << 16 | (current[current.length - named + 2] & 0xff) << 8
            | (current[current.length - named + 3] & 0xff)));
    }
}
