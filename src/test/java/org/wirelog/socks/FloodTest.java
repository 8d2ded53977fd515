package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SocksUdpClient;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.UdpTargets;
import org.wirelog.testing.WirelogProcess;

/**
 * A well-behaved client keeps being served while others misbehave: clients that never finish their negotiation
 * (cut at {@code timeout.negotiate}), a flood of garbage connections, and a flood of datagrams from strangers to a
 * UDP association. Its latency with and without the flood is reported; the bound asserted is generous (the machine
 * is shared), the figures are what counts.
 */
class FloodTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final int SLOW_CLIENTS = 200;
    private static final int NEGOTIATE_SECONDS = 2;
    private static final int ROUNDS = 100;
    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    @Test
    void aGoodClientIsServedWithinItsLatencyWhileSlowClientsGarbageAndStrangersFloodTheServer() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        Path log = dir.resolve("socks.log");
        Path conf = Files.writeString(dir.resolve("sockd.conf"), "logoutput: " + log + "\ninternal: 127.0.0.1 port = " + port
                + "\nexternal: 127.0.0.1\ntimeout.negotiate: " + NEGOTIATE_SECONDS + "\n"
                + "client pass { from: 127.0.0.0/8 to: 0/0 log: disconnect error }\n"
                + "socks pass { from: 0/0 to: 0/0 log: disconnect error }\n");
        InetSocketAddress proxy = new InetSocketAddress(LOOPBACK, port);
        try (UdpTargets udpTargets = new UdpTargets();
             WirelogProcess wirelog = WirelogProcess.start("socks", "-f", conf.toString());
             SocksUdpClient.Association association = SocksUdpClient.via(proxy).target("127.0.0.1", 0).open()) {
            int udpEcho = udpTargets.echo(LOOPBACK);
            assertThat(association.reply()).isZero();
            measure(proxy, association, udpEcho, 30); // warm-up
            Latency quiet = measure(proxy, association, udpEcho, ROUNDS);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong garbage = new AtomicLong(), datagrams = new AtomicLong();
            List<Socket> slow = new ArrayList<>();
            List<Long> cutAfterMillis = Collections.synchronizedList(new ArrayList<>());
            List<Thread> waiting = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket(LOOPBACK, port);
                long connected = System.nanoTime();
                socket.getOutputStream().write(new byte[] {5, 2}); // two methods announced, none sent: never finishes
                slow.add(socket);
                waiting.add(Thread.ofVirtual().start(() -> {
                    try {
                        socket.setSoTimeout(30_000);
                        if (socket.getInputStream().read() == -1) cutAfterMillis.add((System.nanoTime() - connected) / 1_000_000);
                    } catch (IOException e) {
                        // not cut in time or reset: missing from the list, which the test counts
                    }
                }));
            }
            List<Thread> flooders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Random random = new Random(t);
                flooders.add(Thread.ofPlatform().start(() -> {
                    byte[] junk = new byte[64];
                    while (flooding.get()) {
                        try (Socket socket = new Socket(LOOPBACK, port)) {
                            // Closed with a reset, as flooders do: tens of thousands of closes would otherwise leave
                            // as many ports in TIME_WAIT, and the tests after this one could not bind port 0.
                            socket.setSoLinger(true, 0);
                            random.nextBytes(junk);
                            junk[0] = 9; // no SOCKS version: refused at once
                            socket.getOutputStream().write(junk);
                            garbage.incrementAndGet();
                        } catch (IOException refusedOrReset) {
                            // a flood does not care
                        }
                    }
                }));
            }
            flooders.add(Thread.ofPlatform().start(() -> {
                try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                    byte[] datagram = new byte[100];
                    datagram[3] = 1;
                    while (flooding.get()) {
                        stranger.send(new DatagramPacket(datagram, datagram.length, association.relay()));
                        datagrams.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
            long floodStart = System.nanoTime();
            long floodSeconds;
            Latency flooded;
            try {
                flooded = measure(proxy, association, udpEcho, ROUNDS);
                for (Thread thread : waiting) thread.join();
            } finally {
                flooding.set(false);
                for (Thread flooder : flooders) flooder.join();
                floodSeconds = (System.nanoTime() - floodStart) / 1_000_000_000L + 1;
                for (Socket socket : slow) socket.close();
            }
            Thread.sleep(500);
            assertThat(wirelog.stop()).isZero();
            List<String> lines = Files.readAllLines(log);
            String figures = String.format("flood: good client CONNECT+echo median %.2f ms, p95 %.2f ms quiet; %.2f ms, p95 %.2f ms under the"
                            + " flood; UDP round trip median %.2f ms quiet, %.2f ms under the flood (%d of %d datagrams lost and sent again); %d garbage connections, %d stranger"
                            + " datagrams, %d slow clients cut after %d..%d ms; %d log lines%n",
                    quiet.connect(50), quiet.connect(95), flooded.connect(50), flooded.connect(95), quiet.udp(50), flooded.udp(50),
                    flooded.udpLost(), ROUNDS + flooded.udpLost(), garbage.get(), datagrams.get(), SLOW_CLIENTS, Collections.min(cutAfterMillis), Collections.max(cutAfterMillis), lines.size());
            System.out.print(figures);
            Files.writeString(Path.of("target", "flood-figures.txt"), figures);

            // Slow clients: cut at timeout.negotiate, not before, each with its line.
            assertThat(cutAfterMillis).hasSize(SLOW_CLIENTS);
            assertThat(Collections.min(cutAfterMillis)).isGreaterThanOrEqualTo(NEGOTIATE_SECONDS * 1000L - 100);
            assertThat(Collections.max(cutAfterMillis)).isLessThan(NEGOTIATE_SECONDS * 1000L + 8000);
            // (The line says how long the negotiation took: on a busy machine a cut can come a second late.)
            assertThat(lines).filteredOn(l -> l.matches(".*: info: block\\(1\\): tcp/accept \\]: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.\\d+: "
                    + "negotiate timeout after [" + NEGOTIATE_SECONDS + "-9] seconds")).hasSize(SLOW_CLIENTS);
            // The good client was served every time (measure() asserts each echo) and, generously, within 250 ms median.
            assertThat(flooded.connect(50)).isLessThan(Math.max(250, quiet.connect(50) * 20));
            assertThat(flooded.udp(50)).isLessThan(Math.max(250, quiet.udp(50) * 20));
            // Strangers' datagrams: a line each for ten a second at most, the rest summed up.
            long strangerLines = lines.stream().filter(l -> l.contains(" dropped: this association is for ")).count();
            assertThat(strangerLines).isPositive().isLessThanOrEqualTo(10 * (floodSeconds + 2));
            assertThat(lines).anyMatch(l -> l.matches(".*: info: udp/udpassociate 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.\\d+: \\d+ more"
                    + " datagrams? from strangers dropped within a second, not logged one by one"));
            assertThat(garbage.get()).isPositive();
            assertThat(datagrams.get()).isPositive();
        }
    }

    /**
     * Latencies in milliseconds of whole sessions (SOCKS5 CONNECT, 64-byte echo, close) and of UDP round trips (the
     * datagram that was answered), and how many datagrams were lost and sent again: UDP promises no delivery, and a
     * flood at the same port fills the kernel's receive buffer with strangers' datagrams.
     */
    private record Latency(double[] connects, double[] udps, int udpLost) {
        double connect(int percentile) {
            return at(connects, percentile);
        }

        double udp(int percentile) {
            return at(udps, percentile);
        }

        private static double at(double[] sorted, int percentile) {
            return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
        }
    }

    private static Latency measure(InetSocketAddress proxy, SocksUdpClient.Association association, int udpEcho, int rounds)
            throws IOException {
        double[] connects = new double[rounds], udps = new double[rounds];
        int lost = 0;
        byte[] payload = new byte[64];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            SocksClient.Result result = SocksClient.via(proxy).target("127.0.0.1", ECHO.port()).payload(payload).run();
            connects[i] = (System.nanoTime() - start) / 1e6;
            assertThat(result.received()).isEqualTo(payload.length);
            udps[i] = -1;
            for (int attempt = 0; attempt < 50 && udps[i] < 0; attempt++) {
                byte[] datagram = String.format("round %6d attempt %2d", i, attempt).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                start = System.nanoTime();
                association.send("127.0.0.1", udpEcho, false, datagram);
                long deadline = start + 300_000_000L;
                for (long left; udps[i] < 0 && (left = deadline - System.nanoTime()) > 0; ) {
                    SocksUdpClient.Datagram back = association.receive(Duration.ofNanos(left));
                    if (back != null && Arrays.equals(back.payload(), datagram)) udps[i] = (System.nanoTime() - start) / 1e6;
                }
                if (udps[i] < 0) lost++;
            }
            assertThat(udps[i]).as("round %d answered", i).isNotNegative();
        }
        Arrays.sort(connects);
        Arrays.sort(udps);
        return new Latency(connects, udps, lost);
    }
}
