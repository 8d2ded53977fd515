package org.wirelog.socks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.wirelog.testing.HttpTarget;
import org.wirelog.testing.SocksBindClient;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SocksUdpClient;
import org.wirelog.testing.UdpTargets;
import org.wirelog.testing.TcpTargets;

/**
 * The reference corpus's lab, rebuilt on free loopback ports: each fixed corpus port (10800 the server,
 * 10810 the echo, ...) gets a real port here, and the map between them rewrites configs going in and
 * logs coming out.
 */
final class CorpusPeers implements AutoCloseable {

    static final InetAddress V4 = InetAddress.ofLiteral("127.0.0.1");
    static final InetAddress V6 = InetAddress.ofLiteral("::1");

    static final int SERVER = 10800, UPSTREAM = 10801, ECHO = 10810, UDP_ECHO = 10811, BLACKHOLE = 10812,
            UDP_ECHO_XYZ = 10813, HTTP = 10814, ECHO6 = 10815, UDP_ECHO6 = 10816, ECHO_XYZ = 10817, ONE_SHOT = 10818,
            CLOSED = 10899;

    /** The corpus ran each client as its own program; this gap stands for that start-up time. */
    static final java.time.Duration SETTLE = java.time.Duration.ofMillis(150);

    private final TcpTargets targets = new TcpTargets();
    private final UdpTargets udpTargets = new UdpTargets();
    private final HttpTarget http;
    /** corpus port -> our port */
    private final Map<Integer, Integer> ports = new HashMap<>();

    CorpusPeers() throws IOException, InterruptedException {
        ports.put(ECHO, targets.echo(V4));
        ports.put(BLACKHOLE, targets.blackhole(V4));
        ports.put(ECHO6, targets.echo(V6));
        ports.put(ECHO_XYZ, targets.echoWithSuffix(V4, "XYZ"));
        ports.put(ONE_SHOT, targets.oneShotEcho(V4));
        ports.put(UDP_ECHO, udpTargets.echo(V4));
        ports.put(UDP_ECHO_XYZ, udpTargets.echoWithSuffix(V4, "XYZ"));
        ports.put(UDP_ECHO6, udpTargets.echo(V6));
        // Closed for TCP (connect refused) and for UDP (ICMP port unreachable) alike.
        ports.put(CLOSED, UdpTargets.closedPort(V4));
        http = HttpTarget.start("127.0.0.1");
        ports.put(HTTP, http.port());
    }

    /** A fresh port for the server under test (it must not collide with a previous run's TIME_WAIT). */
    void newServerPort() throws IOException {
        ports.put(SERVER, TcpTargets.freePort(V4));
    }

    /** A fresh port for the upstream server of the chaining scenario. */
    void newUpstreamPort() throws IOException {
        ports.put(UPSTREAM, TcpTargets.freePort(V4));
    }

    int port(int corpusPort) {
        return ports.get(corpusPort);
    }

    InetSocketAddress proxy() {
        return new InetSocketAddress(V4, port(SERVER));
    }

    InetSocketAddress proxy6() {
        return new InetSocketAddress(V6, port(SERVER));
    }

    /** A SOCKS5 client through the server to a corpus target given by its corpus port. */
    SocksClient client(int corpusTarget) {
        return SocksClient.via(proxy()).target("127.0.0.1", port(corpusTarget)).settle(SETTLE);
    }

    /** The same, asking for the target by the name "localhost". */
    SocksClient clientByName(int corpusTarget) {
        return SocksClient.via(proxy()).target("localhost", port(corpusTarget)).byName().settle(SETTLE);
    }

    /** A SOCKS5 client through the server to a target outside the corpus's ports, by name. */
    SocksClient clientOf(String hostname, int port) {
        return SocksClient.via(proxy()).target(hostname, port).byName().settle(SETTLE);
    }

    /** A SOCKS5 UDP client through the server to a corpus UDP target. */
    SocksUdpClient udpClient(int corpusTarget) {
        return SocksUdpClient.via(proxy()).target("127.0.0.1", port(corpusTarget)).settle(SETTLE);
    }

    /** A SOCKS5 BIND client whose remote host connects from 127.0.0.2. */
    SocksBindClient bindClient() {
        return SocksBindClient.via(proxy()).remoteFrom(InetAddress.ofLiteral("127.0.0.2")).settle(SETTLE);
    }

    /** our port -> corpus port, for normalizing our log back into the corpus's numbers */
    /** our port -> the one address it is fixed on, for the targets (the server listens on both families) */
    Map<Integer, String> fixedAddresses() {
        Map<Integer, String> on = new HashMap<>();
        ports.forEach((corpus, ours) -> {
            if (corpus == SERVER) return;
            on.put(ours, corpus == ECHO6 || corpus == UDP_ECHO6 ? "::1" : "127.0.0.1");
        });
        return on;
    }

    Map<Integer, Integer> reverseMap() {
        Map<Integer, Integer> reverse = new HashMap<>();
        ports.forEach((corpus, ours) -> reverse.put(ours, corpus));
        return reverse;
    }

    /**
     * The corpus config with our ports in place of the corpus's, and the log written where we say (or where the
     * config says, for a null {@code log}: stdout, say).
     */
    String rewrite(String config, java.nio.file.Path log) {
        StringBuilder out = new StringBuilder();
        for (String line : config.split("\n", -1)) {
            if (line.startsWith("logoutput:") && log != null) line = "logoutput: " + log;
            out.append(rewritePorts(line)).append('\n');
        }
        return out.toString();
    }

    private String rewritePorts(String line) {
        var m = java.util.regex.Pattern.compile("\\b108\\d\\d\\b").matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Integer ours = ports.get(Integer.parseInt(m.group()));
            m.appendReplacement(out, ours == null ? m.group() : String.valueOf(ours));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        targets.close();
        udpTargets.close();
        http.close();
    }
}
