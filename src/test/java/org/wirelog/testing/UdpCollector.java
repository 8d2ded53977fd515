package org.wirelog.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A collector a test owns (remote syslog, IPFIX): every datagram it receives, with its arrival time, in order. */
public final class UdpCollector implements AutoCloseable {

    public record Datagram(long nanos, byte[] bytes) {

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final DatagramSocket socket;
    private final List<Datagram> received = new CopyOnWriteArrayList<>();
    private final Thread receiver;

    private UdpCollector(DatagramSocket socket) {
        this.socket = socket;
        this.receiver = Thread.ofVirtual().name("udp-collector").start(this::receive);
    }

    public static UdpCollector on(InetAddress address) throws IOException {
        return new UdpCollector(new DatagramSocket(0, address));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** What arrived so far; the list grows while the collector is open. */
    public List<Datagram> datagrams() {
        return received;
    }

    /** What arrived so far, each datagram as UTF-8 text. */
    public List<String> texts() {
        return received.stream().map(Datagram::text).toList();
    }

    private void receive() {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            received.add(new Datagram(System.nanoTime(), Arrays.copyOf(packet.getData(), packet.getLength())));
        }
    }

    /** Stops receiving: what arrived before stays in {@link #datagrams()}. */
    @Override
    public void close() throws InterruptedException {
        socket.close();
        receiver.join();
    }
}
