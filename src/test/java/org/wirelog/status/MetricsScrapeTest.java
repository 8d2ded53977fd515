package org.wirelog.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.nat.Corpus;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.HttpTarget;
import org.wirelog.testing.PrometheusText;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.WirelogProcess;

/**
 * {@code --metrics} of each mode, scraped by the JDK's HTTP client from a real wirelog process after known
 * traffic went through it: the counts and byte totals equal what the clients sent and received.
 */
class MetricsScrapeTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    /** What curl says it sent and received on the HTTP connection: {@code size_request}, headers + body. */
    private record CurlSizes(long sent, long received) {
    }

    private static CurlSizes curlThroughSocks(int socksPort, String url, String expectedCode) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--socks5",
                "127.0.0.1:" + socksPort, "-w", "%{http_code} %{size_request} %{size_header} %{size_download}", url)
                .redirectErrorStream(true).start();
        String[] out = new String(curl.getInputStream().readAllBytes()).trim().split(" ");
        assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(out[0]).as("http code of " + url).isEqualTo(expectedCode);
        return new CurlSizes(Long.parseLong(out[1]), Long.parseLong(out[2]) + Long.parseLong(out[3]));
    }

    static Path socksConfig(Path dir, int socksPort, int passPort) throws IOException {
        return Files.writeString(dir.resolve("sockd.conf"), """
                internal: 127.0.0.1 port = %d
                external: 127.0.0.1
                clientmethod: none
                socksmethod: none
                logoutput: stdout
                client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
                socks pass { from: 127.0.0.0/8 to: 127.0.0.1/32 port = %d log: connect disconnect }
                socks block { from: 0.0.0.0/0 to: 0.0.0.0/0 log: connect error }
                """.formatted(socksPort, passPort));
    }

    static String metricsAddress() throws IOException {
        return "127.0.0.1:" + TcpTargets.freePort(LOOPBACK);
    }

    @Test
    void socksCountsCurlsRequestsTheirBytesARuleBlockAndANegotiationError() throws Exception {
        try (HttpTarget http = HttpTarget.start("127.0.0.1")) {
            int socksPort = TcpTargets.freePort(LOOPBACK);
            String metrics = metricsAddress();
            Path conf = socksConfig(dir, socksPort, http.port());
            try (WirelogProcess socks = WirelogProcess.start("socks", "-f", conf.toString(), "--metrics", metrics)) {
                long sent = 0, received = 0;
                for (String file : List.of("hello.txt", "hello.txt", "no-such-file")) {
                    // a 404 is traffic too: python's answer, headers and page
                    CurlSizes sizes = curlThroughSocks(socksPort, "http://127.0.0.1:" + http.port() + "/" + file,
                            file.equals("no-such-file") ? "404" : "200");
                    sent += sizes.sent();
                    received += sizes.received();
                }
                int blocked = TcpTargets.closedPort(LOOPBACK);
                Process refused = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--socks5", "127.0.0.1:" + socksPort,
                        "http://127.0.0.1:" + blocked + "/").redirectErrorStream(true).start();
                refused.getInputStream().readAllBytes();
                assertThat(refused.waitFor(15, TimeUnit.SECONDS)).isTrue();
                try (Socket garbage = new Socket(LOOPBACK, socksPort)) {
                    garbage.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
                    garbage.getInputStream().readAllBytes(); // wirelog closes on the bad version byte
                }
                Eventually.await("three connect closes in the log", LIMIT, () -> lines(socks).stream()
                        .filter(l -> l.contains("tcp/connect ]: ") && l.contains("pass(")).count() == 3);
                // the client-rule logs nothing, so only the metrics tell of the negotiation error
                Eventually.await("the negotiation error counted", LIMIT, () -> scrape(metrics)
                        .sum("wirelog_sessions_refused_total", "command", "accept", "reason", "negotiation_error") == 1);

                PrometheusText scrape = scrape(metrics);
                assertThat(scrape.sum("wirelog_sessions_total", "mode", "socks", "protocol", "tcp", "command", "connect",
                        "verdict", "pass", "rule", "1")).as(scrape.toString()).isEqualTo(3);
                assertThat(scrape.sum("wirelog_bytes_total", "mode", "socks", "direction", "from_client")).isEqualTo(sent);
                assertThat(scrape.sum("wirelog_bytes_total", "mode", "socks", "direction", "from_target")).isEqualTo(received);
                assertThat(scrape.sum("wirelog_sessions_refused_total", "command", "connect", "reason", "blocked")).isEqualTo(1);
                assertThat(scrape.sum("wirelog_sessions_refused_total", "command", "accept", "reason", "negotiation_error"))
                        .isEqualTo(1);
                assertThat(scrape.sum("wirelog_sessions_open")).isZero();
                assertThat(scrape.sum("wirelog_log_lines_written_total")).isEqualTo(lines(socks).size());
                assertThat(scrape.sum("wirelog_log_queue_depth")).isZero();
                assertThat(socks.stop()).isZero();
            }
        }
    }

    @Test
    void forwardCountsEveryConnectionAndTheBytesEachWay() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        String metrics = metricsAddress();
        int[] sizes = {1, 1000, 65_536, 300_000};
        try (WirelogProcess forward = WirelogProcess.start("forward", "--metrics", metrics, "-p", Integer.toString(port),
                "-h", "127.0.0.1", "-P", Integer.toString(ECHO.port()), "-l", "-f", dir.resolve("prot").toString())) {
            for (int size : sizes) echoThrough(port, size);
            Eventually.await(sizes.length + " forwarded connections counted", LIMIT,
                    () -> scrape(metrics).sum("wirelog_sessions_total") == sizes.length);
            PrometheusText scrape = scrape(metrics);
            long total = Arrays.stream(sizes).asLongStream().sum();
            assertThat(scrape.sum("wirelog_sessions_total", "mode", "forward", "command", "forward", "verdict", "pass"))
                    .isEqualTo(sizes.length);
            assertThat(scrape.sum("wirelog_bytes_total", "mode", "forward", "direction", "from_client")).isEqualTo(total);
            assertThat(scrape.sum("wirelog_bytes_total", "mode", "forward", "direction", "from_target")).isEqualTo(total);
            assertThat(scrape.sum("wirelog_sessions_open")).isZero();
            assertThat(scrape.sum("wirelog_session_errors_total")).isZero();
        }
    }

    @Test
    void aMetricsPortInUseStopsTheStartWithTheReason() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            String metrics = "127.0.0.1:" + taken.getLocalPort();
            Path conf = socksConfig(dir, TcpTargets.freePort(LOOPBACK), ECHO.port());
            var run = WirelogProcess.run(LIMIT, "socks", "-f", conf.toString(), "--metrics", metrics);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("--metrics " + metrics + ": cannot listen: Address already in use");
        }
    }

    /** Sends {@code size} bytes through the forwarder to the echo and reads them all back. */
    private static void echoThrough(int port, int size) throws IOException {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(data);
                    socket.shutdownOutput();
                } catch (IOException ignored) {
                    // the read below fails then
                }
            });
            assertThat(in.readAllBytes()).isEqualTo(data);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void natCountsTheTranslationsOfACaptureAsRealNatlogLoggedThemAndServesThemUntilTerminated() throws Exception {
        String metrics = metricsAddress();
        try (WirelogProcess nat = WirelogProcess.start("nat", "-c", "/dev/null", "--no-daemon", "--stdout", "--log", "off",
                "-P", "all", "--metrics", metrics, Corpus.path("pcap/fwin.pcap").toString(), "192.168.77.1", "/24",
                Corpus.path("pcap/fwout.pcap").toString(), "10.77.0.1", "/24")) {
            Eventually.await("the capture processed", LIMIT, () -> lines(nat).stream().anyMatch(l -> l.startsWith("metrics: ")));
            PrometheusText scrape = PrometheusText.scrape("http://" + metrics + "/metrics");
            // the metrics see the translations the log wrote, one for one
            for (String protocol : List.of("tcp", "udp", "icmp")) {
                Pattern line = Pattern.compile("^from .*?:\\s+" + protocol + " .*");
                long logged = lines(nat).stream().filter(l -> line.matcher(l).matches()).count();
                assertThat(logged).as(protocol + " lines").isPositive();
                assertThat(scrape.sum("wirelog_sessions_total", "mode", "nat", "protocol", protocol, "command", "nat"))
                        .as(protocol).isEqualTo(logged);
            }
            // and their bytes: the log's columns, which TcpdumpModeCorpusTest ties to tcpdump's own decoding of the capture
            Pattern counts = Pattern.compile(".*sent:\\s+(\\d+), received:\\s+(\\d+).*");
            long sent = 0, received = 0;
            for (String l : lines(nat)) {
                Matcher m = counts.matcher(l);
                if (!m.matches()) continue;
                sent += Long.parseLong(m.group(1));
                received += Long.parseLong(m.group(2));
            }
            assertThat(sent).isPositive();
            assertThat(scrape.sum("wirelog_bytes_total", "mode", "nat", "direction", "from_client")).isEqualTo(sent);
            assertThat(scrape.sum("wirelog_bytes_total", "mode", "nat", "direction", "from_target")).isEqualTo(received);
            assertThat(scrape.sum("wirelog_nat_flows_tracked")).as("every flow was logged at the end of the files").isZero();
            assertThat(scrape.declares("wirelog_nat_flows_tracked")).isTrue();
            assertThat(scrape.sum("wirelog_log_lines_written_total")).isEqualTo(lines(nat).size());
            assertThat(nat.stop()).isZero();
        }
    }

    /** A scrape for polling: an empty one while the server cannot answer. */
    private static PrometheusText scrape(String metrics) {
        try {
            return PrometheusText.scrape("http://" + metrics + "/metrics");
        } catch (IOException e) {
            return new PrometheusText("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PrometheusText("");
        }
    }

    private static List<String> lines(WirelogProcess process) {
        try {
            return new ArrayList<>(process.stdout());
        } catch (IOException e) {
            return List.of();
        }
    }
}
