package org.wirelog.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The corpus's UDP targets, on loopback: an echo, and an echo that appends a suffix (for asymmetric sizes). */
public final class UdpTargets implements AutoCloseable {

    private final List<DatagramSocket> sockets = new ArrayList<>();

    public int echo(InetAddress on) throws IOException {
        return echoWithSuffix(on, "");
    }

    public int echoWithSuffix(InetAddress on, String suffix) throws IOException {
        DatagramSocket socket = TcpTargets.bindInRange(on, DatagramSocket::new);
        sockets.add(socket);
        byte[] tail = suffix.getBytes(StandardCharsets.US_ASCII);
        Thread.ofVirtual().name("udp-echo").start(() -> {
            byte[] buffer = new byte[65535];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length - tail.length);
                    socket.receive(packet);
                    System.arraycopy(tail, 0, buffer, packet.getLength(), tail.length);
                    socket.send(new DatagramPacket(buffer, packet.getLength() + tail.length, packet.getSocketAddress()));
                } catch (IOException closed) {
                    if (socket.isClosed()) return;
                }
            }
        });
        return socket.getLocalPort();
    }

    /** A port that was a moment ago free for both TCP and UDP: datagrams to it meet an ICMP port unreachable. */
    public static int closedPort(InetAddress on) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = TcpTargets.closedPort(on);
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(on, port))) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // in use for UDP: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP on " + on);
    }

    @Override
    public void close() {
        for (DatagramSocket socket : sockets) socket.close();
    }
}
