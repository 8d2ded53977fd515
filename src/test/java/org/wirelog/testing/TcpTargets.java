package org.wirelog.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The corpus's TCP targets, on loopback: an echo, an echo that appends "XYZ", an echo that answers once and
 * closes first, a "blackhole" whose accept queue is full (connects to it hang), and a port nobody listens on.
 */
public final class TcpTargets implements AutoCloseable {

    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<Socket> queueFillers = new ArrayList<>();

    public int echo(InetAddress on) throws IOException {
        return serve(on, (in, out) -> in.transferTo(out));
    }

    public int echoWithSuffix(InetAddress on, String suffix) throws IOException {
        return serve(on, (in, out) -> {
            byte[] buffer = new byte[8192];
            byte[] tail = suffix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int n; (n = in.read(buffer)) > 0; ) {
                // One write, as the corpus's target did: the answer arrives as one read on the other side.
                byte[] answer = java.util.Arrays.copyOf(buffer, n + tail.length);
                System.arraycopy(tail, 0, answer, n, tail.length);
                out.write(answer);
            }
        });
    }

    /** Echoes the first read, then closes its side first. */
    public int oneShotEcho(InetAddress on) throws IOException {
        return serve(on, (in, out) -> {
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            if (n > 0) out.write(buffer, 0, n);
        });
    }

    /** A listener whose backlog is full: further SYNs get no answer, so a connect hangs until its timeout. */
    public int blackhole(InetAddress on) throws IOException {
        // Backlog 1, not 0: Java turns 0 into its default of 50.
        ServerSocket server = listen(on, 1);
        servers.add(server);
        InetSocketAddress address = new InetSocketAddress(on, server.getLocalPort());
        // Linux queues backlog+1 connections; fill the queue so that the next handshake is not completed.
        for (int i = 0; i < 4; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(address, 300);
                queueFillers.add(filler);
            } catch (IOException full) {
                filler.close();
                break;
            }
        }
        return server.getLocalPort();
    }

    /*
     * The targets' ports, and ports handed to servers a test starts later, come from below the kernel's ephemeral
     * range (32768-60999). A port the kernel picked for us can be picked again for any outgoing connection before
     * the server binds it (under load, thousands of sockets in TIME_WAIT made that "Address already in use"), and a
     * target on an ephemeral port can share its number with a port the kernel gives the server under test (a UDP
     * relay), which log normalizers would then take for the target's. Each JVM starts at its own place in the range
     * so that concurrent test runs rarely probe the same ports.
     */
    private static final int FIRST_PORT = 12000;
    private static final int PORT_SPAN = 20000;
    private static final AtomicInteger nextPort =
            new AtomicInteger((int) Math.floorMod(ProcessHandle.current().pid() * 7919L, PORT_SPAN));

    /** Binds a socket to the next port of the range that is free on {@code on}, trying each at most once. */
    public static <S extends Closeable> S bindInRange(InetAddress on, PortBinder<S> binder) throws IOException {
        for (int attempt = 0; attempt < PORT_SPAN; attempt++) {
            int port = FIRST_PORT + Math.floorMod(nextPort.getAndIncrement(), PORT_SPAN);
            try {
                return binder.bind(new InetSocketAddress(on, port));
            } catch (BindException taken) {
                // in use: try the next one
            }
        }
        throw new IOException("no free port in " + FIRST_PORT + "-" + (FIRST_PORT + PORT_SPAN - 1) + " on " + on);
    }

    @FunctionalInterface
    public interface PortBinder<S> {
        S bind(InetSocketAddress address) throws IOException;
    }

    private static ServerSocket listen(InetAddress on, int backlog) throws IOException {
        return bindInRange(on, address -> {
            ServerSocket server = new ServerSocket();
            try {
                server.setReuseAddress(false); // so that a port with connections left in TIME_WAIT counts as taken
                server.bind(address, backlog);
                return server;
            } catch (IOException e) {
                server.close();
                throw e;
            }
        });
    }

    /** A port that was free a moment ago, has no listener, and is not one the kernel hands out by itself. */
    public static int closedPort(InetAddress on) throws IOException {
        try (ServerSocket probe = listen(on, 1)) {
            return probe.getLocalPort();
        }
    }

    public static int freePort(InetAddress on) throws IOException {
        return closedPort(on);
    }

    @FunctionalInterface
    private interface Handler {
        void handle(InputStream in, OutputStream out) throws IOException;
    }

    private int serve(InetAddress on, Handler handler) throws IOException {
        ServerSocket server = listen(on, 128);
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            handler.handle(socket.getInputStream(), socket.getOutputStream());
                        } catch (IOException ignored) {
                            // the peer went away; a target does not care
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : queueFillers) s.close();
        for (ServerSocket s : servers) s.close();
    }
}
