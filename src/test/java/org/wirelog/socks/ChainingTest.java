package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.HttpConnectProxy;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;

/**
 * Server chaining beyond the corpus: an HTTP CONNECT next proxy, SOCKS v4, several routes picked by from/to, and
 * every way the next proxy can fail, each with the client's reply and the exact log lines.
 */
class ChainingTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    private static String route(String to, int proxyPort, String protocol) {
        return "route {\n  from: 0/0 to: " + to + " via: 127.0.0.1 port = " + proxyPort + "\n  proxyprotocol: "
                + protocol + "\n  command: connect\n}";
    }

    @Test
    void httpConnectProxyHasNoLastProxyExternal() throws Exception {
        try (HttpConnectProxy proxy = HttpConnectProxy.start(LOOPBACK, 0);
             RunningServer server = RunningServer.start(RunningServer.passAll(route("0/0", proxy.port(), "http_v1.0")), dir)) {
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run();

            assertThat(result.received()).isEqualTo(4);
            assertThat(result.bound()).isEqualTo(new InetSocketAddress("0.0.0.0", 0));
            assertThat(proxy.requests()).containsExactly("CONNECT 127.0.0.1:" + ECHO.port() + " HTTP/1.0");
            server.awaitLine("tcp/accept ]:");
            String chain = " -> 127.0.0.1.<P3> 127.0.0.1." + proxy.port() + " 127.0.0.1." + ECHO.port();
            assertThat(server.normalizedLinesKeeping(proxy.port(), ECHO.port())).containsExactly(
                    "pass(1): tcp/accept [: 127.0.0.1.<P1> 127.0.0.1.<P2>",
                    "pass(1): tcp/connect [: 127.0.0.1.<P1> 127.0.0.1.<P2>" + chain,
                    "pass(1): tcp/connect ]: 4 -> 127.0.0.1.<P1> 127.0.0.1.<P2> -> 4, 4" + chain
                            + " -> 4: local client closed.  Session duration: 0s",
                    "pass(1): tcp/accept ]: 4 -> 127.0.0.1.<P1> 127.0.0.1.<P2> -> 4: local client closed.  Session duration: 0s");
        }
    }

    @Test
    void socksV4NextProxyReportsItsExternalAddress() throws Exception {
        try (RunningServer upstream = RunningServer.start(RunningServer.passAll(""), dir);
             RunningServer server = RunningServer.start(RunningServer.passAll(route("0/0", upstream.address().getPort(), "socks_v4")), dir)) {
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run();

            assertThat(result.received()).isEqualTo(4);
            String upstreamConnect = upstream.awaitLine("tcp/connect [:");
            String upstreamExternal = upstreamConnect.replaceFirst(".* -> (\\S+) \\S+$", "$1");
            assertThat(server.awaitLine("tcp/connect [:")).endsWith(" 127.0.0.1." + upstream.address().getPort()
                    + " [" + upstreamExternal + "] 127.0.0.1." + ECHO.port());
            assertThat("127.0.0.1." + result.bound().getPort()).isEqualTo(upstreamExternal);
        }
    }

    @Test
    void routesArePickedByTheirToAddressAndTheRestGoesDirect() throws Exception {
        int otherEcho = ECHO.another();
        int thirdEcho = ECHO.another();
        try (HttpConnectProxy http = HttpConnectProxy.start(LOOPBACK, 0);
             RunningServer upstream = RunningServer.start(RunningServer.passAll(""), dir);
             RunningServer server = RunningServer.start(RunningServer.passAll(
                     route("127.0.0.1/32 port = " + ECHO.port(), http.port(), "http_v1.0") + "\n"
                             + route("127.0.0.1/32 port = " + otherEcho, upstream.address().getPort(), "socks_v5")), dir)) {
            for (int target : List.of(ECHO.port(), otherEcho, thirdEcho)) {
                assertThat(SocksClient.via(server.address()).target("127.0.0.1", target).run().received()).isEqualTo(4);
            }
            List<String> connects = new ArrayList<>();
            for (String line : server.lines()) if (line.contains("tcp/connect [:")) connects.add(line.replaceFirst(".* -> \\S+ ", ""));

            assertThat(connects).hasSize(3);
            assertThat(connects.get(0)).isEqualTo("127.0.0.1." + http.port() + " 127.0.0.1." + ECHO.port());
            assertThat(connects.get(1)).matches("127\\.0\\.0\\.1\\." + upstream.address().getPort()
                    + " \\[127\\.0\\.0\\.1\\.\\d+\\] 127\\.0\\.0\\.1\\." + otherEcho);
            assertThat(connects.get(2)).isEqualTo("127.0.0.1." + thirdEcho);
            assertThat(http.requests()).containsExactly("CONNECT 127.0.0.1:" + ECHO.port() + " HTTP/1.0");
        }
    }

    @Test
    void nextProxyDownGivesGeneralFailureAndSaysWhichProxy() throws Exception {
        int down = TcpTargets.closedPort(LOOPBACK);
        try (RunningServer server = RunningServer.start(RunningServer.passAll(route("0/0", down, "socks_v5")), dir)) {
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run();

            assertThat(result.reply()).isEqualTo(1);
            server.awaitLine("tcp/accept ]:");
            String chain = "127.0.0.1.<P1> 127.0.0.1.<P2> -> 127.0.0.1.<P3> 127.0.0.1." + down + " 127.0.0.1." + ECHO.port();
            String reason = "could not connect to next proxy 127.0.0.1." + down + ": Connection refused";
            assertThat(server.normalizedLinesKeeping(down, ECHO.port())).containsExactly(
                    "pass(1): tcp/accept [: 127.0.0.1.<P1> 127.0.0.1.<P2>",
                    "block(1): tcp/connect ]: " + chain + ": " + reason,
                    "block(1): tcp/accept ]: 127.0.0.1.<P1> 127.0.0.1.<P2>: request was not performed due to error: " + reason);
        }
    }

    @Test
    void nextProxysRefusalIsPassedOnToTheClient() throws Exception {
        int closed = TcpTargets.closedPort(LOOPBACK);
        String upstreamConfig = RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }",
                "socks block { from: 0/0 to: 127.0.0.1/32 port = " + ECHO.port() + " log: connect }\nsocks pass { from: 0/0 to: 0/0 }");
        try (RunningServer upstream = RunningServer.start(upstreamConfig, dir);
             RunningServer server = RunningServer.start(RunningServer.passAll(route("0/0", upstream.address().getPort(), "socks_v5")), dir)) {
            assertThat(SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run().reply()).isEqualTo(2);
            assertThat(SocksClient.via(server.address()).target("127.0.0.1", closed).run().reply()).isEqualTo(5);

            server.awaitLine("refused");
            assertThat(server.lines()).filteredOn(line -> line.startsWith("block(1): tcp/connect ]:")).satisfiesExactly(
                    line -> assertThat(line).endsWith(": next proxy replied 2 (connection not allowed by ruleset)"),
                    line -> assertThat(line).endsWith(": next proxy replied 5 (connection refused)"));
        }
    }

    @Test
    void httpProxyRefusalsMapToSocksReplies() throws Exception {
        int closed = TcpTargets.closedPort(LOOPBACK);
        try (HttpConnectProxy proxy = HttpConnectProxy.start(LOOPBACK, ECHO.port());
             RunningServer server = RunningServer.start(RunningServer.passAll(route("0/0", proxy.port(), "http_v1.0")), dir)) {
            assertThat(SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run().reply()).isEqualTo(2);
            assertThat(SocksClient.via(server.address()).target("127.0.0.1", closed).run().reply()).isEqualTo(5);

            server.awaitLine("502");
            assertThat(server.lines()).filteredOn(line -> line.startsWith("block(1): tcp/connect ]:")).satisfiesExactly(
                    line -> assertThat(line).endsWith(": next proxy answered \"HTTP/1.0 403 Forbidden\""),
                    line -> assertThat(line).endsWith(": next proxy answered \"HTTP/1.0 502 Bad Gateway\""));
        }
    }

    @Test
    void silentNextProxyTimesOutWithinTimeoutConnect() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, LOOPBACK);
             RunningServer server = RunningServer.start(RunningServer.passAll("timeout.connect: 1\n" + route("0/0", silent.getLocalPort(), "socks_v5")), dir)) {
            Thread.ofVirtual().start(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().readAllBytes();
                } catch (IOException ignored) {
                    // closed by the test's end
                }
            });
            long start = System.nanoTime();
            assertThat(SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run().reply()).isEqualTo(1);

            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 5000L);
            assertThat(server.awaitLine("block(1): tcp/connect ]:")).endsWith(": next proxy 127.0.0.1." + silent.getLocalPort()
                    + " failed during the socks_v5 request: no answer within timeout.connect");
        }
    }
}
