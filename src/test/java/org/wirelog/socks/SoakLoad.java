package org.wirelog.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.wirelog.testing.SocksUdpClient;

/**
 * The soak's load: workers that, until a deadline, each run one session after another through the proxy, a CONNECT
 * to a TCP echo (a few rounds of random sizes) or a UDP association with a UDP echo (a few datagrams, each answered
 * before the next), and record exactly what they sent and got back. Seeded: a run can be repeated.
 */
final class SoakLoad {

    /**
     * One session as the client saw it.
     *
     * @param udp         whether it was a UDP association (else a CONNECT)
     * @param clientPort  the client's TCP port (CONNECT) or UDP port (association): how its command's lines name it
     * @param controlPort the client's TCP port: how its {@code tcp/accept} lines name it
     * @param sent       payload bytes the client sent
     * @param received   payload bytes the client got back
     * @param datagrams  datagrams sent, each answered (0 for a CONNECT)
     */
    record Exchange(boolean udp, int clientPort, int controlPort, long sent, long received, int datagrams) {
    }

    private static final int MAX_TCP_PIECE = 32 * 1024;
    private static final int MAX_DATAGRAM = 1400;

    private final InetSocketAddress proxy;
    private final int tcpEcho;
    private final int udpEcho;
    private final ConcurrentLinkedQueue<Exchange> done = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    SoakLoad(InetSocketAddress proxy, int tcpEcho, int udpEcho) {
        this.proxy = proxy;
        this.tcpEcho = tcpEcho;
        this.udpEcho = udpEcho;
    }

    /** Runs {@code workers} clients for {@code length}; returns every session, in the order they ended. */
    List<Exchange> run(int workers, Duration length, long seed) throws Exception {
        long deadline = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Random random = new Random(seed * 1000 + w);
            threads.add(Thread.ofVirtual().name("soak-" + w).start(() -> {
                try {
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        done.add(random.nextInt(5) == 0 ? association(random) : connect(random));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        if (failure.get() != null) throw new AssertionError("a soak client failed", failure.get());
        return List.copyOf(done);
    }

    /** The sessions finished so far. */
    int finished() {
        return done.size();
    }

    private Exchange connect(Random random) throws IOException {
        try (SocketChannel channel = SocketChannel.open(proxy)) {
            ByteBuffer request = ByteBuffer.allocate(13).put(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1})
                    .putShort((short) tcpEcho).flip();
            writeAll(channel, request);
            ByteBuffer reply = readExactly(channel, 12);
            if (reply.get(1) != 0 || reply.get(3) != 0) throw new IOException("SOCKS reply " + reply.get(3));
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            long sent = 0, received = 0;
            int rounds = 1 + random.nextInt(4);
            for (int r = 0; r < rounds; r++) {
                byte[] piece = new byte[1 + random.nextInt(MAX_TCP_PIECE)];
                random.nextBytes(piece);
                writeAll(channel, ByteBuffer.wrap(piece));
                sent += piece.length;
                ByteBuffer back = readExactly(channel, piece.length);
                if (!Arrays.equals(back.array(), piece)) throw new IOException("echo differs from what was sent");
                received += piece.length;
            }
            return new Exchange(false, port, port, sent, received, 0);
        }
    }

    private Exchange association(Random random) throws IOException {
        try (SocksUdpClient.Association association = SocksUdpClient.via(proxy).target("127.0.0.1", udpEcho).open()) {
            if (association.reply() != 0) throw new IOException("UDP ASSOCIATE reply " + association.reply());
            long sent = 0, received = 0;
            int datagrams = 1 + random.nextInt(6);
            for (int d = 0; d < datagrams; d++) {
                byte[] payload = new byte[1 + random.nextInt(MAX_DATAGRAM)];
                random.nextBytes(payload);
                association.send("127.0.0.1", udpEcho, false, payload);
                sent += payload.length;
                SocksUdpClient.Datagram back = association.receive(Duration.ofSeconds(10));
                if (back == null || !Arrays.equals(back.payload(), payload)) throw new IOException("datagram " + d + " not echoed");
                received += back.payload().length;
            }
            return new Exchange(true, association.udpAddress().getPort(), association.controlPort(), sent, received, datagrams);
        }
    }

    private static void writeAll(SocketChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) channel.write(bytes);
    }

    private static ByteBuffer readExactly(SocketChannel channel, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) throw new IOException("closed after " + buffer.position() + " of " + count + " bytes");
        }
        return buffer;
    }
}
