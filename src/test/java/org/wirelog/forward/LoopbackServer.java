package org.wirelog.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real TCP server on 127.0.0.1 for tests: each connection runs the handler on a virtual thread of its own. */
final class LoopbackServer implements AutoCloseable {

    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    LoopbackServer(Handler handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            handler.handle(socket);
                        } catch (IOException | RuntimeException | AssertionError e) {
                            failures.add(e);
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Reads exactly {@code request} bytes, then answers {@code response} and closes. */
    static LoopbackServer exchange(int requestLength, byte[] response) throws IOException {
        return new LoopbackServer(socket -> {
            socket.getInputStream().readNBytes(requestLength);
            socket.getOutputStream().write(response);
        });
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
