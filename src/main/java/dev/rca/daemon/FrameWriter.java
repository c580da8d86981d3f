package dev.rca.daemon;

import java.io.IOException;
import java.io.OutputStream;

/** Frames written to the client: a type byte, a 32-bit length, the bytes; one at a time. */
public final class FrameWriter {
    private final OutputStream socket;

    public FrameWriter(OutputStream socket) {
        this.socket = socket;
    }

    public synchronized void frame(byte type, byte[] data, int offset, int length) throws IOException {
        byte[] head = {type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        socket.write(head);
        socket.write(data, offset, length);
        socket.flush();
    }

    public void exit(int code) throws IOException {
        frame(DaemonProtocol.EXIT, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code}, 0, 4);
    }

    public OutputStream stream(byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                frame(type, new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    frame(type, b, off, len);
                }
            }
        };
    }
}
