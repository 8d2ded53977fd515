package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wirelog.format.ipprot.Rfc3339;
import org.wirelog.model.EndReason;
import org.wirelog.model.Event;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.testing.TcpTargets;

class ForwardingTest {

    @TempDir
    Path dir;

    static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void forwardsBothWaysExactlyAndCountsEveryByte(long seed) throws Exception {
        byte[] request = random(seed, 100_000 + (int) seed * 777);
        byte[] response = random(seed + 100, 300_000 + (int) seed * 555);
        byte[][] received = new byte[1][];
        try (var server = new LoopbackServer(s -> {
            received[0] = s.getInputStream().readNBytes(request.length);
            s.getOutputStream().write(response);
        }); var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1")) {
            try (Socket client = forwarder.connect()) {
                client.getOutputStream().write(request);
                assertThat(client.getInputStream().readAllBytes()).isEqualTo(response);
            }
            Event.SessionClosed closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            assertThat(received[0]).isEqualTo(request);
            Traffic t = closed.traffic();
            assertThat(List.of(t.client().read(), t.target().written(), t.target().read(), t.client().written()))
                    .containsExactly((long) request.length, (long) request.length, (long) response.length, (long) response.length);
            assertThat(server.failures).isEmpty();
        }
    }

    @Test
    void passesHalfCloseOnSoTheAnswerAfterTheRequestsEndStillArrives() throws Exception {
        try (var server = new LoopbackServer(s -> {
            byte[] all = s.getInputStream().readAllBytes();   // until the client's EOF
            s.getOutputStream().write(("got " + all.length + " bytes").getBytes(StandardCharsets.US_ASCII));
        }); var forwarder = TestForwarder.start("-P", server.port() + "@127.0.0.1")) {
            try (Socket client = forwarder.connect()) {
                client.getOutputStream().write(new byte[12345]);
                client.shutdownOutput();
                assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("got 12345 bytes");
            }
            Event.SessionClosed closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            assertThat(closed.reason()).isEqualTo(EndReason.of(EndReason.Kind.CLIENT_CLOSED));
        }
    }

    @Test
    void writesTheConnectionLogEntryWhenTheConnectionCloses() throws Exception {
        Path log = dir.resolve("conn.log");
        try (var server = LoopbackServer.exchange(5, "world!".getBytes(StandardCharsets.US_ASCII));
             var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "-c", log.toString(),
                     "-C", "Connected: %s, disconnected after %S secs at: %e")) {
            try (Socket client = forwarder.connect()) {
                client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                client.getInputStream().readAllBytes();
            }
            Event.SessionClosed closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            Session s = closed.session();
            assertThat(Files.readString(log)).isEqualTo("Connected: " + Rfc3339.format(s.begin(), TestForwarder.ZONE)
                    + ", disconnected after 0 secs at: " + Rfc3339.format(closed.time(), TestForwarder.ZONE) + "\n");
        }
    }

    @Test
    void defaultConnectionLogEntryNamesEveryEndpointAndCount() throws Exception {
        Path log = dir.resolve("conn.log");
        try (var server = LoopbackServer.exchange(5, "world!".getBytes(StandardCharsets.US_ASCII));
             var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "-c" + log)) {
            int clientPort;
            try (Socket client = forwarder.connect()) {
                clientPort = client.getLocalPort();
                client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                client.getInputStream().readAllBytes();
            }
            Event.SessionClosed closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            String begin = Rfc3339.format(closed.session().begin(), TestForwarder.ZONE);
            String end = Rfc3339.format(closed.time(), TestForwarder.ZONE);
            assertThat(Files.readString(log)).isEqualTo(begin + " - " + end + ": 127.0.0.1." + clientPort + " -> 127.0.0.1."
                    + forwarder.port() + " -> 127.0.0.1." + server.port() + ": 5 bytes in, 6 bytes out, 0 secs: remote peer closed\n");
        }
    }

    @Test
    void writesSessionsInDantesFormatBesideTheConnectionLog() throws Exception {
        Path dante = dir.resolve("dante.log");
        try (var server = LoopbackServer.exchange(5, "world!".getBytes(StandardCharsets.US_ASCII));
             var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "--log-output", dante.toString(),
                     "-c", dir.resolve("conn.log").toString())) {
            int clientPort;
            try (Socket client = forwarder.connect()) {
                clientPort = client.getLocalPort();
                client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                client.getInputStream().readAllBytes();
            }
            Event.SessionClosed closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            String client = "127.0.0.1." + clientPort + " 127.0.0.1." + forwarder.port();
            String target = closed.session().external() + " 127.0.0.1." + server.port();
            List<String> lines = Files.readAllLines(dante).stream().map(l -> l.substring(l.indexOf(": info: ") + 8)).toList();
            assertThat(lines).containsExactly(
                    "pass(0): tcp/forward [: " + client + " -> " + target,
                    "pass(0): tcp/forward ]: 6 -> " + client + " -> 5, 5 -> " + target
                            + " -> 6: remote peer closed.  Session duration: 0s");
            assertThat(Files.readAllLines(dir.resolve("conn.log"))).hasSize(1);
        }
    }

    @Test
    void writesSessionsAsJsonLines() throws Exception {
        Path json = dir.resolve("sessions.json");
        try (var server = LoopbackServer.exchange(5, "world!".getBytes(StandardCharsets.US_ASCII));
             var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "--log-format", "json", "--log-output",
                     json.toString())) {
            int clientPort;
            try (Socket client = forwarder.connect()) {
                clientPort = client.getLocalPort();
                client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                client.getInputStream().readAllBytes();
            }
            Event.SessionClosed closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            String common = "\"protocol\":\"tcp\",\"command\":\"forward\",\"verdict\":\"pass(0)\","
                    + "\"client\":{\"host\":\"127.0.0.1\",\"port\":" + clientPort + "},"
                    + "\"internal\":{\"host\":\"127.0.0.1\",\"port\":" + forwarder.port() + "},"
                    + "\"external\":{\"host\":\"127.0.0.1\",\"port\":" + closed.session().external().port() + "},"
                    + "\"target\":{\"host\":\"127.0.0.1\",\"port\":" + server.port() + "}";
            String id = "\"session\":" + closed.session().id() + ",";
            List<String> lines = Files.readAllLines(json);
            assertThat(lines).hasSize(2);
            // The open event's time is when the connection to the destination was made: RFC 3339, after the begin.
            assertThat(lines.get(0)).matches("\\{\"time\":\"[0-9-]+T[0-9:.]+Z\",.*").endsWith("\",\"event\":\"open\"," + id + common + "}");
            java.time.Instant opened = java.time.Instant.parse(lines.get(0).substring(9, lines.get(0).indexOf('"', 9)));
            assertThat(opened).isBetween(closed.session().begin(), closed.time());
            assertThat(lines.get(1)).startsWith("{\"time\":\"" + closed.time() + "\",\"event\":\"close\"," + id + common
                    + ",\"clientLink\":{\"written\":6,\"read\":5},\"targetLink\":{\"written\":5,\"read\":6},"
                    + "\"reason\":\"remote peer closed\",\"seconds\":").endsWith("}");
        }
    }

    @Test
    void refusesClientsNotInTheAllowListAndLogsThem() throws Exception {
        Path log = dir.resolve("conn.log");
        try (var server = LoopbackServer.exchange(2, "ok".getBytes(StandardCharsets.US_ASCII));
             var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "-r", "10.9.9.9", "-r127.0.0.1",
                     "-c", log.toString(), "-C", "%i %I %O %r")) {
            try (Socket client = forwarder.connect()) {
                client.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
                assertThat(client.getInputStream().readAllBytes()).asString().isEqualTo("ok");
            }
            forwarder.awaitEnded(1);
            assertThat(((Event.SessionClosed) forwarder.events.stream().filter(e -> e instanceof Event.SessionClosed)
                    .findFirst().orElseThrow()).session().verdict().rule()).isEqualTo(2);
        }
        try (var server = LoopbackServer.exchange(2, "ok".getBytes(StandardCharsets.US_ASCII));
             var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "-r", "10.9.9.9",
                     "-c", log.toString(), "-C", "%i %I %O %r")) {
            try (Socket client = forwarder.connect()) {
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
            Event.SessionRefused refused = (Event.SessionRefused) forwarder.awaitEnded(1).getFirst();
            assertThat(refused.session().verdict().pass()).isFalse();
        }
        assertThat(Files.readAllLines(log)).containsExactly(
                "127.0.0.1 2 2 remote peer closed", "127.0.0.1 0 0 client address not allowed (-r)");
    }

    @Test
    void logsAConnectionWhoseDestinationRefuses() throws Exception {
        int closedPort = TcpTargets.closedPort(InetAddress.getLoopbackAddress());
        Path log = dir.resolve("conn.log");
        try (var forwarder = TestForwarder.start("-P" + closedPort + "@127.0.0.1", "-c", log.toString(), "-C", "%h.%P %r")) {
            try (Socket client = forwarder.connect()) {
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
            forwarder.awaitEnded(1);
        }
        assertThat(Files.readString(log)).isEqualTo("127.0.0.1." + closedPort + " remote peer error (Connection refused)\n");
    }

    @Test
    void listensOnEveryAddressByDefaultAndOnlyOnTheListenHostWhenGiven() throws Exception {
        try (var server = LoopbackServer.exchange(1, "!".getBytes(StandardCharsets.US_ASCII))) {
            try (var everywhere = TestForwarder.start("-p0", "-P" + server.port() + "@127.0.0.1")) {
                for (String address : List.of("127.0.0.1", "::1")) {
                    try (Socket client = new Socket(address, everywhere.port())) {
                        client.getOutputStream().write('?');
                        assertThat(client.getInputStream().readAllBytes()).asString().isEqualTo("!");
                    }
                }
                everywhere.awaitEnded(2);
            }
            try (var onlyV4 = TestForwarder.start("-p0@127.0.0.1", "-P" + server.port() + "@127.0.0.1")) {
                assertThatThrownBy(() -> new Socket("::1", onlyV4.port()).close()).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void curlGetsThePageThroughTheForwarderWithTheTargetFromOptionH() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = "<html>through wirelog forward</html>\n".getBytes(StandardCharsets.US_ASCII);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        http.start();
        try (var forwarder = TestForwarder.start("-h", "127.0.0.1", "-P", Integer.toString(http.getAddress().getPort()))) {
            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "http://127.0.0.1:" + forwarder.port() + "/")
                    .redirectErrorStream(true).start();
            assertThat(curl.getInputStream().readAllBytes()).isEqualTo(page);
            assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).isZero();
            forwarder.awaitEnded(1);
        } finally {
            http.stop(0);
        }
    }
}
