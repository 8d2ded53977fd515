package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.SocksBindClient;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SocksUdpClient;
import org.wirelog.testing.UdpTargets;

/** session.max, session.throttle, bandwidth and the server-wide cap, under bursts of real clients; every refusal is a line. */
class LimitsTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    /** {@code clients} at once, each holding its session {@code hold} after its echo; the results in order. */
    private static List<SocksClient.Result> burst(RunningServer server, int clients, Duration hold) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SocksClient.Result>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).hold(hold).run();
                }));
            }
            go.countDown();
        }
        List<SocksClient.Result> out = new ArrayList<>();
        for (Future<SocksClient.Result> result : results) out.add(result.get());
        return out;
    }

    @Test
    void clientRuleSessionMaxUnderABurst() throws Exception {
        String config = RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0/0\n session.max: 3\n log: connect disconnect }",
                "socks pass { from: 0/0 to: 0/0 }");
        try (RunningServer server = RunningServer.start(config, dir)) {
            List<SocksClient.Result> results = burst(server, 20, Duration.ofMillis(1500));

            assertThat(results).filteredOn(r -> r.received() == 4).hasSize(3);
            assertThat(results).filteredOn(r -> r.reply() == -1).hasSize(17);
            assertThat(server.lines()).filteredOn(l -> l.matches(
                    "block\\(1\\): tcp/accept \\]: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.\\d+: client-rule #1: session.max limit of 3 reached"))
                    .hasSize(17);
            // The places come back: a later client gets in.
            assertThat(SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run().received()).isEqualTo(4);
        }
    }

    @Test
    void socksRuleSessionMaxRefusesWithReplyTwo() throws Exception {
        String config = RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect }",
                "socks pass { from: 0/0 to: 0/0\n session.max: 2\n }");
        try (RunningServer server = RunningServer.start(config, dir)) {
            List<SocksClient.Result> results = burst(server, 10, Duration.ofMillis(1500));

            assertThat(results).filteredOn(r -> r.received() == 4).hasSize(2);
            assertThat(results).filteredOn(r -> r.reply() == 2).hasSize(8);
            assertThat(server.lines()).filteredOn(l -> l.startsWith("block(1): tcp/connect ]: ")
                    && l.endsWith(": socks-rule #1: session.max limit of 2 reached")).hasSize(8);
            assertThat(server.lines()).filteredOn(l -> l.startsWith("block(1): tcp/accept ]: ")
                    && l.endsWith(": blocked by higher-level socks-rule #1: session.max limit of 2 reached")).hasSize(8);
        }
    }

    @Test
    void serverWideCapCountsEveryRule() throws Exception {
        String config = RunningServer.config("session.max: 4",
                "client pass { from: 127.0.0.1/32 to: 0/0 log: connect }\nclient pass { from: 0/0 to: 0/0 log: connect }",
                "socks pass { from: 0/0 to: 0/0 }");
        try (RunningServer server = RunningServer.start(config, dir)) {
            List<SocksClient.Result> results = burst(server, 12, Duration.ofMillis(1500));

            assertThat(results).filteredOn(r -> r.received() == 4).hasSize(4);
            assertThat(server.lines()).filteredOn(l -> l.endsWith(": server session.max limit of 4 reached")).hasSize(8);
        }
    }

    /** A flood at a full server: a line each for the first ten a second, the rest counted in one line. */
    @Test
    void serverWideCapRefusalsPastTenASecondAreSummedUp() throws Exception {
        String config = RunningServer.config("session.max: 2",
                "client pass { from: 127.0.0.0/8 to: 0/0 }", "socks pass { from: 0/0 to: 0/0 }");
        try (RunningServer server = RunningServer.start(config, dir);
             HeldSession first = HeldSession.open(server.address(), ECHO.port());
             HeldSession second = HeldSession.open(server.address(), ECHO.port())) {
            int refused = 60;
            for (int i = 0; i < refused; i++) {
                try (java.net.Socket client = new java.net.Socket(LOOPBACK, server.address().getPort())) {
                    assertThat(client.getInputStream().read()).isEqualTo(-1);
                }
            }
            String summary = server.awaitLine("not logged one by one");
            Thread.sleep(1500);
            CapRefusals refusals = CapRefusals.in(server.lines(), 2);
            assertThat(summary).matches(".*: warning: server session.max limit of 2 reached: \\d+ more clients? refused within a second,"
                    + " not logged one by one");
            assertThat(refusals.total()).isEqualTo(refused);
            assertThat(refusals.oneByOne()).isLessThan(refused);
            assertThat(first.echo("still")).isEqualTo("still");
        }
    }

    @Test
    void throttleAdmitsSoManyPerPeriod() throws Exception {
        String config = RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0/0\n session.throttle: 5 / 60\n log: connect }",
                "socks pass { from: 0/0 to: 0/0 }");
        try (RunningServer server = RunningServer.start(config, dir)) {
            List<SocksClient.Result> results = burst(server, 8, Duration.ZERO);

            assertThat(results).filteredOn(r -> r.received() == 4).hasSize(5);
            assertThat(server.lines()).filteredOn(l -> l.endsWith(": client-rule #1: session.throttle limit of 5 per 60s reached"))
                    .hasSize(3);
        }
    }

    @Test
    void bandwidthHoldsTheRuleToItsBytesPerSecond() throws Exception {
        String config = RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0/0 }",
                "socks pass { from: 0/0 to: 0/0\n bandwidth: 200000\n log: disconnect }");
        byte[] payload = new byte[300_000];
        try (RunningServer server = RunningServer.start(config, dir)) {
            long start = System.nanoTime();
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).payload(payload).run();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.received()).isEqualTo(payload.length);
            // 600 000 bytes both ways at 200 000 bytes/s, less the one second's burst allowed: at least 2 s.
            assertThat(millis).isBetween(1800L, 20_000L);
            assertThat(server.awaitLine("tcp/connect ]:")).contains("300000 -> ").contains(": local client closed");
        }
    }

    @Test
    void bandwidthPacesTheDatagramsOfAnAssociation() throws Exception {
        String config = RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0/0 }",
                "socks pass { from: 0/0 to: 0/0\n bandwidth: 20000\n log: disconnect }");
        try (UdpTargets udpTargets = new UdpTargets(); RunningServer server = RunningServer.start(config, dir)) {
            int udpEcho = udpTargets.echo(LOOPBACK);
            long start = System.nanoTime();
            SocksUdpClient.Result result = SocksUdpClient.via(server.address()).target("127.0.0.1", udpEcho)
                    .payload(new byte[1000]).count(30).run();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.answered()).isEqualTo(30);
            // 30 000 payload bytes each way at 20 000 bytes/s, less the one second's burst allowed: at least 2 s.
            assertThat(millis).isBetween(1800L, 20_000L);
            assertThat(server.awaitLine("udp/udpassociate ]:")).contains(", 30000/30 -> ");
        }
    }

    @Test
    void sessionMaxCountsBindsToo() throws Exception {
        String config = RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0/0 log: disconnect }",
                "socks pass { from: 0/0 to: 0/0\n session.max: 1\n log: connect disconnect }");
        try (RunningServer server = RunningServer.start(config, dir)) {
            try (HeldBind held = HeldBind.open(server.address(), "127.0.0.2")) {
                assertThat(held.firstReply()).isZero();
                SocksBindClient.Result second = SocksBindClient.via(server.address()).expect("127.0.0.2", 0).run();
                assertThat(second.first()).isEqualTo(2);
                assertThat(server.awaitLine("session.max limit of 1 reached")).matches(
                        ".*block\\(1\\): tcp/bind \\]: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.\\d+ -> 0\\.0\\.0\\.0\\.0 127\\.0\\.0\\.2\\.0: "
                                + "socks-rule #1: session.max limit of 1 reached");
            }
            // The place comes back with the held bind's end (before its accept line).
            server.awaitLine("pass(1): tcp/accept ]:");
            SocksBindClient.Result later = SocksBindClient.via(server.address()).expect("127.0.0.2", 0).run();
            assertThat(later.first()).isZero();
            assertThat(later.second()).isZero();
        }
    }
}
