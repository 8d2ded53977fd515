package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wirelog.sys.PidFile;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.WirelogProcess;

/** wirelog socks run as a daemon is run: SIGHUP, logrotate, user.unprivileged, debug levels, -D with a pid file. */
class SocksOperationsTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    private static String config(int port, Path log, String extraSettings, String socksRules) {
        return "logoutput: " + log + "\ninternal: 127.0.0.1 port = " + port + "\nexternal: 127.0.0.1\n" + extraSettings
                + "\nclient pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect }\n" + socksRules + "\n";
    }

    private static final String PASS_ALL = "socks pass { from: 0/0 to: 0/0 log: connect disconnect }";

    private static InetSocketAddress proxy(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** Also under nohup, which starts wirelog with SIGHUP ignored: the JVM alone would leave it so, no handler run. */
    @ParameterizedTest(name = "started {0}")
    @ValueSource(strings = {"directly", "under nohup"})
    void sighupAppliesNewRulesToNewSessionsWhileOpenOnesRunOn(String how) throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        Path log = dir.resolve("socks.log");
        Path conf = dir.resolve("sockd.conf");
        Files.writeString(conf, config(port, log, "", PASS_ALL));
        List<String> wrapper = how.equals("under nohup") ? List.of("nohup") : List.of();
        try (WirelogProcess wirelog = WirelogProcess.startWrapped(wrapper, "socks", "-f", conf.toString());
             HeldSession open = HeldSession.open(proxy(port), ECHO.port())) {
            assertThat(open.echo("before")).isEqualTo("before");
            Files.writeString(conf, config(port, log, "",
                    "socks block { from: 0/0 to: 127.0.0.1/32 port = " + ECHO.port() + " log: connect }\n" + PASS_ALL));
            wirelog.signal("HUP");
            awaitLine(log, "sighup(): configuration re-read");

            assertThat(SocksClient.via(proxy(port)).target("127.0.0.1", ECHO.port()).run().reply()).isEqualTo(2);
            assertThat(open.echo("after the reload")).isEqualTo("after the reload");

            Files.writeString(conf, "this is { not a config");
            wirelog.signal("HUP");
            assertThat(awaitLine(log, "sighup(): keeping the old configuration: ")).contains("syntax error");
            assertThat(SocksClient.via(proxy(port)).target("127.0.0.1", ECHO.port()).run().reply()).isEqualTo(2);
            assertThat(open.echo("still")).isEqualTo("still");
            open.close();
            awaitLine(log, "pass(1): tcp/accept ]: ");
            assertThat(wirelog.stop()).isZero();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.getLast()).endsWith("alert: mother[1/1]: shutting down");
        assertThat(lines).filteredOn(l -> l.contains("block(1): tcp/connect ]:")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains("pass(1): tcp/connect ]: 27 -> ")).hasSize(1);
    }

    @Test
    void logrotateRenameAndSighupLoseNoLine() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        // A directory only root may write: reopening after the rename needs user.privileged, as in danted.
        Path logs = Files.createDirectory(dir.resolve("logs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path log = logs.resolve("socks.log");
        Path conf = dir.resolve("sockd.conf");
        Files.writeString(conf, config(port, log, "user.privileged: root\nuser.unprivileged: nobody", PASS_ALL));
        int sessions = 60;
        AtomicInteger done = new AtomicInteger();
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", conf.toString())) {
            AtomicBoolean failed = new AtomicBoolean();
            Thread clients = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < sessions; i++) {
                    try {
                        if (SocksClient.via(proxy(port)).target("127.0.0.1", ECHO.port()).run().received() != 4) failed.set(true);
                    } catch (IOException e) {
                        failed.set(true);
                    }
                    done.incrementAndGet();
                }
            });
            for (int rotation = 1; rotation <= 2; rotation++) {
                int sessionsBefore = sessions * rotation / 3;
                Eventually.await(sessionsBefore + " sessions done", Duration.ofSeconds(60), () -> done.get() >= sessionsBefore);
                // As logrotate does: rotate only a log that exists, i.e. after the previous SIGHUP reopened it.
                Eventually.await("the log reopened", Duration.ofSeconds(10), () -> Files.exists(log));
                Files.move(log, logs.resolve("socks.log." + rotation));
                wirelog.signal("HUP");
                // The reload runs on wirelog's own time: on a busy machine the next rename could come before it.
                Eventually.await("the log file opened afresh", Duration.ofSeconds(30), () -> Files.exists(log));
            }
            clients.join(Duration.ofSeconds(60));
            assertThat(failed).isFalse();
            Thread.sleep(300);
            assertThat(wirelog.stop()).isZero();
        }
        List<String> all = new ArrayList<>();
        for (String name : List.of("socks.log.1", "socks.log.2", "socks.log")) {
            List<String> lines = Files.readAllLines(logs.resolve(name));
            assertThat(lines).as(name).isNotEmpty();
            all.addAll(lines);
        }
        assertThat(all).filteredOn(l -> l.contains("tcp/accept [:")).hasSize(sessions);
        assertThat(all).filteredOn(l -> l.contains("tcp/connect [:")).hasSize(sessions);
        assertThat(all).filteredOn(l -> l.contains("tcp/connect ]: 4 -> ")).hasSize(sessions);
        assertThat(all).filteredOn(l -> l.contains("tcp/accept ]: 4 -> ")).hasSize(sessions);
        assertThat(all).filteredOn(l -> l.contains("sighup(): configuration re-read")).hasSize(2);
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void bindsAPrivilegedPortThenRunsAsTheUnprivilegedUser() throws Exception {
        int port = freePrivilegedPort();
        Path log = dir.resolve("socks.log");
        Path conf = dir.resolve("sockd.conf");
        Files.writeString(conf, config(port, log, "user.privileged: root\nuser.unprivileged: nobody", PASS_ALL));
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", conf.toString())) {
            assertThat(ids(wirelog.pid())).containsExactly("Uid:", "0", "65534", "0", "65534");
            assertThat(SocksClient.via(proxy(port)).target("127.0.0.1", ECHO.port()).run().received()).isEqualTo(4);
            assertThat(wirelog.stop()).isZero();
        }
        Files.writeString(conf, config(port, log, "user.unprivileged: nobody", PASS_ALL));
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", conf.toString())) {
            assertThat(ids(wirelog.pid())).containsExactly("Uid:", "65534", "65534", "65534", "65534");
            assertThat(SocksClient.via(proxy(port)).target("127.0.0.1", ECHO.port()).run().received()).isEqualTo(4);
            assertThat(wirelog.stop()).isZero();
        }
    }

    private static List<String> ids(long pid) throws IOException {
        String uid = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        return List.of(uid.split("\\s+"));
    }

    private static int freePrivilegedPort() throws IOException {
        for (int port = 1023; port > 900; port--) {
            try (ServerSocket probe = new ServerSocket(port, 1, LOOPBACK)) {
                return port;
            } catch (IOException taken) {
                // try the next
            }
        }
        throw new IOException("no free port below 1024");
    }

    @Test
    void debugLevelsFromTheConfigAndFromMinusD() throws Exception {
        assertThat(debugLines("", "1")).anyMatch(l -> l.contains("debug: rulespermit(): 127.0.0.1."))
                .anyMatch(l -> l.contains("debug: negotiate(): client 127.0.0.1.") && l.contains("SOCKS v5, method none"))
                .anyMatch(l -> l.contains("debug: rulespermit(): rule matched: 1 (socks-rule, line 6), verdict pass"))
                .anyMatch(l -> l.contains("debug: connect(): connecting to 127.0.0.1." + ECHO.port()))
                .noneMatch(l -> l.contains("debug: io():"));
        assertThat(debugLines("debug: 2", null)).anyMatch(l -> l.contains("debug: io(): session ") && l.contains(": 4 bytes from client"))
                .anyMatch(l -> l.contains(": 4 bytes from target 127.0.0.1." + ECHO.port()));
        assertThat(debugLines("debug: 1", null)).anyMatch(l -> l.contains("debug: rulespermit()")).noneMatch(l -> l.contains("io():"));
        assertThat(debugLines("debug: 2", "0")).noneMatch(l -> l.contains(" debug: "));
    }

    private List<String> debugLines(String setting, String minusD) throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        Path log = Files.createTempFile(dir, "debug", ".log");
        Path conf = Files.createTempFile(dir, "sockd", ".conf");
        Files.writeString(conf, config(port, log, setting, PASS_ALL));
        List<String> args = new ArrayList<>(List.of("socks", "-f", conf.toString()));
        if (minusD != null) args.addAll(List.of("-d", minusD));
        try (WirelogProcess wirelog = WirelogProcess.start(args.toArray(String[]::new))) {
            assertThat(SocksClient.via(proxy(port)).target("127.0.0.1", ECHO.port()).settle(Duration.ofMillis(200)).run().received()).isEqualTo(4);
            assertThat(wirelog.stop()).isZero();
        }
        return Files.readAllLines(log);
    }

    @Test
    void minusDDetachesAndWritesThePidFile() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        Path log = dir.resolve("socks.log");
        Path conf = dir.resolve("sockd.conf");
        Path pidFile = dir.resolve("wirelog.pid");
        Files.writeString(conf, config(port, log, "", PASS_ALL));

        WirelogProcess.Completed started = WirelogProcess.run(Duration.ofSeconds(40), "socks", "-D", "-f", conf.toString(),
                "-p", pidFile.toString());

        assertThat(started.exitCode()).as(started.output()).isZero();
        long pid = PidFile.read(pidFile).orElseThrow();
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        try {
            assertThat(daemon.parent()).as("reparented away from us").isNotEqualTo(ProcessHandle.current().parent());
            assertThat(SocksClient.via(proxy(port)).target("127.0.0.1", ECHO.port()).run().received()).isEqualTo(4);
            new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).start().waitFor();
            daemon.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            if (daemon.isAlive()) daemon.destroyForcibly();
        }
        assertThat(pidFile).doesNotExist();
        assertThat(Files.readAllLines(log).getLast()).endsWith("alert: mother[1/1]: shutting down");
    }

    static String awaitLine(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) if (line.contains(text)) return line;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line with \"" + text + "\" in " + log + ":\n" + String.join("\n", Files.readAllLines(log)));
    }
}
