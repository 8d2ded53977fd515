package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.socks.CorpusPeers.BLACKHOLE;
import static org.wirelog.socks.CorpusPeers.CLOSED;
import static org.wirelog.socks.CorpusPeers.ECHO;
import static org.wirelog.socks.CorpusPeers.ECHO6;
import static org.wirelog.socks.CorpusPeers.ECHO_XYZ;
import static org.wirelog.socks.CorpusPeers.HTTP;
import static org.wirelog.socks.CorpusPeers.ONE_SHOT;
import static org.wirelog.socks.CorpusPeers.UDP_ECHO;
import static org.wirelog.socks.CorpusPeers.UDP_ECHO6;
import static org.wirelog.socks.CorpusPeers.UDP_ECHO_XYZ;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.testing.Curl;
import org.wirelog.testing.DanteLogNormalizer;
import org.wirelog.testing.LogComparison;
import org.wirelog.testing.RawClient;
import org.wirelog.testing.SocksBindClient;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SocksUdpClient;
import org.wirelog.testing.SystemUser;
import org.wirelog.testing.WirelogProcess;

/**
 * wirelog runs each reference scenario from the very .conf real Dante 1.4.2 ran, with the same clients, and
 * its normalized log must equal Dante's normalized log line for line (REPORT sections 3 and 4).
 */
class DanteCorpusTest {

    private static CorpusPeers peers;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPeers() throws Exception {
        peers = new CorpusPeers();
    }

    @AfterAll
    static void stopPeers() throws IOException {
        peers.close();
    }

    @FunctionalInterface
    interface Clients {
        void run(CorpusPeers peers) throws Exception;
    }

    /**
     * @param expectedFrom   the corpus scenario whose .norm is expected (usually the same name)
     * @param dropSessions   sessions (1-based, in order) of the reference to leave out, where wirelog differs from
     *                       Dante on purpose (SOCKS4a)
     * @param loose          mask what real Dante itself varies on for curl-driven sessions (REPORT 11.2)
     */
    record Scenario(String name, String expectedFrom, Clients clients, List<Integer> dropSessions, boolean loose,
                    Map<String, String> sameAs) {
        static Scenario of(String name, Clients clients) {
            return new Scenario(name, name, clients, List.of(), false, Map.of());
        }

        Scenario dropping(Integer... sessions) {
            return new Scenario(name, expectedFrom, clients, List.of(sessions), loose, sameAs);
        }

        Scenario loosely() {
            return new Scenario(name, expectedFrom, clients, dropSessions, true, sameAs);
        }

        Scenario expecting(String reference) {
            return new Scenario(name, reference, clients, dropSessions, loose, sameAs);
        }

        /** Two texts real Dante printed for the same input in different runs: either is right. */
        Scenario allowing(String text, String alternative) {
            return new Scenario(name, expectedFrom, clients, dropSessions, loose, Map.of(text, alternative));
        }

        String canonical(String line) {
            for (var e : sameAs.entrySet()) line = line.replace(e.getKey(), e.getValue());
            return line;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        InetAddress client2 = InetAddress.ofLiteral("127.0.0.2");
        InetAddress client3 = InetAddress.ofLiteral("127.0.0.3");
        Clients passBlockClientBlock = p -> {
            p.client(ECHO).run();
            p.client(CLOSED).run();
            p.client(ECHO).from(client3).run();
        };
        return Stream.of(
                Scenario.of("connect-pass", p -> assertThat(p.client(ECHO).run().received()).isEqualTo(4)),
                Scenario.of("connect-blocked", p -> {
                    assertThat(p.client(ECHO).run().reply()).isEqualTo(2);
                    assertThat(p.clientByName(ECHO).run().reply()).isEqualTo(2);
                }),
                Scenario.of("block-accept", p -> {
                    p.client(ECHO).run();
                    p.client(ECHO).from(client3).run();
                    assertThat(p.client(ECHO).from(client2).run().received()).isEqualTo(4);
                }),
                Scenario.of("default-block", p -> {
                    assertThat(p.client(ECHO).run().reply()).isEqualTo(2);
                    // BIND to 127.0.0.2:0 and UDP ASSOCIATE: refused by the default rule before any command runs.
                    assertThat(RawClient.exchange(p.proxy(), "050100" + "05020001" + "7f000002" + "0000", Duration.ofSeconds(3)).hex())
                            .isEqualTo("0500" + "05020001" + "7f000002" + "0000");
                    Thread.sleep(CorpusPeers.SETTLE);
                    assertThat(RawClient.exchange(p.proxy(), "050100" + "05030001" + "00000000" + "0000", Duration.ofSeconds(3)).hex())
                            .startsWith("0500" + "0502");
                }),
                Scenario.of("socks4-connect", p -> {
                    assertThat(p.client(ECHO).version(SocksClient.Version.SOCKS4).userid("bob").run().reply()).isEqualTo(90);
                    Thread.sleep(CorpusPeers.SETTLE);
                    assertThat(Curl.get("--socks4", "127.0.0.1:" + p.port(CorpusPeers.SERVER),
                            "http://127.0.0.1:" + p.port(HTTP) + "/hello.txt")).isEqualTo("200");
                }).loosely(),
                Scenario.of("socks5-hostname", p -> {
                    assertThat(p.clientByName(ECHO).run().received()).isEqualTo(4);
                    assertThat(Curl.get("--socks5-hostname", "127.0.0.1:" + p.port(CorpusPeers.SERVER),
                            "http://localhost:" + p.port(HTTP) + "/hello.txt")).isEqualTo("200");
                }).loosely(),
                // Real Dante takes SOCKS4a's 0.0.0.1 literally and fails; wirelog resolves the name, so its log is
                // exactly what Dante logs for the same sessions asked by name over SOCKS5.
                Scenario.of("socks4a-connect", p -> {
                    assertThat(p.clientByName(ECHO).version(SocksClient.Version.SOCKS4A).userid("bob").run().received()).isEqualTo(4);
                    assertThat(Curl.get("--socks4a", "127.0.0.1:" + p.port(CorpusPeers.SERVER),
                            "http://localhost:" + p.port(HTTP) + "/hello.txt")).isEqualTo("200");
                }).expecting("socks5-hostname").loosely(),
                Scenario.of("connect-refused", p -> {
                    assertThat(p.client(CLOSED).run().reply()).isEqualTo(5);
                    assertThat(p.clientByName(CLOSED).run().reply()).isEqualTo(5);
                }),
                Scenario.of("warn-econnrefused", p -> assertThat(p.client(CLOSED).run().reply()).isEqualTo(5)),
                Scenario.of("warn-dns-any", p -> {
                    assertThat(p.clientOf("nosuchname.invalid", 80).run().reply()).isEqualTo(4);
                    assertThat(Curl.get("--socks5-hostname", "127.0.0.1:" + p.port(CorpusPeers.SERVER),
                            "http://nosuchname.invalid:" + p.port(HTTP) + "/")).endsWith("000");
                }),
                Scenario.of("dns-fail-nowarn", p -> assertThat(p.clientOf("nosuchname.invalid", 80).run().reply()).isEqualTo(4)),
                Scenario.of("connect-timeout", p -> assertThat(p.client(BLACKHOLE).run().reply()).isEqualTo(6)),
                Scenario.of("io-timeout", p -> {
                    assertThat(p.client(ECHO).waitForEof().run().sawEof()).isTrue();
                    assertThat(p.udpClient(UDP_ECHO).hold(Duration.ofMillis(4500)).run().answered()).isEqualTo(1);
                }),
                Scenario.of("connect-client-reset", p -> p.client(ECHO).noEcho().hold(Duration.ofMillis(500)).reset().run()),
                Scenario.of("connect-target-closes", p -> assertThat(p.client(ONE_SHOT).waitForEof().run().received()).isEqualTo(4)),
                Scenario.of("ioop-multi", p -> {
                    assertThat(p.client(ECHO).rounds(3, Duration.ofMillis(200)).run().received()).isEqualTo(12);
                    assertThat(p.client(ECHO_XYZ).expectBytes(7).run().received()).isEqualTo(7);
                }),
                Scenario.of("rule-numbering", p -> {
                    assertThat(p.client(ECHO).run().received()).isEqualTo(4);
                    assertThat(p.client(CLOSED).run().reply()).isEqualTo(2);
                }),
                Scenario.of("log-data", p -> {
                    byte[] all = new byte[256];
                    for (int i = 0; i < 256; i++) all[i] = (byte) i;
                    assertThat(p.client(ECHO).payload(all).run().received()).isEqualTo(256);
                    p.client(ECHO).payload(java.util.HexFormat.of().parseHex("003100610000370038")).run();
                    assertThat(Curl.get("--socks5", "127.0.0.1:" + p.port(CorpusPeers.SERVER),
                            "http://127.0.0.1:" + p.port(HTTP) + "/hello.txt")).isEqualTo("200");
                    Thread.sleep(CorpusPeers.SETTLE);
                    assertThat(p.udpClient(UDP_ECHO).run().answered()).isEqualTo(1);
                }).loosely(),
                Scenario.of("logkw-connect", passBlockClientBlock),
                Scenario.of("logkw-disconnect", passBlockClientBlock),
                Scenario.of("logkw-ioop", passBlockClientBlock),
                Scenario.of("logkw-data", passBlockClientBlock),
                Scenario.of("logkw-split", passBlockClientBlock),
                Scenario.of("logkw-error", passBlockClientBlock),
                Scenario.of("logkw-tcpinfo", passBlockClientBlock),
                Scenario.of("ipv6", p -> {
                    assertThat(SocksClient.via(p.proxy6()).target("::1", p.port(ECHO6)).settle(CorpusPeers.SETTLE).run().received()).isEqualTo(4);
                    assertThat(SocksUdpClient.via(p.proxy6()).target("::1", p.port(UDP_ECHO6)).settle(CorpusPeers.SETTLE).run()
                            .answered()).isEqualTo(1);
                    assertThat(SocksClient.via(p.proxy6()).target("127.0.0.1", p.port(ECHO)).run().reply()).isEqualTo(8);
                }),
                Scenario.of("bind-pass", p -> {
                    SocksBindClient.Result bind = p.bindClient().expect("127.0.0.2", 0).run();
                    assertThat(bind.second()).isZero();
                    assertThat(new String(bind.remoteReceived(), StandardCharsets.US_ASCII)).isEqualTo("CLIENT08");
                }),
                Scenario.of("bind-blocked", p -> assertThat(p.bindClient().expect("127.0.0.2", 0).run().first()).isEqualTo(2)),
                Scenario.of("bind-reply-blocked", p -> {
                    assertThat(p.bindClient().expect("127.0.0.2", 0).run().second()).isEqualTo(2);
                    assertThat(p.bindClient().expect("0.0.0.0", 0).run().second()).isEqualTo(2);
                }),
                Scenario.of("bind-unexpected-peer", p -> assertThat(p.bindClient().expect("127.0.0.1", 0).run().second()).isEqualTo(2)),
                Scenario.of("udp-pass", p -> assertThat(p.udpClient(UDP_ECHO).run().replies().getFirst().text()).isEqualTo("ping")),
                Scenario.of("udp-pass-asym", p -> assertThat(p.udpClient(UDP_ECHO_XYZ).count(2).run().replies())
                        .extracting(SocksUdpClient.Datagram::text).containsExactly("pingXYZ", "pingXYZ")),
                Scenario.of("udp-blocked", p -> {
                    assertThat(p.udpClient(UDP_ECHO).run().reply()).isEqualTo(2);
                    assertThat(p.udpClient(UDP_ECHO).zeroDst().run().reply()).isEqualTo(2);
                }),
                Scenario.of("udp-reply-blocked", p -> assertThat(p.udpClient(UDP_ECHO).count(3).replyTimeout(Duration.ofSeconds(1))
                        .run().answered()).isZero()),
                Scenario.of("udp-dest-blocked", p -> {
                    assertThat(p.udpClient(UDP_ECHO).target("localhost", p.port(UDP_ECHO)).byName().run().answered()).isEqualTo(1);
                    assertThat(p.udpClient(CLOSED).replyTimeout(Duration.ofMillis(500)).run().answered()).isZero();
                    assertThat(p.udpClient(CLOSED).target("localhost", p.port(CLOSED)).byName().replyTimeout(Duration.ofMillis(500))
                            .run().answered()).isZero();
                }),
                Scenario.of("udp-port-unreachable", p -> assertThat(p.udpClient(CLOSED).count(2).replyTimeout(Duration.ofSeconds(1))
                        .run().answered()).isZero()),
                Scenario.of("socks5-username", p -> {
                    try (SystemUser user = SystemUser.create("dantelab", "Lab-pass1")) {
                        assertThat(p.client(ECHO).login(user.name(), "Lab-pass1").run().received()).isEqualTo(4);
                        assertThat(Curl.get("--socks5", "dantelab:Lab-pass1@127.0.0.1:" + p.port(CorpusPeers.SERVER),
                                "http://127.0.0.1:" + p.port(HTTP) + "/hello.txt")).isEqualTo("200");
                        Thread.sleep(CorpusPeers.SETTLE);
                        assertThat(p.client(ECHO).login(user.name(), "wrong").run().reply()).isEqualTo(SocksClient.LOGIN_FAILED);
                        assertThat(p.client(ECHO).run().reply()).isEqualTo(0xff);
                    }
                }).loosely(),
                Scenario.of("negotiate-errors", p -> {
                    assertThat(RawClient.exchange(p.proxy(), "", Duration.ofSeconds(4)).closedByServer()).isTrue();
                    Thread.sleep(CorpusPeers.SETTLE);
                    RawClient.exchange(p.proxy(), "470d0a", Duration.ofSeconds(2));
                    Thread.sleep(CorpusPeers.SETTLE);
                    RawClient.sendAndClose(p.proxy(), "050100");
                    Thread.sleep(CorpusPeers.SETTLE);
                    RawClient.sendAndClose(p.proxy(), "");
                    Thread.sleep(CorpusPeers.SETTLE);
                    // Unknown command and unknown address type: wirelog answers REP 7 and 8 (RFC 1928), then closes.
                    assertThat(RawClient.exchange(p.proxy(), "050100050900017f0000012a3a", Duration.ofSeconds(2)).hex())
                            .isEqualTo("0500" + "05070001000000000000");
                    Thread.sleep(CorpusPeers.SETTLE);
                    assertThat(RawClient.exchange(p.proxy(), "05010005010005", Duration.ofSeconds(2)).hex())
                            .isEqualTo("0500" + "05080001000000000000");
                }).dropping(7)
                        // REPORT section 8 saw both for a client that offers methods and closes: it depends on
                        // whether the client's RST (for our method reply) arrives before the next read.
                        .allowing("3 bytes in <N> seconds: Connection reset by peer", "3 bytes in <N> seconds: eof from local client"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void logEqualsRealDante(Scenario scenario) throws Exception {
        peers.newServerPort();
        Path log = dir.resolve(scenario.name() + ".log");
        Path config = dir.resolve(scenario.name() + ".conf");
        Files.writeString(config, peers.rewrite(resource(scenario.name() + ".conf"), log));
        List<String> actual;
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config.toString())) {
            scenario.clients().run(peers);
            Thread.sleep(300); // let the last session's closing lines be written
            assertThat(wirelog.stop()).isZero();
            actual = normalize(Files.readAllLines(log), scenario.loose()).stream().map(scenario::canonical).toList();
        }
        List<String> expected = expected(scenario);
        String difference = LogComparison.difference(expected, actual);
        assertThat(difference).as("wirelog's log vs real Dante's for " + scenario.name()).isNull();
    }

    private static List<String> normalize(List<String> raw, boolean loose) {
        List<String> lines = new DanteLogNormalizer(peers.reverseMap(), peers.fixedAddresses()).normalize(raw);
        List<String> masked = lines.stream().map(DanteLogNormalizer::maskTiming).toList();
        return loose ? LooseLog.apply(masked) : masked;
    }

    private static List<String> expected(Scenario scenario) throws IOException {
        List<String> reference = List.of(resource(scenario.expectedFrom() + ".norm").split("\n"));
        List<String> kept = SessionBlocks.without(reference, scenario.dropSessions());
        List<String> masked = kept.stream().map(DanteLogNormalizer::maskTiming).map(scenario::canonical).toList();
        return scenario.loose() ? LooseLog.apply(masked) : masked;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DanteCorpusTest.class.getResourceAsStream("corpus/" + name)) {
            if (in == null) throw new IOException("no corpus file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Splits a Dante log into client connections, from {@code tcp/accept [:} (or a lone block) to {@code tcp/accept ]:}. */
    static final class SessionBlocks {
        private SessionBlocks() {
        }

        static List<String> without(List<String> lines, List<Integer> dropped) {
            if (dropped.isEmpty()) return lines;
            List<String> out = new ArrayList<>();
            int session = 0;
            boolean open = false;
            for (String line : lines) {
                boolean starts = line.contains("tcp/accept [:") || (!open && line.contains("tcp/accept ]:"));
                if (starts) {
                    session++;
                    open = line.contains("tcp/accept [:");
                }
                boolean inSession = open || starts;
                if (!(inSession && dropped.contains(session))) out.add(line);
                if (line.contains("tcp/accept ]:")) open = false;
            }
            return out;
        }
    }
}
