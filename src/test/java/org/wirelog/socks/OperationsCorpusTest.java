package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.socks.CorpusPeers.CLOSED;
import static org.wirelog.socks.CorpusPeers.ECHO;
import static org.wirelog.socks.CorpusPeers.ECHO_XYZ;
import static org.wirelog.socks.CorpusPeers.HTTP;
import static org.wirelog.socks.CorpusPeers.SERVER;
import static org.wirelog.socks.CorpusPeers.UDP_ECHO_XYZ;
import static org.wirelog.socks.CorpusPeers.UPSTREAM;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.Curl;
import org.wirelog.testing.DanteLogNormalizer;
import org.wirelog.testing.DantedProcess;
import org.wirelog.testing.LogComparison;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SocksUdpClient;
import org.wirelog.testing.WirelogProcess;

/**
 * The corpus scenarios about running the server rather than one session's lines: chaining through a second server
 * (a second wirelog, and real danted), the SIGUSR1 status dump, errorlog and logoutput: stdout. Each compares
 * wirelog's normalized output with real Dante's, as {@link DanteCorpusTest} does.
 */
class OperationsCorpusTest {

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

    @BeforeEach
    void freshPorts() throws IOException {
        peers.newServerPort();
        peers.newUpstreamPort();
    }

    @Test
    void chainingThroughASecondWirelog() throws Exception {
        Path upstreamLog = dir.resolve("chaining-upstream.log");
        Path log = dir.resolve("chaining.log");
        try (WirelogProcess upstream = WirelogProcess.start("socks", "-f", config("chaining-upstream", upstreamLog).toString());
             WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config("chaining", log).toString())) {
            SocksClient.Result echo = chainingClients();
            assertThat(wirelog.stop()).isZero();
            assertThat(upstream.stop()).isZero();
            assertLastProxyIsUpstreamsExternal(echo, log, upstreamLog);
        }
        assertSameAsDante("chaining", log, true);
        assertSameAsDante("chaining-upstream", upstreamLog, true);
    }

    /** LASTPROXY-EXT is the upstream's own PROXY-EXT, and our client's BND (REPORT 4.7): across the two logs. */
    private static void assertLastProxyIsUpstreamsExternal(SocksClient.Result echo, Path log, Path upstreamLog) throws IOException {
        String ours = Files.readAllLines(log).stream().filter(l -> l.contains("tcp/connect [:")).findFirst().orElseThrow();
        String theirs = Files.readAllLines(upstreamLog).stream().filter(l -> l.contains("tcp/connect [:")).findFirst().orElseThrow();
        String lastProxy = ours.replaceFirst(".*\\[(\\S+)\\].*", "$1");
        String theirExternal = theirs.replaceFirst(".* -> (\\S+) \\S+$", "$1");
        assertThat(lastProxy).isEqualTo(theirExternal).isEqualTo("127.0.0.1." + echo.bound().getPort());
    }

    @Test
    void chainingThroughRealDanted() throws Exception {
        Path upstreamLog = dir.resolve("chaining-upstream.log");
        Path log = dir.resolve("chaining.log");
        try (DantedProcess upstream = DantedProcess.start(config("chaining-upstream", upstreamLog),
                new java.net.InetSocketAddress(CorpusPeers.V4, peers.port(UPSTREAM)));
             WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config("chaining", log).toString())) {
            SocksClient.Result echo = chainingClients();
            assertThat(wirelog.stop()).isZero();
            assertLastProxyIsUpstreamsExternal(echo, log, upstreamLog);
        }
        assertSameAsDante("chaining", log, true);
    }

    private static SocksClient.Result chainingClients() throws Exception {
        SocksClient.Result echo = peers.client(ECHO).run();
        assertThat(echo.received()).isEqualTo(4);
        assertThat(Curl.get("--socks5", "127.0.0.1:" + peers.port(SERVER),
                "http://127.0.0.1:" + peers.port(HTTP) + "/hello.txt")).isEqualTo("200");
        Thread.sleep(300);
        return echo;
    }

    @Test
    void sigusr1DumpsEveryOpenSession() throws Exception {
        Path log = dir.resolve("sigusr1.log");
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config("sigusr1", log).toString())) {
            // As the corpus's run: a TCP client holding its session, then a UDP client its association, and the
            // signal while both are open, 1.5 s after the association's reply (so that its idle time shows 1-2 s).
            // The holds leave seconds to spare on a busy machine, where each step may take a second.
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<SocksClient.Result> tcp = clients.submit(() -> peers.client(ECHO_XYZ).expectBytes(7)
                        .hold(Duration.ofSeconds(7)).run());
                awaitLine(log, "tcp/connect -: 127.0.0.1." + peers.port(ECHO_XYZ)); // the corpus's order: TCP first
                Future<SocksUdpClient.Result> udp = clients.submit(() -> peers.udpClient(UDP_ECHO_XYZ)
                        .hold(Duration.ofMillis(4500)).run());
                awaitLine(log, "udp/udpreply -: ");
                Thread.sleep(1500);
                wirelog.signal("USR1");
                assertThat(udp.get().replies().getFirst().text()).isEqualTo("pingXYZ");
                assertThat(tcp.get().received()).isEqualTo(7);
            }
            Thread.sleep(300);
            assertThat(wirelog.stop()).isZero();
        }
        List<String> reference = List.of(DanteCorpusTest.resource("sigusr1.norm").split("\n"));
        List<String> expected = StatusDumpLoosely.apply(reference.stream().map(DanteLogNormalizer::maskTiming).toList());
        List<String> normalized = normalize(Files.readAllLines(log));
        assertThat(LogComparison.difference(expected, StatusDumpLoosely.apply(normalized))).isNull();
        // The association's line, exactly but for its age and idle time: 4 payload bytes to the target, 17 to the
        // client with the SOCKS header, one datagram each way.
        assertThat(normalized).filteredOn(line -> line.startsWith("udp: ")).singleElement().asString().matches(
                "udp: 127\\.0\\.0\\.1\\.<P4> 127\\.0\\.0\\.1\\.<P5> <-> 127\\.0\\.0\\.1\\.<P6> 127\\.0\\.0\\.1\\.10813: "
                        + "age: [12]s, idle: [12]s, bytes transferred: 4 <-> 17, packets: 1 <-> 1");
        List<String> dump = Files.readAllLines(log).stream().filter(line -> line.contains(" up ") || line.contains("latency")
                || line.contains("max limits")).map(line -> line.replaceFirst("^.*?: info: ", "")).toList();
        assertThat(dump).hasSize(5);
        assertThat(dump.get(0)).matches("wirelog v\\S+ up 0 days, 0:00, a: 2, h: 2 c: 2");
        assertThat(dump.get(1)).matches("wirelog is one process \\(pid \\d+\\) up 0 days, 0:00:0\\d: .*no child processes");
        assertThat(dump.get(2)).matches("max limits: files: \\d+ \\(\\d+ free\\), sessions: no cap");
        // One datagram out and one back, each timed from the kernel's arrival stamp.
        assertThat(dump.get(3)).matches("read-only latency statistics based on last 2 packets: "
                + "min/max/median/average/last/stddev: \\d+/\\d+/\\d+/\\d+/\\d+/\\d+ \\(us\\)");
        assertThat(dump.get(4)).matches("i/o latency statistics based on last 2 packets: "
                + "min/max/median/average/last/stddev: \\d+/\\d+/\\d+/\\d+/\\d+/\\d+ \\(us\\)");
    }

    /** Waits (at most 5 s) until the log has a line with {@code text}. */
    private static void awaitLine(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline) throw new AssertionError("no line with " + text + " in " + log);
            Thread.sleep(10);
        }
    }

    @Test
    void errorlogGetsWarningsAndTheShutdownOnly() throws Exception {
        Path log = dir.resolve("errorlog.log");
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config("errorlog", log).toString())) {
            assertThat(peers.client(ECHO).run().received()).isEqualTo(4);
            assertThat(peers.client(CLOSED).run().reply()).isEqualTo(5);
            assertThat(peers.clientOf("nosuchname.invalid", 80).run().reply()).isEqualTo(4);
            assertThat(wirelog.stop()).isZero();
        }
        assertSameAsDante("errorlog", log, false);
        List<String> errorlog = Files.readAllLines(dir.resolve("errorlog.errorlog"));
        assertThat(errorlog).allMatch(line -> line.contains(": warning: ") || line.contains(": alert: "));
        assertThat(LogComparison.difference(reference("errorlog.errorlog.norm", false), normalize(errorlog))).isNull();
    }

    @Test
    void logoutputStdout() throws Exception {
        Path config = dir.resolve("logoutput-stdout.conf");
        Files.writeString(config, peers.rewrite(DanteCorpusTest.resource("logoutput-stdout.conf"), null));
        List<String> stdout;
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config.toString())) {
            assertThat(peers.client(ECHO).run().received()).isEqualTo(4);
            assertThat(wirelog.stop()).isZero();
            stdout = wirelog.stdout();
        }
        List<String> actual = normalize(stdout);
        assertThat(LogComparison.difference(reference("logoutput-stdout.norm", false), actual)).isNull();
    }

    private Path config(String scenario, Path log) throws IOException {
        Path config = dir.resolve(scenario + ".conf");
        Files.writeString(config, peers.rewrite(DanteCorpusTest.resource(scenario + ".conf"), log));
        return config;
    }

    private static void assertSameAsDante(String scenario, Path log, boolean loose) throws IOException {
        List<String> actual = normalize(Files.readAllLines(log));
        List<String> expected = reference(scenario + ".norm", loose);
        String difference = LogComparison.difference(expected, loose ? LooseLog.apply(actual) : actual);
        assertThat(difference).as("wirelog's log vs real Dante's for " + scenario).isNull();
    }

    private static List<String> reference(String file, boolean loose) throws IOException {
        List<String> lines = List.of(DanteCorpusTest.resource(file).split("\n")).stream()
                .map(DanteLogNormalizer::maskTiming).toList();
        return loose ? LooseLog.apply(lines) : lines;
    }

    private static List<String> normalize(List<String> raw) {
        return new DanteLogNormalizer(peers.reverseMap(), peers.fixedAddresses()).normalize(raw).stream().map(DanteLogNormalizer::maskTiming).toList();
    }

    /**
     * What a status dump may differ in from Dante's (the "--loose" differences): ages and idle times, the
     * latency figures, the lines of Dante's child processes (wirelog has none), and the summary's counts.
     */
    static final class StatusDumpLoosely {
        private StatusDumpLoosely() {
        }

        static List<String> apply(List<String> lines) {
            return lines.stream()
                    .filter(line -> !line.matches("^(negotiators|requesters|iorelayers) \\(\\d+\\): .*")
                            && !line.startsWith("max limits: ") && !line.matches("^[a-z]+-child up .*")
                            && !line.contains("latency") && !line.startsWith("wirelog is one process"))
                    .map(line -> line.replaceAll("^(Dante|wirelog) v\\S+ up \\d+ days, \\d+:\\d\\d, a: \\d+, h: \\d+ c: \\d+$",
                            "<server> up <uptime>, a: <n>, h: <n> c: <n>"))
                    .map(line -> line.replaceAll("age: \\d+s, idle: \\d+s", "age: <N>s, idle: <N>s"))
                    .toList();
        }
    }
}
