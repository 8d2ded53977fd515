package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.SocksBindClient;
import org.wirelog.testing.SocksUdpClient;
import org.wirelog.testing.UdpTargets;

/**
 * UDP ASSOCIATE and BIND beyond the corpus: several targets in one association, bad datagrams (each dropped with
 * its line while the association keeps working), the i/o timeout, SOCKS4 BIND.
 */
class UdpAndBindTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @TempDir
    java.nio.file.Path dir;

    private final UdpTargets targets = new UdpTargets();
    private RunningServer server;
    private int echo;
    private int echoXyz;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(RunningServer.config("timeout.io.udp: 2",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect ioop }"), dir);
        echo = targets.echo(LOOPBACK);
        echoXyz = targets.echoWithSuffix(LOOPBACK, "XYZ");
    }

    @AfterEach
    void stop() {
        server.close();
        targets.close();
    }

    @Test
    void severalTargetsInOneAssociationKeepTheirRepliesApart() throws Exception {
        try (SocksUdpClient.Association udp = SocksUdpClient.via(server.address()).open()) {
            assertThat(udp.reply()).isZero();
            for (int round = 0; round < 3; round++) {
                udp.send("127.0.0.1", echo, false, "one".getBytes(StandardCharsets.US_ASCII));
                SocksUdpClient.Datagram first = udp.receive(Duration.ofSeconds(3));
                assertThat(first.from().getPort()).isEqualTo(echo);
                assertThat(first.text()).isEqualTo("one");
                udp.send("localhost", echoXyz, true, "two".getBytes(StandardCharsets.US_ASCII));
                SocksUdpClient.Datagram second = udp.receive(Duration.ofSeconds(3));
                assertThat(second.from().getPort()).isEqualTo(echoXyz);
                assertThat(second.text()).isEqualTo("twoXYZ");
            }
        }
        String closing = server.awaitLine("udp/udpassociate ]:");
        // 6 datagrams each way; 3 with a 10-byte header out, 3 with 16 ("localhost"), all with 10 back.
        assertThat(closing).contains("]: " + (6 * 10 + 3 * 3 + 3 * 6) + "/6 -> ")
                .contains(" -> " + (3 * 13 + 3 * 19) + "/6, " + (6 * 3) + "/6 -> ")
                .contains(" 0.0.0.0.0 -> " + (3 * 3 + 3 * 6) + "/6: local client closed");
        // One external port for all targets, as Dante has one external socket.
        List<String> out = server.lines().stream().filter(l -> l.startsWith("pass(1): udp/udpassociate -:")).toList();
        assertThat(out).hasSize(6);
        assertThat(out.stream().map(l -> l.split(" ")[5]).distinct()).hasSize(1);
    }

    @Test
    void badDatagramsAreDroppedWithALineAndTheAssociationGoesOn() throws Exception {
        HexFormat hex = HexFormat.of();
        try (SocksUdpClient.Association udp = SocksUdpClient.via(server.address()).open();
             java.net.DatagramSocket stranger = new java.net.DatagramSocket(new java.net.InetSocketAddress(InetAddress.ofLiteral("127.0.0.3"), 0))) {
            udp.send("127.0.0.1", echo, false, "ok".getBytes(StandardCharsets.US_ASCII));
            assertThat(udp.receive(Duration.ofSeconds(3)).text()).isEqualTo("ok");
            udp.sendRaw(hex.parseHex("0000"));                                   // short header
            udp.sendRaw(hex.parseHex("00000005" + "7f000001"));                  // unknown ATYP
            udp.sendRaw(hex.parseHex("00000003" + "ff" + "616263"));             // name longer than the datagram
            udp.sendRaw(hex.parseHex("00000101" + "7f000001" + Integer.toHexString(0x10000 | echo).substring(1) + "6672"));
            byte[] fromStranger = hex.parseHex("00000001" + "7f000001" + Integer.toHexString(0x10000 | echo).substring(1) + "6576696c");
            stranger.send(new java.net.DatagramPacket(fromStranger, fromStranger.length, udp.relay()));
            udp.send("no.such.host.invalid", echo, true, "x".getBytes(StandardCharsets.US_ASCII));
            udp.send("127.0.0.1", echo, false, "still".getBytes(StandardCharsets.US_ASCII));
            assertThat(udp.receive(Duration.ofSeconds(5)).text()).isEqualTo("still");
        }
        server.awaitLine("udp/udpassociate ]:");
        List<String> drops = server.lines().stream().filter(l -> l.startsWith("block(0): udp/udpassociate -: ")).toList();
        assertThat(drops).hasSize(6);
        assertThat(drops.get(0)).endsWith(": short SOCKS UDP header: 2 bytes");
        assertThat(drops.get(1)).endsWith(": unknown address type 5 in SOCKS UDP header");
        assertThat(drops.get(2)).endsWith(": truncated SOCKS UDP header: 8 bytes, but its address needs 262");
        assertThat(drops.get(3)).endsWith(": fragmented SOCKS UDP datagram (FRAG 1) dropped: fragments are not supported");
        assertThat(drops.get(4)).startsWith("block(0): udp/udpassociate -: 127.0.0.3.").contains(" dropped: this association is for 127.0.0.1.");
        assertThat(drops.get(5)).endsWith(": could not resolve hostname \"no.such.host.invalid\": Name or service not known");
        // Dropped datagrams are not counted: two passed each way.
        assertThat(server.awaitLine("udp/udpassociate ]:")).contains("]: 27/2 -> ").contains(" -> 27/2, 7/2 -> ");
    }

    @Test
    void anIdleAssociationEndsAfterTheUdpIoTimeout() throws Exception {
        try (SocksUdpClient.Association udp = SocksUdpClient.via(server.address()).open()) {
            udp.send("127.0.0.1", echo, false, "ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(udp.receive(Duration.ofSeconds(3)).text()).isEqualTo("ping");
            assertThat(udp.controlClosed(Duration.ofSeconds(6))).isTrue();
        }
        assertThat(server.awaitLine("udp/udpassociate ]:")).contains(": i/o timeout.  Session duration: ");
        assertThat(server.awaitLine("tcp/accept ]:")).contains("]: 14 -> ").contains(" -> 4: i/o timeout.");
    }

    @Test
    void socks4BindWorksLikeSocks5() throws Exception {
        SocksBindClient.Result result = SocksBindClient.via(server.address()).socks4().expect("127.0.0.2", 0)
                .remoteFrom(InetAddress.ofLiteral("127.0.0.2")).run();
        assertThat(result.first()).isEqualTo(90);
        assertThat(result.second()).isEqualTo(90);
        assertThat(result.remote().getAddress()).isEqualTo(InetAddress.ofLiteral("127.0.0.2"));
        assertThat(new String(result.clientReceived(), StandardCharsets.US_ASCII)).isEqualTo("TGT4");
        assertThat(new String(result.remoteReceived(), StandardCharsets.US_ASCII)).isEqualTo("CLIENT08");
        assertThat(server.awaitLine("tcp/accept ]:")).contains("]: 4 -> ").contains(" -> 8: remote peer closed.");
    }

    @Test
    void aBindClientThatLeavesBeforeThePeerComesEndsTheBind() throws Exception {
        String reply = org.wirelog.testing.RawClient.exchangeThenEnd(server.address(), "050100" + "05020001" + "7f000002" + "0000",
                Duration.ofSeconds(2)).hex();
        assertThat(reply).startsWith("0500" + "0500");
        assertThat(server.awaitLine("tcp/accept ]:")).contains(": local client closed.");
        assertThat(server.lines()).anyMatch(l -> l.matches("pass\\(1\\): tcp/bind \\]: .* -> 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.2\\.0"));
    }
    @Test
    void aRelayingBindIsInTheStatusDumpAsItsBindreplySession() throws Exception {
        try (HeldBind bind = HeldBind.open(server.address(), "127.0.0.2")) {
            assertThat(bind.firstReply()).isZero();
            assertThat(bind.connectRemote(InetAddress.ofLiteral("127.0.0.2"))).isZero();
            bind.exchange("TGT4".getBytes(StandardCharsets.US_ASCII), "CLIENT08".getBytes(StandardCharsets.US_ASCII));

            // REMOTE PROXY-EXT <-> PROXY-INT CLIENT, as the bindreply lines run: 4 bytes from the remote, 8 back.
            assertThat(dumpOnceCounted("tcp: ", "<-> 8 (+ 0 buffered (0 + 0 + 0))")).filteredOn(l -> l.startsWith("tcp: ")).singleElement().asString().matches(
                    "tcp: 127\\.0\\.0\\.2\\.\\d+ 127\\.0\\.0\\.1\\.\\d+ <-> 127\\.0\\.0\\.1\\.%d 127\\.0\\.0\\.1\\.\\d+: "
                            .formatted(server.address().getPort())
                            + "age: 0s, idle: 0s, bytes transferred: 4 \\(\\+ 0 buffered \\(0 \\+ 0 \\+ 0\\)\\) <-> 8 "
                            + "\\(\\+ 0 buffered \\(0 \\+ 0 \\+ 0\\)\\)");
        }
        server.awaitLine("tcp/bindreply ]:");
        assertThat(server.statusDump()).noneMatch(l -> l.startsWith("tcp: "));
    }

    @Test
    void anAssociationIsInTheStatusDumpFromItsStartWithWhatItHasLearned() throws Exception {
        try (SocksUdpClient.Association udp = SocksUdpClient.via(server.address()).open()) {
            String client = "127.0.0.1." + udp.udpAddress().getPort();
            String relay = "127.0.0.1." + udp.relay().getPort();
            // No datagram yet: CLIENT-UDP as announced and PROXY-INTUDP only.
            assertThat(server.statusDump()).filteredOn(l -> l.startsWith("udp: ")).containsExactly("udp: " + client + " " + relay
                    + ": age: 0s, idle: 0s, bytes transferred: 0 <-> 0, packets: 0 <-> 0");

            udp.send("127.0.0.1", echoXyz, false, "ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(udp.receive(Duration.ofSeconds(3)).text()).isEqualTo("pingXYZ");
            List<String> dump = dumpOnceCounted("udp: ", "packets: 1 <-> 1");
            assertThat(dump).filteredOn(l -> l.startsWith("udp: ")).singleElement().asString().matches(
                    "udp: " + client.replace(".", "\\.") + " " + relay.replace(".", "\\.") + " <-> 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\."
                            + echoXyz + ": age: 0s, idle: 0s, bytes transferred: 4 <-> 17, packets: 1 <-> 1");
            assertThat(dump).anyMatch(l -> l.matches("read-only latency statistics based on last \\d+ packets: .* \\(us\\)"));

            // A second target: TARGET becomes 0.0.0.0.0, as on the closing line.
            udp.send("127.0.0.1", echo, false, "ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(udp.receive(Duration.ofSeconds(3)).text()).isEqualTo("ping");
            assertThat(dumpOnceCounted("udp: ", "packets: 2 <-> 2")).filteredOn(l -> l.startsWith("udp: ")).singleElement().asString()
                    .contains(" 0.0.0.0.0: ").endsWith("bytes transferred: 8 <-> 31, packets: 2 <-> 2");
        }
        server.awaitLine("udp/udpassociate ]:");
        assertThat(server.statusDump()).noneMatch(l -> l.startsWith("udp: "));
    }

    /**
     * The dump once its line starting with {@code kind} ends with {@code counted} (bounded): the peers have their
     * bytes a moment before the relay has counted them.
     */
    private List<String> dumpOnceCounted(String kind, String counted) throws InterruptedException {
        List<String> dump = server.statusDump();
        for (int i = 0; i < 100 && dump.stream().noneMatch(l -> l.startsWith(kind) && l.endsWith(counted)); i++) {
            Thread.sleep(10);
            dump = server.statusDump();
        }
        return dump;
    }
}
