package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.UdpTargets;
import org.wirelog.testing.WirelogProcess;

/**
 * A soak of mixed CONNECT and UDP traffic through wirelog as a real process with {@code log: connect disconnect ioop}:
 * afterwards the log is held against what the clients recorded ({@link SoakCheck}), and wirelog's memory must stay
 * flat after the warm-up. 20 seconds in the suite; {@code bench/soak.sh} runs it for 10 minutes or more
 * ({@code -Dsoak.seconds=600}).
 */
class SoakTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final int WORKERS = 8;
    private static final int HEAP_MIB = 128;

    @TempDir
    Path dir;

    @Test
    void everySessionIsLoggedWholeWithTheBytesThePeersExchanged_andMemoryStaysFlat() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("soak.seconds", 20));
        try (TcpTargets tcp = new TcpTargets(); UdpTargets udp = new UdpTargets()) {
            int tcpEcho = tcp.echo(LOOPBACK);
            int udpEcho = udp.echo(LOOPBACK);
            int port = TcpTargets.freePort(LOOPBACK);
            Path log = dir.resolve("soak.log");
            Path conf = Files.writeString(dir.resolve("sockd.conf"), "logoutput: " + log + "\ninternal: 127.0.0.1 port = " + port
                    + "\nexternal: 127.0.0.1\nclient pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect ioop }\n"
                    + "socks pass { from: 0/0 to: 0/0 log: connect disconnect ioop }\n");
            List<Long> rss = Collections.synchronizedList(new ArrayList<>());
            List<SoakLoad.Exchange> exchanges;
            // A heap of its own size, touched whole at start: a leak then shows as growth beyond it (native, direct
            // buffers, threads) or as an OutOfMemoryError, not hidden in a heap the JVM sized from the machine's memory.
            String heap = "-Xms" + HEAP_MIB + "m -Xmx" + HEAP_MIB + "m -XX:+AlwaysPreTouch";
            try (WirelogProcess wirelog = WirelogProcess.startWrapped(List.of("env", "JAVA_TOOL_OPTIONS=" + heap),
                    "socks", "-f", conf.toString())) {
                Thread sampler = Thread.ofVirtual().start(() -> sample(wirelog.pid(), length, rss));
                exchanges = new SoakLoad(new InetSocketAddress(LOOPBACK, port), tcpEcho, udpEcho).run(WORKERS, length, 8);
                sampler.join();
                // Every client closed and got all its bytes; SIGTERM writes every line before wirelog exits.
                Thread.sleep(500);
                assertThat(wirelog.stop()).isZero();
            }
            List<String> lines = Files.readAllLines(log);
            SoakCheck check = SoakCheck.of(lines, exchanges);
            long udpSessions = exchanges.stream().filter(SoakLoad.Exchange::udp).count();
            long bytes = exchanges.stream().mapToLong(e -> e.sent() + e.received()).sum();
            // After a warm-up of a fifth of the run, the last third may not need more memory than the first.
            List<Long> settled = rss.subList(rss.size() / 5, rss.size());
            int third = Math.max(1, settled.size() / 3);
            long early = Collections.max(settled.subList(0, third));
            long late = Collections.max(settled.subList(settled.size() - third, settled.size()));
            String figures = String.format("soak %d s: %d sessions (%d CONNECT, %d UDP), %d payload bytes, %d log lines %s;"
                            + " wirelog RSS max %d MiB in the first third after warm-up, %d MiB in the last; samples (MiB): %s%n",
                    length.toSeconds(), exchanges.size(), exchanges.size() - udpSessions, udpSessions, bytes, lines.size(),
                    check.lineCounts(), early / 1024, late / 1024, rss.stream().map(k -> String.valueOf(k / 1024)).toList());
            System.out.print(figures);
            Files.writeString(Path.of("target", "soak-figures.txt"), figures);

            assertThat(check.problems()).isEmpty();
            assertThat(exchanges.size() - udpSessions).isPositive();
            assertThat(udpSessions).isPositive();
            assertThat(late).as("RSS (KiB) late in the soak against early").isLessThanOrEqualTo(early + early / 2);
        }
    }

    /** wirelog's RSS in KiB, once a second for the run's length (or 100 samples over it, when longer). */
    private static void sample(long pid, Duration length, List<Long> into) {
        long every = Math.max(1000, length.toMillis() / 100);
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) into.add(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
                Thread.sleep(every);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }
}
