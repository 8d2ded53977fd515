package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.DevLogReceiver;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.UdpCollector;
import org.wirelog.testing.WirelogProcess;

/**
 * {@code logoutput: syslog} through libc's syslog(3), received on a unix datagram socket the test owns (mounted on
 * /dev/log in a mount namespace of wirelog's own), and remote RFC 5424 syslog to collectors over UDP and TCP.
 */
class SyslogTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static TcpTargets targets;
    private static int echo;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTargets() throws IOException {
        targets = new TcpTargets();
        echo = targets.echo(LOOPBACK);
    }

    @AfterAll
    static void stopTargets() throws IOException {
        targets.close();
    }

    private static String config(int port, String outputs) {
        return outputs + "\ninternal: 127.0.0.1 port = " + port + "\nexternal: 127.0.0.1\n"
                + "external.log.warning.error: ECONNREFUSED\n"
                + "client pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect }\n"
                + "socks pass { from: 0/0 to: 0/0 log: connect disconnect }\n";
    }

    @Test
    void syslogThroughLibcReachesDevLogAndErrorlogGetsWarningsOnly() throws Exception {
        try (DevLogReceiver devLog = DevLogReceiver.start(dir)) {
            int port = TcpTargets.freePort(LOOPBACK);
            int closed = TcpTargets.closedPort(LOOPBACK);
            Path conf = dir.resolve("sockd.conf");
            Files.writeString(conf, config(port, "logoutput: syslog\nerrorlog: syslog/local0"));
            long pid;
            try (WirelogProcess wirelog = WirelogProcess.startWrapped(devLog.wrapper(), "socks", "-f", conf.toString())) {
                pid = wirelog.pid();
                assertThat(SocksClient.via(new InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", echo).run().received()).isEqualTo(4);
                assertThat(SocksClient.via(new InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", closed).run().reply()).isEqualTo(5);
                Thread.sleep(300);
                assertThat(wirelog.stop()).isZero();
            }
            List<String> messages = devLog.messages();
            // daemon.info = 3*8+6 = 30, daemon.warning = 28, local0.warning = 16*8+4 = 132, daemon.alert = 25.
            String tag = " wirelog[" + pid + "]: ";
            assertThat(messages).anyMatch(m -> m.startsWith("<30>") && m.contains(tag + "wirelog/server[1/1] v"));
            assertThat(messages).anyMatch(m -> m.startsWith("<30>") && m.contains(tag + "pass(1): tcp/connect [: 127.0.0.1."));
            assertThat(messages).anyMatch(m -> m.startsWith("<28>") && m.endsWith(tag + "connect to host 127.0.0.1." + closed
                    + " failed: Connection refused"));
            assertThat(messages).filteredOn(m -> m.startsWith("<132>")).hasSize(1)
                    .allMatch(m -> m.endsWith(tag + "connect to host 127.0.0.1." + closed + " failed: Connection refused"));
            assertThat(messages).filteredOn(m -> m.startsWith("<129>")).singleElement()
                    .satisfies(m -> assertThat(m).endsWith(tag + "mother[1/1]: shutting down"));
            assertThat(messages).anyMatch(m -> m.startsWith("<25>") && m.endsWith(tag + "mother[1/1]: shutting down"));
        }
    }

    @Test
    void remoteCollectorsGetRfc5424OverUdpAndTcp() throws Exception {
        List<String> tcp = new CopyOnWriteArrayList<>();
        try (UdpCollector udpCollector = UdpCollector.on(LOOPBACK);
             ServerSocket tcpCollector = new ServerSocket(0, 8, LOOPBACK)) {
            Thread.ofVirtual().start(() -> receiveFrames(tcpCollector, tcp));
            int port = TcpTargets.freePort(LOOPBACK);
            Path conf = dir.resolve("sockd.conf");
            Files.writeString(conf, config(port, "logoutput: syslog://127.0.0.1:" + udpCollector.port()
                    + " syslog+tcp://127.0.0.1:" + tcpCollector.getLocalPort() + "/local2"));
            long pid;
            try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", conf.toString())) {
                pid = wirelog.pid();
                assertThat(SocksClient.via(new InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", echo).run().received()).isEqualTo(4);
                Thread.sleep(300);
                assertThat(wirelog.stop()).isZero();
            }
            Thread.sleep(200);
            List<String> udp = udpCollector.texts();
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            String rfc5424 = "1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z " + java.util.regex.Pattern.quote(host)
                    + " wirelog " + pid + " - - ";
            // daemon.info = 30 over UDP, local2.info = 18*8+6 = 150 over TCP; both get every line, in order.
            assertThat(udp).hasSize(tcp.size()).hasSizeGreaterThanOrEqualTo(7);
            assertThat(udp.getFirst()).matches("<30>" + rfc5424 + "wirelog/server\\[1/1\\] v\\S+ running");
            assertThat(tcp.getFirst()).matches("<150>" + rfc5424 + "wirelog/server\\[1/1\\] v\\S+ running");
            assertThat(udp).anyMatch(m -> m.matches("<30>" + rfc5424 + "pass\\(1\\): tcp/connect \\]: 4 -> .*"));
            assertThat(tcp).anyMatch(m -> m.matches("<150>" + rfc5424 + "pass\\(1\\): tcp/connect \\]: 4 -> .*"));
            assertThat(udp.getLast()).matches("<25>" + rfc5424 + "mother\\[1/1\\]: shutting down");
            assertThat(tcp.getLast()).matches("<145>" + rfc5424 + "mother\\[1/1\\]: shutting down");
        }
    }

    /** RFC 6587 octet counting: {@code LENGTH SP MESSAGE}, back to back. */
    private static void receiveFrames(ServerSocket server, List<String> into) {
        try (Socket connection = server.accept(); DataInputStream in = new DataInputStream(connection.getInputStream())) {
            while (true) {
                StringBuilder length = new StringBuilder();
                for (int c; (c = in.read()) != ' '; ) {
                    if (c < 0) return;
                    length.append((char) c);
                }
                byte[] message = new byte[Integer.parseInt(length.toString())];
                in.readFully(message);
                into.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }
}
