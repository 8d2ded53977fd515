package org.wirelog.socks;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.wirelog.model.EndReason;
import org.wirelog.relay.IoErrors;

/**
 * The wait of a BIND for its one incoming connection, with an eye on the client's connection meanwhile: a client
 * that leaves ends the wait, and bytes it sends before its second reply are kept for the peer.
 *
 * <p>A blocking read cannot be called off without closing the channel, so the client is read in short timed
 * slices and the watch stops at the first slice after the peer arrived.
 */
final class BindWait {

    private static final int SLICE_MILLIS = 50;
    private static final int MAX_EARLY_BYTES = 64 * 1024;

    sealed interface Result {
    }

    /** @param early what the client sent before the peer came (and after its request), or null */
    record Arrived(SocketChannel peer, ByteBuffer early) implements Result {
    }

    record ClientLeft(EndReason reason) implements Result {
    }

    private final ServerSocketChannel listener;
    private final SocketChannel client;
    private final ByteBuffer early = ByteBuffer.allocate(MAX_EARLY_BYTES);
    private volatile boolean peerArrived;
    private volatile EndReason clientLeft;

    private BindWait(ServerSocketChannel listener, SocketChannel client) {
        this.listener = listener;
        this.client = client;
    }

    /** @param leftover bytes the client sent right after its request, or null */
    static Result await(ServerSocketChannel listener, SocketChannel client, ByteBuffer leftover) {
        BindWait wait = new BindWait(listener, client);
        if (leftover != null) wait.early.put(leftover);
        return wait.run();
    }

    private Result run() {
        Thread watcher = Thread.ofVirtual().name("bind-watch").start(this::watchClient);
        SocketChannel peer;
        try {
            peer = listener.accept();
        } catch (IOException e) {
            join(watcher);
            EndReason reason = clientLeft;
            return new ClientLeft(reason != null ? reason : EndReason.error(EndReason.Kind.TARGET_ERROR, IoErrors.describe(e)));
        }
        peerArrived = true;
        join(watcher);
        if (clientLeft != null) {
            closeQuietly(peer);
            return new ClientLeft(clientLeft);
        }
        early.flip();
        return new Arrived(peer, early.hasRemaining() ? early : null);
    }

    private void watchClient() {
        Socket socket = client.socket();
        try {
            socket.setSoTimeout(SLICE_MILLIS);
            // Not closed after use: closing the adaptor's stream would close the connection.
            InputStream in = socket.getInputStream();
            byte[] slice = new byte[4096];
            while (!peerArrived) {
                if (!early.hasRemaining()) {
                    Thread.sleep(SLICE_MILLIS); // full: the client waits, as TCP makes it
                    continue;
                }
                try {
                    int n = in.read(slice, 0, Math.min(slice.length, early.remaining()));
                    if (n < 0) {
                        leave(EndReason.of(EndReason.Kind.CLIENT_CLOSED));
                        return;
                    }
                    early.put(slice, 0, n);
                } catch (SocketTimeoutException quiet) {
                    // nothing this slice; look again
                }
            }
            socket.setSoTimeout(0);
        } catch (IOException e) {
            leave(EndReason.error(EndReason.Kind.CLIENT_ERROR, IoErrors.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void leave(EndReason reason) {
        clientLeft = reason;
        try {
            listener.close(); // wakes the accept
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
