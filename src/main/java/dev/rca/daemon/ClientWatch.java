package dev.rca.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Notices a client that went away while its command runs: rca-client sends nothing after its request (unless it
 * runs a bisection's tests, which this must not be used for), so the socket reads end of stream only when the
 * client was stopped. Reads the channel itself, not a stream over it: a stream would hold the channel's blocking
 * lock while it waits, which the answer's writes need.
 */
public final class ClientWatch {
    private ClientWatch() {
    }

    /** Starts watching {@code client}; the answer is true once it has gone (or the socket failed). */
    public static BooleanSupplier start(SocketChannel client) {
        AtomicBoolean gone = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            try {
                if (client.read(ByteBuffer.allocate(1)) < 0) {
                    gone.set(true);
                }
            } catch (IOException closed) {
                gone.set(true);
            }
        }, "rca-client-watch");
        watcher.setDaemon(true);
        watcher.start();
        return gone::get;
    }
}
