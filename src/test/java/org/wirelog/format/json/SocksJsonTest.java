package org.wirelog.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.JsonLines;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SystemUser;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.UdpCollector;
import org.wirelog.testing.WirelogProcess;

/**
 * {@code wirelog socks --log-format json} as a real process: a sockd.conf's logoutput (a file, stdout and a remote
 * syslog collector) all get one JSON object per event, read back by python's JSON parser and checked value by value.
 */
class SocksJsonTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final String USER = "wljson", PASSWORD = "json-secret-1";
    private static final String RFC3339_MICROS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    private static SystemUser user;
    private static TcpTargets targets;
    private static int echo;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        user = SystemUser.create(USER, PASSWORD);
        targets = new TcpTargets();
        echo = targets.echo(LOOPBACK);
    }

    @AfterAll
    static void stop() throws Exception {
        user.close();
        targets.close();
    }

    @Test
    void everyLogoutputGetsJsonObjectsWithTheSessionsValues() throws Exception {
        try (UdpCollector collector = UdpCollector.on(LOOPBACK)) {
            int other = TcpTargets.closedPort(LOOPBACK);
            Path file = dir.resolve("sockd.json");
            Path conf = dir.resolve("sockd.conf");
            Instant before = Instant.now();
            SocksClient.Result passed, blocked;
            List<String> stdout;
            int port;
            try (Started started = startOnAFreePort(conf, file, collector.port())) {
                WirelogProcess wirelog = started.wirelog();
                port = started.port();
                var proxy = new InetSocketAddress(LOOPBACK, port);
                passed = SocksClient.via(proxy).target("127.0.0.1", echo).login(USER, PASSWORD).payload("hello".getBytes(StandardCharsets.US_ASCII))
                        .expectBytes(5).run();
                blocked = SocksClient.via(proxy).target("127.0.0.1", other).login(USER, PASSWORD).run();
                Eventually.await("the block in the log", Duration.ofSeconds(15),
                        () -> Eventually.linesSoFar(file).stream().anyMatch(l -> l.contains("\"refused\"")));
                assertThat(wirelog.stop()).isZero();
                stdout = wirelog.stdout();
            }
            Instant after = Instant.now();
            assertThat(passed.received()).isEqualTo(5);
            assertThat(blocked.succeeded()).isFalse();

            List<String> lines = Files.readAllLines(file);
            assertThat(stdout).as("stdout gets the same lines").isEqualTo(lines);
            Eventually.await("the collector's messages", Duration.ofSeconds(10), () -> collector.datagrams().size() >= lines.size());
            assertThat(collector.texts().stream().map(m -> m.substring(m.indexOf(" - - ") + 5)).toList()).as("the syslog messages are the lines")
                    .isEqualTo(lines);

            List<Map<String, String>> events = JsonLines.parse(lines);
            for (Map<String, String> e : events) {
                assertThat(e.get("time")).matches(RFC3339_MICROS);
                assertThat(Instant.parse(e.get("time"))).isBetween(before, after);
            }
            List<Map<String, String>> sessions = events.stream().filter(e -> !e.get("event").equals("notice")).toList();
            assertThat(sessions).extracting(e -> e.get("event")).containsExactly("open", "close", "refused");
            Map<String, String> open = sessions.get(0), close = sessions.get(1), refused = sessions.get(2);
            // sockd.conf numbers its socks rules from 1, as Dante does: the pass is 1, the block 2

            String clientPort = open.get("client.port");
            Map<String, String> common = new java.util.LinkedHashMap<>(Map.of("session", open.get("session"), "protocol", "tcp",
                    "command", "connect", "verdict", "pass", "rule", "1", "client.host", "127.0.0.1", "client.port", clientPort,
                    "client.method", "username", "client.user", USER));
            common.putAll(Map.of("internal.host", "127.0.0.1", "internal.port", Integer.toString(port),
                    "external.host", "127.0.0.1", "external.port", open.get("external.port"),
                    "target.host", "127.0.0.1", "target.port", Integer.toString(echo)));
            assertThat(without(open, "time", "event")).isEqualTo(common);

            Map<String, String> closeExpected = new java.util.LinkedHashMap<>(common);
            closeExpected.putAll(Map.of("begin", close.get("begin"), "clientLink.written", "5", "clientLink.read", "5",
                    "targetLink.written", "5", "targetLink.read", "5", "reason", "local client closed", "seconds", close.get("seconds")));
            assertThat(without(close, "time", "event")).isEqualTo(closeExpected);
            assertThat(close.get("begin")).matches(RFC3339_MICROS);
            assertThat(Instant.parse(close.get("begin"))).isBefore(Instant.parse(open.get("time")));
            double seconds = Double.parseDouble(close.get("seconds"));
            assertThat(seconds).isEqualTo(Duration.between(Instant.parse(close.get("begin")), Instant.parse(close.get("time"))).toMillis()
                    / 1000.0, org.assertj.core.data.Offset.offset(0.0011));

            assertThat(refused.get("session")).isNotEqualTo(open.get("session"));
            assertThat(refused).containsEntry("verdict", "block").containsEntry("rule", "2").containsEntry("command", "connect")
                    .containsEntry("client.user", USER).containsEntry("client.method", "username")
                    .containsEntry("target.host", "127.0.0.1").containsEntry("target.port", Integer.toString(other));
        }
    }

    private record Started(WirelogProcess wirelog, int port) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            wirelog.close();
        }
    }

    /**
     * The server on a port free a moment ago, tried again (at most 3 times) when the kernel still holds it: a port in
     * TIME_WAIT passes the probe (Java binds with SO_REUSEADDR) and fails wirelog's listen.
     */
    private static Started startOnAFreePort(Path conf, Path file, int syslogPort) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int port = TcpTargets.freePort(LOOPBACK);
            Files.writeString(conf, "logoutput: " + file + " stdout syslog://127.0.0.1:" + syslogPort + "\n"
                    + "internal: 127.0.0.1 port = " + port + "\nexternal: 127.0.0.1\nsocksmethod: username\n"
                    + "client pass { from: 127.0.0.0/8 to: 0/0 }\n"
                    + "socks pass { from: 0/0 to: 127.0.0.1/32 port = " + echo + " log: connect disconnect }\n"
                    + "socks block { from: 0/0 to: 0/0 log: connect error }\n");
            try {
                return new Started(WirelogProcess.start("socks", "--log-format", "json", "-f", conf.toString()), port);
            } catch (java.io.IOException e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) throw e;
                Files.deleteIfExists(file);
            }
        }
    }

    private static Map<String, String> without(Map<String, String> object, String... names) {
        Map<String, String> rest = new java.util.LinkedHashMap<>(object);
        for (String name : names) rest.remove(name);
        return rest;
    }

    @Test
    void anUnknownFormatIsRefused() throws Exception {
        var run = WirelogProcess.run(Duration.ofSeconds(30), "socks", "--log-format", "xml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("--log-format is dante or json, not xml");
    }
}
